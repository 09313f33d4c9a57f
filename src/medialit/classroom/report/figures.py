"""The class report's charts: matplotlib figures of scores, question difficulty, categories and growth, as PNG bytes.

Colour-blind safe (Okabe-Ito), with hatching and a label on every bar, so each chart reads
in greyscale and on a projector. Each figure carries alt text saying what it shows
(:class:`~medialit.render.described.DescribedFigure`), so a notebook shows it as an image
a screen reader can describe.
"""

from __future__ import annotations

import io

from medialit.classroom.report.tables import ClassReport
from medialit.render.described import DescribedFigure
from medialit.render.palette import STYLE

_RC = {"font.size": 16, "axes.titlesize": 20, "axes.labelsize": 17, "xtick.labelsize": 15,
       "ytick.labelsize": 15, "legend.fontsize": 15, "hatch.linewidth": 1.5, "figure.dpi": 100}
_BLUE, _ORANGE, _GREEN = "#0072B2", "#E69F00", "#009E73"   # Okabe-Ito


def _figure(width=11, height=6.5):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = DescribedFigure(figsize=(width, height), layout="constrained")
    fig.rc = _RC
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _bands(scores) -> list[int]:
    counts = [0] * 10
    for s in scores:
        counts[min(9, int(s * 10))] += 1
    return counts


def figure_scores(rep: ClassReport):
    """Histogram of student scores, bars labelled with their counts: the final score, and
    beside it the first-try score of the students whose hand-ins carry it."""
    import matplotlib as mpl
    from matplotlib.ticker import MaxNLocator

    with mpl.rc_context(_RC):
        fig = _figure()
        ax = fig.add_subplot()
        edges = [i / 10 for i in range(11)]
        names = [f"{int(e*100)}–{int(e*100)+10}" for e in edges[:-1]]
        scores = rep.students["score"].clip(0, 1).tolist()
        firsts = rep.students["first_try_score"].dropna().clip(0, 1).tolist() \
            if "first_try_score" in rep.students else []
        counts, first_counts = _bands(scores), _bands(firsts)
        xs = list(range(10))
        width = 0.4 if firsts else 0.8
        bars = ax.bar([x - width / 2 if firsts else x for x in xs], counts, width, color=_BLUE,
                      edgecolor="black", hatch="//", label="final score")
        ax.bar_label(bars, labels=[str(c) if c else "" for c in counts], padding=3)
        if firsts:
            extra = ax.bar([x + width / 2 for x in xs], first_counts, width, color=_GREEN, edgecolor="black",
                           hatch="..", label="first-try score")
            ax.bar_label(extra, labels=[str(c) if c else "" for c in first_counts], padding=3)
            ax.legend(loc="upper left")
        ax.set_xticks(xs, names)
        ax.set_title("How the class scored")
        ax.set_xlabel("score (%)")
        ax.set_ylabel("number of students")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(y=0.15)
        ax.tick_params(axis="x", labelrotation=30)
        spread = ", ".join(f"{int(e * 100)}-{int(e * 100) + 10}%: {c}" for e, c in zip(edges, counts) if c)
        alt = (f"Bar chart: how the class scored, {len(scores)} students in score bands of 10%. "
               f"Students per band, final score: {spread or 'none'}.")
        if firsts:
            first_spread = ", ".join(f"{int(e * 100)}-{int(e * 100) + 10}%: {c}"
                                     for e, c in zip(edges, first_counts) if c)
            alt += f" First-try score ({len(firsts)} students): {first_spread}."
        fig.alt = alt
        return fig


def figure_difficulty(rep: ClassReport, limit: int = 25):
    """Mean score per question, hardest at the top, each bar labelled."""
    import matplotlib as mpl

    frame = rep.questions[rep.questions["mean_score"].notna()].head(limit)
    with mpl.rc_context(_RC):
        fig = _figure(11, max(4.5, 0.55 * len(frame) + 2))
        ax = fig.add_subplot()
        labels = [str(q) for q in frame["question"]][::-1]
        values = frame["mean_score"].tolist()[::-1]
        bars = ax.barh(labels, values, color=_ORANGE, edgecolor="black", hatch="..")
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in values], padding=4)
        ax.set_xlim(0, 1.15)
        ax.set_title("Mean score per question (hardest at the top)")
        ax.set_xlabel("mean score (0 = all wrong, 1 = all right)")
        ax.set_ylabel("question")
        listed = "; ".join(f"{q}: {v:.0%}" for q, v in zip(frame["question"], frame["mean_score"]))
        fig.alt = (f"Bar chart: mean score per question, hardest first, {len(frame)} questions. "
                   f"{listed or 'No scored questions.'}")
        return fig


def figure_categories(rep: ClassReport):
    """Highlight precision (filled) and recall (hatched, white) per category, labelled."""
    import matplotlib as mpl
    from matplotlib.patches import Patch

    frame = rep.categories
    with mpl.rc_context(_RC):
        fig = _figure()
        ax = fig.add_subplot()
        xs = range(len(frame))
        for i, row in enumerate(frame.itertuples()):
            style = STYLE[row.category]
            p = 0.0 if row.precision != row.precision else row.precision
            r = 0.0 if row.recall != row.recall else row.recall
            b1 = ax.bar(i - 0.2, p, 0.38, color=style["color"], edgecolor="black")
            b2 = ax.bar(i + 0.2, r, 0.38, color="white", edgecolor=style["color"], hatch=style["hatch"] * 2,
                        linewidth=2)
            none = row.highlight_answers == 0
            ax.bar_label(b1, labels=["n/a" if none else f"P {p:.2f}"], padding=3)
            ax.bar_label(b2, labels=["" if none else f"R {r:.2f}"], padding=3)
        ax.set_xticks(list(xs), [f"{n}\n({c} answers)" for n, c in zip(frame["name"], frame["highlight_answers"])])
        ax.set_ylim(0, 1.2)
        ax.set_title("Highlighting per category: precision and recall")
        ax.set_xlabel("category")
        ax.set_ylabel("mean over highlight answers")
        ax.legend(handles=[Patch(facecolor="grey", edgecolor="black", label="precision (filled)"),
                           Patch(facecolor="white", edgecolor="black", hatch="//", label="recall (hatched)")],
                  loc="upper right")
        said = []
        for row in frame.itertuples():
            if row.highlight_answers == 0 or row.precision != row.precision:
                said.append(f"{row.name}: no highlight answers")
            else:
                said.append(f"{row.name}: precision {row.precision:.2f}, recall {row.recall:.2f} "
                            f"over {row.highlight_answers} answers")
        fig.alt = ("Bar chart: highlighting per category, precision (filled bar) and recall (hatched bar). "
                   + "; ".join(said) + ".")
        return fig


def figure_growth(rep: ClassReport):
    """Pre-test (filled) and post-test (hatched, white) mean per category, labelled, with the
    mean gain and its 95% interval under each category."""
    import matplotlib as mpl
    from matplotlib.patches import Patch

    frame = rep.growth
    with mpl.rc_context(_RC):
        fig = _figure()
        ax = fig.add_subplot()
        if frame is None or not len(frame) or not frame["students"].iloc[-1]:
            ax.text(0.5, 0.5, "No pre/post tests handed in by the same students", ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_axis_off()
            fig.alt = "Growth chart: no students handed in both the pre-test and the post-test."
            return fig
        ticks, said = [], []
        for i, row in enumerate(frame.itertuples()):
            style = STYLE.get(row.category, {"color": "#555555", "hatch": "\\\\"})
            b1 = ax.bar(i - 0.2, row.pre_mean, 0.38, color=style["color"], edgecolor="black")
            b2 = ax.bar(i + 0.2, row.post_mean, 0.38, color="white", edgecolor=style["color"],
                        hatch=style["hatch"] * 2, linewidth=2)
            ax.bar_label(b1, labels=[f"pre {row.pre_mean:.0f}%"], padding=3)
            ax.bar_label(b2, labels=[f"post {row.post_mean:.0f}%"], padding=3)
            ends = "" if row.ci_low != row.ci_low else f"\n95% CI {row.ci_low:+.0f} to {row.ci_high:+.0f}"
            ticks.append(f"{row.name}\ngain {row.gain_pp:+.0f} pp{ends}")
            said.append(f"{row.name}: pre {row.pre_mean:.0f}%, post {row.post_mean:.0f}%, gain "
                        f"{row.gain_pp:+.1f} points" + ("" if row.ci_low != row.ci_low else
                                                         f" (95% interval {row.ci_low:+.1f} to {row.ci_high:+.1f})"))
        ax.set_xticks(list(range(len(frame))), ticks)
        ax.set_ylim(0, 120)
        ax.set_title(f"Pre-test and post-test, {int(frame['students'].iloc[-1])} students with both")
        ax.set_ylabel("mean score (%)")
        ax.legend(handles=[Patch(facecolor="grey", edgecolor="black", label="pre-test (filled)"),
                           Patch(facecolor="white", edgecolor="black", hatch="//", label="post-test (hatched)")],
                  loc="upper right")
        fig.alt = ("Bar chart: mean pre-test score (filled bar) and post-test score (hatched bar) per category, "
                   f"for the {int(frame['students'].iloc[-1])} students who took both. " + "; ".join(said) + ".")
        return fig


def _chart(make):
    import matplotlib as mpl

    def png(rep: ClassReport) -> bytes:
        with mpl.rc_context(_RC):
            return _png(make(rep))

    png.__doc__ = f"PNG bytes of :func:`{make.__name__}`."
    return png


chart_scores = _chart(figure_scores)
chart_difficulty = _chart(figure_difficulty)
chart_categories = _chart(figure_categories)
chart_growth = _chart(figure_growth)

CHARTS = {"scores.png": (chart_scores, "Histogram of student scores, final and first try"),
          "difficulty.png": (chart_difficulty, "Mean score per question, hardest first"),
          "categories.png": (chart_categories, "Highlight precision and recall per category"),
          "growth.png": (chart_growth, "Pre-test and post-test mean per category, with the mean gain and its "
                                       "95% interval (students with both tests)")}
