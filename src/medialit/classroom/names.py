"""Who the student is: their id (hub login, typed name or OS user), and safe file names for it.

The student is ``JUPYTERHUB_USER`` when set, else the name given to :func:`set_name`
(the ``whoami()`` widget), else the operating-system user. Every name passes one rule
(:func:`name_problem`) wherever it enters: at whoami, at Check, at export and in the report.
Names that differ only in capitals or spacing are one student (:func:`identity`): one
store, one line in the class report.

An id never becomes a path as it is: :func:`safe_name` keeps a lowercase ASCII slug of it
for people to recognise and adds 16 hex digits of its SHA-256, so ``../x``, ``a/b``,
``<script>`` and look-alike unicode all land on distinct, harmless file names.

Files live under ``$MEDIALIT_HOME`` (default ``~/.medialit``); the typed name is kept
in ``whoami.json`` there.

In the browser's Python (JupyterLite's Pyodide kernel, ``sys.platform == "emscripten"``)
``~`` is memory, lost at every reload or kernel restart; only ``/drive`` persists (in the
browser's storage, per browser and site), so the files default to ``/drive/.medialit``. Every
JupyterLite user is called ``web_user``: that is no one's name, so there the student is
``unnamed`` until they type a name in the whoami panel, and nothing is saved before.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

from medialit._io.atomic import write_atomic
from medialit._io.reading import regular_bytes
from medialit.errors import ProgressError

WHOAMI_SCHEMA = "medialit.whoami/1"
#: Longest name the kit takes, in characters: the same rule at whoami, Check, export and report.
MAX_NAME = 200

_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}

#: Where files persist in JupyterLite (browser storage); everything else there is memory.
BROWSER_DRIVE = Path("/drive")
#: The user name every JupyterLite session has.
BROWSER_USER = "web_user"


def in_browser() -> bool:
    """True in the browser's Python (Pyodide, e.g. JupyterLite's kernel)."""
    return sys.platform == "emscripten"


def home() -> Path:
    """``$MEDIALIT_HOME``, or ``~/.medialit`` (in the browser: ``/drive/.medialit``, which persists)."""
    env = os.environ.get("MEDIALIT_HOME", "").strip()
    if env:
        return Path(env).expanduser()
    return BROWSER_DRIVE / ".medialit" if in_browser() else Path.home() / ".medialit"


def enabled() -> bool:
    """False when ``MEDIALIT_PROGRESS`` turns saving and restoring off (e.g. for CI runs)."""
    return os.environ.get("MEDIALIT_PROGRESS", "").strip().lower() not in {"off", "0", "no", "false"}


def now() -> str:
    """UTC time as ISO 8601 with milliseconds and a ``Z``."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def name_problem(text) -> str | None:
    """Why ``text`` cannot be a student's name (None if it can): the one rule, used everywhere.

    A name is text that is valid UTF-8 (no stray bytes, e.g. from a badly encoded
    ``JUPYTERHUB_USER``), not empty once cleaned, and at most :data:`MAX_NAME` characters.
    """
    if not isinstance(text, str):
        return f"a name is text, not {type(text).__name__}"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not valid UTF-8 text (it holds a stray byte); ask your teacher to fix the login name"
    tidy = _tidy(text)
    if not tidy:
        return "the name is empty: type the name your teacher knows you by"
    if len(tidy) > MAX_NAME:
        return f"the name is {len(tidy)} characters long; use at most {MAX_NAME}"
    return None


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch) in _INVISIBLE or ch.isspace() else ch for ch in text)
    return " ".join(text.split())


def clean_name(text: str) -> str:
    """A name made tidy: NFC, no control/format/bidi characters, single spaces.

    Raises :class:`ProgressError` (with :func:`name_problem`'s reason) for a name the kit cannot take.
    """
    problem = name_problem(text)
    if problem:
        raise ProgressError(problem)
    return _tidy(text)


def identity(name: str) -> str:
    """Who a name stands for: the same for every spelling that differs only in capitals,
    spacing or compatibility forms ("Ana Lopez", "ana  lopez", "ＡＮＡ LOPEZ")."""
    return " ".join(unicodedata.normalize("NFKC", _tidy(name)).casefold().split())


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


def whoami_file() -> Path:
    return home() / "whoami.json"


def saved_name() -> str | None:
    """The name stored by :func:`set_name` (None if none, or if the file is unreadable)."""
    try:
        data = json.loads(regular_bytes(whoami_file()).decode("utf-8"))
        name = data.get("name") if isinstance(data, dict) else None
        return clean_name(name) if isinstance(name, str) else None
    except (OSError, ValueError):
        return None


def set_name(name: str) -> str:
    """Store the student's name (cleaned) for every later kernel; returns it."""
    name = clean_name(name)
    record = {"schema": WHOAMI_SCHEMA, "name": name, "at": now()}
    write_atomic(whoami_file(), json.dumps(record, ensure_ascii=False, indent=1))
    return name


def current_student() -> tuple[str, str]:
    """``(id, where it came from)``: ``jupyterhub``, ``whoami`` or ``os``; in the browser,
    before a name is typed, ``("", "unnamed")`` (its only user name, ``web_user``, is no one's)."""
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
    if in_browser() and user in ("", BROWSER_USER):
        return "", "unnamed"
    return (user or "student"), "os"
