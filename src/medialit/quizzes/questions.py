"""The six question types as plain data, and how each turns an answer into its canonical form.

A :class:`Question` is built by :mod:`medialit.quizzes.bank` from ``quizzes.yaml`` once
the bank is valid, so everything here may assume well-formed fields. What a
student (or a notebook cell) passes to ``.answer()`` is *not* trusted:
:meth:`Question.coerce` checks it and raises :class:`QuizAnswerError` naming the
question and the problem. ``None`` (and an empty selection) means "no answer yet".

Answer formats, by type:

==================  ==============================================================
``single_choice``   one option id: ``"mayor"``
``multi_choice``    a list of option ids: ``["reckless", "stormy"]``
``categorize``      a dict item id -> category (``quoted_reporting``, ``framing``,
                    ``generalization`` or ``none``): ``{"a": "framing"}``
``highlight``       a list of ``(start, end)`` absolute offsets into ``article.text``
``numeric``         a number: ``11`` or ``11.0``
``open``            the student's own words, as text (at most :data:`MAX_OPEN_CHARS`
                    characters; only blanks is no answer): ``"The author says ..."``
==================  ==============================================================
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, ClassVar

from medialit._io.reading import shorten
from medialit.errors import QuizAnswerError
from medialit.text.spans import as_spans, merge
from medialit.vocabulary import CATEGORIES

#: The longest open answer kept, in characters (a widget cuts longer text and says so).
MAX_OPEN_CHARS = 20_000

#: What an excerpt of a categorize question can be sorted into.
BINS: dict[str, str] = {**CATEGORIES, "none": "None of these"}


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str = ""


@dataclass(frozen=True)
class Passage:
    """The stretch of article text shown above a question (absolute offsets)."""

    start: int
    end: int
    label: str
    show: tuple[str, ...] = ()   # categories to highlight in a read-only passage


@dataclass(frozen=True)
class KeySpan:
    """One annotation in a highlight question's key, clipped to the passage."""

    id: str
    start: int
    end: int
    text: str
    category: str
    label: str
    note: str


@dataclass(frozen=True)
class Item:
    """One excerpt to sort in a categorize question."""

    id: str
    text: str
    annotation: str = ""     # annotation id the text came from, if any
    note: str = ""           # the annotation's note, or the item's own feedback


@dataclass(frozen=True)
class Question:
    """Fields every question has. Subclasses add their type's fields."""

    TYPE: ClassVar[str] = ""

    id: str
    lesson: int
    prompt: str
    explanation: str
    hint: str = ""
    passage: Passage | None = None
    summative: bool = False
    key_withheld: bool = False   # an exit ticket loaded without the teacher's keys: never graded
    file: str = ""
    line: int | None = None

    @property
    def type(self) -> str:
        return self.TYPE

    def error(self, message: str) -> QuizAnswerError:
        return QuizAnswerError(self.id, self.TYPE, message)

    def coerce(self, value: Any):
        """The canonical form of ``value``, ``None`` for no answer; raise on a malformed one."""
        raise NotImplementedError


def _option_ids(options) -> str:
    return ", ".join(repr(o.id) for o in options)


@dataclass(frozen=True)
class SingleChoice(Question):
    TYPE: ClassVar[str] = "single_choice"
    options: tuple[Option, ...] = ()
    answer: str = ""

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def coerce(self, value):
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.error(f"give one option id as text ({_option_ids(self.options)}), not {shorten(value)}")
        if value not in {o.id for o in self.options}:
            raise self.error(f"no option {shorten(value)}; the options are {_option_ids(self.options)}")
        return value


@dataclass(frozen=True)
class MultiChoice(Question):
    TYPE: ClassVar[str] = "multi_choice"
    options: tuple[Option, ...] = ()
    answer: tuple[str, ...] = ()

    def coerce(self, value):
        if value is None:
            return None
        if isinstance(value, (str, bytes, dict)) or not isinstance(value, (list, tuple, set, frozenset)):
            raise self.error(f"give a list of option ids (from {_option_ids(self.options)}), not {shorten(value)}")
        known = {o.id for o in self.options}
        for item in value:
            if not isinstance(item, str):
                raise self.error(f"option ids are text, not {shorten(item)}")
            if item not in known:
                raise self.error(f"no option {shorten(item)}; the options are {_option_ids(self.options)}")
        picked = [o.id for o in self.options if o.id in set(value)]   # option order, no repeats
        return picked or None


@dataclass(frozen=True)
class Categorize(Question):
    TYPE: ClassVar[str] = "categorize"
    items: tuple[Item, ...] = ()
    answer: dict = field(default_factory=dict)   # item id -> bin

    def coerce(self, value):
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error("give a dict of item id -> category, e.g. "
                             f"{{{self.items[0].id!r}: 'framing'}}, not {shorten(value)}")
        known = [i.id for i in self.items]
        out = {}
        for key, category in value.items():
            if key not in known:
                raise self.error(f"no item {shorten(key)}; the items are {', '.join(map(repr, known))}")
            if category is None or category == "":
                continue
            if not isinstance(category, str) or category not in BINS:
                raise self.error(f"unknown category {shorten(category)} for item {shorten(key)}; "
                                 f"use one of {', '.join(BINS)}")
            out[key] = category
        ordered = {k: out[k] for k in known if k in out}
        return ordered or None


@dataclass(frozen=True)
class Highlight(Question):
    TYPE: ClassVar[str] = "highlight"
    key: tuple[KeySpan, ...] = ()
    key_description: str = ""
    pass_mark: float = 0.5
    passage_text: str = ""   # article.text[passage.start:passage.end]

    def excerpt(self, start: int, end: int) -> str:
        """Article text at absolute offsets inside the passage."""
        return self.passage_text[start - self.passage.start:end - self.passage.start]

    def coerce(self, value):
        if value is None:
            return None
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
            raise self.error("give a list of (start, end) character offsets into article.text, "
                             f"not {shorten(value)}")
        try:
            spans = as_spans(value)
        except ValueError as exc:
            raise self.error(str(exc)) from None
        lo, hi = self.passage.start, self.passage.end
        for start, end in spans:
            if start < lo or end > hi:
                raise self.error(f"span ({shorten(start)}, {shorten(end)}) is outside the passage {lo}..{hi} "
                                 f"({self.passage.label}); offsets are absolute, into article.text")
        return merge(spans) or None


@dataclass(frozen=True)
class Numeric(Question):
    TYPE: ClassVar[str] = "numeric"
    answer: float = 0.0
    tolerance: float = 0.0
    accept: tuple[float, float] | None = None   # [low, high], both accepted; else answer ± tolerance
    unit: str = ""

    @property
    def accepted(self) -> tuple[float, float]:
        """The accepted range, both ends included: ``accept``, or ``answer`` ± ``tolerance``."""
        if self.accept is not None:
            return self.accept
        return (self.answer - self.tolerance, self.answer + self.tolerance)

    def accepted_text(self) -> str:
        """The accepted range as a student reads it: ``4700``, ``4700 ± 50``, ``4000 to 5000``."""
        if self.accept is not None:
            return f"{self.accept[0]:g} to {self.accept[1]:g}"
        return f"{self.answer:g}" + (f" ± {self.tolerance:g}" if self.tolerance else "")

    def coerce(self, value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise self.error(f"give a number, not {shorten(value)}")
        try:
            number = float(value)
        except OverflowError:   # a whole number too large for a float (hundreds of digits)
            raise self.error(f"give a number of a sensible size, not {shorten(value)}") from None
        if not math.isfinite(number):
            raise self.error(f"give a finite number, not {shorten(value)}")
        return int(number) if number.is_integer() else number


@dataclass(frozen=True)
class Level:
    """One level of an open question's rubric (levels run from the lowest, number 1, up)."""

    number: int
    name: str
    descriptor: str


@dataclass(frozen=True)
class Open(Question):
    """A question answered in the student's own words: kept and handed in, scored by the
    teacher with the rubric, never in the student's kernel. ``model_answer`` is known only
    when the bank is loaded with the teacher's keys (``solutions/keys/<slug>.yaml``)."""

    TYPE: ClassVar[str] = "open"
    words: str = ""                      # a word guide for the student, e.g. "40-80 words"
    rubric: tuple[Level, ...] = ()
    model_answer: str = ""

    def level(self, name_or_number) -> Level | None:
        """The rubric level with this name (any capitals) or number, or None."""
        for level in self.rubric:
            if name_or_number == level.number or (isinstance(name_or_number, str)
                                                   and name_or_number.strip().lower() == level.name.lower()):
                return level
        return None

    def coerce(self, value):
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(f"give your answer as text, not {shorten(value)}")
        if len(value) > MAX_OPEN_CHARS:
            raise self.error(f"the answer is {len(value):,} characters long; at most {MAX_OPEN_CHARS:,} are kept")
        return value if value.strip() else None


TYPES: dict[str, type[Question]] = {cls.TYPE: cls for cls in
                                    (SingleChoice, MultiChoice, Categorize, Highlight, Numeric, Open)}
