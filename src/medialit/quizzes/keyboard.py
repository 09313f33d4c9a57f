"""Keyboard and screen-reader support for a whole quiz: a small anywidget placed inside it.

ipywidgets' own controls leave three gaps inside JupyterLab, which ``keyboard.js`` fills
once the quiz is on the page:

- JupyterLab's notebook shortcuts took the keys: ↑/↓ on a radio button or a menu moved to
  another cell. The quiz is marked ``data-lm-suppress-shortcuts``, so keys stay in it.
- The radio buttons were separate Tab stops with no group: they become one named
  ``radiogroup`` (arrow keys move the choice) and the tick boxes a ``group``, both labelled
  by the question's prompt.
- After Check, focus fell to the page body: it moves to the feedback; after Try again it
  moves back to the first answer control.
- The buttons' icon glyphs were part of their spoken names: the icons are ``aria-hidden``.
"""

from __future__ import annotations

from pathlib import Path

import anywidget

_HERE = Path(__file__).resolve().parent


class QuizKeys(anywidget.AnyWidget):
    """Invisible helper: keeps the keyboard inside its quiz and labels the answer groups."""

    _esm = _HERE / "keyboard.js"
