"""Charts with alt text: a matplotlib Figure that a notebook shows as an image with a description.

JupyterLab draws a plain ``image/png`` output as an ``<img>`` with no ``alt``, so a screen
reader says nothing (or "image") for every chart. A :class:`DescribedFigure` also offers
``text/html``: the same PNG in an ``<img>`` whose ``alt`` says what the chart shows, which
JupyterLab, Notebook 7 and Voila prefer to the bare PNG. Make one through pyplot as usual::

    fig, ax = plt.subplots(FigureClass=DescribedFigure)
    fig.alt = "Bar chart: ..."

:func:`img_html` gives the same ``<img>`` for PNG bytes made elsewhere (the class report).
"""

from __future__ import annotations

import base64
import html
import io

from matplotlib.figure import Figure


def img_html(png: bytes, alt: str) -> str:
    """An ``<img>`` showing ``png`` with ``alt`` as its description, scaled to the page width."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="medialit-chart" alt="{html.escape(alt)}" style="max-width:100%;height:auto" '
            f'src="data:image/png;base64,{data}">')


class DescribedFigure(Figure):
    """A Figure with ``alt``: shown in notebooks as an image that says what it shows."""

    alt: str = ""
    rc: dict | None = None     # matplotlib settings to draw it with (a chart made inside rc_context)

    def __repr__(self) -> str:
        # The plain Figure's text, so a notebook's stored text output does not change.
        return super().__repr__().replace(type(self).__name__, "Figure", 1)

    def png(self) -> bytes:
        import matplotlib as mpl

        buffer = io.BytesIO()
        with mpl.rc_context(self.rc or {}):
            self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()

    def _repr_html_(self) -> str | None:
        if not self.alt:
            return None
        return img_html(self.png(), self.alt)
