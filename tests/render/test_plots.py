"""The article map: hand-checked shares, the kit's colours plus hatching, projector fonts, same picture every time."""

import io

import matplotlib
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from medialit import load_article
from medialit.render.figures import FONT, category_map, category_matrix
from medialit.render.palette import STYLE
from medialit.vocabulary import CATEGORIES
from tests.conftest import RESOURCES

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    """category_map draws with pyplot (so notebooks show it); close what each test opened."""
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.fixture(scope="module")
def mini():
    return load_article(RESOURCES / "mini-article")


@pytest.fixture(scope="module")
def raqqa():
    return load_article("raqqa-exodus")


def _bars(fig: Figure) -> list[Rectangle]:
    """Bars drawn for flags (lane backgrounds have no hatch)."""
    return [p for p in fig.axes[0].patches if p.get_hatch()]


def test_matrix_shares_are_hand_checked(mini):
    m = category_matrix(mini)
    assert list(m.index) == [1, 2, 3, 4]
    assert list(m.columns) == list(CATEGORIES)
    # paragraph 2 is 216 characters: the quote (39) and the paraphrase (78) are quoted reporting
    assert m.loc[2, "quoted_reporting"] == round(117 / 216, 4)
    # paragraph 3 is 185 characters: "reckless gamble" (15) and the sweeping claim (72)
    assert m.loc[3, "framing"] == round(15 / 185, 4)
    assert m.loc[3, "generalization"] == round(72 / 185, 4)
    assert m.loc[4, "framing"] == round(6 / 158, 4)          # "stormy"
    assert m.loc[1].sum() == 0                                  # nothing flagged


def test_overlapping_spans_are_not_counted_twice(raqqa):
    m = category_matrix(raqqa)
    assert (m <= 1).all().all() and (m >= 0).all().all()
    # paragraph 1, the headline, is one dramatic label from end to end
    assert m.loc[1, "framing"] == 1.0
    # paragraph 12: "Uncle Sam..." is flagged twice as framing (bold, loaded words): count once
    para = raqqa.paragraphs.loc[12]
    assert m.loc[12, "framing"] == round((21 + 57) / (para["end"] - para["start"]), 4)


def test_matrix_range_and_errors(raqqa):
    assert list(category_matrix(raqqa, paragraphs=(50, 53)).index) == [50, 51, 52, 53]
    with pytest.raises(IndexError, match="paragraphs 1..82"):
        category_matrix(raqqa, paragraphs=(1, 200))
    with pytest.raises(ValueError, match="must not come after"):
        category_matrix(raqqa, paragraphs=(9, 8))


def test_one_hatched_bar_per_flagged_cell_in_the_category_colour(mini):
    fig = category_map(mini)
    bars = _bars(fig)
    assert len(bars) == 4        # p2 quoted reporting, p3 framing and generalization, p4 framing
    by_colour = {}
    for bar in bars:
        by_colour.setdefault(to_hex(bar.get_facecolor()), set()).add(bar.get_hatch())
    for category in CATEGORIES:
        assert by_colour.get(STYLE[category]["color"].lower()) == {STYLE[category]["hatch"]}


def test_bar_height_grows_with_the_share(mini):
    fig = category_map(mini)
    heights = sorted(round(b.get_height(), 3) for b in _bars(fig))
    # shares 0.038 and 0.081 get the minimum sliver; 0.389 and 0.542 are in proportion
    assert heights[0] == heights[1] < heights[2] < heights[3]


def test_labels_title_legend_and_projector_fonts(raqqa):
    fig = category_map(raqqa, sections={"Kunduz 2001": (50, 69)})
    ax = fig.axes[0]
    assert "Where the flags fall" in ax.get_title()
    assert ax.get_xlabel().startswith("Paragraph") and ax.get_ylabel() == "Kind of flag"
    assert [t.get_text() for t in ax.get_yticklabels()] == list(CATEGORIES.values())[::-1]
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [
        f"{name} ({STYLE[c]['tag']})" for c, name in CATEGORIES.items()]
    assert [h.get_hatch() for h in legend.legend_handles] == [STYLE[c]["hatch"] for c in CATEGORIES]
    assert ax.title.get_fontsize() >= 20 and ax.xaxis.label.get_fontsize() >= 16
    assert min(t.get_fontsize() for t in ax.get_xticklabels()) >= 14
    assert min(t.get_fontsize() for t in legend.get_texts()) >= 14
    assert "Kunduz 2001" in [t.get_text() for t in ax.texts]
    assert FONT["tick"] >= 14


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def test_same_article_same_picture(raqqa):
    first, second = category_map(raqqa), category_map(raqqa)
    assert _png(first) == _png(second)
    assert repr(first) == "<Figure size 1600x650 with 1 Axes>"


def test_custom_title_and_range(raqqa):
    fig = category_map(raqqa, paragraphs=(8, 49), title="Raqqa")
    ax = fig.axes[0]
    assert ax.get_title() == "Raqqa"
    assert ax.get_xlim() == (7.5, 49.5)


def test_the_map_shows_as_an_image_with_alt_text_saying_what_it_shows():
    """Issue 18: JupyterLab drew the chart's PNG with no alt text."""
    import html as _html
    import re

    fig = category_map(load_article("raqqa-exodus"), paragraphs=(44, 53))
    assert repr(fig).startswith("<Figure size 1600x650")          # a notebook's text output is unchanged
    page = fig._repr_html_()
    alt = _html.unescape(re.search(r'<img [^>]*alt="([^"]+)"', page).group(1))
    assert alt.startswith("Strip chart: Where the flags fall in the article (paragraphs 44-53).")
    for name in ("Quoted reporting", "Framing language", "Unsupported generalization"):
        assert name in alt
    assert 'src="data:image/png;base64,' in page
