"""What every draft rule works on: the text split once, and the :class:`Flag` a rule yields."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from medialit.authoring.flagging.quotes import Quote, find_quotes, outermost
from medialit.text import split
from medialit.vocabulary import LABELS

#: The category of every label in the vocabulary (each label belongs to exactly one).
CATEGORY_OF: dict[str, str] = {label: category for category, labels in LABELS.items() for label in labels}

_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


@dataclass(frozen=True)
class Flag:
    """One draft candidate: a span, its label in the scheme, the rule that fired, why, and how sure.

    The category is looked up from the label, so a flag cannot carry a label of another
    category; a label outside the vocabulary fails (``KeyError``) where the flag is made.
    """

    start: int
    end: int
    label: str
    rule: str
    reason: str
    #: How likely a careful reader marks this span (0..1), set by :mod:`.confidence`;
    #: ``None`` until rated.
    confidence: float | None = None
    category: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "category", CATEGORY_OF[self.label])

    def note(self) -> str:
        """``DRAFT: <why> [rule: <rule>, confidence <c>]`` (the tag the review step strips)."""
        rated = "" if self.confidence is None else f", confidence {self.confidence:.2f}"
        return f"DRAFT: {self.reason} [rule: {self.rule}{rated}]"


def plain(text: str) -> str:
    """The text with Markdown marks (* _ [ ] and link targets) blanked, offsets kept."""
    text = _LINK_TARGET.sub(lambda m: " " * len(m.group()), text)
    return text.translate(str.maketrans("*_[]", "    "))


class Context:
    """The text as the rules see it: its blocks, sentences, quotations and a Markdown-free copy.

    Sentences follow :mod:`medialit.text.split`, split line by line: in pasted text a
    line break ends a headline, a dateline or a share bar.
    """

    def __init__(self, text: str):
        self.text = text
        self.plain = plain(text)
        self.blocks = split.blocks(text)
        self.sentences = split.sentences(text, split.lines(text))
        self.quotes = find_quotes(text, self.blocks)
        self.outer = outermost(self.quotes)
        self._sentence_starts = [s for s, _ in self.sentences]
        self._block_starts = [s for s, _ in self.blocks]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence starting at or before ``offset`` (``(0, 0)`` before the first one)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i < 0:
            return (0, 0)
        return self.sentences[i]

    def block_at(self, offset: int) -> tuple[int, int]:
        """The block holding ``offset`` (or the one before the blank line it falls in)."""
        i = max(0, bisect.bisect_right(self._block_starts, offset) - 1)
        return self.blocks[i]

    def inside_quote(self, start: int, end: int) -> Quote | None:
        """The outermost quote containing ``start..end`` (not counting the marks)."""
        for q in self.outer:
            if q.start < start and end <= q.end and start >= q.inner_start:
                return q
            if q.start > start:
                break
        return None
