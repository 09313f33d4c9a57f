"""Tables for the route without code: they hold the data each practice answer comes from, not the answer.

The last part reads each table the way its practice notebook tells a student to (count
these rows, add these numbers, divide by the total, compare these rows) and grades the
result with the quiz bank's own key, so a table that stops leading to the key fails here.
"""

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit import load_article
from medialit.article.attribution import quote_checks, voices
from medialit.article.claims import claims_table
from medialit.article.lookup import (
    TOTAL,
    _ranges,
    flags_per_source,
    occurrences,
    paragraph_grid,
    voice_table,
)
from medialit.article.numbers import load_numbers
from medialit.errors import MedialitError, TableRequestError
from medialit.quizzes.bank import load_bank
from medialit.quizzes.scoring import grade
from medialit.render.figures import category_matrix


@pytest.fixture(scope="module")
def art():
    return load_article("raqqa-exodus")


@pytest.fixture(scope="module")
def bank(art):
    return load_bank(art)


# -- occurrences ------------------------------------------------------------------------

def test_occurrences_lists_every_match_with_its_paragraph_and_context(art):
    table = occurrences(art, "exodus")
    assert len(table) == art.text.lower().count("exodus")
    assert table.index.name == "paragraph"
    assert list(table.index) == sorted(table.index)
    for number, row in table.iterrows():
        paragraph = re.sub(r"\s+", " ", art.paragraphs.loc[number, "text"])
        assert row["before"] + row["found"] + row["after"] in paragraph
        assert row["found"].lower() == "exodus"
    assert {"Exodus", "exodus"} <= set(table["found"])       # any capitalisation


def test_occurrences_keeps_a_stretch_of_paragraphs(art):
    start, end = art.paragraph_span(8, 69)
    body = occurrences(art, "(#)", paragraphs=(8, 69))
    assert len(body) == art.text[start:end].count("(#)")
    assert body.index.min() >= 8 and body.index.max() <= 69
    assert len(occurrences(art, "(#)")) == art.text.count("(#)") > len(body)


@given(st.integers(min_value=0, max_value=400))
def test_occurrences_counts_any_word_of_the_article_as_a_plain_count_does(index):
    art = load_article("raqqa-exodus")
    words = sorted(set(re.findall(r"[a-z]{3,}", art.text.lower())))
    word = words[index % len(words)]
    assert len(occurrences(art, word)) == art.text.lower().count(word)


@pytest.mark.parametrize("bad", ["", "   ", None, 5])
def test_occurrences_refuses_an_empty_search(art, bad):
    with pytest.raises(TableRequestError, match="text to look for"):
        occurrences(art, bad)


@pytest.mark.parametrize("paragraphs", [(0, 5), (8, 999), (69, 8), "8-69", (8.0, 69)])
def test_a_paragraph_stretch_the_article_does_not_have_is_named_in_the_error(art, paragraphs):
    with pytest.raises(TableRequestError, match="paragraphs=") as caught:
        occurrences(art, "exodus", paragraphs=paragraphs)
    assert isinstance(caught.value, MedialitError)


# -- voice_table --------------------------------------------------------------------------

@pytest.mark.parametrize("paragraphs", [None, (50, 69), (8, 30)])
def test_voice_table_gives_the_characters_of_voices_and_their_total_but_no_share(art, paragraphs):
    table = voice_table(art, paragraphs)
    frame = voices(art, paragraphs)
    assert "share" not in table.columns
    assert list(table.index) == list(frame["source_id"]) + [TOTAL]
    assert list(table["characters"][:-1]) == list(frame["characters"])
    assert table.loc[TOTAL, "characters"] == frame["characters"].sum()


# -- flags_per_source --------------------------------------------------------------------

def test_flags_per_source_adds_up_to_every_quoted_reporting_flag(art):
    table = flags_per_source(art)
    checks = quote_checks(art)
    assert table["flags"].sum() == len(checks)
    assert table.index.is_unique and table.index.name == "source_id"
    assert table.loc["(none)", "source"].startswith("No source named")
    assert table.loc["foreign-fighter-witnesses", "paragraphs"] == "39-43"
    # sources in the order the article first uses them
    first_use = checks.assign(source_id=checks["source_id"].replace("", "(none)")).drop_duplicates("source_id")
    assert list(table.index) == list(first_use["source_id"])


def test_ranges_are_short_and_exact():
    assert _ranges([46, 39, 40, 41, 40]) == "39-41, 46"
    assert _ranges([7]) == "7"
    assert _ranges([]) == ""


@given(st.sets(st.integers(min_value=1, max_value=120)))
def test_ranges_read_back_as_the_same_paragraphs(numbers):
    back = set()
    for part in filter(None, _ranges(numbers).split(", ")):
        first, _, last = part.partition("-")
        back |= set(range(int(first), int(last or first) + 1))
    assert back == numbers


# -- paragraph_grid ---------------------------------------------------------------------

def test_grid_puts_each_paragraph_in_its_row_and_column(art):
    framing = category_matrix(art)["framing"]
    grid = paragraph_grid(framing)
    assert list(grid.index) == [f"{t}-{t + 9}" for t in range(0, 90, 10)]
    assert grid.loc["50-59", "+3"] == f"{framing[53]:.2f}"
    assert grid.loc["0-9", "+0"] == ""                 # there is no paragraph 0
    assert grid.loc["80-89", "+3"] == ""                # nor 83
    assert grid.loc["0-9", "+2"] == "·"                 # paragraph 2 has no framing


@given(st.lists(st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1.0)), min_size=1, max_size=95))
def test_grid_shows_a_mark_for_every_non_zero_value_and_a_blank_for_every_zero(values):
    series = pd.Series(values, index=range(1, len(values) + 1))
    cells = paragraph_grid(series).to_numpy().ravel()
    assert sum(c not in ("·", "") for c in cells) == int((series > 0).sum())
    assert sum(c == "·" for c in cells) == int((series == 0).sum())


def test_a_tiny_share_is_not_shown_as_nothing():
    grid = paragraph_grid(pd.Series([0.004, 0.0], index=[1, 2]))
    assert grid.loc["0-9", "+1"] == "<0.01" and grid.loc["0-9", "+2"] == "·"


def test_grid_refuses_no_values_and_negative_paragraphs():
    with pytest.raises(TableRequestError, match="no values"):
        paragraph_grid(pd.Series([], dtype=float))
    with pytest.raises(TableRequestError, match="not -1"):
        paragraph_grid(pd.Series([0.5], index=[-1]))


# -- each table, read as its notebook says, gives an answer the key accepts -------------

def _numeric(text: str) -> float:
    return float(text.lstrip("<"))


def _reading_of(art, qid):
    """What a student who does not code answers, reading the table the notebook shows."""
    if qid == "p1-body-links":        # count the rows whose paragraph is 8 to 69
        rows = occurrences(art, "(#)")
        return int(((rows.index >= 8) & (rows.index <= 69)).sum())
    if qid == "p2-untraced-share":    # add the characters of untraced voices (not the author), divide
        table = voice_table(art)
        voices_only = table.drop(index=[TOTAL, "author"])
        untraced = voices_only[voices_only["confidence"].isin(["not_found", ""])]["characters"].sum()
        return round(100 * untraced / table.loc[TOTAL, "characters"])
    if qid == "p2-kunduz-share":      # the author's characters over the total
        table = voice_table(art, paragraphs=(50, 69))
        return round(100 * table.loc["author", "characters"] / table.loc[TOTAL, "characters"])
    if qid == "p3-not-found":         # add the flags of the not_found sources
        table = flags_per_source(art)
        return int(table.loc[table["confidence"] == "not_found", "flags"].sum())
    if qid == "p4-exodus-count":      # count the rows
        return len(occurrences(art, "exodus"))
    if qid == "p5-hersh-claims":      # count the rows with source_id hersh-getaway
        return int((claims_table(art)["source_id"] == "hersh-getaway").sum())
    figures = load_numbers(art).set_index("id")
    if qid == "p6-ratio":             # divide the two values
        return figures.loc["raqqa-families", "value"] / figures.loc["raqqa-fighters", "value"]
    if qid == "p6-not-found-count":   # count the not_found rows
        return int((figures["confidence"] == "not_found").sum())
    if qid == "p6-only-source":       # tick the options whose row says in_article False
        ids = {"driver": "raqqa-driver-estimate", "captured": "kunduz-captured",
               "buses": "raqqa-buses", "families": "raqqa-families"}
        return [option for option, row in ids.items() if not figures.loc[row, "in_article"]]
    grid = paragraph_grid(category_matrix(art)["framing"])
    if qid == "p7-framing-paragraphs":  # count the cells with a number
        return int(sum(c not in ("·", "") for c in grid.to_numpy().ravel()))
    if qid == "p7-framing-section":   # compare the rows of each section, cell by cell
        values = {int(row.split("-")[0]) + int(col[1:]): _numeric(cell)
                  for row in grid.index for col in grid.columns
                  for cell in [grid.loc[row, col]] if cell not in ("·", "")}
        raqqa = sum(values.get(n, 0) for n in range(8, 50)) / 42
        kunduz = sum(values.get(n, 0) for n in range(50, 70)) / 20
        return "kunduz" if kunduz > 1.5 * raqqa else "raqqa" if raqqa > 1.5 * kunduz else "same"
    raise AssertionError(f"no reading for {qid}")


NO_CODE = ["p1-body-links", "p2-untraced-share", "p2-kunduz-share", "p3-not-found", "p4-exodus-count",
           "p5-hersh-claims", "p6-ratio", "p6-not-found-count", "p6-only-source",
           "p7-framing-paragraphs", "p7-framing-section"]


@pytest.mark.parametrize("qid", NO_CODE)
def test_reading_the_no_code_table_gives_an_answer_the_key_accepts(art, bank, qid):
    result = grade(bank[qid], _reading_of(art, qid))
    assert result.correct, (qid, _reading_of(art, qid))


def test_a_misreading_of_a_table_is_graded_wrong(art, bank):
    # Counting every placeholder link, not only the body's, is the slip the table invites.
    assert not grade(bank["p1-body-links"], len(occurrences(art, "(#)"))).correct
    # Dividing by the author's characters instead of the total.
    table = voice_table(art, paragraphs=(50, 69))
    wrong = round(100 * table.loc["author", "characters"] / table.loc["hersh-getaway", "characters"])
    assert not grade(bank["p2-kunduz-share"], wrong).correct


@pytest.mark.parametrize("qid", ["p2-kunduz-share", "p2-untraced-share"])
def test_the_voice_tables_do_not_print_the_percentage_asked_for(art, bank, qid):
    table = voice_table(art, paragraphs=(50, 69) if qid == "p2-kunduz-share" else None)
    shown = table.astype(str).to_numpy().ravel()
    answer = bank[qid].answer
    assert not any(re.search(rf"(?<!\d){answer:g}(\.\d+)?%?(?!\d)", cell) for cell in shown)
    assert not any(re.fullmatch(rf"0?\.{answer:g}\d*", cell) for cell in shown)


def test_no_table_numbers_its_rows_from_zero_or_one(art):
    tables = [occurrences(art, "exodus"), voice_table(art), flags_per_source(art),
              paragraph_grid(category_matrix(art)["framing"])]
    for table in tables:
        assert not isinstance(table.index, pd.RangeIndex)
        assert table.index.name in {"paragraph", "voice", "source_id", "paragraphs"}
