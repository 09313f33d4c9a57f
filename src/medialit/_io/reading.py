"""Reading the kit's plain files safely: UTF-8 text, and YAML whose mappings remember their lines.

Every file read is first checked to be a regular file of bounded size, and YAML is parsed
with limits on nesting depth, aliases and how far aliases expand, so a malformed or hostile
file (a folder in a file's place, a dangling symlink, an alias bomb, a 5,000-digit number)
is a :class:`~medialit.errors.SeedError` naming the file (and line), never a hang or a raw
exception. A teacher can go straight to what to fix.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml

from medialit.errors import SeedError

#: Largest YAML file read (bytes): a kit file is a few kilobytes; 2 MB is room to spare.
MAX_YAML_BYTES = 2_000_000
#: Largest text file read (bytes), e.g. an article.
MAX_TEXT_BYTES = 10_000_000
#: Deepest nesting of lists and mappings in a YAML file (a quiz bank needs about 6).
MAX_DEPTH = 32
#: Most aliases (``*name``) in one YAML file.
MAX_ALIASES = 100
#: Most values a YAML file may hold once its aliases are expanded.
MAX_VALUES = 200_000
#: Longest whole number in a YAML file, in digits.
MAX_INT_DIGITS = 30


def shorten(value, limit: int = 80) -> str:
    """``repr(value)`` cut to about ``limit`` characters, for error messages.

    A message never prints a large value in full (an expanded alias, a long list).
    """
    if isinstance(value, (str, int, float, bool)) or value is None:
        text = repr(value) if not isinstance(value, int) or abs(value) < 10 ** MAX_INT_DIGITS \
            else f"<a number of about {int(abs(value).bit_length() * 0.30103) + 1} digits>"
    else:
        text = _bounded_repr(value, limit)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _bounded_repr(value, limit: int, depth: int = 0) -> str:
    """repr of nested lists and mappings that stops once ``limit`` characters are reached."""
    if depth > 4:
        return "…"
    if isinstance(value, dict):
        parts, size = [], 0
        for key, item in value.items():
            part = f"{shorten(key, limit)}: {_bounded_repr(item, limit, depth + 1)}"
            parts.append(part)
            size += len(part) + 2
            if size > limit:
                parts.append("…")
                break
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, (list, tuple)):
        parts, size = [], 0
        for item in value:
            part = _bounded_repr(item, limit, depth + 1)
            parts.append(part)
            size += len(part) + 2
            if size > limit:
                parts.append("…")
                break
        return "[" + ", ".join(parts) + "]"
    return shorten(value, limit)


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


class LineMap(dict):
    """A mapping read from YAML that remembers the line of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        try:
            return self.key_lines.get(key, self.line)
        except TypeError:       # an unhashable key asked for
            return self.line


class _LimitError(yaml.MarkedYAMLError):
    """A YAML file over one of the reading limits (depth, aliases, expansion, digits)."""


class _LineLoader(yaml.SafeLoader):
    """SafeLoader (never constructs Python objects) that records line numbers and enforces limits."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _LimitError(None, None, f"more than {MAX_ALIASES} aliases (*name); "
                                  "write the values out", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _LimitError(None, None, f"lists and mappings nested more than {MAX_DEPTH} deep",
                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self):
        node = super().compose_document()
        _check_expansion(node)
        return node


def _check_expansion(root) -> None:
    """Refuse a document whose aliases expand to more than MAX_VALUES values, or refer to themselves."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise _LimitError(None, None, "an alias refers to the list or mapping that holds it",
                              node.start_mark)
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        open_nodes.discard(key)
        if total > MAX_VALUES:
            raise _LimitError(None, None, f"its aliases expand to more than {MAX_VALUES:,} values",
                              node.start_mark)
        sizes[key] = total
        return total

    if root is not None:
        size(root)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be plain text, not {type(key).__name__}", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {shorten(key)}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    digits = sum(ch.isalnum() for ch in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise _LimitError(None, None, f"a number of {digits:,} digits; at most {MAX_INT_DIGITS} "
                          "(write it in quotes if it is text)", node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
# Dates stay strings: a teacher writes 2017-11-27 and means the text, not a date object.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path | str):
    """Parse one YAML file; mappings come back as :class:`LineMap`.

    Raises :class:`SeedError` naming the file and line when the file is missing, not a
    regular file, too large, not UTF-8, not valid YAML, or over a limit (nesting depth,
    aliases and their expansion, digits of a number).
    """
    path = Path(path)
    raw = _decode(path, _open_checked(path, MAX_YAML_BYTES))
    try:
        return yaml.load(raw, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        prefix = "over the kit's limits" if isinstance(exc, _LimitError) else "not valid YAML"
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
