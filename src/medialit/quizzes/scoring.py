"""Grading: every question type's score, verdict and explanatory feedback.

Scores run from 0 to 1:

- ``single_choice``: 1 for the key, else 0.
- ``multi_choice``: formula scoring, ``max(0, right picked / |key| - wrong picked /
  |distractors|)`` (distractors: the options not in the key). Each right tick earns its
  share of the key, each wrong tick takes away its share of the distractors, so ticking
  every box scores exactly 0; correct only when exactly the key is picked.
- ``categorize``: the share of excerpts put in the right category (unsorted ones count
  as wrong); correct when all are right.
- ``highlight``: scored over the passage's words (a word counts as marked when at least
  half of its characters are highlighted; a key phrase is "found" when most of its
  words are). Three plain figures: *recall* (share of the key's words marked),
  *precision* (share of the marked words that are in the key) and how much of the rest
  of the passage was left unmarked (the words not in the key). The score is the F1 of
  precision and recall, cut in proportion when more than half of the words not in the
  key are marked (marking the whole passage scores 0). **Correct** needs all three: F1
  at least the question's ``pass`` mark (0.5 by default) with a key phrase found, at
  least half of the marked words in the key (:data:`MIN_PRECISION`), and at least half
  of the words outside the key left unmarked (:data:`MIN_LEFT_UNMARKED`). So
  highlighting the whole passage, or nearly all of it, is never right, whatever share
  of it the key covers; the student's feedback says "you marked too much". The
  SemEval-2020 span figures (:func:`medialit.text.spans.score`) stay in the result's
  ``details`` for the teacher's report; the student reads plain words and the score.
- ``numeric``: 1 when the answer lies in the accepted range, else 0: ``answer`` ±
  ``tolerance``, or ``accept: [low, high]`` (both ends included) when the bank gives one.
- ``open``: never scored here (score ``None``): the teacher scores it with the rubric.

No answer yet (``None``, an empty selection) gives a result with ``answered=False``
and score 0; the widget does not count it as an attempt.
Feedback always explains: the chosen options' own feedback, the annotation notes of
what was found or missed, and the question's explanation.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from medialit.quizzes.questions import (
    BINS,
    Categorize,
    Highlight,
    MultiChoice,
    Numeric,
    Open,
    Question,
    SingleChoice,
)
from medialit.text.spans import merge, overlap
from medialit.text.spans import score as span_score
from medialit.vocabulary import CATEGORIES

# Text labels shown with each feedback line (never colour alone).
LINE_KINDS = {
    "right": "✓",
    "wrong": "✗",
    "found": "✓ found",
    "missed": "○ missed",
    "extra": "✗ over-flagged",
    "unsorted": "○ not sorted:",
}


@dataclass
class Result:
    """The outcome of checking one answer."""

    question_id: str
    correct: bool | None     # None: an exit ticket, recorded for the teacher, not graded here
    score: float | None
    feedback: str
    html: str = ""
    answered: bool = True
    details: dict = field(default_factory=dict)

    @property
    def recorded_only(self) -> bool:
        """An exit-ticket answer: saved for the teacher, with no score in the student's kernel."""
        return self.answered and self.score is None

    def __repr__(self) -> str:
        if self.recorded_only:
            return f"QuizResult(question={self.question_id!r}, recorded for the teacher)"
        return (f"QuizResult(question={self.question_id!r}, correct={self.correct}, "
                f"score={self.score:.2f})")

    def __str__(self) -> str:
        return self.feedback


def grade(question: Question, answer) -> Result:
    """Score an answer already in canonical form (see ``Question.coerce``)."""
    if answer is None:
        return _unanswered(question)
    if question.key_withheld:
        return _recorded(question)
    return _GRADERS[type(question)](question, answer)


RECORDED_MESSAGE = ("Answer saved for your teacher. This is an exit ticket: it is scored by your "
                    "teacher, not here, so it shows what you can do on your own. You may change "
                    "your answer until you hand in.")


OPEN_MESSAGE = ("Saved for your teacher, who reads it and scores it with the rubric. You may change "
                "your answer until you hand in.")


def _grade_open(question: Open, answer: str) -> Result:
    """An open answer is never scored here: it is kept for the teacher."""
    return Result(question.id, None, None, OPEN_MESSAGE,
                  f'<p class="medialit-verdict medialit-verdict-recorded"><strong>'
                  f"{html.escape(OPEN_MESSAGE)}</strong></p>", True, {"open": True})


def _recorded(question: Question) -> Result:
    """An exit ticket checked in a student's kernel: the key is not here, so no verdict."""
    return Result(question.id, None, None, RECORDED_MESSAGE,
                  f'<p class="medialit-verdict medialit-verdict-recorded"><strong>'
                  f"{html.escape(RECORDED_MESSAGE)}</strong></p>", True, {"summative": True})


# -- shared pieces ------------------------------------------------------------

def _verdict(correct: bool, score: float, extra: str = "", score_in_extra: bool = False) -> str:
    if correct:
        head = "✓ Correct."
    elif score > 0:
        head = "◐ Partly right." if score_in_extra else f"◐ Partly right (score {score:.0%})."
    else:
        head = "✗ Not quite."
    return f"{head} {extra}".strip()


def _result(question: Question, correct: bool, score: float, lines: list[tuple[str, str]],
            verdict_extra: str = "", details: dict | None = None, score_in_extra: bool = False) -> Result:
    verdict = _verdict(correct, score, verdict_extra, score_in_extra)
    text_lines = [verdict]
    text_lines += [f"{LINE_KINDS[kind]} {text}" for kind, text in lines]
    if question.explanation:
        text_lines.append(f"Why: {_squash(question.explanation)}")
    status = "correct" if correct else ("partial" if score > 0 else "wrong")
    items = "".join(
        f'<li class="medialit-fb-{kind}"><span class="medialit-fb-label">{html.escape(LINE_KINDS[kind])}</span> '
        f"{html.escape(text)}</li>" for kind, text in lines)
    body = [f'<p class="medialit-verdict medialit-verdict-{status}"><strong>{html.escape(verdict)}</strong></p>']
    if items:
        body.append(f'<ul class="medialit-fb-lines">{items}</ul>')
    if question.explanation:
        body.append(f'<p class="medialit-explanation"><strong>Why:</strong> '
                    f"{html.escape(_squash(question.explanation))}</p>")
    return Result(question.id, correct, float(score), "\n".join(text_lines), "".join(body),
                  True, details or {})


def _unanswered(question: Question) -> Result:
    ask = {
        "single_choice": "choose an option",
        "multi_choice": "tick at least one option",
        "categorize": "sort at least one excerpt",
        "highlight": "highlight some words in the passage",
        "numeric": "type a number",
        "open": "write your answer in the box",
    }[question.type]
    message = f"No answer yet: {ask}, then press Check."
    return Result(question.id, False, 0.0, message,
                  f'<p class="medialit-verdict medialit-verdict-none">{html.escape(message)}</p>', False)


def _squash(text: str) -> str:
    return " ".join(str(text).split())


def quote(text: str, limit: int = 90) -> str:
    """``text`` in curly quotation marks (unless already quoted), cut at ``limit`` characters."""
    text = _squash(text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if text[:1] in "\"“'‘" or text[-1:] in "\"”'’":
        return text          # already opens or closes with quotation marks: do not double them
    return f"“{text}”"


def _with(text: str, note: str) -> str:
    note = _squash(note)
    return f"{text} — {note}" if note else text


# -- one grader per type -------------------------------------------------------

def _grade_single(q: SingleChoice, answer: str) -> Result:
    chosen = q.option(answer)
    correct = answer == q.answer
    lines = [("right" if correct else "wrong", _with(f"You chose: {chosen.text}", chosen.feedback))]
    return _result(q, correct, 1.0 if correct else 0.0, lines, details={"chosen": answer})


def multi_score(right: int, wrong: int, key: int, distractors: int) -> float:
    """Formula scoring: ``max(0, right / key - wrong / distractors)`` (0 for the second
    term when every option is in the key). Ticking every box scores exactly 0."""
    penalty = wrong / distractors if distractors else 0.0
    return max(0.0, right / key - penalty)


def _grade_multi(q: MultiChoice, answer: list[str]) -> Result:
    picked, key = set(answer), set(q.answer)
    right, wrong, missed = picked & key, picked - key, key - picked
    score = multi_score(len(right), len(wrong), len(key), len(q.options) - len(key))
    lines = []
    for option in q.options:
        if option.id in right:
            lines.append(("right", _with(f"{option.text}: yes", option.feedback)))
        elif option.id in wrong:
            lines.append(("wrong", _with(f"{option.text}: not one of them", option.feedback)))
        elif option.id in missed:
            lines.append(("missed", _with(f"{option.text} (you left this one out)", option.feedback)))
    extra = f"{len(right)} of {len(key)} right" + (f", {len(wrong)} wrong" if wrong else "") + "."
    return _result(q, picked == key, score, lines, extra,
                   {"right": sorted(right), "wrong": sorted(wrong), "missed": sorted(missed)})


def _bin_name(category: str) -> str:
    return BINS[category].lower()


def _grade_categorize(q: Categorize, answer: dict) -> Result:
    lines, right = [], 0
    for item in q.items:
        given, expected = answer.get(item.id), q.answer[item.id]
        if given == expected:
            right += 1
            lines.append(("right", _with(f"{quote(item.text)} is {_bin_name(expected)}", item.note)))
        elif given is None:
            lines.append(("unsorted", quote(item.text)))
        else:
            lines.append(("wrong", _with(f"{quote(item.text)}: you said {_bin_name(given)}; "
                                         f"it is {_bin_name(expected)}", item.note)))
    score = right / len(q.items)
    return _result(q, right == len(q.items), score, lines, f"{right} of {len(q.items)} sorted right.",
                   {"right": right, "total": len(q.items)})


_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+")


def _words(q: Highlight) -> list[tuple[int, int]]:
    """The passage's words (runs of letters and digits) as absolute ``(start, end)`` offsets."""
    base = q.passage.start
    return [(base + m.start(), base + m.end()) for m in _WORDS.finditer(q.passage_text)]


def _covered(word: tuple[int, int], spans) -> bool:
    """True when ``spans`` cover at least half of the word's characters (not a stray mark beside it)."""
    inside = sum(max(0, min(word[1], e) - max(word[0], s)) for s, e in spans)
    return 2 * inside >= word[1] - word[0]


def _subtract(span: tuple[int, int], others: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``span`` not covered by ``others`` (sorted, merged)."""
    pieces, cursor = [], span[0]
    for start, end in others:
        if end <= cursor or start >= span[1]:
            continue
        if start > cursor:
            pieces.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < span[1]:
        pieces.append((cursor, span[1]))
    return pieces


def key_found(q: Highlight, key_span: tuple[int, int], answer) -> bool:
    """A key span is found when the highlight covers most (more than half) of its words.

    A quotation mark or a letter touching the key is not enough; a key span with no
    word characters at all is found when the highlight overlaps it.
    """
    spans = list(answer)
    words = [w for w in _words(q) if _covered(w, [key_span])]
    if not words:
        return any(overlap(key_span, s) for s in spans)
    marked = sum(_covered(w, spans) for w in words)
    return 2 * marked > len(words)


def word_score(q: Highlight, answer) -> tuple[float, int, int, int]:
    """The student's score: F1 over the passage's words, with the counts behind it.

    Returns ``(f1, right, marked, key)``: words marked that are in the key, words marked,
    words in the key. A word counts as marked (or in the key) when at least half of its
    characters are covered, so punctuation alone earns nothing and moving a highlight off
    the key's words never raises the score.
    """
    spans = list(answer)
    gold = [(k.start, k.end) for k in q.key]
    marked = {w for w in _words(q) if _covered(w, spans)}
    key = {w for w in _words(q) if _covered(w, gold)}
    right = len(marked & key)
    f1 = 2 * right / (len(marked) + len(key)) if marked or key else 0.0
    return f1, right, len(marked), len(key)


#: Correct needs at least this share of the marked words to be in the key.
MIN_PRECISION = 0.5
#: Correct needs at least this share of the passage's words outside the key left unmarked;
#: below it the score is cut in proportion (nothing left unmarked: score 0).
MIN_LEFT_UNMARKED = 0.5


@dataclass(frozen=True)
class HighlightFigures:
    """A highlight answer's word figures, the score and verdict behind them (see the module docstring)."""

    f1: float
    precision: float          # marked words in the key / marked words (0 when nothing is marked)
    recall: float             # key words marked / key words
    left_unmarked: float      # words outside the key left unmarked / words outside the key (1 if none)
    score: float
    too_much: bool            # precision or left_unmarked below its minimum
    words_right: int
    words_marked: int
    words_in_key: int
    words_outside_key: int


def highlight_figures(q: Highlight, answer) -> HighlightFigures:
    """Recall, precision, how much of the rest was left unmarked, and the score they give."""
    f1, right, marked, in_key = word_score(q, answer)
    outside = len(_words(q)) - in_key
    extra = marked - right
    precision = right / marked if marked else 0.0
    recall = right / in_key if in_key else 0.0
    left = 1.0 - extra / outside if outside else 1.0
    score = f1 if left >= MIN_LEFT_UNMARKED else f1 * left / MIN_LEFT_UNMARKED
    too_much = marked > 0 and (precision < MIN_PRECISION or left < MIN_LEFT_UNMARKED)
    return HighlightFigures(f1, precision, recall, left, score, too_much, right, marked, in_key, outside)


def highlight_marks(q: Highlight, answer: list[tuple[int, int]]) -> list[dict]:
    """Found / missed key spans and over-flagged pieces, as marks for the highlighter."""
    gold = merge((k.start, k.end) for k in q.key)
    marks = []
    for k in q.key:
        hit = key_found(q, (k.start, k.end), answer)
        marks.append({"start": k.start, "end": k.end, "kind": "found" if hit else "missed", "id": k.id})
    for span in answer:
        for start, end in _subtract(span, gold):
            piece = q.excerpt(start, end)
            if _WORD.search(piece):
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                marks.append({"start": start + lead, "end": end - trail, "kind": "extra", "id": ""})
    return sorted(marks, key=lambda m: (m["start"], m["end"]))


def _phrases(n: int) -> str:
    return f"{n} phrase" if n == 1 else f"{n} phrases"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _highlight_summary(found: int, total: int, extras: list[str], score: float) -> str:
    """Plain words for a student: how many key phrases were marked, what was not one of them."""
    if found == total:
        said = "You marked the phrase" if total == 1 else f"You marked all {_phrases(total)}"
    else:
        said = f"You marked {found} of the {_phrases(total)}"
    if extras:
        were = "was not one of them" if len(extras) == 1 else "were not among them"
        said += f"; {_and(extras)} {were}"
    return f"{said}. Your score: {score:.0%}."


def _grade_highlight(q: Highlight, answer: list[tuple[int, int]]) -> Result:
    semeval = span_score(answer, [(k.start, k.end) for k in q.key])   # for the teacher's report
    fig = highlight_figures(q, answer)
    marks = highlight_marks(q, answer)
    by_id = {k.id: k for k in q.key}
    lines, extras = [], []
    for mark in marks:
        if mark["kind"] == "extra":
            piece = quote(q.excerpt(mark["start"], mark["end"]), 40)
            extras.append(piece)
            lines.append(("extra", f"{piece} was not one of them ({q.key_description})"))
        else:
            k = by_id[mark["id"]]
            what = f"{quote(k.text)} ({CATEGORIES[k.category]} · {k.label.replace('_', ' ')})"
            lines.append((mark["kind"], _with(what, k.note)))
    found = sum(m["kind"] == "found" for m in marks)
    correct = fig.f1 >= q.pass_mark and found > 0 and not fig.too_much
    extra = _highlight_summary(found, len(q.key), extras, fig.score)
    if fig.too_much:
        extra += (" You marked too much: mark only the words that do the job. A right answer needs "
                  f"at least half of the words you mark to be among them (yours: {fig.precision:.0%}) "
                  "and at least half of the rest of the passage left unmarked "
                  f"(you left {fig.left_unmarked:.0%} of it unmarked; marking everything scores 0).")
    return _result(q, correct, fig.score, lines, extra,
                   {"precision": semeval.precision, "recall": semeval.recall, "f1": semeval.f1,
                    "words_right": fig.words_right, "words_marked": fig.words_marked,
                    "words_in_key": fig.words_in_key, "word_precision": fig.precision,
                    "word_recall": fig.recall, "left_unmarked": fig.left_unmarked,
                    "too_much": fig.too_much, "found": found, "marks": marks}, score_in_extra=True)


def _grade_numeric(q: Numeric, answer: float) -> Result:
    unit = f" {q.unit}" if q.unit else ""
    low, high = q.accepted
    correct = low - 1e-9 <= answer <= high + 1e-9
    shown = f"{answer:g}{unit}"
    if correct:
        lines = [("right", f"{shown} is right (accepted: {q.accepted_text()}{unit}).")]
    else:
        lines = [("wrong", f"{shown} is too {'high' if answer > high else 'low'}.")]
    return _result(q, correct, 1.0 if correct else 0.0, lines, details={"value": answer})


_GRADERS = {
    SingleChoice: _grade_single,
    MultiChoice: _grade_multi,
    Categorize: _grade_categorize,
    Highlight: _grade_highlight,
    Numeric: _grade_numeric,
    Open: _grade_open,
}


# -- per-category figures, for the class report and a student's progress page --------------

def category_evidence(question: Question, answer) -> list[tuple[str, str, float]]:
    """``(category, metric, value)`` figures one canonical answer gives about each category.

    Highlight: ``precision``, ``recall`` and ``f1`` for each category in the key, the
    answer's spans (minus those lying only on other categories' key spans) scored
    against that category's key spans. Categorize: ``sorted`` 1/0 for each excerpt
    whose right bin is a category.
    """
    if answer is None:
        return []
    out = []
    if question.type == "highlight":
        spans = list(answer)
        by_cat: dict[str, list[tuple[int, int]]] = {}
        for k in question.key:
            by_cat.setdefault(k.category, []).append((k.start, k.end))
        for category, gold in by_cat.items():
            others = [(k.start, k.end) for k in question.key if k.category != category]
            mine = [s for s in spans if any(overlap(s, g) for g in gold)
                    or not any(overlap(s, o) for o in others)]
            result = span_score(mine, gold)
            out += [(category, "precision", result.precision), (category, "recall", result.recall),
                    (category, "f1", result.f1)]
    elif question.type == "categorize":
        for item in question.items:
            expected = question.answer.get(item.id)
            if expected in CATEGORIES:
                out.append((expected, "sorted", 1.0 if answer.get(item.id) == expected else 0.0))
    return out
