"""The reading limits, the mapping that remembers its lines, and short reprs for error messages.

Shared by :mod:`.reading` (files) and :mod:`.yaml_loader` (YAML), which imports PyYAML;
this module imports nothing, so the limits are known without loading a parser.
"""

from __future__ import annotations

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


class LineMap(dict):
    """A mapping read from YAML that remembers the line of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        try:
            return self.key_lines.get(key, self.line)
        except TypeError:       # an unhashable key asked for
            return self.line
