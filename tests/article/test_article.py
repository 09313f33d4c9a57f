"""Loading an article: text verbatim, metadata, structure with offsets, laziness."""

import pandas as pd
import pytest

from medialit import load_article
from medialit.article.model import Article
from tests.conftest import ROOT

SHARED_SEED = ROOT.parent / "shared" / "seeds" / "raqqa-exodus.txt"


@pytest.fixture(scope="module")
def art() -> Article:
    return load_article("raqqa-exodus", reload=True)


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="../shared/seeds is not beside this checkout")
def test_text_is_the_seed_verbatim(art):
    assert art.text == SHARED_SEED.read_text(encoding="utf-8")


def test_text_keeps_its_credit_line_and_artifacts(art):
    assert "The original source of this article is Global Research" in art.text
    assert "Copyright © [Prof Michel Chossudovsky](#), Global Research, 2024" in art.text
    assert "9 Comments / f Share / t Tweet" in art.text  # pasted page furniture is teaching material


def test_meta_has_both_dates_and_credit(art):
    assert art.meta["published"] == "2017-11-27"
    assert art.meta["republished"] == "2024-12-20"
    assert art.meta["author"] == "Michel Chossudovsky"
    assert "Global Research" in art.meta["credit"]
    assert art.meta["kind"] == "opinion"


def test_annotations_are_offsets_into_the_text(art):
    notes = art.annotations
    assert list(notes.columns[:8]) == ["id", "start", "end", "text", "category", "label", "source_id", "note"]
    assert pd.api.types.is_integer_dtype(notes["start"]) and pd.api.types.is_integer_dtype(notes["end"])
    for row in notes.itertuples():
        assert art.text[row.start:row.end] == row.text


def test_paragraphs_and_sentences_slice_the_text(art):
    for frame in (art.paragraphs, art.sentences):
        assert len(frame) > 10
        for row in frame.itertuples():
            assert art.text[row.start:row.end] == row.text
            assert row.text == row.text.strip()
    assert art.paragraphs.index[0] == 1
    first = art.paragraphs.loc[1, "text"]
    assert first.startswith("The 2017 Raqqa Exodus")
    # sentences never cross a paragraph boundary
    for row in art.sentences.itertuples():
        para = art.paragraphs.loc[row.paragraph]
        assert para.start <= row.start and row.end <= para.end


def test_sentence_split_on_a_known_paragraph(art):
    number = art.paragraph_at(art.text.index("The US has no intention"))
    sentences = art.sentences[art.sentences["paragraph"] == number]["text"].tolist()
    assert sentences == [
        "The US has no intention of going after the terrorists in Syria.",
        "The Al Qaeda-affiliated terrorists continue to be supported by Washington.",
    ]


def test_paragraph_span_and_errors(art):
    start, end = art.paragraph_span(8)
    assert art.text[start:end].startswith("The US has no intention")
    with pytest.raises(IndexError, match="paragraphs 1.."):
        art.paragraph_span(999)


def test_spans_filters_by_category_and_range(art):
    framing = art.spans("framing")
    assert set(framing["category"]) <= {"framing"}
    start, end = art.paragraph_span(8, 12)
    inside = art.spans(start=start, end=end)
    assert ((inside["start"] >= start) & (inside["end"] <= end)).all()
    with pytest.raises(ValueError, match="unknown category"):
        art.spans("opinion")


def test_loading_is_lazy(tmp_path):
    folder = tmp_path / "lazy"
    folder.mkdir()
    (folder / "article.txt").write_text("Just text.", encoding="utf-8")
    art = load_article(folder)
    assert art.text == "Just text."          # no other file needed to read the text
    with pytest.raises(Exception, match="meta.yaml: file is missing"):
        _ = art.meta


def test_same_folder_gives_the_same_object():
    assert load_article("raqqa-exodus") is load_article("raqqa-exodus")


def test_unknown_slug_says_where_it_looked(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="no article 'nope'"):
        load_article("nope")


def test_seeds_env_var_finds_another_folder(monkeypatch, tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "article.txt").write_text("Other.", encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path))
    assert load_article("other").text == "Other."
