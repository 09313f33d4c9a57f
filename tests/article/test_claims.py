"""The claim-versus-evidence table is derived from the annotation layer, hand-checked on two articles."""

import pytest

from medialit import load_article
from medialit.article.claims import COLUMNS, LEANS_ON_SOURCE, NONE_OFFERED, claims_table, evidence_summary
from tests.conftest import RESOURCES

from .test_raqqa_seed import UNSUPPORTED_CLAIMS


@pytest.fixture(scope="module")
def raqqa():
    return load_article("raqqa-exodus")


def test_mini_article_by_hand():
    table = claims_table(load_article(RESOURCES / "mini-article"))
    assert list(table.columns) == COLUMNS
    assert len(table) == 1
    row = table.loc[1]
    assert row["id"] == "g-everyone" and row["paragraph"] == 3 and row["label"] == "sweeping_claim"
    assert row["evidence"] == LEANS_ON_SOURCE
    assert row["source"].startswith("An unnamed resident") and row["confidence"] == "via"
    assert row["quoted_in_article"] == 0        # the letter is never quoted, only summarised in the claim


def test_one_row_per_generalization_in_article_order(raqqa):
    table = claims_table(raqqa)
    notes = raqqa.annotations
    assert list(table["id"]) == list(notes.loc[notes["category"] == "generalization", "id"])
    assert len(table) == 26
    assert list(table.index) == list(range(1, 27))
    assert table["paragraph"].is_monotonic_increasing


def test_claims_with_no_source_offer_no_evidence(raqqa):
    table = claims_table(raqqa).set_index("id")
    for cid in ("g-no-intention", "g-state-sponsors", "g-unspoken-objective", "g-kunduz-analogy",
                "g-counterfactual-air-force"):
        assert table.loc[cid, "evidence"] == NONE_OFFERED
        assert table.loc[cid, "source"] == "" and table.loc[cid, "quoted_in_article"] == 0
    # the reference's list of claims with no evidence offered: every one is in the table
    claims = " ".join(table["claim"])
    for sentence in UNSUPPORTED_CLAIMS:
        assert " ".join(sentence.split()) in claims, sentence


def test_claims_that_lean_on_a_source_carry_what_it_says(raqqa):
    table = claims_table(raqqa).set_index("id")
    most = table.loc["g-most-foreign"]
    assert most["evidence"] == LEANS_ON_SOURCE and most["label"] == "hasty_generalization"
    assert most["confidence"] == "not_found"
    # the five witness lines: two quotes, the price paste, Imad's two quotes
    assert most["quoted_in_article"] == 5
    # Dillon: the lead-in paraphrase and his two quotes (not the cut, not the "maintains" stub)
    assert table.loc["g-therefore", "quoted_in_article"] == 3
    assert "dozens" in table.loc["g-carefully-formulated", "source_says"]
    assert table.loc["g-kashmir", "source_id"] == "indian-intelligence"


def test_evidence_summary_counts(raqqa):
    summary = evidence_summary(raqqa)
    assert summary.loc["sweeping_claim", NONE_OFFERED] == 11
    assert summary.loc["sweeping_claim", LEANS_ON_SOURCE] == 4
    assert summary.loc["analogy_as_proof", NONE_OFFERED] == 2
    assert summary["total"].sum() == 26
    assert summary.index[0] == "sweeping_claim"
