"""The one splitter: paragraphs, lines, sentences and words as spans that slice the text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit.article.model import load_article
from medialit.authoring.flagging.context import Context
from medialit.text import split

TEXT = "  Title line\nsecond line.\n \n\nFirst one. “Second?” Third...  Fourth…\n\nU.S. aid went up.\n"


def pieces(text, spans):
    return [text[s:e] for s, e in spans]


def test_paragraphs_are_stripped_blocks_between_blank_lines():
    assert pieces(TEXT, split.paragraphs(TEXT)) == [
        "Title line\nsecond line.", "First one. “Second?” Third...  Fourth…", "U.S. aid went up."]
    # blocks keep their white space, and an empty block between two blank lines
    assert pieces(TEXT, split.blocks(TEXT))[0] == "  Title line\nsecond line."


def test_sentences_end_at_marks_with_closing_quotes_and_never_cross_a_stretch():
    assert pieces(TEXT, split.sentences(TEXT, split.paragraphs(TEXT))) == [
        "Title line\nsecond line.", "First one.", "“Second?”", "Third...", "Fourth…", "U.S.", "aid went up."]
    # split line by line (as the flagger does), a line break also ends a sentence
    assert pieces(TEXT, split.sentences(TEXT, split.lines(TEXT)))[:2] == ["Title line", "second line."]


def test_words():
    assert [m.group() for m in split.words("It's a well-known U.S. fact, 2024.")] == [
        "It's", "a", "well-known", "U", "S", "fact"]


@given(st.text(alphabet="ab .?!…”\n \t", max_size=80))
def test_every_span_is_in_order_and_stripped(text):
    for spans in (split.paragraphs(text), split.sentences(text, split.paragraphs(text)),
                  split.sentences(text, split.lines(text))):
        assert spans == sorted(spans)
        for piece in pieces(text, spans):
            assert piece and piece == piece.strip()
    assert all(piece and "\n" not in piece for piece in pieces(text, split.lines(text)))


@pytest.mark.parametrize("slug", ["raqqa-exodus", "sample-school-lunch"])
def test_article_and_flagger_agree_on_every_sentence_within_a_line(slug):
    """One rule: where a paragraph has no line break inside, the flagger finds the article's sentences."""
    art = load_article(slug)
    flagger = set(Context(art.text).sentences)
    for para in art.paragraphs.itertuples():
        if "\n" in para.text:
            continue
        mine = art.sentences[art.sentences["paragraph"] == para.Index]
        assert {(r.start, r.end) for r in mine.itertuples()} <= flagger
