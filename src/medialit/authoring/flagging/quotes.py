"""Finding quotations: every quoted stretch of a text, paired within its paragraph.

Quotation marks of every kind are paired: " “ ” ‘ ’ « » „ and straight single-quote
pairs. An apostrophe inside or after a word is not a quote mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medialit.text import split

#: Characters of Markdown and white space that may stand before or after a quoted block.
MARKUP = "*_> \t\u00a0#"


@dataclass(frozen=True)
class Quote:
    """One quoted stretch: where its marks are and where the quoted words are."""

    start: int        # the opening mark
    end: int          # one past the closing mark (or the block end when unclosed)
    inner_start: int
    inner_end: int
    closed: bool


_PAIRS = [
    re.compile(r"“([^“”\n]*(?:\n[^“”\n]+)*)”"),           # English curly double
    re.compile(r"«\s?([^«»]+?)\s?»"),                      # guillemets
    re.compile(r"„([^„“”]+?)[“”]"),                         # German / Polish low-high
    re.compile(r"(?<![\w’‘])‘(?=\S)((?:[^‘’\n]|’(?=\w)){1,300}?)(?<=\S)’(?!\w)"),   # curly single
    # straight single: opens before a word (not a digit: '90s), not after one; apostrophes
    # inside words allowed
    re.compile(r"(?<![\w'])'(?=[^\s'\d])((?:[^'\n]|(?<=\w)'(?=\w)){1,200}?)(?<=\S)'(?!\w)"),
]
_OPEN_UNCLOSED = re.compile(r"“[^“”]*\Z")


def find_quotes(text: str, blocks: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Every quoted stretch of the text, outermost and nested, in order.

    Quotes are paired within a paragraph (blank-line separated block). A block
    that opens a quote and never closes it (the convention for a quotation
    running over several paragraphs) is quoted to its end.
    """
    if blocks is None:
        blocks = split.blocks(text)
    out: list[Quote] = []
    for b_start, b_end in blocks:
        block = text[b_start:b_end]
        if not any(mark in block for mark in "\"'“”‘’«»„"):
            continue
        for pattern in _PAIRS:
            for m in pattern.finditer(block):
                if m.end(1) > m.start(1):
                    out.append(Quote(b_start + m.start(), b_start + m.end(),
                                     b_start + m.start(1), b_start + m.end(1), True))
        m = _OPEN_UNCLOSED.search(block)
        if m and len(m.group()) > 1 and not block[:m.start()].strip(MARKUP):
            out.append(Quote(b_start + m.start(), b_start + m.end() - trailing_markup(m.group()),
                             b_start + m.start() + 1, b_start + m.end() - trailing_markup(m.group()),
                             False))
        # straight double quotes: pair them in order within the block
        marks = [m.start() for m in re.finditer('"', block)]
        for i in range(0, len(marks) - 1, 2):
            s, e = marks[i], marks[i + 1]
            if e > s + 1:
                out.append(Quote(b_start + s, b_start + e + 1, b_start + s + 1, b_start + e, True))
        if len(marks) % 2 == 1 and not block[: marks[-1]].strip(MARKUP):
            s = marks[-1]
            end = len(block) - trailing_markup(block)
            if end > s + 1:
                out.append(Quote(b_start + s, b_start + end, b_start + s + 1, b_start + end, False))
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def trailing_markup(s: str) -> int:
    """How many characters of markup and line breaks end ``s``."""
    return len(s) - len(s.rstrip(MARKUP + "\n"))


def outermost(quotes: list[Quote]) -> list[Quote]:
    """The quotes not inside another one (``quotes`` sorted by start, longest first)."""
    out: list[Quote] = []
    for q in quotes:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out
