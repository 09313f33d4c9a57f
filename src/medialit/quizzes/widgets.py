"""The quiz widget: prompt, passage, answer controls, Check / Hint / Try again, feedback.

:class:`Quiz` wraps an ipywidgets ``VBox`` (``quiz.widget``) and is displayable itself.
Answers come from the controls or from code (``quiz.answer(...)``); both go through
``Question.coerce`` and ``quiz.check()``, which shows the feedback in an HTML area
of the widget (never printed into an Output widget) and tells the quiz's recorder, if it
has one (see :mod:`medialit.quizzes.hooks`).
"""

from __future__ import annotations

import html
import re

import ipywidgets as W

from medialit.errors import QuizAnswerError
from medialit.quizzes import hooks
from medialit.quizzes.highlighter import Highlighter
from medialit.quizzes.keyboard import QuizKeys
from medialit.quizzes.order import default_student, display_order
from medialit.quizzes.questions import BINS, MAX_OPEN_CHARS, Question
from medialit.quizzes.scoring import Result, grade, quote
from medialit.render.css import stylesheet
from medialit.render.html import render_spans
from medialit.render.palette import STYLE

_CSS = stylesheet("quiz")

_NUMBER = re.compile(r"^[+-]?(\d+([.]\d*)?|[.]\d+)([eE][+-]?\d+)?$")


def _html_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def _clock(stamp: str) -> str:
    """``HH:MM`` of an ISO time, in this computer's time zone (the text itself if it is not one)."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%H:%M")
    except (ValueError, AttributeError):
        return str(stamp)


# -- answer controls, one class per question type ---------------------------------

class _Controls:
    """A question type's input controls: read the raw value, write an answer, lock."""

    widget: W.Widget

    def __init__(self, question: Question, article, student: str = "student"):
        self.question = question
        self.article = article
        self.student = student

    def shown_options(self) -> list:
        """The question's options in the order this student sees them."""
        return display_order(self.question.options, self.question.id, self.student)

    def read(self):
        raise NotImplementedError

    def write(self, answer) -> None:
        raise NotImplementedError

    def lock(self, locked: bool) -> None:
        for control in self._controls():
            control.disabled = locked

    def observe(self, callback) -> None:
        for control in self._controls():
            control.observe(callback, names="value")

    def _controls(self) -> list[W.Widget]:
        return [self.widget]


class _SingleControls(_Controls):
    def __init__(self, question, article, student="student"):
        super().__init__(question, article, student)
        self.widget = W.RadioButtons(options=[(o.text, o.id) for o in self.shown_options()], value=None,
                                     description="Answer", layout=W.Layout(width="auto"))

    def read(self):
        return self.widget.value

    def write(self, answer):
        self.widget.value = answer


class _MultiControls(_Controls):
    def __init__(self, question, article, student="student"):
        super().__init__(question, article, student)
        self.boxes = {o.id: W.Checkbox(value=False, description=o.text, indent=False,
                                       layout=W.Layout(width="auto")) for o in self.shown_options()}
        self.widget = W.VBox(list(self.boxes.values()))
        self.widget.add_class("medialit-options")

    def _controls(self):
        return list(self.boxes.values())

    def read(self):
        return [oid for oid, box in self.boxes.items() if box.value]

    def write(self, answer):
        chosen = set(answer or ())
        for oid, box in self.boxes.items():
            box.value = oid in chosen


class _CategorizeControls(_Controls):
    def __init__(self, question, article, student="student"):
        super().__init__(question, article, student)
        choices = [(name, key) for key, name in BINS.items()]
        self.menus, rows = {}, []
        rows.append(W.HTML('<p class="medialit-keys-note">Choose a category for each excerpt. '
                           "With the keyboard: Tab to a menu, then press ↓ or ↑ to change it.</p>"))
        for n, item in enumerate(question.items, 1):
            menu = W.Dropdown(options=choices, value=None, description=f"Excerpt {n}",
                              layout=W.Layout(width="24em"))
            menu.add_class(f"medialit-item-{_html_id(item.id)}")
            self.menus[item.id] = menu
            text = html.escape(quote(item.text, 400))
            excerpt = W.HTML(f'<p class="medialit-excerpt"><b>Excerpt {n}:</b> {text}</p>')
            rows.append(W.VBox([excerpt, menu]))
        self.widget = W.VBox(rows)

    def _controls(self):
        return list(self.menus.values())

    def read(self):
        return {iid: menu.value for iid, menu in self.menus.items() if menu.value is not None}

    def write(self, answer):
        answer = answer or {}
        for iid, menu in self.menus.items():
            menu.value = answer.get(iid)


class _HighlightControls(_Controls):
    def __init__(self, question, article, student="student"):
        super().__init__(question, article, student)
        p = question.passage
        cats = {k.category for k in question.key}
        style = STYLE[cats.pop()] if len(cats) == 1 else {"color": "#0072B2", "tint": "#fbe9a0"}
        self.widget = Highlighter(question.passage_text, p.start, accent=style["color"], tint=style["tint"],
                                  label=f"{article.slug}, {p.label}: select words to highlight")

    def read(self):
        return list(self.widget.value)   # checked by Question.coerce: a bad value is an error, not a crash

    def write(self, answer):
        self.widget.marks = []
        self.widget.value = [list(span) for span in (answer or [])]

    def show_marks(self, result: Result):
        self.widget.marks = result.details.get("marks", []) if result.answered else []


class _NumericControls(_Controls):
    def __init__(self, question, article, student="student"):
        super().__init__(question, article, student)
        self.box = W.Text(value="", description="Answer", placeholder="a number",
                          layout=W.Layout(width="16em"))
        parts = [self.box] + ([W.Label(question.unit)] if question.unit else [])
        self.widget = W.HBox(parts)

    def _controls(self):
        return [self.box]

    def read(self):
        raw = self.box.value.strip().replace("\u00a0", " ")
        if not raw:
            return None
        cleaned = raw.replace(" ", "").replace("_", "")
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
            cleaned = cleaned.replace(",", "")      # 240,000 -> 240000
        if not _NUMBER.match(cleaned):
            raise self.question.error(f"{raw!r} is not a number; type digits, e.g. 11 or 2.5")
        return float(cleaned)

    def write(self, answer):
        self.box.value = "" if answer is None else f"{answer:g}"


class _OpenControls(_Controls):
    """A labelled multi-line box. It syncs when the student leaves it (``continuous_update``
    off), and the quiz saves then; text over :data:`MAX_OPEN_CHARS` is cut, with a note."""

    def __init__(self, question, article, student="student"):
        super().__init__(question, article, student)
        self.box = W.Textarea(value="", description="Your answer", continuous_update=False,
                              placeholder="Write in your own words. Leaving the box saves your answer.",
                              rows=6, layout=W.Layout(width="100%", max_width="48em"),
                              style={"description_width": "initial"})
        self.box.add_class("medialit-open-box")
        self.cut_note = ""
        parts = []
        if question.words:
            parts.append(W.HTML(f'<p class="medialit-words">Aim for {html.escape(question.words)}.</p>'))
        parts.append(self.box)
        if question.rubric:
            levels = "".join(f"<li><b>{html.escape(level.name)}</b>: {html.escape(level.descriptor)}</li>"
                             for level in reversed(question.rubric))
            parts.append(W.HTML(f'<details class="medialit-rubric"><summary>How your teacher scores this'
                                f"</summary><ul>{levels}</ul></details>"))
        self.widget = W.VBox(parts, layout=W.Layout(width="100%"))

    def _controls(self):
        return [self.box]

    def lock(self, locked: bool) -> None:      # an open answer can be changed until it is handed in
        self.box.disabled = False

    def read(self):
        text = self.box.value
        self.cut_note = ""
        if len(text) > MAX_OPEN_CHARS:
            self.cut_note = (f"Your answer is {len(text):,} characters long; only the first {MAX_OPEN_CHARS:,} "
                             "are kept. The rest stays in the box until you close the notebook: shorten "
                             "your answer, or copy the rest somewhere safe.")
            text = text[:MAX_OPEN_CHARS]
        return text

    def write(self, answer):
        self.box.value = answer or ""


_CONTROLS = {
    "single_choice": _SingleControls,
    "multi_choice": _MultiControls,
    "categorize": _CategorizeControls,
    "highlight": _HighlightControls,
    "numeric": _NumericControls,
    "open": _OpenControls,
}


# -- the quiz ------------------------------------------------------------------------

class Quiz:
    """One question from a quiz bank, as a widget with a code interface.

    ``answer(value)`` sets an answer from code, ``check()`` grades the current one.
    ``attempts`` counts checked answers (a check with no answer does not count).
    ``recorder`` (optional) keeps the answers: see :mod:`medialit.quizzes.hooks`.
    ``hint_shown`` is True once the question's hint has been shown, so at each check it
    says whether the hint came before it (the recorder reads it); ``first_try`` is the
    question's first check as the recorder kept it (None without one).
    ``student`` picks the order the options are shown in (:mod:`medialit.quizzes.order`);
    answers are option ids whatever the order.
    """

    def __init__(self, question: Question, article, recorder: hooks.Recorder | None = None,
                 student: str | None = None):
        self.question = question
        self.article = article
        self.article_slug: str = article.slug
        self.question_id: str = question.id
        self.attempts = 0
        self.current_answer = None
        self.last_result: Result | None = None
        self.hint_shown = False
        self.first_try: dict | None = None
        self.saved_at: str | None = None      # when the recorder last kept the answer (it sets this)
        self._ui_error: str | None = None
        self._syncing = False
        # Options in this student's own order (``student``: whose order; the login by default).
        self.student = student if student is not None else default_student()
        self._controls = _CONTROLS[question.type](question, article, self.student)
        self._controls.observe(self._on_ui_change)
        self.widget = self._build()
        self.recorder = recorder
        hooks.call(recorder, "restore", self)

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> W.VBox:
        q = self.question
        head = W.HTML(
            f"<style>{_CSS}</style>"
            f'<div class="medialit-quiz-head" data-question-id="{html.escape(q.id)}">'
            f'<div class="medialit-lesson">Lesson {q.lesson} · question {html.escape(q.id)}</div>'
            f'<p class="medialit-prompt">{html.escape(q.prompt)}</p></div>')
        parts: list[W.Widget] = [head]
        if q.passage is not None and q.type != "highlight":
            spans = self.article.annotations
            spans = spans[spans["category"].isin(q.passage.show)]
            shown = bool(q.passage.show)
            passage = W.HTML(render_spans(self.article.text, spans, q.passage.start, q.passage.end,
                                          legend=shown, notes=shown,
                                          title=f"{self.article_slug}, {q.passage.label}"))
            passage.add_class("medialit-quiz-passage")
            parts.append(passage)
        parts.append(self._controls.widget)

        # The icons are hidden from screen readers by QuizKeys (keyboard.js): names are plain words.
        self.check_button = W.Button(description="Check", button_style="primary", icon="check",
                                     tooltip="Check your answer")
        self.check_button.on_click(self._on_check_click)
        self.hint_button = W.Button(description="Hint", icon="lightbulb-o", tooltip="Show a hint")
        self.hint_button.on_click(self._on_hint_click)
        self.retry_button = W.Button(description="Try again", icon="undo", tooltip="Change your answer",
                                     layout=W.Layout(display="none"))
        self.retry_button.on_click(self._on_retry_click)
        for button, name in ((self.check_button, "check"), (self.hint_button, "hint"),
                             (self.retry_button, "retry")):
            button.add_class(f"medialit-{name}")
        if not q.hint:
            self.hint_button.layout.display = "none"
        if q.type == "open":          # saved when the student leaves the box: no Check, no verdict
            self.check_button.layout.display = "none"
        parts.append(W.HBox([self.check_button, self.hint_button, self.retry_button]))

        self.hint_area = W.HTML("")
        self.hint_area.add_class("medialit-quiz-hint")
        self.feedback_area = W.HTML("")
        self.feedback_area.add_class("medialit-quiz-feedback")
        parts += [self.hint_area, self.feedback_area]
        parts.append(QuizKeys(layout=W.Layout(display="none")))   # keys stay in the quiz; focus follows Check

        box = W.VBox(parts)
        for name in ("medialit-quiz", f"medialit-quiz-{q.type}", f"medialit-qid-{_html_id(q.id)}"):
            box.add_class(name)
        return box

    # -- code interface -------------------------------------------------------------------
    def answer(self, value) -> None:
        """Set the answer from code (format by type: see :mod:`medialit.quizzes.questions`)."""
        canonical = self.question.coerce(value)
        self.current_answer = canonical
        self._ui_error = None
        self._syncing = True
        try:
            self._controls.write(canonical)
        finally:
            self._syncing = False
        self._unlock()
        self.feedback_area.value = ""

    def check(self) -> Result:
        """Grade the current answer, show the feedback in the widget, and return it."""
        result = grade(self.question, self.current_answer)
        if result.answered:
            self.attempts += 1
        before = self.saved_at
        self._show(result)
        hooks.call(self.recorder, "record", self, self.current_answer, result)
        if self.question.type == "open" and self.saved_at != before:
            self._show(result)            # "Saved at ..."; a failed save leaves the recorder's note
        return result

    def hint(self) -> str:
        """Show the hint (if the question has one) and return its text."""
        if self.question.hint:
            self.hint_shown = True
            self.hint_area.value = (f'<p class="medialit-hint" role="note"><b>Hint:</b> '
                                    f"{html.escape(self.question.hint)}</p>")
            self.hint_button.layout.display = "none"
        return self.question.hint

    def restore(self, answer, attempts: int = 0, *, show_feedback: bool = True) -> Result | None:
        """Put back an earlier answer (for a recorder): no attempt counted, nothing recorded."""
        self.answer(answer)
        self.attempts = int(attempts)
        if show_feedback and self.current_answer is not None:
            result = grade(self.question, self.current_answer)
            self._show(result)
            return result
        return None

    # -- display ------------------------------------------------------------------------
    def __repr__(self) -> str:
        prompt = self.question.prompt
        if len(prompt) > 60:
            prompt = prompt[:59].rstrip() + "…"
        return f"Quiz {self.question_id} ({self.question.type}): {prompt}"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = repr(self)
        return bundle

    # -- internals -----------------------------------------------------------------------
    def _on_ui_change(self, change=None) -> None:
        if self._syncing:
            return
        try:
            self.current_answer = self.question.coerce(self._controls.read())
            self._ui_error = None
        except QuizAnswerError as exc:
            self.current_answer = None
            self._ui_error = exc.reason
        if self.question.type == "open":
            self._save_open()

    def _save_open(self) -> None:
        """An open answer is kept as soon as the student leaves the box (no button)."""
        if self.current_answer is None:
            self.feedback_area.value = (
                '<div class="medialit-feedback-box" role="status" aria-live="polite"><p class="medialit-saved">'
                + ("An empty box is not saved: your last saved answer is kept." if self.saved_at
                   else "Nothing saved yet: write your answer in the box.") + "</p></div>")
            return
        try:
            self.check()
        except Exception as exc:  # noqa: BLE001 - show it in the widget, not as a lost traceback
            self.feedback_area.value = (f'<div class="medialit-feedback-box" role="status">'
                                        f"<p>Something went wrong while saving: {html.escape(repr(exc))}</p></div>")

    def _on_check_click(self, _button=None) -> None:
        if self._ui_error:
            self.feedback_area.value = (
                '<div class="medialit-feedback-box medialit-wrong" role="status" aria-live="polite">'
                f"<p><strong>Cannot check yet:</strong> {html.escape(self._ui_error)}</p></div>")
            return
        try:
            self.check()
        except Exception as exc:  # noqa: BLE001 - show it in the widget, not as a lost traceback
            self.feedback_area.value = (f'<div class="medialit-feedback-box" role="status">'
                                        f"<p>Something went wrong while checking: "
                                        f"{html.escape(repr(exc))}</p></div>")

    def _on_hint_click(self, _button=None) -> None:
        self.hint()

    def _on_retry_click(self, _button=None) -> None:
        self._unlock()
        self.feedback_area.value = (
            '<div class="medialit-feedback-box" role="status" aria-live="polite">'
            f"<p>Attempt {self.attempts + 1}: change your answer, then press Check.</p></div>")

    def _unlock(self) -> None:
        self._controls.lock(False)
        self.check_button.disabled = False
        self.retry_button.layout.display = "none"
        if isinstance(self._controls, _HighlightControls):
            self._controls.widget.marks = []

    def _show_open(self, result: Result) -> None:
        """The status line under an open answer: when it was saved, and any cut."""
        if self.saved_at:
            line = f"Saved at {_clock(self.saved_at)}. {result.feedback}"
        elif self.recorder is None:
            line = "Not saved: this quiz has no progress store (your teacher sees nothing from it)."
        else:
            line = "Not saved yet."
        note = getattr(self._controls, "cut_note", "")
        cut = f'<p class="medialit-cut-note" role="alert"><strong>Cut:</strong> {html.escape(note)}</p>' if note else ""
        self.feedback_area.value = (
            f'<div class="medialit-feedback-box medialit-recorded" role="status" aria-live="polite">'
            f'<p class="medialit-saved">{html.escape(line)}</p>{cut}</div>')

    def _show(self, result: Result) -> None:
        self.last_result = result
        if self.question.type == "open":
            self._show_open(result)
            return
        if result.recorded_only:
            status = "recorded"
        else:
            status = ("correct" if result.correct else "partial" if result.score > 0 else "wrong") \
                if result.answered else "none"
        attempts = (f'<p class="medialit-attempts">Attempt {self.attempts}</p>'
                    if result.answered and self.attempts else "")
        self.feedback_area.value = (
            f'<div class="medialit-feedback-box medialit-{status}" role="status" aria-live="polite">'
            f"{result.html}{attempts}</div>")
        if isinstance(self._controls, _HighlightControls):
            self._controls.show_marks(result)
        if result.answered:
            self._controls.lock(True)
            self.check_button.disabled = True
            self.retry_button.layout.display = "none" if result.correct else ""
