"""The kit's one splitter and tokenizer: paragraphs, lines, sentences and words as character spans.

Every span is a ``(start, end)`` pair of offsets into the text (``text[start:end]``), so
whatever is found in a piece can be pointed at in the whole. The rules:

- a **paragraph** is a block of text between blank lines (a line holding only spaces,
  tabs or no-break spaces counts as blank), without its leading and trailing white
  space; empty blocks are not paragraphs. :func:`blocks` gives the blocks as they are
  (white space and all), for code that needs every offset to fall in one;
- a **sentence** ends at ``.``, ``?``, ``!``, ``...`` or ``…`` (with any closing quotes,
  brackets or Markdown marks right after it) followed by white space, or at the end of
  the stretch being split. There is no list of abbreviations: ``U.S.`` followed by a
  space ends a sentence. Callers choose the stretches: the article model splits each
  paragraph (a sentence may run over a single line break), the draft flagger splits each
  line (in pasted text a line break ends a headline, a dateline or a share bar);
- a **word** (:data:`WORD`) is a run of letters, with inner apostrophes and hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

Span = tuple[int, int]

#: A blank line between two blocks: a line break, optional spaces, another line break.
BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
#: The end of a sentence: its mark and any closing quotes, brackets or emphasis marks.
SENTENCE_END = re.compile(r"(?:\.\.\.|…|[.?!])[\"'”’»)\]*_]*(?=\s)")
#: A word: letters, with apostrophes or hyphens inside (it's, well-known), ending in a letter.
WORD = re.compile(r"[A-Za-z][a-z’'-]*[a-z]|[A-Za-z]")


def blocks(text: str) -> list[Span]:
    """The stretches between blank lines, as they are (possibly empty or padded)."""
    out: list[Span] = []
    pos = 0
    for match in [*BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        out.append((pos, end))
        if match:
            pos = match.end()
    return out


def _stripped(text: str, start: int, end: int) -> Span | None:
    """``start..end`` without leading and trailing white space (None if nothing is left)."""
    piece = text[start:end]
    body = piece.strip()
    if not body:
        return None
    first = start + len(piece) - len(piece.lstrip())
    return first, first + len(body)


def paragraphs(text: str) -> list[Span]:
    """The paragraphs: blocks without their surrounding white space, empty ones left out."""
    return [span for span in (_stripped(text, s, e) for s, e in blocks(text)) if span]


def lines(text: str) -> list[Span]:
    """Every line that is not empty, without its line break."""
    return [m.span() for m in re.finditer(r"[^\n]+", text)]


def sentences(text: str, within: Iterable[Span]) -> list[Span]:
    """The sentences inside each stretch of ``within`` (none crosses a stretch), stripped."""
    out: list[Span] = []
    for start, end in within:
        cut = start
        for match in [*SENTENCE_END.finditer(text, start, end), None]:
            stop = match.end() if match else end
            span = _stripped(text, cut, stop)
            if span:
                out.append(span)
            cut = stop
    return out


def words(text: str) -> Iterator[re.Match]:
    """Every word of the text (see :data:`WORD`), as regular-expression matches."""
    return WORD.finditer(text)
