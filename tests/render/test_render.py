"""HTML rendering: escaped text, category cues beyond colour, legend, notes."""

import re

import pandas as pd
import pytest

from medialit import load_article
from medialit.render.html import render_spans, show
from medialit.render.palette import STYLE


def _spans(*rows):
    return pd.DataFrame(rows, columns=["start", "end", "category", "label", "note"])


def test_script_in_text_or_note_is_shown_as_text():
    text = 'Hello <script>alert("x")</script> world'
    html = render_spans(text, _spans((6, 34, "framing", "loaded_language", "<img src=x onerror=alert(1)>")))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html


def test_each_category_has_a_second_cue_besides_colour():
    text = "aaa bbb ccc"
    html = render_spans(text, _spans((0, 3, "quoted_reporting", "direct_quote", "q"),
                                     (4, 7, "framing", "epithet", "f"),
                                     (8, 11, "generalization", "sweeping_claim", "g")))
    assert "solid" in html and "wavy" in html and "dashed" in html   # three line styles
    for tag in ("Q1", "F2", "G3"):                                    # letter tags, numbered
        assert f">{tag}</span>" in html
    assert '<ul class="ml-legend"' in html
    notes = re.search(r'<ol class="ml-notes".*?</ol>', html, re.S).group()
    assert notes.count("<li>") == 3                                   # a note list for screen readers


def _contrast(fg: str, bg: str) -> float:
    def lum(colour):
        rgb = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        rgb = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_tag_reads_at_4_5_to_1():
    """Issue 18: white bold small text on #D55E00 was 3.87:1 and on #CC79A7 3.06:1."""
    html = render_spans("aaa bbb ccc", _spans((0, 3, "quoted_reporting", "direct_quote", "q"),
                                              (4, 7, "framing", "epithet", "f"),
                                              (8, 11, "generalization", "sweeping_claim", "g")))
    pairs = re.findall(r'class="ml-tag"[^>]*style="background:(#[0-9A-Fa-f]{6});color:(#[0-9A-Fa-f]{6})"', html)
    assert len(pairs) == 3 + 3 + 3                                   # legend, passage, notes
    for bg, fg in pairs:
        assert _contrast(fg, bg) >= 4.5, (fg, bg)


def test_tags_are_spoken_and_the_markup_is_valid():
    html = render_spans("aaa bbb ccc", _spans((4, 7, "framing", "epithet", "f")), title="a passage")
    assert 'role="img" style="background:#D55E00;color:#000000" aria-label="Framing language, note 1">F1<' in html
    assert 'role="list"' not in html and "<h4>" not in html          # no list role without items, no h4
    legend = re.search(r'<ul class="ml-legend".*?</ul>', html, re.S).group()
    assert legend.count("<li>") == 1 and "Framing language" in legend   # only the category shown
    assert "Quoted reporting" not in legend


def test_overlapping_spans_keep_all_text_once():
    text = "one two three four"
    html = render_spans(text, _spans((0, 13, "quoted_reporting", "direct_quote", "q"),
                                     (4, 7, "framing", "loaded_language", "f")))
    visible = re.sub(r"<span class=\"ml-tag\"[^>]*>[^<]*</span>", "", html)
    visible = re.sub(r"<style>.*?</style>", "", visible, flags=re.S)
    visible = re.sub(r"<ol.*?</ol>", "", visible, flags=re.S)
    plain = re.sub(r"<[^>]+>", "", visible)
    assert text in plain


def test_passage_clips_spans_and_rejects_bad_ranges():
    text = "abcdefghij"
    html = render_spans(text, _spans((2, 8, "framing", "emphasis", "n")), 5, 10, legend=False)
    assert ">fgh</mark>" in html
    with pytest.raises(ValueError, match="outside the text"):
        render_spans(text, _spans(), 5, 50)


def test_palette_is_okabe_ito():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    assert {s["color"] for s in STYLE.values()} <= okabe_ito


def test_show_a_paragraph_of_the_article():
    art = load_article("raqqa-exodus")
    shown = show(art, paragraphs=(8, 12))
    assert repr(shown) == "<highlighted passage: raqqa-exodus, paragraphs 8-12>"
    assert "The US has no intention" in shown._repr_html_()
    framing_only = art.show(paragraphs=(8, 12), categories="framing")._repr_html_()
    assert ">Q1<" not in framing_only


def test_dataframes_in_notebooks_have_no_empty_header_cells():
    """Issue 18: pandas drew the corner above the row labels as an empty <th> (axe: empty-table-header)."""
    from medialit.render.tables import accessible_html

    frame = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
    frame.index.name, frame.columns.name = "paragraph", "category"
    assert re.search(r"<th[^>]*>\s*</th>", frame._repr_html_())           # pandas' own HTML has them
    shown = accessible_html(frame)
    assert not re.search(r"<th[^>]*>\s*</th>", shown)
    assert shown.count("<td></td>") == 2 and "<th>paragraph</th>" in shown and "<th>a</th>" in shown


def test_a_passage_shown_before_its_quiz_has_no_flags_and_no_notes():
    art = load_article("raqqa-exodus")
    plain = show(art, paragraphs=(29, 29), flags=False).html
    flagged = show(art, paragraphs=(29, 29)).html
    note = "The author retells the BBC in his own words."       # the note would answer l2-monitoring-voice
    assert note in flagged and note not in plain
    assert "<mark" in flagged and "<mark" not in plain
    assert "US-led coalition warplanes had been monitoring" in plain
