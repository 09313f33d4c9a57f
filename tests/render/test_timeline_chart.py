"""The timeline chart: one panel per period, one row per event, marks not told by colour alone, alt text."""

import html as _html
import re

import matplotlib
import pandas as pd
import pytest

from medialit import load_article
from medialit.article.timeline import load_timeline
from medialit.render.figures import FONT
from medialit.render.timeline import GAP_DAYS, day, describe_timeline, periods, timeline_chart

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def _frame(*rows):
    return pd.DataFrame([{"date": pd.Timestamp(d), "event": e, "confidence": c} for d, e, c in rows])


def test_periods_split_only_at_gaps_longer_than_a_year():
    frame = _frame(("2017-11-13", "b", "seen"), ("2001-11-25", "a", "via"), ("2002-01-28", "a2", "via"),
                   ("2017-05-19", "b0", "via"), ("2024-12-20", "c", "seen"))
    runs = periods(frame)
    assert [list(r["event"]) for r in runs] == [["a", "a2"], ["b0", "b"], ["c"]]
    # exactly GAP_DAYS apart stays one period; one day more splits
    start = pd.Timestamp("2010-01-01")
    two = _frame(("2010-01-01", "x", "seen"), (str((start + pd.Timedelta(days=GAP_DAYS)).date()), "y", "seen"))
    assert len(periods(two)) == 1
    three = _frame(("2010-01-01", "x", "seen"), (str((start + pd.Timedelta(days=GAP_DAYS + 1)).date()), "y", "seen"))
    assert len(periods(three)) == 2


def test_day_is_written_the_same_in_every_locale():
    assert day("2017-11-13") == "13 Nov 2017" and day(pd.Timestamp("2001-05-02")) == "2 May 2001"


def test_raqqa_chart_panels_labels_marks_and_fonts():
    events = load_timeline(load_article("raqqa-exodus"))
    fig = timeline_chart(events)
    panels = fig.axes
    assert [ax.get_title(loc="left") for ax in panels] == ["2001–2002", "2017", "2024"]
    labels = [t.get_text() for ax in panels for t in ax.texts]
    assert len(labels) == len(events)
    assert labels[0].startswith("25 Nov 2001") and "[◐ via]" in labels[0]
    bbc = next(t for t in labels if "Raqqa's dirty secret" in t)
    assert bbc.startswith("13 Nov 2017") and bbc.endswith("[● seen]")
    # the marker's fill repeats the mark: full for seen, half for via
    markers = {line.get_fillstyle() for ax in panels for line in ax.lines if line.get_marker() == "o"}
    assert markers == {"full", "left"}
    assert min(t.get_fontsize() for ax in panels for t in ax.texts) >= 14
    assert min(t.get_fontsize() for ax in panels for t in ax.get_xticklabels()) >= 14
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["● seen", "◐ via", "○ not found"]
    assert FONT["legend"] >= 14


def test_alt_text_lists_every_event_in_order():
    events = load_timeline(load_article("raqqa-exodus"))
    fig = timeline_chart(events)
    alt = _html.unescape(re.search(r'<img [^>]*alt="([^"]+)"', fig._repr_html_()).group(1))
    assert alt == describe_timeline(events)
    assert alt.startswith("Timeline: What happened when: only the dates the kit's sources record. "
                          f"{len(events)} events in 3 panels (2001–2002, 2017, 2024), oldest first.")
    positions = [alt.index(f"{day(d)}: {e}") for d, e in zip(events["date"], events["event"])]
    assert positions == sorted(positions)
    assert repr(fig).startswith("<Figure size 1600x")


def test_an_empty_table_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="no events to draw"):
        timeline_chart(_frame())
