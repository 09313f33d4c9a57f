"""Reading the kit's plain files safely: UTF-8 text, and YAML whose mappings remember their lines.

Every file read is first checked to be a regular file of bounded size, and YAML is parsed
with limits on nesting depth, aliases and how far aliases expand, so a malformed or hostile
file (a folder in a file's place, a dangling symlink, an alias bomb, a 5,000-digit number)
is a :class:`~medialit.errors.SeedError` naming the file (and line), never a hang or a raw
exception. A teacher can go straight to what to fix.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from medialit._io.limits import (  # noqa: F401 - the limits and shorten are read from here too
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_TEXT_BYTES,
    MAX_VALUES,
    MAX_YAML_BYTES,
    LineMap,
    shorten,
)
from medialit.errors import SeedError


def present(path: Path | str) -> bool:
    """Is there anything at ``path``: a file, a folder, or a symlink (even a dangling one)?"""
    path = Path(path)
    return path.is_symlink() or path.exists()


def check_regular_file(path: Path | str, limit: int = MAX_YAML_BYTES) -> int:
    """Raise :class:`SeedError` unless ``path`` is a regular file of at most ``limit`` bytes.

    A missing file, a symbolic link to a missing file, a folder, a device or pipe in a
    file's place are each named as such. Returns the file's size.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise SeedError(path, f"is a symbolic link to a missing file ({os.readlink(path)}); "
                                  "replace it with the file itself") from None
        raise SeedError(path, "file is missing") from None
    except OSError as exc:
        raise SeedError(path, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise SeedError(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise SeedError(path, "is not a regular file (a device, pipe or socket)")
    if info.st_size > limit:
        raise SeedError(path, f"is {info.st_size:,} bytes; a kit file may be at most {limit:,}")
    return info.st_size


def regular_bytes(path: Path | str) -> bytes:
    """The bytes of ``path`` if it is a regular file, for the kit's own data files (a store, whoami).

    ``FileNotFoundError`` if there is nothing (a dangling link included); ``OSError`` saying
    what is there instead (a folder, a pipe or device), and a pipe is never waited on: it is
    opened without blocking and checked before anything is read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "is a folder" if stat.S_ISDIR(mode) else "is not a regular file (a pipe, device or socket)"
            raise OSError(errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL, what, str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def _open_checked(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` after checking it is a regular file of at most ``limit`` bytes."""
    check_regular_file(path, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise SeedError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:       # it grew after the check
        raise SeedError(path, f"is over {limit:,} bytes; a kit file may be at most {limit:,}")
    return data


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 text with Windows (CRLF) and old Mac (CR) line ends read as ``\n``, as text mode does.

    Offsets in ``annotations.yaml`` count characters of the text read this way, so an article
    saved with CRLF line ends on Windows has the same offsets as the same article saved on Linux.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml(path: Path | str):
    """Parse one YAML file; mappings come back as :class:`LineMap`.

    Raises :class:`SeedError` naming the file and line when the file is missing, not a
    regular file, too large, not UTF-8, not valid YAML, or over a limit (nesting depth,
    aliases and their expansion, digits of a number).
    """
    path = Path(path)
    raw = _decode(path, _open_checked(path, MAX_YAML_BYTES))
    try:    # PyYAML loads on the first YAML file read: a quiz built in code and the store never need it
        import yaml

        from medialit._io.yaml_loader import LimitError, LineLoader
    except ImportError:
        raise SeedError(path, "reading YAML needs PyYAML, which is not installed here (pip install pyyaml)") from None
    try:
        return yaml.load(raw, Loader=LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        prefix = "over the kit's limits" if isinstance(exc, LimitError) else "not valid YAML"
        raise SeedError(path, f"{prefix}: {_cut(exc.problem or exc)}", line) from None
    except yaml.YAMLError as exc:
        raise SeedError(path, f"not valid YAML: {_cut(exc)}") from None
    except (RecursionError, ValueError, TypeError) as exc:
        # e.g. a list or mapping used as a key (unhashable): YAML allows it, Python cannot
        raise SeedError(path, f"not usable YAML: {_cut(exc)}") from None


def _cut(message, limit: int = 200) -> str:
    text = str(message)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def read_text(path: Path | str, limit: int = MAX_TEXT_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes, or a :class:`SeedError`."""
    path = Path(path)
    return _decode(path, _open_checked(path, limit))
