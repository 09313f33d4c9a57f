// medialit word highlighter (anywidget front end; plain ES module, no build step).
//
// Model traits: text, base (absolute offset of text[0]), tokens ([[s, e]] relative),
// value ([[s, e]] absolute, synced back to Python), marks ([{start, end, kind}] absolute),
// disabled, label, accent, tint.
//
// Mouse: press on a word and drag to another, release to highlight the words between;
// click a highlighted word to remove its highlight.
// Keyboard: Tab to the passage; Left/Right move the word cursor; Shift+Left/Right extend
// a pending selection; Space or Enter highlights it (or removes the highlight under the
// cursor); Home/End jump; Escape drops the pending selection (cursor back to its start).

const MARK_LABELS = { found: "✓ found", missed: "○ missed", extra: "✗ over-flagged" };
// anywidget evaluates this module once per widget, so a module-level counter restarts at 1
// in every highlighter: ids are random per view instead (one page may show many highlighters).
const newId = () => `mlh-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}`;

function render({ model, el }) {
  const uid = newId();
  const root = document.createElement("div");
  root.className = "mlh";

  const help = document.createElement("p");
  help.className = "mlh-instructions";
  help.id = `${uid}-help`;
  help.textContent =
    "Highlight words: drag across them with the mouse, or press Tab to reach the passage, " +
    "move with ← →, extend with Shift+← →, and press Space or Enter. " +
    "Click a highlight (or press Space on it) to remove it; Escape cancels a selection.";

  const box = document.createElement("div");
  box.className = "mlh-passage";
  box.tabIndex = 0;
  box.setAttribute("role", "application");
  box.setAttribute("aria-roledescription", "word highlighter");
  box.setAttribute("aria-describedby", help.id);
  // JupyterLab 4 / Notebook 7: keep notebook shortcuts (Space, Enter, arrows) out of here.
  box.setAttribute("data-lm-suppress-shortcuts", "true");

  const legend = document.createElement("p");
  legend.className = "mlh-legend";

  const status = document.createElement("p");
  status.className = "mlh-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  root.append(help, box, legend, status);
  el.appendChild(root);

  const st = { cursor: -1, anchor: null, drag: null };
  let tokNodes = [];
  let gapNodes = []; // [node, absStart, absEnd]

  const toks = () => model.get("tokens") || [];
  const base = () => model.get("base") || 0;
  const spans = () => model.get("value") || [];
  const text = () => model.get("text") || "";
  const abs = (i) => [base() + toks()[i][0], base() + toks()[i][1]];
  const inside = (s, e) => spans().some(([a, b]) => a < e && s < b);
  const isOn = (i) => inside(...abs(i));
  const slice = (s, e) => text().slice(s - base(), e - base());
  const clamp = (i) => Math.max(0, Math.min(toks().length - 1, i));

  function setSpans(list) {
    model.set("value", list.map(([a, b]) => [a, b]).sort((x, y) => x[0] - y[0]));
    model.save_changes();
  }

  // Join spans that overlap or are separated by white space only.
  function normalise(list) {
    const sorted = list.slice().sort((x, y) => x[0] - y[0]);
    const out = [];
    for (const [a, b] of sorted) {
      const last = out[out.length - 1];
      if (last && (a <= last[1] || /^\s*$/.test(slice(last[1], a)))) last[1] = Math.max(last[1], b);
      else out.push([a, b]);
    }
    return out;
  }

  function addRange(i, j) {
    const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
    setSpans(normalise([...spans(), [abs(lo)[0], abs(hi)[1]]]));
  }

  function removeAt(i) {
    const [s, e] = abs(i);
    setSpans(spans().filter(([a, b]) => !(a < e && s < b)));
  }

  // Take tokens lo..hi out of the highlights, keeping the rest of each highlight.
  function subtractRange(i, j) {
    const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
    const s = abs(lo)[0], e = abs(hi)[1];
    const out = [];
    for (const [a, b] of spans()) {
      if (!(a < e && s < b)) { out.push([a, b]); continue; }
      for (const [p, q] of [[a, s], [e, b]]) {
        if (q <= p) continue;
        const piece = slice(p, q);
        const lead = piece.length - piece.trimStart().length;
        const trail = piece.length - piece.trimEnd().length;
        if (p + lead < q - trail) out.push([p + lead, q - trail]);
      }
    }
    setSpans(out);
  }

  function pending() {
    if (st.drag) return [Math.min(st.drag.from, st.drag.to), Math.max(st.drag.from, st.drag.to)];
    if (st.anchor !== null && st.cursor >= 0)
      return [Math.min(st.anchor, st.cursor), Math.max(st.anchor, st.cursor)];
    return null;
  }

  function build() {
    box.textContent = "";
    tokNodes = [];
    gapNodes = [];
    const t = text(), list = toks(), b = base();
    const marks = (model.get("marks") || []).slice().sort((x, y) => x.start - y.start);
    let pos = 0, m = 0;
    list.forEach(([s, e], i) => {
      if (s > pos) {
        const gap = document.createElement("span");
        gap.className = "mlh-gap";
        gap.textContent = t.slice(pos, s);
        box.appendChild(gap);
        gapNodes.push([gap, b + pos, b + s]);
      }
      // A text label before the first word of each feedback mark (never colour alone).
      while (m < marks.length && marks[m].start < b + e) {
        const tag = document.createElement("span");
        tag.className = `mlh-tag mlh-tag-${marks[m].kind}`;
        tag.textContent = MARK_LABELS[marks[m].kind] || marks[m].kind;
        box.appendChild(tag);
        m++;
      }
      const node = document.createElement("span");
      node.className = "mlh-tok";
      node.id = `${uid}-t${i}`;
      node.dataset.i = String(i);
      node.textContent = t.slice(s, e);
      box.appendChild(node);
      tokNodes.push(node);
      pos = e;
    });
    if (pos < t.length) box.appendChild(document.createTextNode(t.slice(pos)));
    legend.textContent = marks.length
      ? "Feedback: ✓ found (solid green box) · ○ missed (dashed orange box) · ✗ over-flagged (dotted purple box)"
      : "";
    paint();
  }

  function markKind(s, e) {
    for (const mk of model.get("marks") || []) if (mk.start < e && s < mk.end) return mk.kind;
    return null;
  }

  function paint() {
    box.style.setProperty("--mlh-accent", model.get("accent") || "#0072B2");
    box.style.setProperty("--mlh-tint", model.get("tint") || "#fbe9a0");
    box.setAttribute("aria-label", model.get("label") || "Passage to highlight");
    const disabled = !!model.get("disabled");
    box.classList.toggle("mlh-disabled", disabled);
    box.setAttribute("aria-disabled", String(disabled));
    const pend = pending();
    tokNodes.forEach((node, i) => {
      const [s, e] = abs(i);
      const on = inside(s, e);
      node.classList.toggle("mlh-on", on);
      node.classList.toggle("mlh-pending", !!pend && pend[0] <= i && i <= pend[1]);
      node.classList.toggle("mlh-cursor", i === st.cursor);
      const kind = markKind(s, e);
      for (const k of ["found", "missed", "extra"]) node.classList.toggle(`mlh-${k}`, kind === k);
    });
    for (const [node, s, e] of gapNodes) {
      const on = spans().some(([a, b]) => a <= s && e <= b);
      node.classList.toggle("mlh-on", on);
      const kind = markKind(s, e);
      for (const k of ["found", "missed", "extra"]) node.classList.toggle(`mlh-${k}`, kind === k);
      const pend = pending();
      const prev = node.previousElementSibling, next = node.nextElementSibling;
      const inPend = !!pend && prev && next && prev.dataset.i !== undefined && next.dataset.i !== undefined &&
        pend[0] <= Number(prev.dataset.i) && Number(next.dataset.i) <= pend[1];
      node.classList.toggle("mlh-pending", inPend);
    }
    if (st.cursor >= 0 && tokNodes[st.cursor]) box.setAttribute("aria-activedescendant", tokNodes[st.cursor].id);
    else box.removeAttribute("aria-activedescendant");
  }

  function announce() {
    const n = toks().length;
    const count = spans().length;
    const summary = `${count} highlight${count === 1 ? "" : "s"}`;
    const pend = pending();
    if (pend && pend[1] > pend[0]) {
      const words = slice(abs(pend[0])[0], abs(pend[1])[1]);
      status.textContent = `Selecting “${words}”. Press Space to highlight. ${summary}.`;
    } else if (st.cursor >= 0 && st.cursor < n) {
      const [s, e] = abs(st.cursor);
      status.textContent = `“${slice(s, e)}”, word ${st.cursor + 1} of ${n}` +
        `${isOn(st.cursor) ? ", highlighted" : ""}. ${summary}.`;
    } else {
      status.textContent = summary + ".";
    }
  }

  function toggle() {
    const pend = pending();
    if (pend && pend[1] > pend[0]) {
      let all = true;
      for (let i = pend[0]; i <= pend[1]; i++) if (!isOn(i)) all = false;
      if (all) subtractRange(pend[0], pend[1]);
      else addRange(pend[0], pend[1]);
    } else if (st.cursor >= 0) {
      if (isOn(st.cursor)) removeAt(st.cursor);
      else addRange(st.cursor, st.cursor);
    }
    st.anchor = null;
  }

  function onKey(ev) {
    if (model.get("disabled") || !toks().length) return;
    let handled = true;
    const step = (d) => {
      if (ev.shiftKey) { if (st.anchor === null) st.anchor = Math.max(st.cursor, 0); }
      else st.anchor = null;
      st.cursor = st.cursor < 0 ? 0 : clamp(st.cursor + d);
    };
    switch (ev.key) {
      case "ArrowRight": step(1); break;
      case "ArrowLeft": step(-1); break;
      case "Home": st.anchor = ev.shiftKey ? (st.anchor ?? Math.max(st.cursor, 0)) : null; st.cursor = 0; break;
      case "End": st.anchor = ev.shiftKey ? (st.anchor ?? Math.max(st.cursor, 0)) : null; st.cursor = toks().length - 1; break;
      case " ": case "Spacebar": case "Enter": toggle(); break;
      case "Escape": // drop the pending selection; the cursor goes back to where it began
        if (st.anchor !== null) { st.cursor = st.anchor; st.anchor = null; } else handled = false;
        break;
      default: handled = false;
    }
    if (handled) {
      ev.preventDefault();
      ev.stopPropagation();
      paint();
      announce();
    }
  }

  const tokenAt = (node) => {
    const tok = node && node.closest ? node.closest(".mlh-tok") : null;
    return tok && box.contains(tok) ? Number(tok.dataset.i) : null;
  };

  function onMove(ev) {
    if (!st.drag) return;
    const i = tokenAt(document.elementFromPoint(ev.clientX, ev.clientY));
    if (i !== null && i !== st.drag.to) {
      st.drag.to = i;
      st.cursor = i;
      paint();
    }
  }

  function onUp() {
    document.removeEventListener("pointermove", onMove);
    document.removeEventListener("pointerup", onUp);
    const d = st.drag;
    st.drag = null;
    if (!d) return;
    if (d.from === d.to && isOn(d.from)) removeAt(d.from);
    else addRange(d.from, d.to);
    paint();
    announce();
  }

  function onDown(ev) {
    if (model.get("disabled") || ev.button !== 0) return;
    const i = tokenAt(ev.target);
    if (i === null) return;
    ev.preventDefault(); // no native text selection; we draw our own
    ev.stopPropagation();
    box.focus({ preventScroll: true });
    st.anchor = null;
    st.cursor = i;
    st.drag = { from: i, to: i };
    paint();
    document.addEventListener("pointermove", onMove);
    document.addEventListener("pointerup", onUp);
  }

  function onFocus() {
    if (st.cursor < 0 && toks().length) st.cursor = 0;
    paint();
    announce();
  }

  box.addEventListener("keydown", onKey);
  box.addEventListener("pointerdown", onDown);
  box.addEventListener("focus", onFocus);

  const rebuild = () => { st.cursor = Math.min(st.cursor, toks().length - 1); build(); };
  const repaint = () => { paint(); };
  const listeners = [
    ["change:text", rebuild], ["change:tokens", rebuild], ["change:marks", rebuild],
    ["change:value", repaint], ["change:disabled", repaint], ["change:accent", repaint],
    ["change:label", repaint],
  ];
  for (const [event, handler] of listeners) model.on(event, handler);
  build();
  announce();

  return () => {
    document.removeEventListener("pointermove", onMove);
    document.removeEventListener("pointerup", onUp);
    for (const [event, handler] of listeners) model.off(event, handler);
  };
}

export default { render };
