"""A student's saved answers: every checked quiz answer is written at once, and put back.

    import medialit                      # registers the save / restore hooks
    medialit.classroom.progress.whoami()           # a small widget: your name, entered once
    medialit.classroom.progress.my_progress()      # lessons done, score per category, what to review
    medialit.classroom.progress.handin_button()    # writes your hand-in file (see medialit.classroom.handin)

Where answers are kept
----------------------
``$MEDIALIT_HOME`` (default ``~/.medialit``)::

    whoami.json                      the name typed into whoami() (if any)
    students/<safe-id>.json          one store per student: every question's last answer
    students/<safe-id>.json.lock     the lock file writers take (never holds data)
    students/<safe-id>.json.damaged-<UTC time>   a store that could not be read, kept

The student is ``JUPYTERHUB_USER`` when set, else the name given to :func:`whoami`,
else the operating-system user. An id never becomes a path as it is:
:func:`safe_name` keeps a lowercase ASCII slug of it for people to recognise and adds
16 hex digits of its SHA-256, so ``../x``, ``a/b``, ``<script>``, look-alike unicode
and names differing only in case all land on distinct, harmless file names.

How a save survives faults
--------------------------
Each save is a read-modify-write of the student's one JSON file done while holding an
exclusive ``fcntl.flock`` on the separate ``.lock`` file: two kernels saving at once
take turns, and each re-reads the other's latest answers before adding its own, so
nothing is lost. The new content goes to a temporary file in the same folder, which is
flushed and fsynced, then ``os.replace``\\ d over the store and the folder is fsynced:
a reader (or a process killed at any instant) sees the old file or the new one, never
half of one. The kernel drops a dead process's flock, and temporary files it left are
removed by the next save. A store that does not parse, or belongs to someone else, is
renamed (never deleted), the student is told in one line, and a fresh store is used.

Set ``MEDIALIT_PROGRESS=off`` to turn saving and restoring off (e.g. for CI runs).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import getpass
import hashlib
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medialit.errors import ProgressError

STORE_SCHEMA = "medialit.classroom.progress/1"
WHOAMI_SCHEMA = "medialit.whoami/1"
#: Earlier attempts kept per question (the latest ones).
HISTORY_LIMIT = 50
#: Longest name whoami() accepts.
MAX_NAME = 100

try:  # POSIX
    import fcntl as _fcntl
except ImportError:  # pragma: no cover - Windows
    _fcntl = None


# -- where things live -----------------------------------------------------------------

def home() -> Path:
    """``$MEDIALIT_HOME``, or ``~/.medialit``."""
    env = os.environ.get("MEDIALIT_HOME", "").strip()
    return Path(env).expanduser() if env else Path.home() / ".medialit"


def enabled() -> bool:
    return os.environ.get("MEDIALIT_PROGRESS", "").strip().lower() not in {"off", "0", "no", "false"}


def now() -> str:
    """UTC time as ISO 8601 with milliseconds and a ``Z``."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# -- who the student is ------------------------------------------------------------------

_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def clean_name(text: str) -> str:
    """A typed name made tidy: NFC, no control/format/bidi characters, single spaces.

    Raises :class:`ProgressError` for an empty or over-long name.
    """
    if not isinstance(text, str):
        raise ProgressError(f"a name is text, not {text!r}")
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch) in _INVISIBLE or ch.isspace() else ch for ch in text)
    text = " ".join(text.split())
    if not text:
        raise ProgressError("the name is empty: type the name your teacher knows you by")
    if len(text) > MAX_NAME:
        raise ProgressError(f"the name is {len(text)} characters long; use at most {MAX_NAME}")
    return text


def safe_name(student: str) -> str:
    """A file-name stem for a student id: ``<ascii slug>-<16 hex of sha256(id)>``.

    The hash is of the exact id, so different ids never share a file (even on a
    case-insensitive disk: the stem is all lowercase); the slug is only for people.
    """
    if not isinstance(student, str) or not student:
        raise ProgressError(f"a student id is non-empty text, not {student!r}")
    digest = hashlib.sha256(student.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    ascii_text = unicodedata.normalize("NFKD", student).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-") or "student"
    return f"{slug}-{digest}"


def _whoami_file() -> Path:
    return home() / "whoami.json"


def saved_name() -> str | None:
    """The name stored by :func:`set_name` (None if none, or if the file is unreadable)."""
    try:
        data = json.loads(_whoami_file().read_text(encoding="utf-8"))
        name = data.get("name") if isinstance(data, dict) else None
        return clean_name(name) if isinstance(name, str) else None
    except (OSError, ValueError):
        return None


def set_name(name: str) -> str:
    """Store the student's name (cleaned) for every later kernel; returns it."""
    name = clean_name(name)
    _atomic_write(_whoami_file(), {"schema": WHOAMI_SCHEMA, "name": name, "at": now()})
    return name


def current_student() -> tuple[str, str]:
    """``(id, where it came from)``: ``jupyterhub``, ``whoami`` or ``os``."""
    hub = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub:
        return hub, "jupyterhub"
    name = saved_name()
    if name:
        return name, "whoami"
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        user = ""
    return (user or "student"), "os"


# -- writing files safely ------------------------------------------------------------------

def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False, default=_jsonable)


def _jsonable(value):
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    if hasattr(value, "item"):           # numpy scalars
        return value.item()
    raise TypeError(f"cannot save {type(value).__name__} {value!r}")


def _atomic_write(path: Path, data) -> None:
    """Write JSON to ``path`` via a fsynced temporary file in the same folder + os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _dumps(data)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """An exclusive lock on ``lock_path`` (released by the OS if the process dies)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if _fcntl is not None:
            _fcntl.flock(fd, _fcntl.LOCK_EX)
        else:  # pragma: no cover - Windows
            import msvcrt
            import time

            while True:
                try:
                    msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
        yield
    finally:
        if _fcntl is not None:
            _fcntl.flock(fd, _fcntl.LOCK_UN)
        os.close(fd)


# -- warnings: one clear line -----------------------------------------------------------------

_warned: set[str] = set()
#: Every warning given in this process (for tests and for the teacher's eyes).
warnings_given: list[str] = []


def _warn(key: str, message: str) -> None:
    if key in _warned:
        return
    _warned.add(key)
    warnings_given.append(message)
    print(f"medialit: {message}", file=sys.stderr, flush=True)


# -- the store ------------------------------------------------------------------------------

def _empty(student: str) -> dict:
    return {"schema": STORE_SCHEMA, "student": student, "updated": None, "answers": {}}


def _check_store(data, student: str) -> str | None:
    """Why ``data`` is not this student's store (None if it is)."""
    if not isinstance(data, dict):
        return "it is not a medialit progress store"
    if data.get("schema") != STORE_SCHEMA:
        return f"its schema is {data.get('schema')!r}, not {STORE_SCHEMA!r}"
    if data.get("student") != student:
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
    ``type``, ``first_at``, ``at`` (last check) and ``history`` (earlier checks,
    newest last, at most :data:`HISTORY_LIMIT`).
    """

    def __init__(self, student: str | None = None, folder: Path | str | None = None):
        if student is None:
            student, self.source = current_student()
        else:
            self.source = "given"
        self.student = student
        self.folder = Path(folder) if folder is not None else home() / "students"
        self.path = self.folder / f"{safe_name(student)}.json"
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    def __repr__(self) -> str:
        return f"<Store {self.student!r} at {self.path}>"

    # -- reading ------------------------------------------------------------------------
    def _read(self) -> tuple[dict | None, str | None]:
        """(data, None) if good, (None, reason) if damaged, (None, None) if there is none."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None, None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None, "it is not valid JSON"
        reason = _check_store(data, self.student)
        return (None, reason) if reason else (data, None)

    def _backup(self, reason: str) -> Path:
        """Rename a damaged store aside (called with the lock held); warn once."""
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        os.replace(self.path, backup)
        _fsync_dir(self.folder)
        _warn(f"damaged:{self.path}",
              f"your saved answers could not be read ({reason}); the file was kept as "
              f"{backup} and a fresh store is used from now on.")
        return backup

    def load(self) -> dict:
        """The store's content (a fresh one if there is none or it was damaged)."""
        data, reason = self._read()
        if data is not None:
            return data
        if reason is None:
            return _empty(self.student)
        with _locked(self.lock_path):          # back up under the lock, and only if still bad
            data, reason = self._read()
            if reason is not None:
                self._backup(reason)
        return data if data is not None else _empty(self.student)

    def get(self, article: str, question: str) -> dict | None:
        return self.load()["answers"].get(article, {}).get(question)

    def records(self, article: str | None = None) -> list[dict]:
        """Every saved record (of one article, or of all), with ``article`` and ``question``."""
        out = []
        for slug, questions in self.load()["answers"].items():
            if article is None or slug == article:
                for qid, rec in questions.items():
                    out.append({**rec, "article": slug, "question": qid})
        return out

    # -- writing ------------------------------------------------------------------------
    def save(self, article: str, question: str, answer: Any, *, score: float | None,
             correct: bool | None, attempts: int, lesson: int | None = None,
             qtype: str | None = None, at: str | None = None) -> dict:
        """Add one checked answer; returns the record once it is safely on disk."""
        if not isinstance(article, str) or not isinstance(question, str):
            raise ProgressError("article and question ids must be text")
        if score is not None:
            score = float(score)
            if not math.isfinite(score):
                raise ProgressError(f"score must be a finite number, not {score!r}")
        answer = json.loads(json.dumps(answer, allow_nan=False, default=_jsonable))  # plain JSON now
        at = at or now()
        with _locked(self.lock_path):
            self._remove_stale_temporaries()
            data, reason = self._read()
            if reason is not None:
                self._backup(reason)
            if data is None:
                data = _empty(self.student)
            questions = data["answers"].setdefault(article, {})
            old = questions.get(question)
            history = list(old.get("history", [])) if isinstance(old, dict) else []
            entry = {"at": at, "answer": answer, "score": score, "correct": correct}
            history = (history + [entry])[-HISTORY_LIMIT:]
            record = {
                "answer": answer, "score": score, "correct": correct, "attempts": int(attempts),
                "lesson": lesson, "type": qtype,
                "first_at": old.get("first_at", at) if isinstance(old, dict) else at,
                "at": at, "history": history,
            }
            questions[question] = record
            data["updated"] = at
            _atomic_write(self.path, data)
        return record

    def _remove_stale_temporaries(self) -> None:
        """Temporary files left by a writer that died (safe: we hold the lock)."""
        for tmp in self.folder.glob(f"{self.path.name}.tmp-*"):
            with contextlib.suppress(OSError):
                tmp.unlink()


def all_stores(folder: Path | str | None = None) -> list[Store]:
    """Every student store under ``$MEDIALIT_HOME/students`` (read from the files)."""
    folder = Path(folder) if folder is not None else home() / "students"
    stores = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            student = data["student"] if isinstance(data, dict) else None
        except (OSError, ValueError, KeyError, RecursionError):
            student = None
        if isinstance(student, str) and student and path.name == f"{safe_name(student)}.json":
            stores.append(Store(student, folder))
    return stores


# -- quiz hooks: save on check, restore on show -----------------------------------------------

_restoring = False


def _save_check(quiz, answer, result) -> None:
    if _restoring or not enabled() or not getattr(result, "answered", True):
        return
    question = getattr(quiz, "question", None)
    try:
        Store().save(quiz.article_slug, quiz.question_id, answer,
                     score=getattr(result, "score", None), correct=getattr(result, "correct", None),
                     attempts=getattr(quiz, "attempts", 1) or 1,
                     lesson=getattr(question, "lesson", None), qtype=getattr(question, "type", None))
    except OSError as exc:
        _warn(f"save:{home()}", f"your answers cannot be saved in {home()} ({exc.strerror or exc}); "
                                "the lesson goes on, but this session's answers will not be kept.")


def _restore_show(quiz) -> None:
    global _restoring
    if not enabled():
        return
    try:
        record = Store().get(quiz.article_slug, quiz.question_id)
    except OSError:
        return
    if not record or record.get("answer") is None:
        return
    attempts = record.get("attempts") or 0
    try:
        if hasattr(quiz, "restore"):
            quiz.restore(record["answer"], attempts)
        else:                                   # the bare interface: answer, then a silent check
            quiz.answer(record["answer"])
            _restoring = True
            try:
                quiz.check()
            finally:
                _restoring = False
            quiz.attempts = attempts
    except ValueError:                          # the question changed since: start afresh
        _warn(f"stale:{quiz.article_slug}/{quiz.question_id}",
              f"your saved answer to {quiz.question_id} no longer fits the question; start it afresh.")


def install_hooks() -> None:
    """Register the save/restore hooks with the quiz engine (once; done on import)."""
    from medialit.quizzes import hooks

    if _save_check not in hooks.on_check:
        hooks.on_check.append(_save_check)
    if _restore_show not in hooks.on_show:
        hooks.on_show.append(_restore_show)


def uninstall_hooks() -> None:
    from medialit.quizzes import hooks

    for hook_list, hook in ((hooks.on_check, _save_check), (hooks.on_show, _restore_show)):
        while hook in hook_list:
            hook_list.remove(hook)


install_hooks()


# -- small widgets -------------------------------------------------------------------------------

class _Panel:
    """A widget with a short, stable text repr (nbval compares ``text/plain``)."""

    def __init__(self, widget, text: str):
        self.widget = widget
        self._text = text

    def __repr__(self) -> str:
        return self._text

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = self._text
        return bundle


def _status_html(message: str, kind: str = "info") -> str:
    import html

    return (f'<p class="medialit-status medialit-status-{kind}" role="status" aria-live="polite">'
            f"{html.escape(message)}</p>")


def whoami() -> _Panel:
    """A small widget to type your name once; kept for every later notebook and kernel.

    On a JupyterHub the name comes from your login and there is nothing to type.
    Keyboard: type the name, press Enter (or Tab to **Save name** and press Space).
    """
    import ipywidgets as W

    student, source = current_student()
    status = W.HTML()
    if source == "jupyterhub":
        status.value = _status_html(f"You are signed in as {student}; your answers are saved under that name.")
        box = W.VBox([status])
        box.add_class("medialit-whoami")
        return _Panel(box, "medialit whoami: signed in through JupyterHub")

    name = W.Text(value=student if source == "whoami" else "", description="Your name",
                  placeholder="the name your teacher knows you by", continuous_update=False,
                  layout=W.Layout(width="28em"), style={"description_width": "initial"})
    button = W.Button(description="Save name", icon="check", tooltip="Save your name for every lesson")
    if source == "whoami":
        status.value = _status_html(f"Saving your answers as {student}. Type another name to change it.")
    else:
        status.value = _status_html("Type your name and press Enter, so your answers are kept under it.")

    def save(_=None):
        try:
            saved = set_name(name.value)
        except ProgressError as exc:
            status.value = _status_html(str(exc), "error")
            return
        except OSError as exc:
            status.value = _status_html(f"could not save the name in {home()}: {exc.strerror or exc}", "error")
            return
        if name.value != saved:
            name.value = saved
        status.value = _status_html(f"Saved. Your answers are kept under the name {saved}.", "ok")

    button.on_click(save)
    name.observe(lambda change: save() if change["new"].strip() else None, names="value")
    box = W.VBox([W.HBox([name, button]), status])
    box.add_class("medialit-whoami")
    return _Panel(box, "medialit whoami: type your name once")


def handin_button(out: str | os.PathLike = "handins", *, force: bool = False) -> _Panel:
    """A button that writes your hand-in file(s) to ``out`` (see :mod:`medialit.classroom.handin`)."""
    import ipywidgets as W

    from medialit.classroom import handin

    status = W.HTML(_status_html(f"Press the button to write your hand-in file into {out}/."))
    button = W.Button(description="Hand in my answers", icon="upload", button_style="primary",
                      tooltip="Write a file with your answers for your teacher")

    def write(_=None):
        try:
            written = handin.export(out, force=force)
        except (OSError, handin.HandinError, ProgressError) as exc:
            status.value = _status_html(f"Could not write the hand-in: {exc}", "error")
            return
        if not written:
            status.value = _status_html("There is nothing to hand in yet: check at least one quiz answer first.",
                                        "error")
            return
        status.value = _status_html(" ".join(w.message for w in written), "ok")

    button.on_click(write)
    box = W.VBox([button, status])
    box.add_class("medialit-handin")
    return _Panel(box, "medialit hand-in button")


# -- my progress ------------------------------------------------------------------------------

def lesson_link(lesson, base: Path | None = None) -> str:
    """A relative link to a lesson notebook: an existing ``notebooks/`` file for that
    lesson number if one is found (``lesson-2*.ipynb``, ``02-*.ipynb``, ...), else
    ``notebooks/lesson-<n>.ipynb`` (without the folder when already in ``notebooks/``)."""
    base = Path.cwd() if base is None else Path(base)
    folder = base if base.name == "notebooks" else base / "notebooks"
    prefix = "" if base.name == "notebooks" else "notebooks/"
    try:
        n = int(lesson)
    except (TypeError, ValueError):
        return f"{prefix}"
    if folder.is_dir():
        patterns = [rf"lesson[-_ ]?0*{n}(?!\d)", rf"0*{n}(?!\d)[-_ ]"]
        for path in sorted(folder.glob("*.ipynb")):
            if any(re.match(p, path.name, re.IGNORECASE) for p in patterns):
                return prefix + path.name
    return f"{prefix}lesson-{n}.ipynb"


class MyProgress:
    """What :func:`my_progress` shows; the tables are pandas DataFrames."""

    def __init__(self, student: str, lessons, categories, review, notes: list[str]):
        self.student = student
        self.lessons = lessons
        self.categories = categories
        self.review = review
        self.notes = notes

    def __repr__(self) -> str:
        done = int(self.lessons["done"].sum()) if len(self.lessons) else 0
        return (f"My progress ({self.student}): {done} of {len(self.lessons)} lesson(s) done, "
                f"{len(self.review)} question(s) worth reviewing")

    def _repr_html_(self) -> str:
        import html

        esc = html.escape
        parts = ['<div class="medialit-progress" style="font-family:system-ui,sans-serif;max-width:56em">',
                 f"<h3>My progress — {esc(self.student)}</h3>"]
        if not len(self.lessons):
            parts.append("<p>No answers saved yet: check a quiz answer and come back.</p>")
        else:
            parts.append("<h4>Lessons</h4><table><thead><tr><th scope=col>Lesson</th><th scope=col>Answered</th>"
                         "<th scope=col>Average score</th><th scope=col>Done</th></tr></thead><tbody>")
            for row in self.lessons.itertuples():
                parts.append(f'<tr><td><a href="{esc(row.link)}">Lesson {esc(str(row.lesson))}</a></td>'
                             f"<td>{row.answered} of {row.questions}</td><td>{row.score:.0%}</td>"
                             f"<td>{'✓ done' if row.done else '… not yet'}</td></tr>")
            parts.append("</tbody></table>")
            parts.append("<h4>Score per category</h4><table><thead><tr><th scope=col>Category</th>"
                         "<th scope=col>Score</th><th scope=col>Based on</th></tr></thead><tbody>")
            for row in self.categories.itertuples():
                score = "—" if row.evidence == 0 else f"{row.score:.0%}"
                parts.append(f"<tr><td>{esc(row.name)}</td><td>{score}</td>"
                             f"<td>{row.evidence} answer part(s)</td></tr>")
            parts.append("</tbody></table>")
            parts.append("<h4>Worth reviewing</h4>")
            if not len(self.review):
                parts.append("<p>Nothing: every answer you checked was right first or second time.</p>")
            else:
                parts.append("<ul>")
                for row in self.review.itertuples():
                    parts.append(f'<li><a href="{esc(row.link)}">Lesson {esc(str(row.lesson))}</a>: '
                                 f"{esc(row.question)} — {esc(row.why)}</li>")
                parts.append("</ul>")
        for note in self.notes:
            parts.append(f"<p><em>{esc(note)}</em></p>")
        parts.append("</div>")
        return "".join(parts)


def my_progress(student: str | None = None, *, base: Path | None = None) -> MyProgress:
    """Lessons done, score per category and the questions worth reviewing, for one student.

    A lesson is done when every question of it in the quiz bank has a checked answer.
    Category scores: a highlight answer's F1 against that category's spans in its key
    and a sorting answer's share of that category's excerpts put right (choice and
    numeric questions belong to no category). Worth reviewing: not correct, or correct
    only after three or more attempts.
    """
    import pandas as pd

    from medialit.classroom.report import category_evidence
    from medialit.vocabulary import CATEGORIES

    store = Store(student)
    records = store.records()
    notes: list[str] = []
    lesson_rows: dict = {}
    evidence: dict[str, list[float]] = {c: [] for c in CATEGORIES}
    review = []
    by_article: dict[str, list[dict]] = {}
    for rec in records:
        by_article.setdefault(rec["article"], []).append(rec)
    for slug, recs in sorted(by_article.items()):
        bank = _bank_for(slug)
        if bank is None:
            notes.append(f"The quiz bank of {slug} was not found, so its lessons cannot be counted in full.")
        saved = {r["question"]: r for r in recs}
        questions = list(bank.values()) if bank else []
        lessons_seen = {q.lesson for q in questions} | {r.get("lesson") for r in recs}
        for lesson in sorted(x for x in lessons_seen if x is not None):
            in_lesson = [q.id for q in questions if q.lesson == lesson] or \
                        [r["question"] for r in recs if r.get("lesson") == lesson]
            answered = [saved[q] for q in in_lesson if q in saved]
            scores = [r["score"] for r in answered if isinstance(r.get("score"), (int, float))]
            row = lesson_rows.setdefault(lesson, {"lesson": lesson, "questions": 0, "answered": 0, "scores": []})
            row["questions"] += len(in_lesson)
            row["answered"] += len(answered)
            row["scores"] += scores
        for rec in recs:
            question = bank.get(rec["question"]) if bank else None
            if question is not None:
                try:
                    for category, _metric, value in category_evidence(question, question.coerce(rec["answer"])):
                        if _metric in ("f1", "sorted"):
                            evidence[category].append(value)
                except ValueError:
                    pass
            why = None
            if rec.get("correct") is False:
                score = rec.get("score")
                why = "not right yet" + (f" (score {score:.0%})" if isinstance(score, (int, float)) else "")
            elif rec.get("correct") and (rec.get("attempts") or 0) >= 3:
                why = f"right after {rec['attempts']} attempts"
            if why:
                lesson = rec.get("lesson") if question is None else question.lesson
                review.append({"article": slug, "question": rec["question"], "lesson": lesson,
                               "score": rec.get("score"), "why": why,
                               "prompt": question.prompt if question is not None else "",
                               "link": lesson_link(lesson, base)})
    lessons = pd.DataFrame(
        [{"lesson": r["lesson"], "questions": r["questions"], "answered": r["answered"],
          "score": (sum(r["scores"]) / len(r["scores"])) if r["scores"] else 0.0,
          "done": r["questions"] > 0 and r["answered"] >= r["questions"], "link": lesson_link(r["lesson"], base)}
         for _, r in sorted(lesson_rows.items())],
        columns=["lesson", "questions", "answered", "score", "done", "link"])
    categories = pd.DataFrame(
        [{"category": c, "name": name, "score": (sum(evidence[c]) / len(evidence[c])) if evidence[c] else 0.0,
          "evidence": len(evidence[c])} for c, name in CATEGORIES.items()],
        columns=["category", "name", "score", "evidence"])
    review_frame = pd.DataFrame(review, columns=["article", "question", "lesson", "score", "why", "prompt", "link"])
    if len(review_frame):
        review_frame = review_frame.sort_values(["lesson", "question"], kind="stable").reset_index(drop=True)
    return MyProgress(store.student, lessons, categories, review_frame, notes)


def _bank_for(slug: str):
    """The quiz bank of an article by slug (None if it cannot be found or read)."""
    from medialit.article.model import ArticleError, load_article
    from medialit.errors import SeedError
    from medialit.quizzes.bank import load_bank

    try:
        return load_bank(load_article(slug))
    except (FileNotFoundError, ArticleError, SeedError, ValueError):
        return None
