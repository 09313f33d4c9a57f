// medialit scoring panel keyboard helper (anywidget front end; plain ES module, no build step).
// Inside the panel: 1-9 give that rubric level, n / p move to the next / previous response.
// The panel is marked data-lm-suppress-shortcuts, so JupyterLab's own 1/2/3 (cell to heading)
// and other notebook shortcuts do not fire while the teacher is scoring.

function render({ el }) {
  let panel = null;
  let tries = 0;

  function click(selector) {
    const button = panel.querySelector(selector);
    if (button && !button.disabled) {
      button.click();
      return true;
    }
    return false;
  }

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const target = ev.target;
    if (target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type === "text"))) return;
    let done = false;
    if (/^[1-9]$/.test(ev.key)) done = click(`.medialit-level-${ev.key}`);
    else if (ev.key === "n" || ev.key === "N") done = click(".medialit-next");
    else if (ev.key === "p" || ev.key === "P") done = click(".medialit-prev");
    if (done) {
      ev.preventDefault();
      ev.stopPropagation();
    }
  }

  function setup() {
    panel = el.closest(".medialit-scoring");
    if (!panel) {
      if (tries++ < 200) setTimeout(setup, 50);
      return;
    }
    panel.setAttribute("data-lm-suppress-shortcuts", "true");
    if (!panel.hasAttribute("tabindex")) panel.setAttribute("tabindex", "0");
    panel.setAttribute("aria-keyshortcuts", "1 2 3 4 5 6 7 8 9 n p");
    for (const icon of panel.querySelectorAll("button i")) icon.setAttribute("aria-hidden", "true");
    panel.addEventListener("keydown", onKey, true);
  }

  setup();
  return () => {
    if (panel) panel.removeEventListener("keydown", onKey, true);
  };
}

export default { render };
