"""A map of a whole article: where each kind of flag falls, paragraph by paragraph.

>>> from medialit.render.figures import category_map, category_matrix
>>> category_matrix(art).loc[8]          # doctest: +SKIP  (share of paragraph 8 flagged, per category)
>>> category_map(art)                    # doctest: +SKIP  (the chart, a matplotlib Figure)

The chart is built for a projector: large fonts, labelled axes, a title and a legend.
Each category keeps the colour it has everywhere in the kit (the Okabe-Ito palette in
:data:`medialit.render.html.STYLE`) *and* its own hatching pattern and lane, so it reads
without colour too (colour-vision deficiency, grey-scale printouts).

The figure is made with pyplot, so a notebook shows it at the end of the cell like any
other plot. Assign the result (``fig = category_map(art)``) so that it is shown exactly
once: a bare last expression would show it a second time, and under nbval a trailing
``;`` does not suppress that (nbval runs cells without storing history, which is where
IPython looks for the ``;``). The same article always gives the same picture.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from medialit.render.described import DescribedFigure
from medialit.render.palette import STYLE
from medialit.text.spans import merge
from medialit.vocabulary import CATEGORIES

#: Font sizes (points) readable from the back of a classroom.
FONT = {"title": 22, "label": 18, "tick": 15, "legend": 15, "section": 14}
#: Height of the smallest visible bar, as a share of a lane: a one-word flag still shows.
MIN_BAR = 0.12
_LANE = 0.8            # bar height for a fully flagged paragraph (lanes are 1 apart)
_BACKGROUND = "#f0f0f0"


def _paragraph_range(article, paragraphs) -> list[int]:
    numbers = list(article.paragraphs.index)
    if paragraphs is None:
        return numbers
    first, last = (paragraphs, paragraphs) if isinstance(paragraphs, int) else paragraphs
    for n in (first, last):
        if n not in article.paragraphs.index:
            raise IndexError(f"{article.slug} has paragraphs 1..{len(numbers)}, not {n}")
    if first > last:
        raise ValueError(f"paragraphs=({first}, {last}): the first must not come after the last")
    return list(range(first, last + 1))


def category_matrix(article, paragraphs=None) -> pd.DataFrame:
    """Share of each paragraph's characters covered by each category's flags (0 to 1).

    Rows are paragraph numbers (all, or ``paragraphs=(first, last)``); columns are the
    three categories. Overlapping flags of one category are merged first, so no
    character is counted twice; spans running over a paragraph break count in each
    paragraph they cover.
    """
    numbers = _paragraph_range(article, paragraphs)
    paras = article.paragraphs.loc[numbers]
    notes = article.annotations
    data = {}
    for category in CATEGORIES:
        spans = merge(zip(notes.loc[notes["category"] == category, "start"].astype(int),
                          notes.loc[notes["category"] == category, "end"].astype(int)))
        shares = []
        for start, end in zip(paras["start"], paras["end"]):
            covered = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
            shares.append(round(covered / (end - start), 4) if end > start else 0.0)
        data[category] = shares
    frame = pd.DataFrame(data, index=pd.Index(numbers, name="paragraph"))
    frame.columns.name = "category"
    return frame


def describe_map(matrix: pd.DataFrame, title: str) -> str:
    """The chart's alt text: what it is, then per category where its flags fall."""
    numbers = list(matrix.index)
    parts = [f"Strip chart: {title}. Paragraphs {numbers[0]} to {numbers[-1]} run left to right, "
             "one lane per kind of flag; a bar's height is the share of the paragraph flagged."]
    for category in CATEGORIES:
        shares = matrix[category]
        flagged = shares[shares > 0]
        if flagged.empty:
            parts.append(f"{CATEGORIES[category]}: no flags.")
            continue
        top = sorted(flagged.sort_values(ascending=False, kind="stable").index[:3])
        where = f"paragraph{'s' if len(top) > 1 else ''} {', '.join(str(n) for n in top)}"
        parts.append(f"{CATEGORIES[category]}: flags in {len(flagged)} of {len(numbers)} paragraphs, "
                     f"most heavily in {where}.")
    return " ".join(parts)


def category_map(article, paragraphs=None, *, sections: dict | None = None,
                 title: str | None = None) -> Figure:
    """The article as a strip chart: paragraphs across, one lane per category.

    A bar in a lane means the paragraph holds at least one flag of that category; its
    height is the share of the paragraph's characters flagged (at least a sliver, so a
    single flagged word shows). ``sections`` maps a label to ``(first, last)`` paragraph
    numbers to mark above the lanes, e.g. ``{"Kunduz 2001": (50, 69)}``.
    """
    import matplotlib.pyplot as plt  # imported here: importing medialit stays light

    matrix = category_matrix(article, paragraphs)
    numbers = list(matrix.index)
    lanes = list(CATEGORIES)[::-1]          # quoted reporting on top, as in the lessons

    fig, ax = plt.subplots(figsize=(16, 6.5), dpi=100, layout="constrained", FigureClass=DescribedFigure)
    left, right = numbers[0] - 0.5, numbers[-1] + 0.5
    for lane, category in enumerate(lanes):
        style = STYLE[category]
        ax.add_patch(Rectangle((left, lane - 0.45), right - left, 0.9,
                               facecolor=_BACKGROUND, edgecolor="none", zorder=0))
        for number, share in matrix[category].items():
            if share <= 0:
                continue
            height = max(MIN_BAR, share) * _LANE
            ax.add_patch(Rectangle((number - 0.45, lane - _LANE / 2), 0.9, height,
                                   facecolor=style["color"], edgecolor="white",
                                   hatch=style["hatch"], linewidth=0.6, zorder=2))

    if sections:
        for label, (first, last) in sections.items():
            lo, hi = max(first, numbers[0]) - 0.5, min(last, numbers[-1]) + 0.5
            if lo >= hi:
                continue
            top = len(lanes) - 0.4
            ax.plot([lo + 0.1, hi - 0.1], [top, top], color="#333333", linewidth=2.5,
                    solid_capstyle="butt", zorder=3)
            ax.text((lo + hi) / 2, top + 0.08, label, ha="center", va="bottom",
                    fontsize=FONT["section"], color="#222222")

    ax.set_xlim(left, right)
    ax.set_ylim(-0.6, len(lanes) - (0.05 if sections else 0.4))
    ax.set_yticks(range(len(lanes)), [CATEGORIES[c] for c in lanes], fontsize=FONT["tick"])
    step = 5 if len(numbers) > 20 else 1
    ticks = [n for n in numbers if n == numbers[0] or n % step == 0]
    ax.set_xticks(ticks, [str(n) for n in ticks], fontsize=FONT["tick"])
    ax.set_xlabel("Paragraph of the article (numbered from the headline)", fontsize=FONT["label"])
    ax.set_ylabel("Kind of flag", fontsize=FONT["label"])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)

    span = f"paragraphs {numbers[0]}-{numbers[-1]}"
    ax.set_title(title or f"Where the flags fall in the article ({span})",
                 fontsize=FONT["title"], pad=14)
    fig.alt = describe_map(matrix, title or f"Where the flags fall in the article ({span})")
    handles = [Patch(facecolor=STYLE[c]["color"], edgecolor="white", hatch=STYLE[c]["hatch"],
                     label=f"{CATEGORIES[c]} ({STYLE[c]['tag']})") for c in CATEGORIES]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=FONT["legend"],
               title="Colour and pattern: kind of flag.   Bar height: share of the paragraph flagged.",
               title_fontsize=FONT["legend"], frameon=False, handleheight=1.6, handlelength=2.8)
    return fig
