"""Who is speaking: voices, their shares of the body text, the chart, and the quote comparison.

The figures for the tiny article below were counted by hand (characters without white
space), word by word:

    paragraph 4: The council says the bridge must close. “It is not safe,” said the mayor.
                 3+7+4+3+6+4+6 = 33, +3+2+3+6 = 47, +4+3+6 = 60
    paragraph 5: Critics call it a “reckless gamble”. The engineer wrote: “Repairs take [eleven] weeks.”
                 7+4+2+1 = 14, +9+8 = 31, +3+8+6 = 48, +8+4+8+7 = 75
    body = 135 characters
    the mayor:     “It is not safe,”                 3+2+3+6     = 14
    no source:     “reckless gamble”                 9+7         = 16
    the engineer:  “Repairs take [eleven] weeks.”    8+4+8+7 - 8 = 19   ([eleven] is the author's)
    the author:    135 - 14 - 16 - 19                            = 86
"""

from pathlib import Path

import matplotlib
import pytest
import yaml

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from medialit import load_article  # noqa: E402
from medialit.article.attribution import (  # noqa: E402
    AUTHOR_ID,
    UNSOURCED_ID,
    body_paragraphs,
    body_span,
    compare,
    quote_checks,
    short_name,
    voices,
    voices_chart,
)

ARTICLE = """Bridge to close for repairs

By Jane Doe

Daily Bugle, 1 March 2024

The council says the bridge must close. “It is not safe,” said the mayor.

Critics call it a “reckless gamble”. The engineer wrote: “Repairs take [eleven] weeks.”

To read the complete report by “the Bugle” click here

Copyright © Daily Bugle
"""

META = {"title": "Bridge to close for repairs", "author": "Jane Doe", "publisher": "Daily Bugle",
        "published": "2024-03-01", "credit": "Invented for the tests.", "kind": "reporting"}

SOURCES = [
    {"id": "mayor", "who": "Ana Ruiz, mayor", "outlet": "Council meeting", "says": "The bridge is unsafe.",
     "confidence": "seen", "checked_in": "minutes of the meeting"},
    {"id": "engineer", "who": "Tom Becker, engineer", "says": "Repairs take eleven weeks.",
     "confidence": "via"},
    {"id": "council", "who": "The town council", "says": "The bridge will close.", "confidence": "not_found"},
]


def _note(nid, text, label, source=None, category="quoted_reporting", at=0):
    start = ARTICLE.index(text, at)
    rec = {"id": nid, "start": start, "end": start + len(text), "text": text, "category": category,
           "label": label, "note": f"note for {nid}"}
    if source:
        rec["source_id"] = source
    return rec


NOTES = [
    _note("q-council", "The council says the bridge must close.", "paraphrase", "council"),
    _note("q-mayor", "“It is not safe,”", "direct_quote", "mayor"),
    _note("q-reckless", "“reckless gamble”", "unsourced_quote"),
    _note("f-reckless", "reckless gamble", "loaded_language", category="framing"),
    _note("q-engineer", "“Repairs take [eleven] weeks.”", "direct_quote", "engineer"),
    _note("q-eleven", "[eleven]", "bracketed_insertion", "engineer"),
    _note("q-bugle", "“the Bugle”", "direct_quote", "council"),      # in the end matter: not measured
]


def _write(folder: Path, notes=NOTES, sources=SOURCES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "meta.yaml").write_text(yaml.safe_dump(META, allow_unicode=True), encoding="utf-8")
    (folder / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    (folder / "annotations.yaml").write_text(yaml.safe_dump(notes, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.fixture
def tiny(tmp_path):
    return load_article(_write(tmp_path / "bridge"), reload=True)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- the body ------------------------------------------------------------------------

def test_body_skips_headline_header_lines_and_end_matter(tiny):
    assert body_paragraphs(tiny) == (4, 5)
    start, end = body_span(tiny)
    assert tiny.text[start:end].startswith("The council says")
    assert tiny.text[start:end].endswith("[eleven] weeks.”")


def test_raqqa_body_is_paragraphs_8_to_69():
    art = load_article("raqqa-exodus")
    first, last = body_paragraphs(art)
    assert (first, last) == (8, 69)
    assert art.paragraphs.loc[first, "text"].startswith("The US has no intention")
    assert art.paragraphs.loc[last + 1, "text"].startswith("To read the complete BBC report")


# -- voices --------------------------------------------------------------------------

def test_hand_counted_voices(tiny):
    frame = voices(tiny)
    assert list(frame.columns) == ["source_id", "who", "confidence", "spans", "characters", "share"]
    assert list(frame["source_id"]) == [AUTHOR_ID, "engineer", UNSOURCED_ID, "mayor"]
    by_id = frame.set_index("source_id")
    assert by_id["characters"].to_dict() == {AUTHOR_ID: 86, "engineer": 19, UNSOURCED_ID: 16, "mayor": 14}
    assert by_id.loc["mayor", "share"] == pytest.approx(14 / 135)
    assert by_id.loc[AUTHOR_ID, "share"] == pytest.approx(86 / 135)
    assert by_id.loc["engineer", "who"] == "Tom Becker, engineer"
    assert by_id.loc["engineer", "confidence"] == "via"
    assert by_id.loc[AUTHOR_ID, "who"] == "Jane Doe"          # no 'author' record: from meta.yaml
    assert by_id.loc[UNSOURCED_ID, "confidence"] == ""
    # spans: one quotation each; the author's words come in four separate stretches
    assert by_id["spans"].to_dict() == {AUTHOR_ID: 4, "engineer": 1, UNSOURCED_ID: 1, "mayor": 1}
    # a paraphrase is the author's wording, and the end matter is not measured
    assert "council" not in set(frame["source_id"])


def test_shares_sum_to_one(tiny):
    assert voices(tiny)["share"].sum() == pytest.approx(1.0)
    raqqa = voices(load_article("raqqa-exodus"))
    assert raqqa["share"].sum() == pytest.approx(1.0)
    assert raqqa.loc[0, "source_id"] == AUTHOR_ID
    assert raqqa.loc[1:, "characters"].is_monotonic_decreasing


def test_shortest_overlapping_span_wins(tmp_path):
    # The council is credited with the whole sentence, the mayor with the quote inside it.
    outer = _note("q-outer", "“It is not safe,” said the mayor.", "pasted_excerpt", "council")
    art = load_article(_write(tmp_path / "nested", NOTES + [outer]), reload=True)
    chars = voices(art).set_index("source_id")["characters"].to_dict()
    assert chars["mayor"] == 14
    assert chars["council"] == 4 + 3 + 6          # said the mayor.
    assert chars[AUTHOR_ID] == 86 - 13


def test_author_record_in_sources_names_the_author(tmp_path):
    sources = SOURCES + [{"id": "author", "who": "Jane Doe, reporter", "says": "The report.",
                          "confidence": "seen"}]
    art = load_article(_write(tmp_path / "with-author", sources=sources), reload=True)
    assert voices(art).loc[0, "who"] == "Jane Doe, reporter"


def test_paragraphs_option_measures_another_stretch(tiny):
    frame = voices(tiny, paragraphs=(4, 4))
    assert frame.set_index("source_id")["characters"].to_dict() == {AUTHOR_ID: 46, "mayor": 14}


def test_raqqa_bracketed_insertion_counts_as_the_author():
    art = load_article("raqqa-exodus")
    frame = voices(art, paragraphs=(30, 30))
    bracket = "[but no actual aerial bombardment of the convoys took place]"
    author = frame.set_index("source_id").loc[AUTHOR_ID, "characters"]
    assert author >= sum(not c.isspace() for c in bracket)


# -- the chart -------------------------------------------------------------------------

def test_chart_has_title_axis_labels_and_value_labels(tiny):
    fig = voices_chart(tiny)
    ax = fig.axes[0]
    assert ax.get_title(loc="left").startswith("Who is speaking?")
    assert "Share of the body text" in ax.get_xlabel()
    assert ax.get_ylabel() == "Voice"
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[0].startswith("Author's own words") and "Jane Doe" in ticks[0]
    assert any("Tom Becker" in t for t in ticks)
    values = [t.get_text() for t in ax.texts]
    assert values == ["64%", "14% · via", "12%", "10% · seen"]
    assert min(t.get_fontsize() for t in ax.get_yticklabels()) >= 14
    assert ax.get_legend() is not None


def test_chart_uses_a_second_cue_beside_colour(tiny):
    ax = voices_chart(tiny).axes[0]
    bars = ax.patches[:4]
    assert bars[0].get_hatch() in (None, "")
    assert all(bar.get_hatch() for bar in bars[1:])
    assert len({tuple(bar.get_facecolor()) for bar in bars}) == 2


def test_chart_is_deterministic(tiny, tmp_path):
    pngs = []
    for n in range(2):
        path = tmp_path / f"chart-{n}.png"
        voices_chart(tiny).savefig(path, metadata={"Software": None})
        pngs.append(path.read_bytes())
    assert pngs[0] == pngs[1]


def test_short_name():
    assert (short_name("Col. Ryan Dillon, spokesman for the coalition", "BBC News, Raqqa")
            == "Col. Ryan Dillon\n(BBC News)")
    assert short_name("CBS News", "CBS News") == "CBS News"
    assert short_name("Someone", "an outlet whose name is far too long to show") == "Someone"


# -- quotes beside their sources ---------------------------------------------------------

def test_quote_checks_pairs_each_passage_with_its_source(tiny):
    frame = quote_checks(tiny, labels=["bracketed_insertion", "unsourced_quote"])
    assert list(frame["id"]) == ["q-reckless", "q-eleven"]
    row = frame.set_index("id").loc["q-eleven"]
    assert row["in_the_article"] == "[eleven]"
    assert row["source_says"] == "Repairs take eleven weeks."
    assert row["confidence"] == "via"
    assert row["source"] == "Tom Becker, engineer"
    assert frame.set_index("id").loc["q-reckless", "source"] == "no source named"


def test_quote_checks_by_id_keeps_the_order_given(tiny):
    assert list(quote_checks(tiny, ids=["q-mayor", "q-council"])["id"]) == ["q-mayor", "q-council"]
    with pytest.raises(KeyError, match="f-reckless"):
        quote_checks(tiny, ids=["f-reckless"])     # framing, not quoted reporting
    with pytest.raises(ValueError, match="unknown label"):
        quote_checks(tiny, labels=["loaded_language"])


def test_compare_renders_escaped_html_and_a_stable_repr(tiny):
    table = compare(tiny, ids="q-mayor")
    assert repr(table) == "<comparison of 1 passage(s): q-mayor>"
    page = table._repr_html_()
    assert "“It is not safe,”" in page and "Ana Ruiz, mayor, Council meeting" in page
    assert "● seen" in page and "minutes of the meeting" in page
    assert "<script" not in page


def test_raqqa_comparison_of_cuts():
    art = load_article("raqqa-exodus")
    frame = quote_checks(art, labels="cut")
    assert "q-dillon-cut" in set(frame["id"])
    row = frame.set_index("id").loc["q-dillon-cut"]
    assert row["source_id"] == "dillon" and row["confidence"] == "via"


def test_quote_checks_give_context_from_the_same_paragraph(tiny):
    row = quote_checks(tiny, ids="q-eleven").iloc[0]
    assert row["before"] == "Critics call it a “reckless gamble”. The engineer wrote: “Repairs take "
    assert row["after"] == " weeks.”"
    first = quote_checks(tiny, ids="q-council").iloc[0]
    assert first["before"] == "" and first["after"].startswith(" “It is not safe,”")
    assert "<mark>[eleven]</mark>" in compare(tiny, ids="q-eleven")._repr_html_()
