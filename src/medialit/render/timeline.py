"""A timeline chart of dated events, one panel per period, with alt text listing every event.

>>> from medialit.article.timeline import load_timeline
>>> from medialit.render.timeline import timeline_chart
>>> fig = timeline_chart(load_timeline(art))      # doctest: +SKIP  (a matplotlib Figure)

The table needs the columns ``date`` (pandas Timestamps), ``event`` and ``confidence``
(``seen``, ``via`` or ``not_found``, of the source that gives the date). Events more than
:data:`GAP_DAYS` apart start a new panel, so events months apart in 2017 are not squeezed
into one point by a gap of years. Each event has its own row, oldest at the top; its label
gives the date, the event and the confidence as a mark *and* a word, and the marker's fill
repeats the mark (full, half, empty), so nothing is told by colour alone. Fonts are the
article map's projector sizes (:data:`medialit.render.figures.FONT`). Assign the result
(``fig = timeline_chart(...)``) so a notebook shows it once.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from medialit.render.described import DescribedFigure
from medialit.render.figures import FONT
from medialit.render.palette import CONFIDENCE_MARKS, CONFIDENCE_WORDS

#: Events further apart than this (in days) go in separate panels.
GAP_DAYS = 365
TITLE = "What happened when: only the dates the kit's sources record"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_INK = "#0072B2"       # Okabe-Ito blue: 5.2:1 on white
_FILL = {"seen": "full", "via": "left", "not_found": "none"}
_PAD_DAYS = 45


def day(stamp) -> str:
    """``13 Nov 2017``: the same in every locale."""
    stamp = pd.Timestamp(stamp)
    return f"{stamp.day} {_MONTHS[stamp.month - 1]} {stamp.year}"


def periods(frame: pd.DataFrame, gap_days: int = GAP_DAYS) -> list[pd.DataFrame]:
    """The events, oldest first, cut into runs where no two neighbours are more than ``gap_days`` apart."""
    events = frame.sort_values("date", kind="stable").reset_index(drop=True)
    runs, start = [], 0
    for i in range(1, len(events)):
        if (events.loc[i, "date"] - events.loc[i - 1, "date"]).days > gap_days:
            runs.append(events.iloc[start:i])
            start = i
    if len(events):
        runs.append(events.iloc[start:])
    return [run.reset_index(drop=True) for run in runs]


def _years(run: pd.DataFrame) -> str:
    first, last = run["date"].iloc[0].year, run["date"].iloc[-1].year
    return str(first) if first == last else f"{first}–{last}"


def _confidence(value) -> str:
    value = str(value)
    return f"{CONFIDENCE_MARKS[value]} {CONFIDENCE_WORDS[value]}" if value in CONFIDENCE_MARKS else "no mark"


def describe_timeline(frame: pd.DataFrame, title: str = TITLE) -> str:
    """The chart's alt text: what it is, its panels, then every event in order."""
    runs = periods(frame)
    parts = [f"Timeline: {title}. {len(frame)} events in {len(runs)} "
             f"panel{'s' if len(runs) != 1 else ''} ({', '.join(_years(r) for r in runs)}), oldest first."]
    for run in runs:
        for row in run.itertuples():
            parts.append(f"{day(row.date)}: {row.event} (source read: {_confidence(row.confidence)}).")
    return " ".join(parts)


def timeline_chart(frame: pd.DataFrame, *, title: str = TITLE) -> Figure:
    """The events as a chart: one panel per period, one row per event, oldest at the top."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt  # imported here: importing medialit stays light

    if frame.empty:
        raise ValueError("no events to draw: the timeline table is empty")
    runs = periods(frame)
    heights = [len(run) + 1 for run in runs]
    fig, axes = plt.subplots(len(runs), 1, figsize=(16, 1.0 + 0.75 * sum(heights)), dpi=100,
                             layout="constrained", FigureClass=DescribedFigure,
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    for ax, run in zip(axes[:, 0], runs):
        first, last = run["date"].iloc[0], run["date"].iloc[-1]
        left, right = first - pd.Timedelta(days=_PAD_DAYS), last + pd.Timedelta(days=_PAD_DAYS)
        width = (right - left).days
        for i, row in enumerate(run.itertuples()):
            level = len(run) - i
            x = mdates.date2num(row.date)
            ax.plot([x, x], [0, level], color="#777777", linewidth=1, zorder=1)
            ax.plot([x], [level], marker="o", markersize=13, color=_INK, markeredgecolor=_INK,
                    markeredgewidth=2, fillstyle=_FILL.get(str(row.confidence), "none"),
                    markerfacecoloralt="white", linestyle="none", zorder=3)
            where = (row.date - left).days / width
            ha, dx = ("left", 12) if where < 0.35 else ("right", -12) if where > 0.65 else ("center", 0)
            dy = 0 if ha != "center" else 14
            ax.annotate(f"{day(row.date)}  ·  {row.event}  [{_confidence(row.confidence)}]",
                        (x, level), xytext=(dx, dy), textcoords="offset points", ha=ha,
                        va="center" if ha != "center" else "bottom", fontsize=FONT["legend"],
                        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
                        zorder=4)
        ax.axhline(0, color="#333333", linewidth=1.5, zorder=2)
        ax.set_xlim(mdates.date2num(left), mdates.date2num(right))
        ax.set_ylim(-0.3, len(run) + 0.9)
        ax.set_yticks([])
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator(), show_offset=False))
        ax.tick_params(axis="x", labelsize=FONT["tick"])
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.set_title(_years(run), loc="left", fontsize=FONT["label"], fontweight="bold")
    fig.suptitle(title, fontsize=FONT["title"])
    handles = [Line2D([], [], marker="o", markersize=13, color=_INK, markeredgewidth=2, linestyle="none",
                      fillstyle=_FILL[c], markerfacecoloralt="white", label=_confidence(c))
               for c in CONFIDENCE_MARKS]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=FONT["legend"], frameon=False,
               title="How the kit read the source that gives each date", title_fontsize=FONT["legend"])
    fig.alt = describe_timeline(frame, title)
    return fig
