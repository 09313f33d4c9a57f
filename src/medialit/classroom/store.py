"""A student's store: one JSON file of every checked answer (with history), read and written safely.

``$MEDIALIT_HOME/students/`` (see :mod:`medialit.classroom.names`)::

    <safe-id>.json                      one store per student: every question's last answer
    <safe-id>.json.lock                 the lock file writers take (never holds data)
    <safe-id>.json.damaged-<UTC time>   a store that could not be read, kept

How a save survives faults: each save is a read-modify-write of the student's one file
done while holding the lock (:func:`medialit._io.atomic.locked`): two kernels saving at
once take turns, and each re-reads the other's latest answers before adding its own, so
nothing is lost. The new content is put in place by :func:`medialit._io.atomic.write_atomic`
(temporary file, fsync, rename, fsync of the folder): a reader, or a process killed at any
instant, sees the old file or the new one, never half of one. Temporary files a killed
writer left are removed by the next save. A store that does not parse, or belongs to
someone else, is copied aside (never lost), the student is told in one line, and a fresh
store is used. A store written by a newer kit (another ``medialit.progress/`` schema) is
never touched: its answers are read if they can be, nothing new is saved into it, and the
student is told to update the kit.

Two kernels of one student (two notebooks open) save into the same store, each check adding
one attempt.

The first try: each question's first check (answer, score, verdict, time, and whether the
hint was shown before it) is kept in the record's ``first_try`` once and never replaced by
a later check, from this kernel or another: the first save of a question writes it, under
the lock, and a later save only replaces it with a check dated *earlier* (another kernel's
check that waited for the lock), so it is always the earliest check. A record an earlier kit
wrote has no ``first_try``: its first check is unknown and stays unknown (it is never
guessed from ``history``, which keeps only the latest checks). ``hint_used`` on the record
says whether the hint was shown before any check (None: unknown, an earlier kit's record).
Both fields are optional in ``medialit.progress/1``: older stores load as they are.

Names that differ only in capitals or spacing are one student: the store's file is named
after :func:`medialit.classroom.names.identity`, and a store an earlier kit wrote under
another spelling is found and used.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import math
from pathlib import Path
from typing import Any

from medialit._io.atomic import create_exclusive, fsync_dir, locked, write_atomic
from medialit._io.reading import regular_bytes
from medialit.classroom.names import clean_name, current_student, home, identity, now, safe_name
from medialit.classroom.notices import warn
from medialit.errors import ProgressError

#: The store's file format (unchanged since the first release: older stores load as they are).
STORE_SCHEMA = "medialit.progress/1"
#: Every version of the store's format starts so; one other than ours is from a newer kit.
SCHEMA_PREFIX = "medialit.progress/"
#: Earlier attempts kept per question (the latest ones).
HISTORY_LIMIT = 50


def _jsonable(value):
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    if hasattr(value, "item"):           # numpy scalars
        return value.item()
    raise TypeError(f"cannot save {type(value).__name__} {value!r}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False, default=_jsonable)


def _empty(student: str) -> dict:
    return {"schema": STORE_SCHEMA, "student": student, "updated": None, "answers": {}}


def _is_newer(data) -> bool:
    """A store written by a newer kit: a progress schema other than the one this kit writes."""
    schema = data.get("schema") if isinstance(data, dict) else None
    return isinstance(schema, str) and schema.startswith(SCHEMA_PREFIX) and schema != STORE_SCHEMA


def _check_store(data, student: str) -> str | None:
    """Why ``data`` is not this student's store (None if it is)."""
    if not isinstance(data, dict):
        return "it is not a medialit progress store"
    if data.get("schema") != STORE_SCHEMA and not _is_newer(data):
        return f"its schema is {str(data.get('schema'))[:60]!r}, not {STORE_SCHEMA!r}"
    saved = data.get("student")
    if not isinstance(saved, str) or identity(saved) != identity(student):
        return "it belongs to another student id"
    answers = data.get("answers")
    if not isinstance(answers, dict) or not all(
            isinstance(a, str) and isinstance(qs, dict) and all(
                isinstance(q, str) and isinstance(r, dict) for q, r in qs.items())
            for a, qs in answers.items()):
        return "its answers are not in the expected shape"
    return None


class Store:
    """One student's saved answers: ``answers[article][question] -> record``.

    A record holds ``answer``, ``score``, ``correct``, ``attempts``, ``lesson``,
    ``type``, ``first_at``, ``at`` (last check), ``history`` (earlier checks,
    newest last, at most :data:`HISTORY_LIMIT`), ``first_try`` (the first check:
    ``at``, ``answer``, ``score``, ``correct``, ``hint_used``; absent in records an
    earlier kit wrote) and ``hint_used`` (the hint shown before any check; None: unknown).
    """

    def __init__(self, student: str | None = None, folder: Path | str | None = None):
        if student is None:
            student, self.source = current_student()
            if self.source == "unnamed":
                raise ProgressError("no name yet: in the browser every user is called web_user, so type your "
                                    "name in the 'Your name' box (medialit.whoami()) and press Enter, then "
                                    "check again")
        else:
            self.source = "given"
        self.student = clean_name(student)          # ProgressError for a name the kit cannot take
        self.folder = Path(folder) if folder is not None else home() / "students"
        self.path = self._find_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    def _find_path(self) -> Path:
        """The file named after the student's identity; else one an earlier kit named after
        another spelling of it (same readable slug); else the identity's new file."""
        own = self.folder / f"{safe_name(identity(self.student))}.json"
        if own.exists():
            return own
        exact = self.folder / f"{safe_name(self.student)}.json"
        if exact.exists():
            return exact
        slug = safe_name(self.student).rsplit("-", 1)[0]
        for path in sorted(self.folder.glob(f"{slug}-" + "[0-9a-f]" * 16 + ".json")):
            if _student_of(path) is not None and identity(_student_of(path)) == identity(self.student):
                return path
        return own

    @property
    def saved_as(self) -> str:
        """The name the store was first saved under (the student's own spelling of it)."""
        data, _ = self._read()
        saved = data.get("student") if data else None
        return saved if isinstance(saved, str) else self.student

    def __repr__(self) -> str:
        return f"<Store {self.student!r} at {self.path}>"

    # -- reading ------------------------------------------------------------------------
    def _read(self, path: Path | None = None) -> tuple[dict | None, str | None]:
        """(data, None) if good, (None, reason) if damaged, (None, None) if there is none.

        ``path``: another file of this student's (see :meth:`_siblings`); default the store's own.
        """
        try:
            raw = regular_bytes(path or self.path)     # a folder or pipe there: OSError, never a wait
        except FileNotFoundError:
            return None, None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None, "it is not valid JSON"
        if _is_newer(data):          # never set aside; its answers are used if they fit
            return data, None
        reason = _check_store(data, self.student)
        return (None, reason) if reason else (data, None)

    def newer(self) -> str | None:
        """Why the store is read-only (written by a newer kit), or None."""
        data, _ = self._read()
        if data is not None and _is_newer(data):
            return (f"your saved answers in {self.path} were written by a newer medialit "
                    f"({str(data['schema'])[:40]}); they are left untouched and nothing new is saved "
                    "until this kit is updated (ask your teacher)")
        return None

    def _set_aside(self, reason: str) -> Path:
        """Copy a damaged store to a new ``.damaged-`` name, then remove it (lock held); warn once."""
        raw = regular_bytes(self.path)
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while not create_exclusive(backup, raw):
            n += 1
            backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        self.path.unlink()
        fsync_dir(self.folder)
        warn(f"damaged:{self.path}",
             f"your saved answers could not be read ({reason}); the file was kept as "
             f"{backup} and a fresh store is used from now on.")
        return backup

    def load(self) -> dict:
        """The store's content (a fresh one if there is none or it was damaged)."""
        data, reason = self._read()
        if data is not None:
            if _is_newer(data):
                warn(f"newer:{self.path}", self.newer())
                return data if _check_store(data, self.student) is None else \
                    {**_empty(self.student), "schema": data["schema"]}
            return data
        if reason is None:
            return _empty(self.student)
        with locked(self.lock_path):          # set aside under the lock, and only if still bad
            data, reason = self._read()
            if reason is not None:
                self._set_aside(reason)
        return data if data is not None else _empty(self.student)

    def _siblings(self) -> list[Path]:
        """Other store files of this student under another spelling of the name (an earlier
        kit made one per spelling)."""
        slug = safe_name(self.student).rsplit("-", 1)[0]
        return [path for path in sorted(self.folder.glob(f"{slug}-" + "[0-9a-f]" * 16 + ".json"))
                if path != self.path and _student_of(path) is not None
                and identity(_student_of(path)) == identity(self.student)]

    def answers(self) -> dict:
        """``answers[article][question] -> record``: this store's, with the answers an earlier
        kit kept under another spelling of the name merged in (the later check of a question
        wins); said once when that happens."""
        merged = {slug: dict(questions) for slug, questions in self.load()["answers"].items()}
        for path in self._siblings():
            data, _ = self._read(path)
            if data is None or _is_newer(data):
                continue
            warn(f"spellings:{path}", f"answers saved earlier as {data['student']!r} ({path.name}) are kept with "
                                      f"yours: names that differ only in capitals or spaces are one student.")
            for slug, questions in data["answers"].items():
                mine = merged.setdefault(slug, {})
                for qid, rec in questions.items():
                    if qid not in mine:
                        mine[qid] = rec
                        continue
                    later = dict(rec if _when(rec) > _when(mine[qid]) else mine[qid])
                    later.pop("first_try", None)
                    mine[qid] = {**later, **_first_of(rec, mine[qid])}
        return merged

    def get(self, article: str, question: str) -> dict | None:
        return self.answers().get(article, {}).get(question)

    def records(self, article: str | None = None) -> list[dict]:
        """Every saved record (of one article, or of all), with ``article`` and ``question``."""
        out = []
        for slug, questions in self.answers().items():
            if article is None or slug == article:
                for qid, rec in questions.items():
                    out.append({**rec, "article": slug, "question": qid})
        return out

    # -- writing ------------------------------------------------------------------------
    def save(self, article: str, question: str, answer: Any, *, score: float | None,
             correct: bool | None, attempts: int, lesson: int | None = None,
             qtype: str | None = None, at: str | None = None, hint_used: bool = False,
             history_limit: int | None = None) -> dict:
        """Add one checked answer; returns the record once it is safely on disk.

        ``hint_used``: the question's hint was shown before this check. The question's first
        check is kept as ``first_try`` (see the module docstring). ``history_limit``: earlier
        checks kept (default :data:`HISTORY_LIMIT`); an open answer keeps only its last text
        (1), so drafts of long answers do not pile up."""
        if not isinstance(article, str) or not isinstance(question, str):
            raise ProgressError("article and question ids must be text")
        if score is not None:
            score = float(score)
            if not math.isfinite(score):
                raise ProgressError(f"score must be a finite number, not {score!r}")
        answer = json.loads(json.dumps(answer, allow_nan=False, default=_jsonable))  # plain JSON now
        at = at or now()
        with locked(self.lock_path):
            self._remove_stale_temporaries()
            data, reason = self._read()
            if data is not None and _is_newer(data):
                raise ProgressError(self.newer())
            if reason is not None:
                self._set_aside(reason)
            if data is None:
                data = _empty(self.student)
            questions = data["answers"].setdefault(article, {})
            old = questions.get(question)
            history = list(old.get("history", [])) if isinstance(old, dict) else []
            entry = {"at": at, "answer": answer, "score": score, "correct": correct}
            history = (history + [entry])[-(history_limit or HISTORY_LIMIT):]
            # Each save is one check. Another kernel of this student (a second notebook open)
            # counts its own attempts, so the store counts on from what it holds.
            before = old.get("attempts") if isinstance(old, dict) else None
            if isinstance(before, int) and not isinstance(before, bool):
                attempts = max(int(attempts), before + 1)
            record = {
                "answer": answer, "score": score, "correct": correct, "attempts": int(attempts),
                "lesson": lesson, "type": qtype,
                "first_at": _earlier(old.get("first_at", at), at) if isinstance(old, dict) else at,
                "at": at, "history": history,
                **_first_try(old, {**entry, "hint_used": bool(hint_used)}),
            }
            questions[question] = record
            data["updated"] = at
            write_atomic(self.path, _dumps(data))
        return record

    def _remove_stale_temporaries(self) -> None:
        """Temporary files left by a writer that died (safe: we hold the lock)."""
        for tmp in self.folder.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()


def _time(value) -> _dt.datetime:
    """An ISO time as an aware datetime (the earliest time if it is not one)."""
    try:
        when = _dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=_dt.timezone.utc)


def _earlier(a, b):
    """The earlier of two ISO times (``a`` if they are the same)."""
    return b if _time(b) < _time(a) else a


def is_first_try(value) -> bool:
    """A well-formed ``first_try`` entry."""
    return (isinstance(value, dict) and isinstance(value.get("at"), str) and "answer" in value
            and isinstance(value.get("hint_used"), bool))


def _first_try(old, check: dict) -> dict:
    """The ``first_try`` and ``hint_used`` fields of a record after one more ``check``.

    A new question: this check. A record with a first try: kept, unless this check is dated
    earlier (another kernel's, which waited for the lock). A record an earlier kit wrote
    (no first try): none, its first check is unknown.
    """
    if not isinstance(old, dict):
        return {"first_try": check, "hint_used": check["hint_used"]}
    out = {}
    first = old.get("first_try")
    if is_first_try(first):
        out["first_try"] = check if _time(check["at"]) < _time(first["at"]) else first
    before = old.get("hint_used")
    if isinstance(before, bool):
        out["hint_used"] = before or check["hint_used"]
    else:                               # an earlier kit's record: only a "yes" is known
        out["hint_used"] = True if check["hint_used"] else None
    return out


def _first_of(a: dict, b: dict) -> dict:
    """``first_try`` and ``hint_used`` of one question's records under two spellings of a name:
    the earlier first try, unless the other record (an earlier kit's, without one) began before it."""
    firsts = [r["first_try"] for r in (a, b) if is_first_try(r.get("first_try"))]
    out: dict = {"first_try": None}
    if firsts:
        first = min(firsts, key=lambda f: _time(f["at"]))
        unknown_before = any(not is_first_try(r.get("first_try"))
                             and _time(r.get("first_at") or r.get("at")) < _time(first["at"]) for r in (a, b))
        out["first_try"] = None if unknown_before else first
    hints = [r.get("hint_used") for r in (a, b)]
    out["hint_used"] = True if True in hints else (False if all(h is False for h in hints) else None)
    if out["first_try"] is None:
        del out["first_try"]
    return out


def _when(record: dict) -> _dt.datetime:
    """When a record was last checked, as a time (the earliest time if it does not say)."""
    try:
        return _dt.datetime.fromisoformat(str(record.get("at")).replace("Z", "+00:00"))
    except ValueError:
        return _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)


def _student_of(path: Path) -> str | None:
    """The ``student`` a store file names (None if it cannot be read)."""
    try:
        data = json.loads(regular_bytes(path).decode("utf-8"))
        student = data["student"] if isinstance(data, dict) else None
    except (OSError, ValueError, KeyError, RecursionError):
        return None
    return student if isinstance(student, str) and student else None


def all_stores(folder: Path | str | None = None) -> list[Store]:
    """Every student store under ``$MEDIALIT_HOME/students`` (read from the files), one per student."""
    folder = Path(folder) if folder is not None else home() / "students"
    stores: dict[str, Store] = {}
    for path in sorted(folder.glob("*.json")):
        student = _student_of(path)
        if student is None or path.name not in {f"{safe_name(student)}.json", f"{safe_name(identity(student))}.json"}:
            continue
        try:
            store = Store(student, folder)
        except ProgressError:
            continue
        stores.setdefault(identity(store.student), store)
    return list(stores.values())
