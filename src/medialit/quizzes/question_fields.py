"""Each question type's own fields in ``quizzes.yaml``: checked, and built into Question objects.

:mod:`medialit.quizzes.bank` reads the file and checks the fields every question has;
for a question of a known type it calls this module's :data:`TYPE_PARSERS` entry, which
checks that type's fields (options, items, key, answer, ...) against the article and
returns the keyword arguments of the :class:`~medialit.quizzes.questions.Question`
subclass. :func:`parse_passage` does the same for the optional ``passage``. Every
problem goes to the reader ``r`` (``r.add(line, field, message)``), naming line and field.
"""

from __future__ import annotations

import re
from typing import Any

from medialit._io.reading import shorten
from medialit._io.records import among, is_int, is_number, is_text, line_of, unknown_fields
from medialit.errors import Problem
from medialit.quizzes.exit_tickets import WITHHELD_KEY
from medialit.quizzes.questions import BINS, Item, KeySpan, Level, Option, Passage
from medialit.vocabulary import CATEGORIES, LABELS

#: Each type's own fields: name -> required?
TYPE_FIELDS: dict[str, dict[str, bool]] = {
    "single_choice": {"options": True, "answer": True},
    "multi_choice": {"options": True, "answer": True},
    "categorize": {"items": True, "answer": False},
    "highlight": {"key": True, "pass": False},
    "numeric": {"answer": True, "tolerance": False, "accept": False, "unit": False},
    "open": {"words": False, "rubric": True, "model_answer": False},   # model_answer: refused, see below
}
OPTION_FIELDS = ["id", "text", "feedback"]
ITEM_FIELDS = ["id", "annotation", "text", "feedback"]
PASSAGE_FIELDS = ["paragraphs", "start", "end", "show"]
KEY_FIELDS = ["category", "label", "annotations"]
DEFAULT_PASS = 0.5

#: What an id looks like: a question's, an option's or an item's.
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


# -- passage -------------------------------------------------------------------

def parse_passage(rec, r) -> Passage | None:
    raw = rec.get("passage")
    at = lambda key: line_of(raw, key)  # noqa: E731
    if not isinstance(raw, dict):
        r.add(line_of(rec, "passage"), "passage",
              "must be {paragraphs: [first, last]} or {start: N, end: M}")
        return None
    before = len(r.problems)
    r.problems += unknown_fields(raw, PASSAGE_FIELDS, r.file, "passage.")
    article = r.article
    has_paras = "paragraphs" in raw
    has_offsets = "start" in raw or "end" in raw
    start = end = None
    if has_paras and has_offsets:
        r.add(at("paragraphs"), "passage.paragraphs", "give paragraphs or start/end, not both")
    elif has_paras:
        paras = raw["paragraphs"]
        if is_int(paras):
            paras = [paras, paras]
        count = len(article.paragraphs)
        if (not isinstance(paras, list) or len(paras) != 2 or not all(is_int(p) for p in paras)):
            r.add(at("paragraphs"), "passage.paragraphs",
                  f"must be [first, last] paragraph numbers, not {shorten(raw['paragraphs'])}")
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
        if not (is_int(start) and is_int(end)):
            r.add(at("start" if "start" in raw else "end"), "passage.start",
                  f"start and end must both be whole numbers, not {shorten(start)} and {shorten(end)}")
            start = end = None
        elif not 0 <= start < end <= len(article.text):
            r.add(at("start"), "passage.start", f"range {start}..{end} is out of range: need "
                                                f"0 <= start < end <= {len(article.text)}")
            start = end = None
        else:
            label = f"characters {start}-{end}"
    else:
        r.add(line_of(raw), "passage", "give paragraphs: [first, last] or start: and end:")
    show = _parse_show(raw, r)
    if len(r.problems) > before or start is None:
        return None
    return Passage(int(start), int(end), label, show)


def _parse_show(raw, r) -> tuple[str, ...]:
    show = raw.get("show")
    if show in (None, "", []):
        return ()
    if show == "all":
        return tuple(CATEGORIES)
    wanted = [show] if isinstance(show, str) else show
    if not isinstance(wanted, list) or not all(among(c, CATEGORIES) for c in wanted):
        r.add(line_of(raw, "show"), "passage.show",
              f"must be all, a category or a list of categories ({', '.join(CATEGORIES)}), not {shorten(show)}")
        return ()
    return tuple(wanted)


# -- choice types ----------------------------------------------------------------

def _parse_options(rec, r) -> list[Option]:
    raw = rec.get("options")
    if not isinstance(raw, list) or len(raw) < 2:
        r.add(line_of(rec, "options"), "options",
              "must be a list of at least two options, each with id and text")
        return []
    options, seen = [], set()
    for n, opt in enumerate(raw, 1):
        if not isinstance(opt, dict):
            r.add(line_of(rec, "options"), f"options[{n}]", "must be a mapping with id, text and optional feedback")
            continue
        at = lambda key, opt=opt: line_of(opt, key)  # noqa: E731
        oid, text, feedback = opt.get("id"), opt.get("text"), opt.get("feedback")
        r.problems += unknown_fields(opt, OPTION_FIELDS, r.file, f"options[{n}].")
        if oid in (None, ""):
            r.add(line_of(opt), f"options[{n}].id", "missing; every option needs an id")
        elif not isinstance(oid, str):
            r.add(at("id"), f"options[{n}].id", f"option ids are text; write {shorten(str(oid))} in quotes")
        elif oid in seen:
            r.add(at("id"), f"options[{n}].id", f"duplicate option id {shorten(oid)}")
        if not is_text(text):
            r.add(at("text") if text is not None else line_of(opt), f"options[{n}].text",
                  "missing; every option needs its text" if text is None else f"must be text, not {shorten(text)}")
        if feedback is not None and not is_text(feedback):
            r.add(at("feedback"), f"options[{n}].feedback", f"must be text, not {shorten(feedback)}")
        if isinstance(oid, str) and oid and is_text(text):
            seen.add(oid)
            options.append(Option(oid, " ".join(text.split()), " ".join(str(feedback or "").split())))
    return options


def _parse_single(rec, r, passage) -> dict:
    options = _parse_options(rec, r)
    answer = rec.get("answer")
    ids = [o.id for o in options]
    if not isinstance(answer, str):
        r.add(line_of(rec, "answer"), "answer",
              f"must be one option id ({', '.join(ids)}) for a single_choice question, not {shorten(answer)}")
    elif options and answer not in ids:
        r.add(line_of(rec, "answer"), "answer", f"{shorten(answer)} is not among the option ids ({', '.join(ids)})")
    return {"options": tuple(options), "answer": answer}


def _parse_multi(rec, r, passage) -> dict:
    options = _parse_options(rec, r)
    answer = rec.get("answer")
    ids = [o.id for o in options]
    line = line_of(rec, "answer")
    if not isinstance(answer, list) or not answer:
        r.add(line, "answer", f"must be a list of option ids (from {', '.join(ids)}), not {shorten(answer)}")
        return {}
    for value in answer:
        if not isinstance(value, str) or (options and value not in ids):
            r.add(line, "answer", f"{shorten(value)} is not among the option ids ({', '.join(ids)})")
    if len(set(map(str, answer))) != len(answer):
        r.add(line, "answer", "lists an option twice")
    return {"options": tuple(options), "answer": tuple(o for o in ids if o in answer)}


# -- categorize -------------------------------------------------------------------

def _parse_categorize(rec, r, passage) -> dict:
    raw = rec.get("items")
    if not isinstance(raw, list) or not raw:
        r.add(line_of(rec, "items"), "items", "must be a list of excerpts, each {id, annotation} or {id, text}")
        return {}
    notes = r.article.annotations.set_index("id")
    items: list[Item] = []
    derived: dict[str, str] = {}
    seen = set()
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            r.add(line_of(rec, "items"), f"items[{n}]", "must be a mapping {id, annotation} or {id, text}")
            continue
        at = lambda key, item=item: line_of(item, key)  # noqa: E731
        iid = item.get("id")
        name = f"items[{iid}]" if isinstance(iid, str) and iid else f"items[{n}]"
        r.problems += unknown_fields(item, ITEM_FIELDS, r.file, f"{name}.")
        if not isinstance(iid, str) or not ID.match(iid):
            r.add(at("id") if iid is not None else line_of(item), f"{name}.id",
                  f"every item needs an id of letters, digits, - and _, not {shorten(iid)}")
            continue
        if iid in seen:
            r.add(at("id"), f"{name}.id", f"duplicate item id {shorten(iid)}")
            continue
        seen.add(iid)
        ann, text, feedback = item.get("annotation"), item.get("text"), item.get("feedback")
        if feedback is not None and not is_text(feedback):
            r.add(at("feedback"), f"{name}.feedback", f"must be text, not {shorten(feedback)}")
        if (ann is None) == (text is None):
            r.add(line_of(item), name, "give exactly one of annotation: <annotation id> or text: \"...\"")
        elif ann is not None:
            if not isinstance(ann, str) or ann not in notes.index:
                r.add(at("annotation"), f"{name}.annotation",
                      f"no annotation with id {shorten(ann)} in annotations.yaml")
                continue
            row = notes.loc[ann]
            derived[iid] = row["category"]
            items.append(Item(iid, row["text"], ann, " ".join(str(feedback or row["note"]).split())))
        elif not is_text(text):
            r.add(at("text"), f"{name}.text", f"must be the excerpt's text, not {shorten(text)}")
        else:
            items.append(Item(iid, " ".join(text.split()), "", " ".join(str(feedback or "").split())))
    answer = _parse_categorize_answer(rec, r, [i.id for i in items], derived, seen)
    return {"items": tuple(items), "answer": answer}


def _parse_categorize_answer(rec, r, item_ids, derived, all_ids) -> dict:
    raw = rec.get("answer")
    if raw is None:
        raw = {}
    elif not isinstance(raw, dict):
        r.add(line_of(rec, "answer"), "answer", f"must map item id -> category, not {shorten(raw)}")
        return {}
    answer = {}
    for key, value in raw.items():
        line = line_of(raw, key)
        if not among(key, all_ids):
            r.add(line, f"answer.{key}", f"no item {shorten(key)} in items")
        elif not isinstance(value, str) or value not in BINS:
            r.add(line, f"answer.{key}", f"unknown category {shorten(value)}; use one of {', '.join(BINS)}")
        elif key in derived and derived[key] != value:
            r.add(line, f"answer.{key}",
                  f"says {shorten(value)} but the item's annotation is {shorten(derived[key])} in annotations.yaml; "
                  "fix one of them (or leave the answer out to use the annotation's category)")
        else:
            answer[key] = value
    for iid in item_ids:
        if iid not in answer and iid in derived:
            answer[iid] = derived[iid]
        elif iid not in answer and iid not in raw:
            r.add(line_of(rec, "answer"), f"answer.{iid}",
                  f"missing; item {shorten(iid)} has its own text, so give its category ({', '.join(BINS)})")
    return {iid: answer[iid] for iid in item_ids if iid in answer}


# -- highlight ----------------------------------------------------------------------

def _parse_highlight(rec, r, passage: Passage | None) -> dict:
    key = rec.get("key")
    if key is WITHHELD_KEY:        # an exit ticket without the teacher's keys: nothing to find, never graded
        text = r.article.text
        return {"key": (), "key_description": "", "pass_mark": DEFAULT_PASS,
                "passage_text": text[passage.start:passage.end] if passage is not None else ""}
    at = lambda k: line_of(key, k)  # noqa: E731
    line = line_of(rec, "key")
    before = len(r.problems)
    fields: dict[str, Any] = {}
    pass_mark = rec.get("pass", DEFAULT_PASS)
    if not is_number(pass_mark) or not 0 < pass_mark <= 1:
        r.add(line_of(rec, "pass"), "pass",
              f"must be a number above 0 and at most 1 (an F1 score), not {shorten(pass_mark)}")
    if isinstance(key, dict):
        r.problems += unknown_fields(key, KEY_FIELDS, r.file, "key.")
    if not isinstance(key, dict) or not any(k in key for k in KEY_FIELDS):
        r.add(line, "key", "must say which annotations to find: {category: ...}, {label: ...} "
                           "and/or {annotations: [ids]}")
        return {}
    category, label, ids = key.get("category"), key.get("label"), key.get("annotations")
    if category is not None and not (isinstance(category, str) and category in CATEGORIES):
        r.add(at("category"), "key.category",
              f"unknown category {shorten(category)}; use one of {', '.join(CATEGORIES)}")
    known_labels = (LABELS.get(category) if isinstance(category, str) else None) or \
        {lab for labs in LABELS.values() for lab in labs}
    if label is not None and not (isinstance(label, str) and label in known_labels):
        r.add(at("label"), "key.label", f"unknown label {shorten(label)}" + (f" for {category}" if category else ""))
    frame = r.article.annotations
    if ids is not None:
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, list) or not ids:
            r.add(at("annotations"), "key.annotations", f"must be a list of annotation ids, not {shorten(ids)}")
            ids = None
        else:
            for aid in ids:
                if not isinstance(aid, str) or aid not in set(frame["id"]):
                    r.add(at("annotations"), "key.annotations",
                          f"no annotation with id {shorten(aid)} in annotations.yaml")
    if len(r.problems) > before or passage is None:
        return fields
    inside = frame[(frame["start"] < passage.end) & (frame["end"] > passage.start)]
    if ids is not None:
        for aid in ids:
            if aid not in set(inside["id"]):
                r.add(at("annotations"), "key.annotations",
                      f"annotation {shorten(aid)} lies outside the passage ({passage.label})")
    chosen = inside
    if category is not None:
        chosen = chosen[chosen["category"] == category]
    if label is not None:
        chosen = chosen[chosen["label"] == label]
    if ids is not None:
        for aid in ids:
            if aid in set(inside["id"]) and aid not in set(chosen["id"]):
                r.add(at("annotations"), "key.annotations",
                      f"annotation {shorten(aid)} does not match the key's category/label")
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

def _parse_numeric(rec, r, passage) -> dict:
    answer, tolerance, unit = rec.get("answer"), rec.get("tolerance", 0), rec.get("unit", "")
    accept = rec.get("accept")
    if not is_number(answer):
        r.add(line_of(rec, "answer"), "answer", f"must be a number, not {shorten(answer)}")
    if not is_number(tolerance) or tolerance < 0:
        r.add(line_of(rec, "tolerance"), "tolerance", f"must be a number >= 0, not {shorten(tolerance)}")
    if unit is not None and not isinstance(unit, str):
        r.add(line_of(rec, "unit"), "unit", f"must be text, not {shorten(unit)}")
    low_high = None
    if accept is not None:
        if "tolerance" in rec:
            r.add(line_of(rec, "accept"), "accept",
                  "give tolerance or accept, not both (accept: [low, high] is the whole accepted range)")
        elif not (isinstance(accept, list) and len(accept) == 2 and all(is_number(v) for v in accept)):
            r.add(line_of(rec, "accept"), "accept",
                  f"must be [low, high], two numbers (both ends accepted), not {shorten(accept)}")
        elif accept[0] > accept[1]:
            r.add(line_of(rec, "accept"), "accept",
                  f"the low end {shorten(accept[0])} is above the high end {shorten(accept[1])}; write [low, high]")
        elif is_number(answer) and not accept[0] <= answer <= accept[1]:
            r.add(line_of(rec, "accept"), "accept",
                  f"the range [{shorten(accept[0])}, {shorten(accept[1])}] must include the answer {shorten(answer)}")
        else:
            low_high = (float(accept[0]), float(accept[1]))
        if low_high is None:
            return {}
    if not is_number(answer) or not is_number(tolerance):
        return {}
    return {"answer": float(answer), "tolerance": float(tolerance), "accept": low_high, "unit": unit or ""}


# -- open ----------------------------------------------------------------------------

LEVEL_FIELDS = ["level", "descriptor"]
#: How many levels a rubric may have (the scoring panel gives each a number key).
RUBRIC_LEVELS = (2, 9)
#: The one key field of an open question, kept in the teacher's keys file.
OPEN_KEY_FIELDS = ["model_answer"]


def _parse_open(rec, r, passage) -> dict:
    words, raw = rec.get("words"), rec.get("rubric")
    fields: dict[str, Any] = {}
    if "model_answer" in rec:
        r.add(line_of(rec, "model_answer"), "model_answer",
              "a model answer must not be in quizzes.yaml, where students can read it: move it to the "
              f"teacher's solutions/keys/{r.article.slug}.yaml (under the question's id: model_answer: ...)")
    if words is not None and not is_text(words):
        r.add(line_of(rec, "words"), "words", f"must be text, e.g. 40-80 words, not {shorten(words)}")
    low, high = RUBRIC_LEVELS
    if not isinstance(raw, list) or not low <= len(raw) <= high:
        r.add(line_of(rec, "rubric"), "rubric",
              f"must be a list of {low} to {high} levels, lowest first, each {{level: name, descriptor: text}}")
        return fields
    levels, seen = [], set()
    for n, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            r.add(line_of(rec, "rubric"), f"rubric[{n}]", "must be a mapping with level and descriptor")
            continue
        at = lambda key, entry=entry: line_of(entry, key)  # noqa: E731
        r.problems += unknown_fields(entry, LEVEL_FIELDS, r.file, f"rubric[{n}].")
        name, descriptor = entry.get("level"), entry.get("descriptor")
        if not is_text(name):
            r.add(at("level") if name is not None else line_of(entry), f"rubric[{n}].level",
                  "missing; every level needs a name" if name is None else f"must be text, not {shorten(name)}")
        elif name.strip().lower() in seen:
            r.add(at("level"), f"rubric[{n}].level", f"duplicate level {shorten(name)}")
        if not is_text(descriptor):
            r.add(at("descriptor") if descriptor is not None else line_of(entry), f"rubric[{n}].descriptor",
                  "missing; say what an answer at this level does" if descriptor is None
                  else f"must be text, not {shorten(descriptor)}")
        if is_text(name) and is_text(descriptor) and name.strip().lower() not in seen:
            seen.add(name.strip().lower())
            levels.append(Level(n, " ".join(name.split()), " ".join(descriptor.split())))
    fields["words"] = " ".join(str(words).split()) if is_text(words) else ""
    fields["rubric"] = tuple(levels)
    key = r.keys.get(rec.get("id")) if isinstance(rec.get("id"), str) else None
    if isinstance(key, dict):
        model = key.get("model_answer")
        r.problems += unknown_fields(key, OPEN_KEY_FIELDS, r.keys_file, f"{rec.get('id')}.",
                                     "not a key field for an open question; use {allowed}")
        if not is_text(model):
            r.problems.append(Problem(r.keys_file, line_of(key, "model_answer"), f"{rec.get('id')}.model_answer",
                                      "missing; give the model answer as text" if model is None
                                      else f"must be text, not {shorten(model)}"))
        else:
            fields["model_answer"] = model.strip()
    elif key is not None:
        r.problems.append(Problem(r.keys_file, line_of(r.keys, rec.get("id")), str(rec.get("id")),
                                  "must be a mapping: {model_answer: ...}"))
    return fields


TYPE_PARSERS = {
    "single_choice": _parse_single,
    "multi_choice": _parse_multi,
    "categorize": _parse_categorize,
    "highlight": _parse_highlight,
    "numeric": _parse_numeric,
    "open": _parse_open,
}

