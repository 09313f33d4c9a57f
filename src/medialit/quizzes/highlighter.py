"""The word highlighter: an anywidget showing a passage as word tokens to select.

Python sends the passage text, its absolute start offset (``base``) and the word
tokens (relative ``[start, end]`` pairs, from :func:`tokenize`). The browser sends
back ``value``: the highlighted spans as absolute ``[start, end]`` offsets into the
article text, always whole tokens. After a check Python sets ``marks`` (found,
missed and over-flagged spans) for the browser to draw with text labels.

The front end is ``highlighter.js`` and ``highlighter.css`` beside this file: plain
ES module and CSS, no build step, nothing loaded from the network.
"""

from __future__ import annotations

import re
from pathlib import Path

import anywidget
import traitlets

_HERE = Path(__file__).resolve().parent

_RUN = re.compile(r"\S+")
_WORD = re.compile(r"\w")


def tokenize(text: str) -> list[list[int]]:
    """The words of ``text`` as ``[start, end]`` pairs: the keyboard cursor's stops.

    A word is a run of non-space characters, so punctuation and copied ``**`` marks stay
    with the word they touch (``*James``, ``“Mad``, ``Dog”``). A run with no letter or digit
    (a dash between spaces, a lone ``**``) joins the word before it (the word after it at
    the very start), so it is never a stop by itself.
    """
    tokens: list[list[int]] = []
    orphan: int | None = None          # start of a leading run with no word yet to join
    for m in _RUN.finditer(text):
        if _WORD.search(m.group()):
            tokens.append([orphan if orphan is not None else m.start(), m.end()])
            orphan = None
        elif tokens:
            tokens[-1][1] = m.end()
        elif orphan is None:
            orphan = m.start()
    if orphan is not None:             # no word at all: one token for the lot
        tokens.append([orphan, len(text.rstrip())])
    return tokens


class Highlighter(anywidget.AnyWidget):
    """Select whole words of a passage with the mouse or the keyboard."""

    _esm = _HERE / "highlighter.js"
    _css = _HERE / "highlighter.css"

    text = traitlets.Unicode("").tag(sync=True)
    base = traitlets.Int(0).tag(sync=True)
    tokens = traitlets.List([]).tag(sync=True)
    value = traitlets.List([]).tag(sync=True)
    marks = traitlets.List([]).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    label = traitlets.Unicode("Passage to highlight").tag(sync=True)
    accent = traitlets.Unicode("#0072B2").tag(sync=True)
    tint = traitlets.Unicode("#fbe9a0").tag(sync=True)

    def __init__(self, text: str, base: int = 0, **kwargs):
        super().__init__(text=text, base=base, tokens=tokenize(text), **kwargs)
