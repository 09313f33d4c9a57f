"""The teacher's scoring panel: the class's open answers one at a time, scored with the rubric.

    from medialit.classroom.scoring import scoring_panel
    scoring_panel("handins/", scorer="Ms Rivera")     # in notebooks/teacher-dashboard.ipynb

The answers come from the hand-ins that pass the report's checks
(:func:`medialit.classroom.report.collect`). One response is shown at a time with its
question, word guide and rubric; student names are hidden until "Show names" is pressed
(the order does not follow the names). A level button (or the key 1, 2, 3, ...) saves the
score at once into the scores file beside the class report (``class-report/scores.json``,
:mod:`medialit.classroom.scores`) with the scorer's name and the time, and moves on; ``n`` and
``p`` move without scoring. The progress line says how many are scored ("12 of 28 scored").
Every move re-reads the file, so a second teacher scoring the same class sees who scored what.
A very long answer is shown cut, with a note; ``responses.csv`` of the report has it whole.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

import anywidget
import ipywidgets as W

from medialit.classroom.names import current_student, identity
from medialit.classroom.report.collect import collect
from medialit.classroom.scores import FILE_NAME, ScoreBook, text_sha
from medialit.errors import MedialitError, ScoresError
from medialit.quizzes.question_fields import RUBRIC_LEVELS

_HERE = Path(__file__).resolve().parent
#: Characters of an answer shown in the panel (the rest is in responses.csv).
SHOWN_CHARS = 4000


class ScoringKeys(anywidget.AnyWidget):
    """Invisible helper: 1-9, n and p inside the panel (see ``scoring_keys.js``)."""

    _esm = _HERE / "scoring_keys.js"


@dataclass(frozen=True)
class Response:
    """One student's open answer to one question, from an accepted hand-in."""

    article: str
    student: str
    question: object        # the quiz bank's Open question
    text: str


def responses(handins, *, seeds=None) -> list[Response]:
    """Every open answer in the accepted hand-ins of ``handins``, grouped by question; within a
    question in an order that does not follow the students' names."""
    accepted, _skipped = collect(handins, seeds=seeds)
    out = []
    for item in accepted:
        for row in item.rows:
            question = item.bank.questions[row.question]
            if question.type == "open":
                text = item.bank.grades[(question.id, row.key)][0]
                out.append(Response(item.article, item.student, question, text))
    return sorted(out, key=lambda r: (r.article, r.question.lesson, r.question.id,
                                      hashlib.sha256(identity(r.student).encode("utf-8")).hexdigest()))


class ScoringPanel:
    """The panel (``panel.widget``); also driven from code: :meth:`score`, :meth:`next`, :meth:`previous`."""

    def __init__(self, items: list[Response], scores, scorer: str, *, show_names: bool = False):
        self.items = items
        self.book = ScoreBook(scores)
        self.scorer = scorer
        self.index = 0
        self.given: dict = {}
        self.progress = W.HTML()
        self.where = W.HTML()
        self.question_area = W.HTML()
        self.answer_area = W.HTML()
        self.current = W.HTML()
        self.status = W.HTML()
        # One button per possible level, made once: focus stays put as the rubric changes.
        self.level_buttons, self.level_texts, rows = [], [], []
        for n in range(1, RUBRIC_LEVELS[1] + 1):
            button = W.Button(description=str(n), layout=W.Layout(width="14em", flex="0 0 auto"))
            button.add_class(f"medialit-level-{n}")
            button.on_click(lambda _b, n=n: self.score(n))
            text = W.HTML()
            self.level_buttons.append(button)
            self.level_texts.append(text)
            rows.append(W.HBox([button, text], layout=W.Layout(display="none")))
        self.levels = W.VBox(rows)
        self.prev_button = W.Button(description="Previous (p)", icon="arrow-left", tooltip="Previous response")
        self.next_button = W.Button(description="Next (n)", icon="arrow-right", tooltip="Next response")
        self.prev_button.add_class("medialit-prev")
        self.next_button.add_class("medialit-next")
        self.prev_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.names = W.ToggleButton(value=show_names, description="Show names", icon="eye",
                                    tooltip="Show or hide the students' names")
        self.names.observe(lambda _c: self._render(), names="value")
        help_line = W.HTML('<p class="medialit-keys-note">Keys (click the panel first): 1, 2, 3 … give that '
                           "level and move on; n next, p previous.</p>")
        self.widget = W.VBox([self.progress, self.where, self.question_area, self.answer_area, self.current,
                              self.levels, W.HBox([self.prev_button, self.next_button, self.names]),
                              self.status, help_line, ScoringKeys(layout=W.Layout(display="none"))])
        self.widget.add_class("medialit-scoring")
        self._refresh()
        self._render()

    # -- code interface ----------------------------------------------------------------------
    def score(self, number: int) -> dict | None:
        """Give the current response rubric level ``number`` (1 = lowest), save it at once, move on."""
        if not self.items:
            return None
        item = self.items[self.index]
        level = item.question.level(int(number))
        if level is None:
            self.status.value = f'<p role="alert">No level {int(number)} in this rubric.</p>'
            return None
        try:
            entry = self.book.score(item.article, item.student, item.question.id, level=level.name,
                                    number=level.number, scorer=self.scorer, text=item.text)
        except (MedialitError, OSError) as exc:
            self.status.value = f'<p role="alert"><strong>Not saved:</strong> {html.escape(str(exc))}</p>'
            return None
        self.status.value = (f'<p role="status">Saved: {html.escape(level.name)} for response {self.index + 1} '
                             f"(by {html.escape(self.scorer)}).</p>")
        if self.index < len(self.items) - 1:
            self.index += 1
        self._refresh()
        self._render()
        return entry

    def next(self) -> None:
        self.index = min(self.index + 1, max(0, len(self.items) - 1))
        self._refresh()
        self._render()

    def previous(self) -> None:
        self.index = max(self.index - 1, 0)
        self._refresh()
        self._render()

    @property
    def scored(self) -> int:
        """How many responses have a score for their current text."""
        return sum(1 for item in self.items if self._entry(item) is not None)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # -- internals ---------------------------------------------------------------------------
    def _refresh(self) -> None:
        try:
            self.given = self.book.scores()
        except MedialitError as exc:
            self.status.value = f'<p role="alert"><strong>Cannot read the scores:</strong> {html.escape(str(exc))}</p>'

    def _entry(self, item: Response) -> dict | None:
        entry = self.given.get((item.article, identity(item.student), item.question.id))
        return entry if entry is not None and entry["text"] == text_sha(item.text) else None

    def _render(self) -> None:
        esc = html.escape
        if not self.items:
            self.progress.value = "<p><strong>No open answers in these hand-ins yet.</strong></p>"
            for part in (self.where, self.question_area, self.answer_area, self.current):
                part.value = ""
            for row in self.levels.children:
                row.layout.display = "none"
            return
        item = self.items[self.index]
        q = item.question
        self.progress.value = (f'<p class="medialit-scoring-progress" role="status"><strong>{self.scored} of '
                               f"{len(self.items)} scored</strong></p>")
        who = esc(item.student) if self.names.value else "(name hidden)"
        self.where.value = f"<p>Response {self.index + 1} of {len(self.items)} · {who} · {esc(item.article)}</p>"
        words = f" <em>(aim: {esc(q.words)})</em>" if q.words else ""
        self.question_area.value = (f'<div class="medialit-scoring-question"><p><b>{esc(q.id)}</b> '
                                    f"(lesson {q.lesson}): {esc(q.prompt)}{words}</p></div>")
        shown = item.text[:SHOWN_CHARS]
        cut = (f'<p class="medialit-cut-note"><em>Showing the first {SHOWN_CHARS:,} of {len(item.text):,} '
               "characters; responses.csv of the report has the whole answer.</em></p>"
               if len(item.text) > SHOWN_CHARS else "")
        self.answer_area.value = (f'<blockquote class="medialit-response" style="white-space:pre-wrap;'
                                  f'max-height:24em;overflow:auto">{esc(shown)}</blockquote>{cut}'
                                  f"<p><small>{len(item.text.split())} words</small></p>")
        entry = self.given.get((item.article, identity(item.student), q.id))
        if entry is None:
            self.current.value = "<p>Not scored yet.</p>"
        else:
            changed = "" if entry["text"] == text_sha(item.text) else " — the answer changed since: score it again"
            self.current.value = (f'<p class="medialit-scored">Scored <b>{esc(entry["level"])}</b> by '
                                  f'{esc(entry["scorer"])} at {esc(entry["at"])}{changed}</p>')
        for n, (button, text, row) in enumerate(zip(self.level_buttons, self.level_texts, self.levels.children), 1):
            lv = q.level(n)
            row.layout.display = "" if lv is not None else "none"
            if lv is not None:
                button.description, button.tooltip = f"{lv.number} · {lv.name}", lv.descriptor
                text.value = f"<p>{esc(lv.descriptor)}</p>"
                button.button_style = "primary" if entry is not None and entry["number"] == lv.number else ""
        self.prev_button.disabled = self.index == 0
        self.next_button.disabled = self.index >= len(self.items) - 1


def chosen(items: list[Response], questions) -> list[Response]:
    """The responses to the questions a teacher chose: ``None`` all; a text, the questions whose
    id starts with it (``"l4-"``: lesson 4's, ``"l4-check-"``: its check questions); a list, those
    ids. A choice that matches no response raises :class:`~medialit.errors.ScoresError` naming
    the questions there are, so a typo never shows an empty panel."""
    if questions is None:
        return items
    if isinstance(questions, str):
        keep, asked = [r for r in items if r.question.id.startswith(questions)], f"starting with {questions!r}"
    else:
        wanted = {str(q) for q in questions}
        keep, asked = [r for r in items if r.question.id in wanted], ", ".join(sorted(wanted)) or "(none)"
    if not keep and items:
        there = sorted({r.question.id for r in items})
        raise ScoresError(f"no open answers to the questions {asked} in these hand-ins; there are answers to "
                          f"{', '.join(there[:12])}{', ...' if len(there) > 12 else ''}")
    return keep


def scoring_panel(handins="handins", *, scores=None, scorer: str | None = None, seeds=None,
                  show_names: bool = False, questions=None) -> ScoringPanel:
    """The scoring panel for the open answers in folder ``handins``.

    ``scores``: the scores file (default ``class-report/scores.json``, beside the report);
    ``scorer``: the teacher's name saved with each score (default: the hub login, the
    whoami name or the computer's user); ``questions``: only some questions (see :func:`chosen`),
    e.g. ``"l4-check-"`` for lesson 4's check-your-understanding answers.
    """
    return ScoringPanel(chosen(responses(handins, seeds=seeds), questions),
                        scores or Path("class-report") / FILE_NAME, scorer or current_student()[0],
                        show_names=show_names)
