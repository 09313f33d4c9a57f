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

# A word (letters/digits, with inner apostrophes or hyphens) or one punctuation mark.
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")


def tokenize(text: str) -> list[list[int]]:
    """Word and punctuation tokens of ``text`` as ``[start, end]`` pairs."""
    return [[m.start(), m.end()] for m in _TOKEN.finditer(text)]


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
