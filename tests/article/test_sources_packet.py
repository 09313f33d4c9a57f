"""The Raqqa source packet: every source record, its address and confidence, and the mainstream framing to weigh."""

from html.parser import HTMLParser

import pytest

from medialit import load_article
from medialit.article.sources import CONFIDENCE, packet
from medialit.render.palette import CONFIDENCE_MARKS, CONFIDENCE_WORDS
from tests.article.test_raqqa_fairness import unnamed_reports


@pytest.fixture(scope="module")
def art():
    return load_article("raqqa-exodus")


class _Sections(HTMLParser):
    """The text of each <section> of the packet page."""

    def __init__(self):
        super().__init__()
        self.sections, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append("")
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.sections[-1] += data


def test_the_packet_holds_every_source_record_with_address_and_confidence(art):
    parser = _Sections()
    parser.feed(packet(art).to_html())
    records = art.sources.to_dict("records")
    assert len(parser.sections) == len(records) == 18
    for text, rec in zip(parser.sections, records):
        assert rec["who"] in text, rec["id"]
        conf = rec["confidence"]
        assert f"{CONFIDENCE_MARKS[conf]} {CONFIDENCE_WORDS[conf]}: {CONFIDENCE[conf]}" in text, rec["id"]
        assert (rec["url"] or "none recorded in the kit's notes") in text, rec["id"]
        assert " ".join(rec["says"].split()) in " ".join(text.split()), rec["id"]


def test_markdown_holds_every_record_too(art):
    md = packet(art).to_markdown()
    assert md.count("\n## ") == len(art.sources)
    assert md.count("- **Address:** ") == md.count("- **How sure:** ") == len(art.sources)
    assert "<https://www.bbc.co.uk/news/resources/idt-sh/raqqas_dirty_secret>" in md


def test_mainstream_coverage_has_framing_to_weigh(art):
    framed = art.sources[art.sources["framing"] != ""].set_index("id")
    assert set(framed.index) == {"cbs-news", "bbc-dirty-secret", "newsweek-raqqa"}
    # each note quotes words that are in that source's own title, as sources.yaml records it
    for sid, word in (("cbs-news", "quietly"), ("bbc-dirty-secret", "dirty secret"),
                      ("newsweek-raqqa", "U.S. Agreement With ISIS")):
        assert word in framed.loc[sid, "title"] and f'"{word}"' in framed.loc[sid, "framing"]
    # "This was not a secret" and the statement's date are in the kit's notes (dillon, coalition-statement)
    assert '"This was not a secret"' in art.source("dillon")["says"]
    assert art.source("coalition-statement")["date"] == "2017-10-12"
    assert "12 October 2017" in framed.loc["bbc-dirty-secret", "framing"]
    page = packet(art).to_html()
    assert page.count("Words worth weighing") == 3
    assert "One standard for every voice" in page


def test_framing_notes_name_whose_words_they_report(art):
    assert [s for text in art.sources["framing"] for s in unnamed_reports(text)] == []


def test_a_packet_of_chosen_sources_keeps_file_order_and_refuses_an_unknown_id(art):
    from medialit.errors import MedialitError, SourceNotFound

    chosen = packet(art, ids=["newsweek-raqqa", "cbs-news", "bbc-dirty-secret"])
    assert [r["id"] for r in chosen.records] == ["cbs-news", "bbc-dirty-secret", "newsweek-raqqa"]
    assert chosen.to_html().count("<section") == 3 and chosen.to_html().count("Words worth weighing") == 3
    assert [r["id"] for r in packet(art, ids="dillon").records] == ["dillon"]
    assert len(packet(art, ids=[]).records) == 0 and len(packet(art).records) == len(art.sources)
    with pytest.raises(SourceNotFound, match=r"no source 'bbc-dirty' in .*sources\.yaml") as caught:
        packet(art, ids=["cbs-news", "bbc-dirty"])
    assert isinstance(caught.value, MedialitError) and isinstance(caught.value, KeyError)
