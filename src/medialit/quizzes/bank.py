"""The quiz bank, ``seeds/<slug>/quizzes.yaml``: loading it and checking every question.

The file is a YAML list of questions. Fields every question may have::

    - id: l2-who-speaks          # letters, digits, - and _; unique in the bank
      type: single_choice        # single_choice | multi_choice | categorize | highlight | numeric
      lesson: 2                  # lesson number (whole number >= 0; 0 is the start-here notebook)
      prompt: Whose words are quoted directly in paragraph 2?
      passage: {paragraphs: [2, 2]}   # or {start: 120, end: 480}; optional (required for highlight)
                                      # add show: framing (or all, or a list) to highlight
                                      # those annotations in the passage shown
      hint: Look for quotation marks.  # optional; a student can ask for it before answering
      explanation: >                   # shown after every check
        ...
      summative: true            # optional: an exit ticket (see below)

The fields of each type:

- ``single_choice``: ``options`` (a list of ``{id, text, feedback?}``, at least two)
  and ``answer``: one option id.
- ``multi_choice``: ``options`` as above and ``answer``: a list of option ids.
  Formula scoring: ``max(0, right picked / len(answer) - wrong picked / distractors)``,
  so ticking every box scores 0 (see :mod:`.scoring`).
- ``categorize``: ``items``: a list of ``{id, annotation: <annotation id>}`` (the
  excerpt is that annotation's text, its note is the feedback) or ``{id, text: "..."}``,
  each with optional ``feedback``; ``answer``: item id -> ``quoted_reporting`` |
  ``framing`` | ``generalization`` | ``none``. An annotation item's answer may be left
  out (its annotation's category is used); if given it must agree.
- ``highlight``: ``key``: which annotations inside the passage the student should
  find, derived from the annotation layer, never typed again: ``{category: framing}``,
  ``{label: loaded_language}``, ``{annotations: [f-reckless, f-stormy]}`` or several
  (all must hold). Annotations reaching outside the passage are clipped to it.
  ``pass``: the F1 needed to count as correct (default 0.5).
- ``numeric``: ``answer`` (a number), ``tolerance`` (absolute, default 0), ``unit``; or,
  where the text supports a range, ``accept: [low, high]`` (both ends accepted; it must
  include ``answer``, and replaces ``tolerance``).
- ``open``: the student's own words, never scored in the student's kernel: ``rubric``, a
  list of 2-9 levels, lowest first, each ``{level: Proficient, descriptor: what an answer
  at this level does}``; optional ``words`` (a word guide, e.g. ``40-80 words``). The
  explanation may be left out. A model answer never sits here: it goes in the teacher's
  keys file (below) as ``<id>: {model_answer: ...}``. An open question cannot be summative.

Exit tickets (``summative: true``) are not scored in the student's kernel, and their
keys never sit in ``quizzes.yaml``, which students can read: the key fields
(``answer``, ``tolerance`` or ``accept`` for numeric, ``key`` and ``pass`` for highlight)
go in the teacher's file
``solutions/keys/<slug>.yaml`` (or ``$MEDIALIT_TEACHER_KEYS/<slug>.yaml``), a mapping
of question id to those fields. Give students a copy of the kit without ``solutions/``
(``medialit build --student-copy DIR``). Its categorize items must be written out with
``text:``, and a highlight exit ticket's key (in the keys file) names annotation records
that the student copy leaves out of ``annotations.yaml``, which students can read. The quiz widgets load the bank
without the keys; ``verify_key`` and ``medialit report`` load it with them.

The modules: this one reads the file and checks the fields every question has;
:mod:`.question_fields` checks each type's own fields and builds the questions;
:mod:`.exit_tickets` keeps exit-ticket keys in the teacher's file.

:func:`check_bank` reports every problem at once, each naming file, line and field;
``medialit check`` runs it. :func:`load_bank` returns the questions or raises
:class:`~medialit.article.model.ArticleError` with the same problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medialit._io.reading import present, read_yaml, shorten
from medialit._io.records import Field, Spec, among, check_record, is_int, is_text, line_of, unknown_fields
from medialit.errors import ArticleError, Problem
from medialit.quizzes.exit_tickets import copy_map, exit_ticket, read_keys, teacher_keys_file
from medialit.quizzes.question_fields import ID, TYPE_FIELDS, TYPE_PARSERS, parse_passage
from medialit.quizzes.questions import TYPES, Question

#: The fields every question may have; each type's own fields are in :mod:`.question_fields`.
#: The id's form and uniqueness, the passage and unknown fields are checked by this module.
COMMON = Spec(
    fields=(
        Field("id", True),
        Field("type", True, choices=TYPES),
        Field("lesson", True, lambda v: is_int(v) and v >= 0, "must be a lesson number (0, 1, 2, ...)"),
        Field("prompt", True, is_text, "must be text"),
        Field("passage"),
        Field("hint", False, is_text, "must be text"),
        Field("explanation", True, is_text, "must be text"),
        Field("summative", False, lambda v: isinstance(v, bool), "must be true or false"),
    ),
    noun="question",
    unique=None,
    closed=False,
)
COMMON_FIELDS = COMMON.names
#: What an open question shows after its answer is saved, when it gives no explanation.
OPEN_EXPLANATION = "Your teacher reads this answer and scores it with the rubric."


class _Reader:
    """Collects problems for one bank file while the questions are parsed."""

    def __init__(self, article, file: str):
        self.article = article
        self.file = file
        self.problems: list[Problem] = []
        self.keys: dict = {}
        self.keys_file = ""
        self.with_keys = False

    def add(self, line, field, message) -> None:
        self.problems.append(Problem(self.file, line, field, message))


def _parse_bank(article, teacher_keys: bool = False) -> tuple[dict[str, Question], list[Problem]]:
    path = article.quiz_file
    reader = _Reader(article, str(path))
    keys, keys_file = read_keys(article, reader.problems) if teacher_keys else ({}, "")
    # Without a keys file (a student's copy of the kit), exit tickets simply stay withheld.
    reader.keys, reader.keys_file = keys, keys_file
    reader.with_keys = teacher_keys and Path(keys_file).exists()
    raw = read_yaml(path)     # SeedError (missing, not a file, not YAML, over a limit) goes to the caller
    if raw is None:
        return {}, []
    if not isinstance(raw, list):
        reader.add(line_of(raw) or 1, None,
                   "the file must be a YAML list of questions (each starting with '- id: ...')")
        return {}, reader.problems
    questions: dict[str, Question] = {}
    seen: dict[str, int] = {}
    for index, rec in enumerate(raw):
        question = _parse_question(rec, index, reader, seen)
        if question is not None:
            questions[question.id] = question
    summative = {rec.get("id") for rec in raw
                 if isinstance(rec, dict) and isinstance(rec.get("id"), str)
                 and (rec.get("summative") is True or rec.get("type") == "open")}
    for qid in keys:
        if qid not in summative:
            reader.problems.append(Problem(keys_file, line_of(keys, qid), qid,
                                           "no exit ticket (summative: true) or open question with this id "
                                           "in quizzes.yaml"))
    return questions, reader.problems


def _parse_question(rec, index: int, r: _Reader, seen: dict[str, int]) -> Question | None:
    if not isinstance(rec, dict):
        r.add(None, None, f"question #{index + 1} is not a mapping of field: value")
        return None
    before = len(r.problems)
    line = line_of(rec)
    withheld = False
    if rec.get("type") == "open":
        rec = _open_defaults(rec, r)
    elif rec.get("summative") is True and among(rec.get("type"), TYPES):
        rec, withheld = exit_ticket(rec, rec["type"], r)
    at = lambda key: line_of(rec, key)  # noqa: E731

    r.problems += check_record(rec, COMMON, r.file)
    qid, qtype, lesson, summative = rec.get("id"), rec.get("type"), rec.get("lesson"), rec.get("summative")
    if qid not in (None, ""):
        if not isinstance(qid, str) or not ID.match(qid):
            r.add(at("id"), "id", f"{shorten(qid)} is not a usable id: use letters, digits, - and _ "
                                  "(e.g. l2-who-speaks)")
        elif qid in seen:
            r.add(at("id"), "id", f"duplicate id {shorten(qid)} (first used on line {seen[qid]})")
        else:
            seen[qid] = at("id")

    known_type = among(qtype, TYPES)
    type_fields_present = known_type
    if known_type:
        allowed = COMMON_FIELDS + list(TYPE_FIELDS[qtype])
        r.problems += unknown_fields(rec, allowed, r.file,
                                     message=f"unknown field for a {qtype} question; allowed fields are {{allowed}}")
        for field, required in TYPE_FIELDS[qtype].items():
            if required and rec.get(field) in (None, "", [], {}):
                r.add(line, field, f"missing; a {qtype} question needs {field}")
                type_fields_present = False

    passage = parse_passage(rec, r) if rec.get("passage") is not None else None
    if known_type and qtype == "highlight" and rec.get("passage") is None:
        r.add(line, "passage", "missing; a highlight question needs the passage to highlight in")

    fields: dict[str, Any] = {}
    if type_fields_present:
        fields = TYPE_PARSERS[qtype](rec, r, passage)
    if len(r.problems) > before:
        return None
    return TYPES[qtype](
        id=qid, lesson=lesson, prompt=" ".join(rec["prompt"].split()),
        explanation=" ".join(rec["explanation"].split()),
        hint=" ".join(str(rec.get("hint") or "").split()), passage=passage,
        summative=bool(summative), key_withheld=withheld, file=r.file, line=line, **fields)


def _open_defaults(rec, r: _Reader):
    """An open question's record with the explanation it may leave out (a copy; lines kept)."""
    if "summative" in rec:
        r.add(line_of(rec, "summative"), "summative",
              "an open question is always scored by the teacher: leave out summative")
    if "explanation" in rec:
        return rec
    out = copy_map(rec)
    out["explanation"] = OPEN_EXPLANATION
    return out


_CACHE: dict[tuple, dict[str, Question]] = {}


def check_bank(article) -> list[Problem]:
    """Every problem in ``article``'s quizzes.yaml, and in the teacher's exit-ticket keys
    when that file is present (empty list: all good)."""
    problems = _parse_bank(article)[1]
    if present(teacher_keys_file(article)):          # a dangling link or a folder is a problem, not "no keys"
        problems += [p for p in _parse_bank(article, teacher_keys=True)[1] if p not in problems]
    return problems


def load_bank(article, *, teacher_keys: bool = False) -> dict[str, Question]:
    """The questions of ``article``'s quiz bank by id, in file order.

    With ``teacher_keys=True`` exit tickets get their keys from the teacher's file (for
    answer-key checks and the class report); otherwise they are ``key_withheld``.
    Raises :class:`~medialit.errors.ArticleError` listing every problem if the bank
    has any, and :class:`~medialit.errors.SeedError` if the file is missing or not YAML.
    """
    path = article.quiz_file
    stamp = path.stat().st_mtime_ns if path.exists() else None
    keys_stamp = None
    if teacher_keys:
        keys_path = teacher_keys_file(article)
        keys_stamp = (str(keys_path), keys_path.stat().st_mtime_ns if keys_path.exists() else None)
    cache_key = (str(path), id(article), stamp, keys_stamp)
    if cache_key not in _CACHE:
        questions, problems = _parse_bank(article, teacher_keys)
        if problems:
            raise ArticleError(problems)
        _CACHE[cache_key] = questions
    return _CACHE[cache_key]


def question(record: dict, article, *, source: str = "<question written in code>") -> Question:
    """One question from a mapping with the fields a bank entry has, checked the same way.

    For a question written in a notebook rather than in ``quizzes.yaml`` (it needs no YAML
    reader; a highlight or categorize question still reads the article's annotation layer).
    ``source`` names it in error messages. Exit tickets belong in the bank and its keys file,
    not here. Raises :class:`~medialit.errors.ArticleError` listing every problem.
    """
    if isinstance(record, dict) and record.get("summative") is True:
        raise ArticleError([Problem(source, None, "summative", "an exit ticket lives in quizzes.yaml, "
                                                               "with its key in the teacher's keys file")])
    reader = _Reader(article, source)
    built = _parse_question(record, 0, reader, {})
    if reader.problems or built is None:
        raise ArticleError(reader.problems or [Problem(source, None, None, "not a question")])
    return built
