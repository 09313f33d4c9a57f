"""The kit's stylesheets: the files in ``render/assets/``, read once and handed out as text."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Template

ASSETS = Path(__file__).resolve().parent / "assets"


@cache
def _read(name: str) -> str:
    return (ASSETS / f"{name}.css").read_text(encoding="utf-8")


def stylesheet(name: str, **values: str) -> str:
    """The text of ``assets/<name>.css``, with its ``$placeholders`` filled from ``values``."""
    text = _read(name)
    return Template(text).substitute(values) if values else text
