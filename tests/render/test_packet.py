"""The source packet renderer: every record with address and confidence; nothing from the files becomes markup."""

import re
from html.parser import HTMLParser

from medialit.render.packet import NO_ADDRESS, Packet, is_link, md_escape

MEANINGS = {"seen": "read in the original", "via": "read in another outlet", "not_found": "no copy found"}
EVIL = '<script>alert("x")</script> & <b>bold</b>'


def _packet(*records):
    return Packet(title="A <title>", author="An Author", publisher="A Site", records=list(records), meanings=MEANINGS)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k == "href"]


def _tags(page):
    parser = _Tags()
    parser.feed(page)
    return parser


def test_every_record_with_address_and_confidence_in_both_forms():
    recs = [{"id": "a", "who": "Outlet A", "url": "https://example.org/a", "says": "Says A.", "confidence": "seen",
             "checked_in": "example.org"},
            {"id": "b", "who": "Person B", "url": "", "says": "Says B.", "confidence": "not_found",
             "checked_in": "copies"}]
    page, md = _packet(*recs).to_html(), _packet(*recs).to_markdown()
    assert page.count("<section") == 2 and md.count("\n## ") == 2
    assert _tags(page).hrefs == ["https://example.org/a"]
    assert "● seen: read in the original" in page and "○ not found: no copy found" in page
    assert "- **Address:** <https://example.org/a>" in md and f"- **Address:** *{NO_ADDRESS}*" in md
    assert "- **How sure:** ○ not found: no copy found" in md
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page and "<script" not in page


def test_text_from_the_files_is_escaped_in_html():
    rec = {"id": "x", "who": EVIL, "outlet": EVIL, "says": EVIL, "confidence": "via", "checked_in": EVIL,
           "framing": EVIL, "url": 'javascript:alert(1)'}
    for page in (_packet(rec).to_html(), _packet(rec)._repr_html_()):
        tags = _tags(page)
        assert "script" not in tags.tags and "b" not in tags.tags
        assert tags.hrefs == []                                   # not an http(s) address: no link
        assert "&lt;script&gt;" in page and "A &lt;title&gt;" in page


def test_a_wrong_renderer_would_be_caught():
    # the check above sees raw markup: an unescaped value shows as a tag
    assert "script" in _tags(f"<p>{EVIL}</p>").tags


def test_markdown_escapes_links_emphasis_and_html():
    text = md_escape("[click](http://x) *bold* _it_ `code` <b>x</b> a|b &amp; \\")
    assert "[" not in text.replace("\\[", "") and "*" not in text.replace("\\*", "")
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert "&amp;amp;" in text           # an entity is shown as written, not decoded
    rec = {"id": "x", "who": "[a](http://evil)", "says": EVIL, "confidence": "seen", "url": "http://a b"}
    md = _packet(rec).to_markdown()
    assert "<script>" not in md and not re.search(r"(?<!\\)\]\(", md)     # no unescaped "](": no link
    assert "## 1. \\[a\\](http://evil)" in md
    assert "- **Address:** http://a b" in md                  # not a link: it has a space


def test_framing_only_where_a_record_has_it():
    plain = {"id": "p", "who": "P", "says": "s", "confidence": "seen"}
    framed = {**plain, "id": "f", "who": "F", "framing": "The headline says \"quietly\"."}
    page = _packet(plain, framed).to_html()
    assert page.count("Words worth weighing") == 1
    assert re.search(r'<h2 id="ml-packet-2">2\. F</h2>.*Words worth weighing', page, re.S)


def test_headings_one_level_apart_on_a_page_and_in_a_notebook():
    rec = {"id": "p", "who": "P", "says": "s", "confidence": "seen"}
    page, cell = _packet(rec).to_html(), _packet(rec)._repr_html_()
    assert [t for t in _tags(page).tags if t[0] == "h" and t[1:].isdigit()] == ["h1", "h2"]
    assert [t for t in _tags(cell).tags if t[0] == "h" and t[1:].isdigit()] == ["h3", "h4"]


def test_is_link():
    assert is_link("https://www.bbc.co.uk/news/x") and is_link("http://a.org")
    assert not is_link("") and not is_link("javascript:alert(1)") and not is_link('https://a.org/"onmouseover=')
