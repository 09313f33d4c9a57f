"""Exit tickets: the teacher's keys file, and each ticket's record with its key merged in.

Exit tickets (``summative: true``) keep their keys out of ``quizzes.yaml``, which
students can read: the key fields go in the teacher's ``solutions/keys/<slug>.yaml``
(or ``$MEDIALIT_TEACHER_KEYS/<slug>.yaml``), a mapping of question id to those fields.
A highlight exit ticket (the pre/post tests) keeps its ``key`` there too, and the student copy of
the kit leaves out the annotation records that key names
(:func:`medialit.authoring.build.exit_ticket_records`), so neither file a student can read gives it away.
:func:`exit_ticket` checks that a ticket gives nothing away and returns the record to
build, with the teacher's key when it is known, or stand-in key fields (never graded:
the question is then ``key_withheld``).
"""

from __future__ import annotations

import os
from pathlib import Path

from medialit._io.reading import present, read_yaml, shorten
from medialit._io.records import line_of, unknown_fields
from medialit.errors import Problem

#: Fields that make up (or give away) an exit ticket's key, kept in the teacher's keys file.
#: ``feedback`` there maps option or item ids to their feedback.
SUMMATIVE_KEY_FIELDS: dict[str, list[str]] = {
    "single_choice": ["answer", "explanation", "feedback"],
    "multi_choice": ["answer", "explanation", "feedback"],
    "categorize": ["answer", "explanation", "feedback"],
    "numeric": ["answer", "tolerance", "accept", "explanation"],
    "highlight": ["key", "pass", "explanation"],
}


class _Withheld:
    """The stand-in ``key`` of a highlight exit ticket loaded without the teacher's keys."""

    def __repr__(self) -> str:
        return "<key withheld>"


#: A highlight exit ticket's key when the teacher's keys are not loaded: the question selects
#: no annotation and is never graded (see :func:`medialit.quizzes.question_fields`).
WITHHELD_KEY = _Withheld()


def teacher_keys_file(article) -> Path:
    """Where the teacher's exit-ticket keys for ``article`` live (the file may not exist)."""
    folder = os.environ.get("MEDIALIT_TEACHER_KEYS")
    base = Path(folder) if folder else Path(article.folder).resolve().parents[1] / "solutions" / "keys"
    return base / f"{article.slug}.yaml"


def read_keys(article, problems: list[Problem]) -> tuple[dict, str]:
    """The teacher's keys for ``article`` (id -> key fields) and the file's name.

    No file: no keys. A file that is not a mapping adds a problem and gives no keys.
    """
    path = teacher_keys_file(article)
    raw = read_yaml(path) if present(path) else None
    if raw is None:
        return {}, str(path)
    if not isinstance(raw, dict):
        problems.append(Problem(str(path), line_of(raw) or 1, None,
                                "must map each exit ticket's id to its key fields (answer: ...)"))
        return {}, str(path)
    return raw, str(path)


def exit_ticket(rec, qtype: str, r):
    """Check an exit ticket's record and give the record to parse, with its key if known.

    Returns ``(record, withheld)``: without the teacher's keys the record gets stand-in
    key fields (never used: the question is marked ``key_withheld`` and not graded).
    """
    at = lambda key: line_of(rec, key)  # noqa: E731
    qid = rec.get("id")
    items = rec.get("items") if qtype == "categorize" else None
    if isinstance(items, list) and any(isinstance(i, dict) and "annotation" in i for i in items):
        r.add(at("items"), "items", "an exit ticket's excerpts must be written out with text: "
              "(an annotation's category can be read in annotations.yaml)")
    if "hint" in rec:
        r.add(at("hint"), "hint", "an exit ticket offers no hint: it measures what a student can do "
              "alone (a hint such as \"Subtract.\" gives the method away); remove it")
    key_fields = SUMMATIVE_KEY_FIELDS[qtype]
    move = f"move it to the teacher's solutions/keys/{r.article.slug}.yaml"
    for field in key_fields:
        if field in rec:
            r.add(at(field), field, f"an exit ticket's {field} must not be in quizzes.yaml, where "
                  f"students can read it (it gives the key away): {move}")
    for group in ("options", "items"):
        for entry in _entries(rec, group):
            if isinstance(entry, dict) and "feedback" in entry:
                r.add(line_of(entry, "feedback"), f"{group}[{entry.get('id')}].feedback",
                      f"an exit ticket's feedback gives the key away: {move} (under feedback:)")
    merged = dict(rec)
    merged_lines = dict(getattr(rec, "key_lines", {}))
    key = r.keys.get(qid) if isinstance(qid, str) else None
    if key is None:
        if r.with_keys:
            r.problems.append(Problem(r.keys_file or "solutions/keys", None, str(qid),
                                      f"no key for the exit ticket {shorten(qid)} in the teacher's keys file"))
        merged.update(_stand_in_key(rec, qtype))
        withheld = True
    elif not isinstance(key, dict):
        r.problems.append(Problem(r.keys_file, line_of(r.keys, qid), str(qid),
                                  "must be a mapping of key fields, e.g. {answer: b}"))
        merged.update(_stand_in_key(rec, qtype))
        withheld = True
    else:
        r.problems += unknown_fields(key, key_fields, r.keys_file, f"{qid}.",
                                     f"not a key field for a {qtype} question; use {{allowed}}")
        for field in key_fields:
            if field in key and field != "feedback":
                merged[field] = key[field]
                merged_lines[field] = line_of(key, field)
        feedback = key.get("feedback") or {}
        if not isinstance(feedback, dict):
            r.problems.append(Problem(r.keys_file, line_of(key, "feedback"), f"{qid}.feedback",
                                      "must map option or item ids to their feedback"))
            feedback = {}
        group = "items" if qtype == "categorize" else "options"
        entries = [copy_map(e) for e in _entries(rec, group)]
        ids = [e.get("id") for e in entries]
        for entry in entries:
            if isinstance(entry.get("id"), str) and entry["id"] in feedback:
                entry["feedback"] = feedback[entry["id"]]
        for fid in feedback:
            if fid not in ids:
                r.problems.append(Problem(r.keys_file, line_of(feedback, fid), f"{qid}.feedback.{fid}",
                                          f"no {group[:-1]} {shorten(fid)} in the question"))
        if group in rec:
            merged[group] = entries
        withheld = False
    out = copy_map(rec)
    out.clear()
    out.update(merged)
    if hasattr(rec, "key_lines"):
        out.key_lines = merged_lines
    return out, withheld


def _entries(rec, group: str) -> list:
    """The mappings in a question's ``options`` or ``items`` (none if the field is not a list)."""
    entries = rec.get(group)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def copy_map(entry):
    """A copy of a mapping read from YAML that keeps its line numbers."""
    out = type(entry)(entry)
    for attr in ("line", "key_lines"):
        if hasattr(entry, attr):
            setattr(out, attr, dict(getattr(entry, attr)) if attr == "key_lines" else getattr(entry, attr))
    return out


def _stand_in_key(rec, qtype: str) -> dict:
    # Without options the options check speaks; the stand-in answer must not add "answer missing".
    options = [o.get("id") for o in _entries(rec, "options")] or ["(withheld)"]
    return {"explanation": "This exit ticket is scored by your teacher."} | {
        "single_choice": {"answer": options[0]},
        "multi_choice": {"answer": options[:1]},
        "categorize": {"answer": {i.get("id"): "none" for i in _entries(rec, "items")
                                  if "text" in i and isinstance(i.get("id"), str)}},
        "numeric": {"answer": 0},
        "highlight": {"key": WITHHELD_KEY},
    }[qtype]

