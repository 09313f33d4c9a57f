"""Hand-in files: one JSON file per student and article, for the teacher's ``medialit report``.

Schema ``medialit.handin/1`` (every field required except an answer's ``first_try`` and
``hint_used``, which hand-ins from earlier kits lack; no others)::

    {
      "schema": "medialit.handin/1",
      "kit_version": "0.1.0",
      "created": "2026-05-10T09:14:03.512Z",      # UTC, when the file was written
      "student": "ana",                           # the id answers were saved under
      "student_source": "jupyterhub",             # jupyterhub | whoami | os | given
      "article": "raqqa-exodus",                  # the article's slug
      "answers": [
        {"question": "l2-who-speaks", "type": "single_choice", "lesson": 2,
         "answer": "mayor",            # the last checked answer, in the quiz's answer format
         "score": 1.0,                 # 0..1, or null for a question graded later (exit tickets,
                                       # open answers: the text, scored by the teacher with a rubric)
         "correct": true,              # or null when score is null
         "attempts": 2,                # checked answers so far (>= 1)
         "first_at": "...", "last_at": "...",
         "history": [{"at": "...", "answer": "engineer", "score": 0.0, "correct": false}, ...],
         "first_try": {"at": "...", "answer": "engineer", "score": 0.0, "correct": false,
                       "hint_used": false},   # the first check, kept once; null: not known
         "hint_used": true}            # the hint was shown before some check; null: not known
      ]
    }

``first_try`` is the question's first check as the student's store kept it (see
:mod:`medialit.classroom.store`); an answer without it (an earlier kit's hand-in, or a
question first checked under an earlier kit) has an unknown first try, which the report
shows as unknown, never guessed from ``history``.

Reading (:func:`read_handin`) never uses pickle or eval: ``json.loads`` only, after
checking the size against :data:`MAX_BYTES` (2 MB); anything too large, not UTF-8,
not JSON or not in this schema is rejected with a :class:`HandinError` whose
``reason`` says why. Times are parsed and compared as times (any UTC offset): a hand-in
``created`` in the future, or holding a check dated after it, is rejected with the reason.
The student's name passes the same rule as at whoami and Check
(:func:`medialit.classroom.names.name_problem`). Writing (:func:`write_handin`) never replaces an existing file
unless ``force=True``: it picks the next free name (``-2``, ``-3``, ...) instead, and
says so.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from medialit._io.atomic import create_exclusive, write_atomic
from medialit.classroom.banks import bank_for
from medialit.classroom.names import name_problem, now, safe_name
from medialit.classroom.store import HISTORY_LIMIT, Store, all_stores, is_first_try
from medialit.errors import HandinError, ProgressError
from medialit.quizzes.bank import load_bank
from medialit.quizzes.scoring import grade
from medialit.version import __version__

SCHEMA = "medialit.handin/1"
SCHEMA_PREFIX = "medialit.handin/"
#: The largest hand-in file read, in bytes (a class's worth of answers is a few kB).
MAX_BYTES = 2 * 1024 * 1024
MAX_ANSWERS = 2000
#: How far ahead of the reading machine's clock a hand-in's ``created`` may be (clocks drift).
FUTURE_SLACK = _dt.timedelta(minutes=10)

TYPES = ("single_choice", "multi_choice", "categorize", "highlight", "numeric", "open")
SOURCES = ("jupyterhub", "whoami", "os", "given")
TOP_FIELDS = ("schema", "kit_version", "created", "student", "student_source", "article", "answers")
ANSWER_FIELDS = ("question", "type", "lesson", "answer", "score", "correct", "attempts",
                 "first_at", "last_at", "history")
HISTORY_FIELDS = ("at", "answer", "score", "correct")
#: An answer's fields that hand-ins from earlier kits lack.
OPTIONAL_ANSWER_FIELDS = ("first_try", "hint_used")
FIRST_TRY_FIELDS = ("at", "answer", "score", "correct", "hint_used")

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$")


# -- building and writing ------------------------------------------------------------------

def build_handin(store: Store, article: str, *, created: str | None = None) -> dict:
    """The hand-in document for one student's answers to one article."""
    answers = []
    records = store.records(article)
    if any(rec.get("type") not in TYPES for rec in records):      # older records: ask the bank
        bank = bank_for(article) or {}
        for rec in records:
            if rec.get("type") not in TYPES and rec["question"] in bank:
                rec["type"], rec["lesson"] = bank[rec["question"]].type, bank[rec["question"]].lesson
    for rec in sorted(records, key=lambda r: ((r.get("lesson") or 0), r["question"])):
        history = [{"at": h.get("at"), "answer": h.get("answer"), "score": h.get("score"),
                    "correct": h.get("correct")} for h in rec.get("history", [])][-HISTORY_LIMIT:]
        first = rec.get("first_try")
        first = ({field: first.get(field) for field in FIRST_TRY_FIELDS} if is_first_try(first) else None)
        if first is not None and first["score"] is None:
            first["correct"] = None
        hint_used = rec.get("hint_used")
        if rec.get("type") == "open":      # its text once, not three times: long answers keep the file small
            history, first = [], None
        answers.append({
            "question": rec["question"], "type": rec.get("type"), "lesson": rec.get("lesson"),
            "answer": rec.get("answer"), "score": rec.get("score"),
            "correct": rec.get("correct") if rec.get("score") is not None else None,
            "attempts": max(1, int(rec.get("attempts") or 1)),
            "first_at": rec.get("first_at") or rec.get("at"), "last_at": rec.get("at"),
            "history": history, "first_try": first,
            "hint_used": hint_used if isinstance(hint_used, bool) else None,
        })
    return {"schema": SCHEMA, "kit_version": __version__, "created": created or now(),
            "student": store.saved_as, "student_source": store.source if store.source in SOURCES else "given",
            "article": article, "answers": answers}


def make_handin(article, student: str, answers: dict, *, created: str | None = None,
                attempts: dict | None = None, earlier: dict | None = None, source: str = "given",
                hints=(), first_try: bool = True) -> dict:
    """A hand-in whose scores come from grading ``answers`` (question id -> answer) with
    ``article``'s quiz bank: for sample folders, tests and benchmarks.

    ``earlier`` maps a question id to a list of answers checked before the last one
    (they become its history, the first of them its first try); ``attempts`` overrides
    the attempt counts; ``hints`` holds the ids of questions whose hint was shown before
    the first check. ``first_try=False`` writes an earlier kit's hand-in (no first try,
    no hint use).
    """
    bank = load_bank(article)
    created = created or now()
    rows = []
    for qid, answer in answers.items():
        question = bank[qid]
        history = []
        for value in [*(earlier or {}).get(qid, []), answer]:
            result = grade(question, question.coerce(value))
            history.append({"at": created, "answer": json.loads(json.dumps(value, default=list)),
                            "score": result.score, "correct": result.correct})
        last = history[-1]
        row = {"question": qid, "type": question.type, "lesson": question.lesson,
               "answer": last["answer"], "score": last["score"], "correct": last["correct"],
               "attempts": (attempts or {}).get(qid, len(history)),
               "first_at": created, "last_at": created, "history": history[-HISTORY_LIMIT:]}
        if first_try:
            row["first_try"] = {**history[0], "hint_used": qid in hints}
            row["hint_used"] = qid in hints
        rows.append(row)
    return {"schema": SCHEMA, "kit_version": __version__, "created": created, "student": student,
            "student_source": source, "article": article.slug, "answers": rows}


def handin_name(student: str, article: str) -> str:
    """``<safe student name>--<article>.json`` (see :func:`medialit.classroom.names.safe_name`)."""
    if not _SLUG.match(article or ""):
        raise HandinError(f"{article!r} is not an article slug")
    return f"{safe_name(student)}--{article}.json"


@dataclass
class Written:
    path: Path
    message: str


def write_handin(doc: dict, out: str | os.PathLike, *, force: bool = False) -> Written:
    """Write ``doc`` into folder ``out``; never silently replaces an existing hand-in.

    Without ``force`` an existing file is kept and the next free name is used
    (``name-2.json``, ...); the returned message says so. The file appears whole or not
    at all (:mod:`medialit._io.atomic`).
    """
    problems = structure_problems(doc)
    if problems:
        raise HandinError("not a valid hand-in: " + "; ".join(problems[:3]))
    folder = Path(out)
    name = handin_name(doc["student"], doc["article"])
    text = json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise HandinError(f"the hand-in would be larger than {MAX_BYTES:,} bytes")
    target = folder / name
    if force:
        existed = target.exists()
        write_atomic(target, text, mode=0o644)
        note = " (replaced the earlier one: --force)" if existed else ""
        return Written(target, f"Wrote {target}{note}.")
    stem = name[: -len(".json")]
    for n in range(1, 10_000):
        candidate = folder / (name if n == 1 else f"{stem}-{n}.json")
        if create_exclusive(candidate, text, mode=0o644):
            note = (f" ({target} already exists and was kept; use --force to replace it)" if n > 1 else "")
            return Written(candidate, f"Wrote {candidate}{note}.")
    raise HandinError(f"too many hand-ins named {stem}*.json in {folder}")


def export(out: str | os.PathLike = "handins", *, student: str | None = None, all_students: bool = False,
           force: bool = False, home_folder: str | os.PathLike | None = None) -> list[Written]:
    """Write a hand-in per article for the current student (or ``student``, or everyone)."""
    folder = Path(home_folder) / "students" if home_folder is not None else None
    if all_students:
        stores = all_stores(folder)
    else:
        try:
            stores = [Store(student, folder)] if student is not None or folder is not None else [Store()]
        except ProgressError as exc:       # the same name rule as at whoami and Check
            raise ProgressError(f"{out}: no hand-in written: {exc}") from None
    created = now()
    written = []
    for store in stores:
        articles = sorted({rec["article"] for rec in store.records()})
        for article in articles:
            written.append(write_handin(build_handin(store, article, created=created), out, force=force))
    return written


# -- reading and checking --------------------------------------------------------------------

def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed in a hand-in")


def read_handin(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> dict:
    """Parse and check one hand-in file; :class:`HandinError` with the reason if unusable."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise HandinError(f"cannot be read ({exc.strerror or exc})", path) from None
    if not stat.S_ISREG(info.st_mode):
        raise HandinError("not a regular file", path)
    if info.st_size > max_bytes:
        raise HandinError(f"too large: {info.st_size:,} bytes (the limit is {max_bytes:,})", path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise HandinError(f"cannot be read ({exc.strerror or exc})", path) from None
    if len(raw) > max_bytes:
        raise HandinError(f"too large: more than {max_bytes:,} bytes", path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HandinError(f"not UTF-8 text (bad byte at {exc.start})", path) from None
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise HandinError(f"not valid JSON (line {exc.lineno}: {exc.msg})", path) from None
    except (ValueError, RecursionError) as exc:
        raise HandinError(f"not valid JSON ({str(exc)[:80] or type(exc).__name__})", path) from None
    problems = structure_problems(doc) or time_problems(doc)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise HandinError("; ".join(problems[:3]) + more, path)
    return doc


def parse_time(value) -> _dt.datetime | None:
    """An ISO 8601 time with a UTC offset (``Z`` or ``+hh:mm``) as an aware datetime; None if it is not one."""
    if not isinstance(value, str) or not _TIME.match(value):
        return None
    try:
        return _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _is_time(value) -> bool:
    return parse_time(value) is not None


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_score(value) -> bool:
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):                   # compared as a whole number: no float overflow
        return value in (0, 1)
    return math.isfinite(value) and 0.0 <= value <= 1.0


def time_problems(doc: dict, clock: _dt.datetime | None = None) -> list[str]:
    """Times that cannot be right, compared as times: ``created`` in the future (beyond
    :data:`FUTURE_SLACK`), a check dated after ``created``, a last check before the first.
    ``doc`` has passed :func:`structure_problems`."""
    clock = clock or _dt.datetime.now(_dt.timezone.utc)
    created = parse_time(doc["created"])
    if created > clock + FUTURE_SLACK:
        return [f"created {doc['created']} is in the future (this computer's clock says "
                f"{clock.isoformat(timespec='seconds')}): a hand-in cannot be written later than it is read"]
    problems = []
    for n, ans in enumerate(doc["answers"], 1):
        first, last = parse_time(ans["first_at"]), parse_time(ans["last_at"])
        times = [("last_at", last)] + [("a check in its history", parse_time(h["at"])) for h in ans["history"]]
        first_try = ans.get("first_try")
        if isinstance(first_try, dict):
            times.append(("its first try", parse_time(first_try["at"])))
        late = next((what for what, at in times if at > created), None)
        if late:
            problems.append(f"answer #{n} ({ans['question']}): {late} is dated after the hand-in was created")
        elif first > last:
            problems.append(f"answer #{n} ({ans['question']}): first_at is after last_at")
        elif isinstance(first_try, dict) and parse_time(first_try["at"]) > last:
            problems.append(f"answer #{n} ({ans['question']}): its first try is dated after its last check")
    return problems


def structure_problems(doc) -> list[str]:
    """What is wrong with a hand-in's shape (empty: nothing). Scores are checked
    against the answers by :mod:`medialit.classroom.report`, which has the quiz bank."""
    if not isinstance(doc, dict):
        return ["not a medialit hand-in (the file is not a JSON object)"]
    schema = doc.get("schema")
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_PREFIX):
        return [f"not a medialit hand-in (schema is {str(schema)[:60]!r})"]
    if schema != SCHEMA:
        return [f"unsupported schema {schema[:60]!r}: this kit reads {SCHEMA!r}"]
    problems = _field_problems(doc, TOP_FIELDS)
    if "kit_version" in doc and not isinstance(doc["kit_version"], str):
        problems.append("kit_version must be text")
    if "created" in doc and not _is_time(doc["created"]):
        problems.append("created is not an ISO 8601 time")
    if "student" in doc and name_problem(doc["student"]):
        problems.append(f"student must be a name the kit can take: {name_problem(doc['student'])}")
    if "student_source" in doc and doc["student_source"] not in SOURCES:
        problems.append(f"student_source must be one of {', '.join(SOURCES)}")
    if "article" in doc and not (isinstance(doc["article"], str) and _SLUG.match(doc["article"])):
        problems.append("article is not an article slug")
    answers = doc.get("answers")
    if "answers" in doc:
        if not isinstance(answers, list):
            problems.append("answers must be a list")
        elif len(answers) > MAX_ANSWERS:
            problems.append(f"more than {MAX_ANSWERS} answers")
        else:
            seen = set()
            for n, ans in enumerate(answers, 1):
                problems += [f"answer #{n}: {p}" for p in _answer_problems(ans)]
                qid = ans.get("question") if isinstance(ans, dict) else None
                if isinstance(qid, str):
                    if qid in seen:
                        problems.append(f"answer #{n}: question {qid[:40]!r} appears twice")
                    seen.add(qid)
    return problems


def _field_problems(obj: dict, fields, optional=()) -> list[str]:
    """Unknown and missing fields of one JSON object, as problem lines."""
    problems = []
    unknown = [k for k in obj if k not in fields and k not in optional]
    missing = [k for k in fields if k not in obj]
    if unknown:
        problems.append(f"unknown field(s): {', '.join(map(str, unknown))[:80]}")
    if missing:
        problems.append(f"missing field(s): {', '.join(missing)}")
    return problems


def _answer_problems(ans) -> list[str]:
    if not isinstance(ans, dict):
        return ["must be an object"]
    problems = _field_problems(ans, ANSWER_FIELDS, OPTIONAL_ANSWER_FIELDS)
    if "question" in ans and not (isinstance(ans["question"], str) and _SLUG.match(ans["question"])):
        problems.append("question is not a question id")
    if "type" in ans and ans["type"] not in TYPES:
        problems.append(f"type must be one of {', '.join(TYPES)}")
    if "lesson" in ans and not (ans["lesson"] is None or (_is_int(ans["lesson"]) and ans["lesson"] >= 0)):
        problems.append("lesson must be a lesson number or null")
    if "score" in ans and not _is_score(ans["score"]):
        problems.append("score must be a number from 0 to 1, or null")
    if "correct" in ans:
        if ans.get("score") is None and ans["correct"] is not None:
            problems.append("correct must be null when score is null")
        elif ans.get("score") is not None and not isinstance(ans["correct"], bool):
            problems.append("correct must be true or false")
    if "attempts" in ans and not (_is_int(ans["attempts"]) and 1 <= ans["attempts"] <= 100_000):
        problems.append("attempts must be a whole number >= 1")
    for field in ("first_at", "last_at"):
        if field in ans and not _is_time(ans[field]):
            problems.append(f"{field} is not an ISO 8601 time")
    history = ans.get("history")
    if "history" in ans:
        if not isinstance(history, list) or len(history) > HISTORY_LIMIT:
            problems.append(f"history must be a list of at most {HISTORY_LIMIT} checks")
        else:
            for h in history:
                if (not isinstance(h, dict) or set(h) != set(HISTORY_FIELDS) or not _is_time(h["at"])
                        or not _is_score(h["score"]) or not (h["correct"] is None or isinstance(h["correct"], bool))):
                    problems.append("history entries need at, answer, score (0..1 or null) and correct")
                    break
    if "hint_used" in ans and not (ans["hint_used"] is None or isinstance(ans["hint_used"], bool)):
        problems.append("hint_used must be true, false or null")
    first = ans.get("first_try")
    if first is not None:
        if (not isinstance(first, dict) or set(first) != set(FIRST_TRY_FIELDS) or not _is_time(first["at"])
                or not _is_score(first["score"]) or not isinstance(first["hint_used"], bool)):
            problems.append("first_try needs at, answer, score (0..1 or null), correct and hint_used (true or false)")
        elif first["score"] is None and first["correct"] is not None:
            problems.append("first_try: correct must be null when score is null")
        elif first["score"] is not None and not isinstance(first["correct"], bool):
            problems.append("first_try: correct must be true or false")
    return problems
