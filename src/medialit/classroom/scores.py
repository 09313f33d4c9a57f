"""The teacher's rubric scores for open answers: one JSON file beside the class report, saved at once.

``class-report/scores.json`` (:data:`FILE_NAME` in the report folder)::

    {"schema": "medialit.scores/1",
     "scores": [
       {"article": "raqqa-exodus", "student": "ana", "question": "l5-reflect",
        "level": "Proficient", "number": 3,        # the rubric level (1 = lowest)
        "scorer": "Ms Rivera", "at": "2026-05-12T10:03:11.204Z",
        "text": "3f2a...",                          # SHA-256 (16 hex digits) of the answer scored
        "earlier": [{"level": "Emerging", "number": 2, "scorer": "Mr Okafor", "at": "..."}]}
     ]}

One score per student (:func:`medialit.classroom.names.identity`), article and question.
Each :meth:`ScoreBook.score` is a read-modify-write under the file's lock
(:func:`medialit._io.atomic.locked`) put in place by :func:`~medialit._io.atomic.write_atomic`:
two teachers scoring the same class at once take turns and neither loses the other's scores;
a score given again keeps the earlier one (who, what, when) in ``earlier``. A file that
cannot be read is never written over: :class:`~medialit.errors.ScoresError` names it and says why.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from medialit._io.atomic import locked, write_atomic
from medialit._io.reading import present, read_text
from medialit.classroom.names import identity, name_problem, now, safe_name
from medialit.errors import ScoresError, SeedError

SCHEMA = "medialit.scores/1"
FILE_NAME = "scores.json"
#: Largest scores file read (a class of 200 students x 50 open questions is about 10 MB).
MAX_BYTES = 20_000_000
FIELDS = ("article", "student", "question", "level", "number", "scorer", "at", "text", "earlier")
EARLIER_LIMIT = 20


def text_sha(text: str) -> str:
    """What identifies the answer a score was given to (so a changed answer shows)."""
    return hashlib.sha256(str(text).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _key(article: str, student: str, question: str) -> tuple[str, str, str]:
    return (article, identity(student), question)


def _entry_problem(entry) -> str | None:
    if not isinstance(entry, dict):
        return "not an object"
    missing = [f for f in FIELDS if f not in entry]
    if missing:
        return f"missing field(s) {', '.join(missing)}"
    for field in ("article", "student", "question", "level", "scorer", "at", "text"):
        if not isinstance(entry[field], str) or not entry[field]:
            return f"{field} must be text"
    number = entry["number"]
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        return "number must be a rubric level number (1, 2, ...)"
    if not isinstance(entry["earlier"], list) or not all(isinstance(e, dict) for e in entry["earlier"]):
        return "earlier must be a list of earlier scores"
    return None


class ScoreBook:
    """The scores file at ``path`` (usually ``<report folder>/scores.json``)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    def __repr__(self) -> str:
        return f"<ScoreBook {self.path}>"

    def _load(self) -> list[dict]:
        if not present(self.path):
            return []
        try:
            text = read_text(self.path, MAX_BYTES)
        except SeedError as exc:
            raise ScoresError(f"{self.path}: the scores file cannot be read ({exc}); nothing was changed") from None
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ScoresError(f"{self.path}: the scores file is not valid JSON ({str(exc)[:80]}); nothing was "
                              "changed: mend it or move it aside") from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("scores"), list):
            raise ScoresError(f"{self.path}: not a medialit scores file (it needs schema {SCHEMA!r} and a "
                              "list of scores); nothing was changed")
        for n, entry in enumerate(data["scores"], 1):
            problem = _entry_problem(entry)
            if problem:
                raise ScoresError(f"{self.path}: score #{n}: {problem}; nothing was changed")
        return data["scores"]

    def scores(self) -> dict[tuple[str, str, str], dict]:
        """Every score by ``(article, student identity, question)``; {} if there is no file yet."""
        return {_key(e["article"], e["student"], e["question"]): e for e in self._load()}

    def get(self, article: str, student: str, question: str) -> dict | None:
        return self.scores().get(_key(article, student, question))

    def score(self, article: str, student: str, question: str, *, level: str, number: int, scorer: str,
              text: str, at: str | None = None) -> dict:
        """Save one score at once (see the module docstring); returns the saved entry."""
        problem = name_problem(scorer)
        if problem:
            raise ScoresError(f"{self.path}: the scorer's name cannot be used: {problem}")
        entry = {"article": article, "student": student, "question": question, "level": level,
                 "number": int(number), "scorer": " ".join(scorer.split()), "at": at or now(),
                 "text": text_sha(text), "earlier": []}
        problem = _entry_problem(entry)
        if problem:
            raise ScoresError(f"{self.path}: cannot save this score: {problem}")
        key = _key(article, student, question)
        with locked(self.lock_path):
            entries = self._load()                 # the other teacher's latest scores, under the lock
            kept = []
            for old in entries:
                if _key(old["article"], old["student"], old["question"]) == key:
                    earlier = old["earlier"] + [{f: old[f] for f in ("level", "number", "scorer", "at")}]
                    entry["earlier"] = earlier[-EARLIER_LIMIT:]
                else:
                    kept.append(old)
            kept.append(entry)
            kept.sort(key=lambda e: (e["article"], identity(e["student"]), e["question"]))
            write_atomic(self.path, json.dumps({"schema": SCHEMA, "scores": kept}, ensure_ascii=False, indent=1))
        return entry


#: Where :func:`write_for_students` puts each student's own scores, inside the report folder.
FOR_STUDENTS = "for-students"


def write_for_students(path: Path | str, out: Path | str) -> list[Path]:
    """One scores file per student in ``out``, holding that student's scores and no one else's.

    ``<out>/<safe name>.scores.json`` (:func:`medialit.classroom.names.safe_name` of the student
    id as scored) has the same schema as the class's file, so ``my_progress(scores=...)`` reads
    it; a teacher gives each student only their own file. Files of students who no longer have
    a score are left alone. Returns the paths written.
    """
    by_student: dict[str, list[dict]] = {}
    for entry in ScoreBook(path)._load():
        by_student.setdefault(identity(entry["student"]), []).append(entry)
    written = []
    for entries in by_student.values():
        target = Path(out) / f"{safe_name(entries[0]['student'])}.scores.json"
        write_atomic(target, json.dumps({"schema": SCHEMA, "scores": entries}, ensure_ascii=False, indent=1))
        written.append(target)
    return written
