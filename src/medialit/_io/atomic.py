"""The one way the kit puts a file in place: whole or not at all, never half written.

Every writer of student or teacher data (the store, hand-ins, the class report, review,
anchor, build, new) goes through :func:`write_atomic` or :func:`create_exclusive`:

1. the content goes to a temporary file in the target's folder, flushed and fsynced;
2. it is renamed over the target (``os.replace``, atomic on POSIX and Windows), or linked to a
   name that must not exist yet (``os.link``, which fails rather than overwrite);
3. the folder is fsynced, so the new name survives a power cut.

A process killed at any moment leaves either the old file or the new one. ``backup=True``
first copies the old file beside it (``NAME.bak-YYYYmmdd-HHMMSS``) and returns that path.

Where the platform lacks a primitive (Pyodide, the browser's Python: ``fcntl`` has no
``flock`` and ``os`` no ``link``), the same guarantees are kept another way: an exclusive
create instead of a link, and no lock where a single kernel is the only writer.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import shutil
import tempfile
from pathlib import Path


def fsync_dir(folder: Path | str) -> None:
    """Make a rename or new name in ``folder`` durable (a no-op where folders cannot be opened)."""
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_path(path: Path) -> Path:
    """A free name beside ``path`` for a copy of it taken now."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.bak-{stamp}-{n}")
        n += 1
    return target


def keep_backup(path: Path | str) -> Path:
    """Copy ``path`` to :func:`backup_path` (metadata kept) and return the copy's path."""
    path = Path(path)
    target = backup_path(path)
    shutil.copy2(path, target)
    return target


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


@contextlib.contextmanager
def _temporary(folder: Path, name: str, content: str | bytes, mode: int | None):
    """A fsynced temporary file holding ``content`` in ``folder``; removed if still there at exit."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_as_bytes(content))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        yield tmp
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_atomic(path: Path | str, content: str | bytes, *, backup: bool = False,
                 mode: int | None = None) -> Path | None:
    """Replace ``path`` with ``content`` (text is written as UTF-8) in one step.

    Creates missing parent folders. With ``backup=True`` an existing file is first copied
    beside it; the copy's path is returned (``None`` when there was nothing to back up).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = keep_backup(path) if backup and path.exists() else None
    with _temporary(path.parent, path.name, content, mode) as tmp:
        os.replace(tmp, path)
    fsync_dir(path.parent)
    return kept


def create_exclusive(path: Path | str, content: str | bytes, *, mode: int | None = None) -> bool:
    """Write ``content`` to ``path`` only if no file has that name; False if one has.

    The file appears whole (a hard link of a complete temporary file); where the file
    system has no hard links, an exclusive create is used instead.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temporary(path.parent, path.name, content, mode) as tmp:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except (OSError, AttributeError):    # no hard links here (file system, or Pyodide: no os.link)
            try:
                with open(path, "xb") as handle:
                    handle.write(_as_bytes(content))
                    handle.flush()
                    os.fsync(handle.fileno())
            except FileExistsError:
                return False
    fsync_dir(path.parent)
    return True


def _flock():
    """``fcntl.flock`` where the platform has it (not on Windows, not under Pyodide), else None."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    return getattr(fcntl, "flock", None)


def _msvcrt_lock(fd: int) -> None:  # pragma: no cover - Windows
    import msvcrt
    import time

    while True:
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            return
        except OSError:
            time.sleep(0.05)


@contextlib.contextmanager
def locked(lock_path: Path | str):
    """An exclusive lock on ``lock_path`` for the ``with`` block (released by the OS if the process dies).

    Under Pyodide there is neither ``flock`` nor a second process to race with: no lock is taken.
    """
    lock_path = Path(lock_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    flock = _flock()
    try:
        if flock is not None:
            import fcntl

            flock(fd, fcntl.LOCK_EX)
        elif os.name == "nt":  # pragma: no cover - Windows
            _msvcrt_lock(fd)
        yield
    finally:
        if flock is not None:
            import fcntl

            flock(fd, fcntl.LOCK_UN)
        os.close(fd)
