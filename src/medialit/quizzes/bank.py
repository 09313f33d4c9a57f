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
  Partial credit: ``max(0, (right picked - wrong picked) / len(answer))``.
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
- ``numeric``: ``answer`` (a number), ``tolerance`` (absolute, default 0), ``unit``.

Exit tickets (``summative: true``) are not scored in the student's kernel, and their
keys never sit in ``quizzes.yaml``, which students can read: the key fields
(``answer``, and ``tolerance`` for numeric) go in the teacher's file
``solutions/keys/<slug>.yaml`` (or ``$MEDIALIT_TEACHER_KEYS/<slug>.yaml``), a mapping
of question id to those fields. Give students a copy of the kit without ``solutions/``
(``medialit build --student-copy DIR``). An exit ticket cannot be a highlight question,
and its categorize items must be written out with ``text:``: those keys would come
from ``annotations.yaml``, which students can read. The quiz widgets load the bank
without the keys; ``verify_key`` and ``medialit report`` load it with them.

:func:`check_bank` reports every problem at once, each naming file, line and field;
``medialit check`` runs it. :func:`load_bank` returns the questions or raises
:class:`~medialit.article.model.ArticleError` with the same problems.
"""

from __future__ import annotations

import math
import numbers
import os
import re
from pathlib import Path
from typing import Any

from medialit._io.reading import read_yaml
from medialit.errors import Problem
from medialit.quizzes.questions import BINS, TYPES, Item, KeySpan, Option, Passage, Question
from medialit.vocabulary import CATEGORIES, LABELS

COMMON_FIELDS = ["id", "type", "lesson", "prompt", "passage", "hint", "explanation", "summative"]
REQUIRED_COMMON = ["id", "type", "lesson", "prompt", "explanation"]
#: Each type's own fields: name -> required?
TYPE_FIELDS: dict[str, dict[str, bool]] = {
    "single_choice": {"options": True, "answer": True},
    "multi_choice": {"options": True, "answer": True},
    "categorize": {"items": True, "answer": False},
    "highlight": {"key": True, "pass": False},
    "numeric": {"answer": True, "tolerance": False, "unit": False},
}
OPTION_FIELDS = ["id", "text", "feedback"]
ITEM_FIELDS = ["id", "annotation", "text", "feedback"]
PASSAGE_FIELDS = ["paragraphs", "start", "end", "show"]
KEY_FIELDS = ["category", "label", "annotations"]
DEFAULT_PASS = 0.5
#: Fields that make up (or give away) an exit ticket's key, kept in the teacher's keys file.
#: ``feedback`` there maps option or item ids to their feedback.
SUMMATIVE_KEY_FIELDS: dict[str, list[str]] = {
    "single_choice": ["answer", "explanation", "feedback"],
    "multi_choice": ["answer", "explanation", "feedback"],
    "categorize": ["answer", "explanation", "feedback"],
    "numeric": ["answer", "tolerance", "explanation"],
}

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and math.isfinite(float(value)))


def _is_text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _among(value, choices) -> bool:
    """``value in choices``, False for a list or mapping a teacher typed by mistake."""
    try:
        return value in choices
    except TypeError:
        return False


def _line_of(rec, key: str | None = None):
    if key is not None and hasattr(rec, "line_of"):
        return rec.line_of(key)
    return getattr(rec, "line", None)


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


# -- the whole file ------------------------------------------------------------

def teacher_keys_file(article) -> Path:
    """Where the teacher's exit-ticket keys for ``article`` live (the file may not exist)."""
    folder = os.environ.get("MEDIALIT_TEACHER_KEYS")
    base = Path(folder) if folder else Path(article.folder).resolve().parents[1] / "solutions" / "keys"
    return base / f"{article.slug}.yaml"


def _read_keys(article, reader: _Reader) -> tuple[dict, str]:
    path = teacher_keys_file(article)
    raw = read_yaml(path) if path.exists() else None
    if raw is None:
        return {}, str(path)
    if not isinstance(raw, dict):
        reader.problems.append(Problem(str(path), _line_of(raw) or 1, None,
                                       "must map each exit ticket's id to its key fields (answer: ...)"))
        return {}, str(path)
    return raw, str(path)


def _parse_bank(article, teacher_keys: bool = False) -> tuple[dict[str, Question], list[Problem]]:
    path = article.quiz_file
    reader = _Reader(article, str(path))
    keys, keys_file = _read_keys(article, reader) if teacher_keys else ({}, "")
    # Without a keys file (a student's copy of the kit), exit tickets simply stay withheld.
    reader.keys, reader.keys_file = keys, keys_file
    reader.with_keys = teacher_keys and Path(keys_file).exists()
    try:
        raw = read_yaml(path)     # SeedError (missing / not YAML) goes to the caller
    except TypeError:             # a list or mapping used as a key: YAML allows it, Python cannot
        reader.add(None, None, "not valid YAML for a quiz bank: a key is a list or mapping; "
                               "keys must be plain words")
        return {}, reader.problems
    if raw is None:
        return {}, []
    if not isinstance(raw, list):
        reader.add(_line_of(raw) or 1, None,
                   "the file must be a YAML list of questions (each starting with '- id: ...')")
        return {}, reader.problems
    questions: dict[str, Question] = {}
    seen: dict[str, int] = {}
    for index, rec in enumerate(raw):
        question = _parse_question(rec, index, reader, seen)
        if question is not None:
            questions[question.id] = question
    summative = {rec.get("id") for rec in raw
                 if isinstance(rec, dict) and rec.get("summative") is True and isinstance(rec.get("id"), str)}
    for qid in keys:
        if qid not in summative:
            reader.problems.append(Problem(keys_file, _line_of(keys, qid), qid,
                                           "no exit ticket (summative: true) with this id in quizzes.yaml"))
    return questions, reader.problems


def _parse_question(rec, index: int, r: _Reader, seen: dict[str, int]) -> Question | None:
    if not isinstance(rec, dict):
        r.add(None, None, f"question #{index + 1} is not a mapping of field: value")
        return None
    before = len(r.problems)
    line = _line_of(rec)
    withheld = False
    if rec.get("summative") is True and _among(rec.get("type"), TYPES):
        rec, withheld = _exit_ticket(rec, rec["type"], r)
    at = lambda key: _line_of(rec, key)  # noqa: E731

    for field in REQUIRED_COMMON:
        if rec.get(field) in (None, ""):
            r.add(line, field, f"missing; every question needs {', '.join(REQUIRED_COMMON)}")
    qid = rec.get("id")
    if qid not in (None, ""):
        if not isinstance(qid, str) or not _ID.match(qid):
            r.add(at("id"), "id", f"{qid!r} is not a usable id: use letters, digits, - and _ "
                                  "(e.g. l2-who-speaks)")
        elif qid in seen:
            r.add(at("id"), "id", f"duplicate id {qid!r} (first used on line {seen[qid]})")
        else:
            seen[qid] = at("id")
    qtype = rec.get("type")
    if qtype not in (None, "") and not _among(qtype, TYPES):
        r.add(at("type"), "type", f"unknown type {qtype!r}; use one of {', '.join(TYPES)}")
    lesson = rec.get("lesson")
    if lesson not in (None, "") and (not _is_int(lesson) or lesson < 0):
        r.add(at("lesson"), "lesson", f"must be a lesson number (0, 1, 2, ...), not {lesson!r}")
    for field in ("prompt", "explanation", "hint"):
        value = rec.get(field)
        if value not in (None, "") and not _is_text(value):
            r.add(at(field), field, f"must be text, not {value!r}")
    summative = rec.get("summative")
    if summative is not None and not isinstance(summative, bool):
        r.add(at("summative"), "summative", f"must be true or false, not {summative!r}")

    known_type = _among(qtype, TYPES)
    type_fields_present = known_type
    if known_type:
        allowed = COMMON_FIELDS + list(TYPE_FIELDS[qtype])
        for field in [f for f in rec if f not in allowed]:
            r.add(at(field), field, f"unknown field for a {qtype} question; allowed fields are "
                                    f"{', '.join(allowed)}")
        for field, required in TYPE_FIELDS[qtype].items():
            if required and rec.get(field) in (None, "", [], {}):
                r.add(line, field, f"missing; a {qtype} question needs {field}")
                type_fields_present = False

    passage = _parse_passage(rec, r) if rec.get("passage") is not None else None
    if known_type and qtype == "highlight" and rec.get("passage") is None:
        r.add(line, "passage", "missing; a highlight question needs the passage to highlight in")

    fields: dict[str, Any] = {}
    if type_fields_present:
        fields = _TYPE_PARSERS[qtype](rec, r, passage)
    if len(r.problems) > before:
        return None
    return TYPES[qtype](
        id=qid, lesson=lesson, prompt=" ".join(rec["prompt"].split()),
        explanation=" ".join(rec["explanation"].split()),
        hint=" ".join(str(rec.get("hint") or "").split()), passage=passage,
        summative=bool(summative), key_withheld=withheld, file=r.file, line=line, **fields)


# -- exit tickets ----------------------------------------------------------------

def _exit_ticket(rec, qtype: str, r: _Reader):
    """Check an exit ticket's record and give the record to parse, with its key if known.

    Returns ``(record, withheld)``: without the teacher's keys the record gets stand-in
    key fields (never used: the question is marked ``key_withheld`` and not graded).
    """
    at = lambda key: _line_of(rec, key)  # noqa: E731
    qid = rec.get("id")
    if qtype == "highlight":
        r.add(at("summative"), "summative", "an exit ticket cannot be a highlight question: its key "
              "would come from annotations.yaml, which students can read")
        return rec, False
    items = rec.get("items") if qtype == "categorize" else None
    if isinstance(items, list) and any(isinstance(i, dict) and "annotation" in i for i in items):
        r.add(at("items"), "items", "an exit ticket's excerpts must be written out with text: "
              "(an annotation's category can be read in annotations.yaml)")
    key_fields = SUMMATIVE_KEY_FIELDS[qtype]
    move = f"move it to the teacher's solutions/keys/{r.article.slug}.yaml"
    for field in key_fields:
        if field in rec:
            r.add(at(field), field, f"an exit ticket's {field} must not be in quizzes.yaml, where "
                  f"students can read it (it gives the key away): {move}")
    for group in ("options", "items"):
        for entry in rec.get(group) or []:
            if isinstance(entry, dict) and "feedback" in entry:
                r.add(_line_of(entry, "feedback"), f"{group}[{entry.get('id')}].feedback",
                      f"an exit ticket's feedback gives the key away: {move} (under feedback:)")
    merged = dict(rec)
    merged_lines = dict(getattr(rec, "key_lines", {}))
    key = r.keys.get(qid) if isinstance(qid, str) else None
    if key is None:
        if r.with_keys:
            r.problems.append(Problem(r.keys_file or "solutions/keys", None, str(qid),
                                      f"no key for the exit ticket {qid!r} in the teacher's keys file"))
        merged.update(_stand_in_key(rec, qtype))
        withheld = True
    elif not isinstance(key, dict):
        r.problems.append(Problem(r.keys_file, _line_of(r.keys, qid), str(qid),
                                  "must be a mapping of key fields, e.g. {answer: b}"))
        merged.update(_stand_in_key(rec, qtype))
        withheld = True
    else:
        for field in [f for f in key if f not in key_fields]:
            r.problems.append(Problem(r.keys_file, _line_of(key, field), f"{qid}.{field}",
                                      f"not a key field for a {qtype} question; use {', '.join(key_fields)}"))
        for field in key_fields:
            if field in key and field != "feedback":
                merged[field] = key[field]
                merged_lines[field] = _line_of(key, field)
        feedback = key.get("feedback") or {}
        if not isinstance(feedback, dict):
            r.problems.append(Problem(r.keys_file, _line_of(key, "feedback"), f"{qid}.feedback",
                                      "must map option or item ids to their feedback"))
            feedback = {}
        group = "items" if qtype == "categorize" else "options"
        entries = [_copy_map(e) for e in rec.get(group) or [] if isinstance(e, dict)]
        ids = {e.get("id") for e in entries}
        for entry in entries:
            if entry.get("id") in feedback:
                entry["feedback"] = feedback[entry["id"]]
        for fid in feedback:
            if fid not in ids:
                r.problems.append(Problem(r.keys_file, _line_of(feedback, fid), f"{qid}.feedback.{fid}",
                                          f"no {group[:-1]} {fid!r} in the question"))
        if group in rec:
            merged[group] = entries
        withheld = False
    out = _copy_map(rec)
    out.clear()
    out.update(merged)
    if hasattr(rec, "key_lines"):
        out.key_lines = merged_lines
    return out, withheld


def _copy_map(entry):
    """A copy of a mapping read from YAML that keeps its line numbers."""
    out = type(entry)(entry)
    for attr in ("line", "key_lines"):
        if hasattr(entry, attr):
            setattr(out, attr, dict(getattr(entry, attr)) if attr == "key_lines" else getattr(entry, attr))
    return out


def _stand_in_key(rec, qtype: str) -> dict:
    options = [o.get("id") for o in rec.get("options") or [] if isinstance(o, dict)]
    return {"explanation": "This exit ticket is scored by your teacher."} | {
        "single_choice": {"answer": options[0] if options else None},
        "multi_choice": {"answer": options[:1]},
        "categorize": {"answer": {i.get("id"): "none" for i in rec.get("items") or []
                                  if isinstance(i, dict) and "text" in i and isinstance(i.get("id"), str)}},
        "numeric": {"answer": 0},
    }[qtype]


# -- passage -------------------------------------------------------------------

def _parse_passage(rec, r: _Reader) -> Passage | None:
    raw = rec.get("passage")
    at = lambda key: _line_of(raw, key)  # noqa: E731
    if not isinstance(raw, dict):
        r.add(_line_of(rec, "passage"), "passage",
              "must be {paragraphs: [first, last]} or {start: N, end: M}")
        return None
    before = len(r.problems)
    for field in [f for f in raw if f not in PASSAGE_FIELDS]:
        r.add(at(field), f"passage.{field}", f"unknown field; allowed fields are {', '.join(PASSAGE_FIELDS)}")
    article = r.article
    has_paras = "paragraphs" in raw
    has_offsets = "start" in raw or "end" in raw
    start = end = None
    if has_paras and has_offsets:
        r.add(at("paragraphs"), "passage.paragraphs", "give paragraphs or start/end, not both")
    elif has_paras:
        paras = raw["paragraphs"]
        if _is_int(paras):
            paras = [paras, paras]
        count = len(article.paragraphs)
        if (not isinstance(paras, list) or len(paras) != 2 or not all(_is_int(p) for p in paras)):
            r.add(at("paragraphs"), "passage.paragraphs",
                  f"must be [first, last] paragraph numbers, not {raw['paragraphs']!r}")
        elif not 1 <= paras[0] <= paras[1] <= count:
            r.add(at("paragraphs"), "passage.paragraphs",
                  f"paragraphs {paras[0]}..{paras[1]} are out of range: the article has paragraphs "
                  f"1..{count} (and first must not come after last)")
        else:
            start, end = article.paragraph_span(paras[0], paras[1])
            label = (f"paragraph {paras[0]}" if paras[0] == paras[1]
                     else f"paragraphs {paras[0]}-{paras[1]}")
    elif has_offsets:
        start, end = raw.get("start"), raw.get("end")
        if not (_is_int(start) and _is_int(end)):
            r.add(at("start" if "start" in raw else "end"), "passage.start",
                  f"start and end must both be whole numbers, not {start!r} and {end!r}")
            start = end = None
        elif not 0 <= start < end <= len(article.text):
            r.add(at("start"), "passage.start", f"range {start}..{end} is out of range: need "
                                                f"0 <= start < end <= {len(article.text)}")
            start = end = None
        else:
            label = f"characters {start}-{end}"
    else:
        r.add(_line_of(raw), "passage", "give paragraphs: [first, last] or start: and end:")
    show = _parse_show(raw, r)
    if len(r.problems) > before or start is None:
        return None
    return Passage(int(start), int(end), label, show)


def _parse_show(raw, r: _Reader) -> tuple[str, ...]:
    show = raw.get("show")
    if show in (None, "", []):
        return ()
    if show == "all":
        return tuple(CATEGORIES)
    wanted = [show] if isinstance(show, str) else show
    if not isinstance(wanted, list) or not all(_among(c, CATEGORIES) for c in wanted):
        r.add(_line_of(raw, "show"), "passage.show",
              f"must be all, a category or a list of categories ({', '.join(CATEGORIES)}), not {show!r}")
        return ()
    return tuple(wanted)


# -- choice types ----------------------------------------------------------------

def _parse_options(rec, r: _Reader) -> list[Option]:
    raw = rec.get("options")
    if not isinstance(raw, list) or len(raw) < 2:
        r.add(_line_of(rec, "options"), "options",
              "must be a list of at least two options, each with id and text")
        return []
    options, seen = [], set()
    for n, opt in enumerate(raw, 1):
        if not isinstance(opt, dict):
            r.add(_line_of(rec, "options"), f"options[{n}]", "must be a mapping with id, text and optional feedback")
            continue
        at = lambda key, opt=opt: _line_of(opt, key)  # noqa: E731
        oid, text, feedback = opt.get("id"), opt.get("text"), opt.get("feedback")
        for field in [f for f in opt if f not in OPTION_FIELDS]:
            r.add(at(field), f"options[{n}].{field}", f"unknown field; allowed fields are {', '.join(OPTION_FIELDS)}")
        if oid in (None, ""):
            r.add(_line_of(opt), f"options[{n}].id", "missing; every option needs an id")
        elif not isinstance(oid, str):
            r.add(at("id"), f"options[{n}].id", f"option ids are text; write {str(oid)!r} in quotes")
        elif oid in seen:
            r.add(at("id"), f"options[{n}].id", f"duplicate option id {oid!r}")
        if not _is_text(text):
            r.add(at("text") if text is not None else _line_of(opt), f"options[{n}].text",
                  "missing; every option needs its text" if text is None else f"must be text, not {text!r}")
        if feedback is not None and not _is_text(feedback):
            r.add(at("feedback"), f"options[{n}].feedback", f"must be text, not {feedback!r}")
        if isinstance(oid, str) and oid and _is_text(text):
            seen.add(oid)
            options.append(Option(oid, " ".join(text.split()), " ".join(str(feedback or "").split())))
    return options


def _parse_single(rec, r: _Reader, passage) -> dict:
    options = _parse_options(rec, r)
    answer = rec.get("answer")
    ids = [o.id for o in options]
    if not isinstance(answer, str):
        r.add(_line_of(rec, "answer"), "answer",
              f"must be one option id ({', '.join(ids)}) for a single_choice question, not {answer!r}")
    elif options and answer not in ids:
        r.add(_line_of(rec, "answer"), "answer", f"{answer!r} is not among the option ids ({', '.join(ids)})")
    return {"options": tuple(options), "answer": answer}


def _parse_multi(rec, r: _Reader, passage) -> dict:
    options = _parse_options(rec, r)
    answer = rec.get("answer")
    ids = [o.id for o in options]
    line = _line_of(rec, "answer")
    if not isinstance(answer, list) or not answer:
        r.add(line, "answer", f"must be a list of option ids (from {', '.join(ids)}), not {answer!r}")
        return {}
    for value in answer:
        if not isinstance(value, str) or (options and value not in ids):
            r.add(line, "answer", f"{value!r} is not among the option ids ({', '.join(ids)})")
    if len(set(map(str, answer))) != len(answer):
        r.add(line, "answer", "lists an option twice")
    return {"options": tuple(options), "answer": tuple(o for o in ids if o in answer)}


# -- categorize -------------------------------------------------------------------

def _parse_categorize(rec, r: _Reader, passage) -> dict:
    raw = rec.get("items")
    if not isinstance(raw, list) or not raw:
        r.add(_line_of(rec, "items"), "items", "must be a list of excerpts, each {id, annotation} or {id, text}")
        return {}
    notes = r.article.annotations.set_index("id")
    items: list[Item] = []
    derived: dict[str, str] = {}
    seen = set()
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            r.add(_line_of(rec, "items"), f"items[{n}]", "must be a mapping {id, annotation} or {id, text}")
            continue
        at = lambda key, item=item: _line_of(item, key)  # noqa: E731
        iid = item.get("id")
        name = f"items[{iid}]" if isinstance(iid, str) and iid else f"items[{n}]"
        for field in [f for f in item if f not in ITEM_FIELDS]:
            r.add(at(field), f"{name}.{field}", f"unknown field; allowed fields are {', '.join(ITEM_FIELDS)}")
        if not isinstance(iid, str) or not _ID.match(iid):
            r.add(at("id") if iid is not None else _line_of(item), f"{name}.id",
                  f"every item needs an id of letters, digits, - and _, not {iid!r}")
            continue
        if iid in seen:
            r.add(at("id"), f"{name}.id", f"duplicate item id {iid!r}")
            continue
        seen.add(iid)
        ann, text, feedback = item.get("annotation"), item.get("text"), item.get("feedback")
        if feedback is not None and not _is_text(feedback):
            r.add(at("feedback"), f"{name}.feedback", f"must be text, not {feedback!r}")
        if (ann is None) == (text is None):
            r.add(_line_of(item), name, "give exactly one of annotation: <annotation id> or text: \"...\"")
        elif ann is not None:
            if not isinstance(ann, str) or ann not in notes.index:
                r.add(at("annotation"), f"{name}.annotation",
                      f"no annotation with id {ann!r} in annotations.yaml")
                continue
            row = notes.loc[ann]
            derived[iid] = row["category"]
            items.append(Item(iid, row["text"], ann, " ".join(str(feedback or row["note"]).split())))
        elif not _is_text(text):
            r.add(at("text"), f"{name}.text", f"must be the excerpt's text, not {text!r}")
        else:
            items.append(Item(iid, " ".join(text.split()), "", " ".join(str(feedback or "").split())))
    answer = _parse_categorize_answer(rec, r, [i.id for i in items], derived, seen)
    return {"items": tuple(items), "answer": answer}


def _parse_categorize_answer(rec, r: _Reader, item_ids, derived, all_ids) -> dict:
    raw = rec.get("answer")
    if raw is None:
        raw = {}
    elif not isinstance(raw, dict):
        r.add(_line_of(rec, "answer"), "answer", f"must map item id -> category, not {raw!r}")
        return {}
    answer = {}
    for key, value in raw.items():
        line = _line_of(raw, key)
        if not _among(key, all_ids):
            r.add(line, f"answer.{key}", f"no item {key!r} in items")
        elif not isinstance(value, str) or value not in BINS:
            r.add(line, f"answer.{key}", f"unknown category {value!r}; use one of {', '.join(BINS)}")
        elif key in derived and derived[key] != value:
            r.add(line, f"answer.{key}",
                  f"says {value!r} but the item's annotation is {derived[key]!r} in annotations.yaml; "
                  "fix one of them (or leave the answer out to use the annotation's category)")
        else:
            answer[key] = value
    for iid in item_ids:
        if iid not in answer and iid in derived:
            answer[iid] = derived[iid]
        elif iid not in answer and iid not in raw:
            r.add(_line_of(rec, "answer"), f"answer.{iid}",
                  f"missing; item {iid!r} has its own text, so give its category ({', '.join(BINS)})")
    return {iid: answer[iid] for iid in item_ids if iid in answer}


# -- highlight ----------------------------------------------------------------------

def _parse_highlight(rec, r: _Reader, passage: Passage | None) -> dict:
    key = rec.get("key")
    at = lambda k: _line_of(key, k)  # noqa: E731
    line = _line_of(rec, "key")
    before = len(r.problems)
    fields: dict[str, Any] = {}
    pass_mark = rec.get("pass", DEFAULT_PASS)
    if not _is_number(pass_mark) or not 0 < pass_mark <= 1:
        r.add(_line_of(rec, "pass"), "pass", f"must be a number above 0 and at most 1 (an F1 score), not {pass_mark!r}")
    for field in [f for f in key if f not in KEY_FIELDS] if isinstance(key, dict) else []:
        r.add(at(field), f"key.{field}", f"unknown field; allowed fields are {', '.join(KEY_FIELDS)}")
    if not isinstance(key, dict) or not any(k in key for k in KEY_FIELDS):
        r.add(line, "key", "must say which annotations to find: {category: ...}, {label: ...} "
                           "and/or {annotations: [ids]}")
        return {}
    category, label, ids = key.get("category"), key.get("label"), key.get("annotations")
    if category is not None and not (isinstance(category, str) and category in CATEGORIES):
        r.add(at("category"), "key.category", f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    known_labels = (LABELS.get(category) if isinstance(category, str) else None) or \
        {lab for labs in LABELS.values() for lab in labs}
    if label is not None and not (isinstance(label, str) and label in known_labels):
        r.add(at("label"), "key.label", f"unknown label {label!r}" + (f" for {category}" if category else ""))
    frame = r.article.annotations
    if ids is not None:
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, list) or not ids:
            r.add(at("annotations"), "key.annotations", f"must be a list of annotation ids, not {ids!r}")
            ids = None
        else:
            for aid in ids:
                if not isinstance(aid, str) or aid not in set(frame["id"]):
                    r.add(at("annotations"), "key.annotations", f"no annotation with id {aid!r} in annotations.yaml")
    if len(r.problems) > before or passage is None:
        return fields
    inside = frame[(frame["start"] < passage.end) & (frame["end"] > passage.start)]
    if ids is not None:
        for aid in ids:
            if aid not in set(inside["id"]):
                r.add(at("annotations"), "key.annotations",
                      f"annotation {aid!r} lies outside the passage ({passage.label})")
    chosen = inside
    if category is not None:
        chosen = chosen[chosen["category"] == category]
    if label is not None:
        chosen = chosen[chosen["label"] == label]
    if ids is not None:
        for aid in ids:
            if aid in set(inside["id"]) and aid not in set(chosen["id"]):
                r.add(at("annotations"), "key.annotations",
                      f"annotation {aid!r} does not match the key's category/label")
        chosen = chosen[chosen["id"].isin(ids)]
    if chosen.empty and len(r.problems) == before:
        r.add(line, "key", f"selects no annotation inside the passage ({passage.label}); "
                           "check the key and the passage")
    if len(r.problems) > before:
        return fields
    text = r.article.text
    spans = []
    for row in chosen.itertuples(index=False):
        s, e = max(int(row.start), passage.start), min(int(row.end), passage.end)
        spans.append(KeySpan(row.id, s, e, text[s:e], row.category, row.label, row.note))
    described = [CATEGORIES[category]] if category else []
    if label:
        described.append(label.replace("_", " "))
    if ids is not None and not described:
        described.append("the annotations " + ", ".join(ids))
    return {"key": tuple(spans), "key_description": " · ".join(described),
            "pass_mark": float(pass_mark), "passage_text": text[passage.start:passage.end]}


# -- numeric --------------------------------------------------------------------------

def _parse_numeric(rec, r: _Reader, passage) -> dict:
    answer, tolerance, unit = rec.get("answer"), rec.get("tolerance", 0), rec.get("unit", "")
    if not _is_number(answer):
        r.add(_line_of(rec, "answer"), "answer", f"must be a number, not {answer!r}")
    if not _is_number(tolerance) or tolerance < 0:
        r.add(_line_of(rec, "tolerance"), "tolerance", f"must be a number >= 0, not {tolerance!r}")
    if unit is not None and not isinstance(unit, str):
        r.add(_line_of(rec, "unit"), "unit", f"must be text, not {unit!r}")
    if not _is_number(answer) or not _is_number(tolerance):
        return {}
    return {"answer": float(answer), "tolerance": float(tolerance), "unit": unit or ""}


_TYPE_PARSERS = {
    "single_choice": _parse_single,
    "multi_choice": _parse_multi,
    "categorize": _parse_categorize,
    "highlight": _parse_highlight,
    "numeric": _parse_numeric,
}


# -- public -------------------------------------------------------------------------------

_CACHE: dict[tuple, dict[str, Question]] = {}


def check_bank(article) -> list[Problem]:
    """Every problem in ``article``'s quizzes.yaml, and in the teacher's exit-ticket keys
    when that file is present (empty list: all good)."""
    problems = _parse_bank(article)[1]
    if teacher_keys_file(article).exists():
        problems += [p for p in _parse_bank(article, teacher_keys=True)[1] if p not in problems]
    return problems


def load_bank(article, *, teacher_keys: bool = False) -> dict[str, Question]:
    """The questions of ``article``'s quiz bank by id, in file order.

    With ``teacher_keys=True`` exit tickets get their keys from the teacher's file (for
    answer-key checks and the class report); otherwise they are ``key_withheld``.
    Raises :class:`~medialit.article.model.ArticleError` listing every problem if the bank
    has any, and :class:`~medialit.article.seeds.SeedError` if the file is missing or not YAML.
    """
    from medialit.article.model import ArticleError

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
