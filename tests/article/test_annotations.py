"""The label vocabulary is documented where teachers read it, and the checker enforces it."""

import re

import pytest

from medialit.article.annotations import COLUMNS, check_records, label_vocabulary
from medialit.article.model import META_FIELDS
from medialit.article.sources import COLUMNS as SOURCE_COLUMNS
from medialit.article.sources import CONFIDENCE
from medialit.vocabulary import CATEGORIES, LABELS
from tests.conftest import ROOT

README = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")


def _documented_labels(category: str) -> set[str]:
    section = README.split(f"**{category}**", 1)[1].split("\n\n**", 1)[0].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_seeds_readme_documents_exactly_the_vocabulary(category):
    assert _documented_labels(category) == set(LABELS[category])


def test_seeds_readme_documents_every_field():
    for field in [*COLUMNS, *SOURCE_COLUMNS, *META_FIELDS, *CONFIDENCE]:
        assert f"`{field}`" in README or f"{field}:" in README, field


def test_vocabulary_table():
    table = label_vocabulary()
    assert set(table["category"]) == set(CATEGORIES)
    assert len(table) == sum(len(v) for v in LABELS.values())


def test_label_from_another_category_is_rejected():
    record = {"id": "x", "start": 0, "end": 3, "text": "abc", "category": "framing",
              "label": "direct_quote", "note": "n"}
    (problem,) = check_records([record], "abcdef", set(), "a.yaml")
    assert problem.field == "label" and "for framing" in problem.message


def test_not_a_list_is_one_clear_problem():
    (problem,) = check_records({"id": "x"}, "abc", set(), "a.yaml")
    assert "YAML list" in problem.message
