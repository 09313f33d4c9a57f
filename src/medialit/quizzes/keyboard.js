// medialit quiz keyboard helper (anywidget front end; plain ES module, no build step).
// Placed inside a quiz's box; works on the quiz around it (see keyboard.py for why).

const newId = (what) => `mlq-${what}-${Math.random().toString(36).slice(2, 10)}`;
const CONTROLS = "input:not([disabled]), select:not([disabled]), button:not([disabled]), .mlh-passage";

function render({ el }) {
  let quiz = null;
  let observer = null;
  let pending = null; // "check" or "retry": where focus goes when the quiz answers
  let tries = 0;

  function label() {
    // Lumino matches a shortcut on the focused element itself before any ancestor, so every
    // control carries the attribute (the quiz too, for keys pressed elsewhere inside it).
    for (const control of quiz.querySelectorAll("input, select, button, textarea"))
      if (!control.hasAttribute("data-lm-suppress-shortcuts")) control.setAttribute("data-lm-suppress-shortcuts", "true");
    // A button's icon glyph would be read out as part of its name ("\uf00c Check").
    for (const icon of quiz.querySelectorAll("button i")) if (!icon.hasAttribute("aria-hidden")) icon.setAttribute("aria-hidden", "true");
    const prompt = quiz.querySelector(".medialit-prompt");
    if (prompt && !prompt.id) prompt.id = newId("prompt");
    for (const box of quiz.querySelectorAll(".widget-radio-box")) {
      box.setAttribute("role", "radiogroup");
      if (prompt) box.setAttribute("aria-labelledby", prompt.id);
      const radios = box.querySelectorAll("input[type=radio]");
      const name = box.dataset.mlqName || (box.dataset.mlqName = newId("choice"));
      for (const radio of radios) if (radio.name !== name) radio.name = name; // arrow keys move the choice
    }
    for (const box of quiz.querySelectorAll(".medialit-options")) {
      box.setAttribute("role", "group");
      if (prompt) box.setAttribute("aria-labelledby", prompt.id);
    }
  }

  function settle() {
    label();
    if (pending === "check") {
      const box = quiz.querySelector(".medialit-quiz-feedback .medialit-feedback-box");
      if (box) {
        pending = null;
        box.setAttribute("tabindex", "-1");
        box.focus();
      }
    } else if (pending === "retry") {
      const check = quiz.querySelector(".medialit-check");
      if (check && !check.disabled) {
        pending = null;
        const first = [...quiz.querySelectorAll(CONTROLS)].find((c) => !c.closest(".medialit-check, .medialit-hint, .medialit-retry"));
        (first || check).focus();
      }
    }
  }

  function onClick(ev) {
    const button = ev.target.closest && ev.target.closest("button");
    if (!button || !quiz.contains(button)) return;
    if (button.classList.contains("medialit-check")) pending = "check";
    else if (button.classList.contains("medialit-retry")) pending = "retry";
  }

  function setup() {
    quiz = el.closest(".medialit-quiz");
    if (!quiz) {
      if (tries++ < 200) setTimeout(setup, 50);
      return;
    }
    // JupyterLab / Notebook 7: no notebook shortcut fires for a key pressed inside the quiz.
    quiz.setAttribute("data-lm-suppress-shortcuts", "true");
    quiz.addEventListener("click", onClick, true);
    observer = new MutationObserver(settle);
    observer.observe(quiz, { childList: true, subtree: true, characterData: true, attributes: true,
                             attributeFilter: ["disabled"] });
    label();
  }

  setup();
  return () => {
    if (observer) observer.disconnect();
    if (quiz) quiz.removeEventListener("click", onClick, true);
  };
}

export default { render };
