"""numbers.yaml: figures hand-checked against the article and sources.md; bad files name file, line and field."""

import shutil
import textwrap

import pytest

from medialit import ArticleError, load_article
from medialit.article.numbers import NUMBERS_FILE, check_numbers, load_numbers
from tests.conftest import RESOURCES, ROOT

RAQQA = ROOT / "seeds" / "raqqa-exodus"


@pytest.fixture(scope="module")
def figures():
    return load_numbers(load_article("raqqa-exodus")).set_index("id")


def test_raqqa_numbers_file_is_clean():
    assert check_numbers(load_article("raqqa-exodus")) == []
    assert check_numbers(RAQQA) == []          # a folder works too


@pytest.mark.parametrize("fid, value, paragraph, confidence", [
    # the convoy as pasted from CBS (paragraph 16), relaying the BBC: sources.md, "Figures reported by the BBC"
    ("raqqa-fighters", 250, 16, "via"),
    ("raqqa-families", 3500, 16, "via"),
    ("raqqa-trucks", 50, 16, "via"),
    ("raqqa-buses", 13, 16, "via"),
    ("raqqa-is-vehicles", 100, 16, "via"),
    ("raqqa-weapon-trucks", 10, 16, "via"),
    # Kunduz (paragraph 62): "3300 surrendered" and "two Pakistani Army generals" were not found
    ("kunduz-surrendered", 3300, 62, "not_found"),
    ("kunduz-generals", 2, 62, "not_found"),
    ("kunduz-evacuated-article", 4000, 62, "via"),
])
def test_figures_the_article_prints(figures, fid, value, paragraph, confidence):
    row = figures.loc[fid]
    assert row["value"] == value and row["low"] == value and row["high"] == value
    assert row["in_article"] and row["paragraph"] == paragraph
    assert row["confidence"] == confidence


def test_figures_only_in_a_source(figures):
    only_source = figures[~figures["in_article"]]
    assert set(only_source.index) == {"raqqa-driver-estimate", "kunduz-captured", "kunduz-escapees-indian"}
    assert (only_source["paragraph"] == 0).all()
    assert figures.loc["raqqa-driver-estimate", "value"] == 4000          # one driver, "about 4,000"
    assert figures.loc["kunduz-captured", "value"] == 4000                # Hersh, "some four thousand"
    indian = figures.loc["kunduz-escapees-indian"]
    assert (indian["low"], indian["high"]) == (4000, 5000) and str(indian["value"]) == "<NA>"
    assert "far lower" in indian["source_says"]


def test_rented_is_cbs_wording_only(figures):
    trucks = figures.loc["raqqa-trucks"]
    assert "rented" in trucks["article_text"] and trucks["claimed_by"] == "cbs-news"
    assert "not in the BBC passages seen" in trucks["source_says"]


def test_arithmetic_the_lesson_relies_on(figures):
    # CBS: 250 fighters + 3,500 family members; one driver's estimate is "about 4,000"
    assert figures.loc["raqqa-fighters", "value"] + figures.loc["raqqa-families", "value"] == 3750
    assert figures.loc["raqqa-families", "value"] / figures.loc["raqqa-fighters", "value"] == 14
    # Kunduz: 8,000 - 3,300 = 4,700, inside the article's "between 4000 and 5000"
    left = figures.loc["kunduz-men-trapped", "value"] - figures.loc["kunduz-surrendered", "value"]
    assert figures.loc["kunduz-unaccounted", "low"] <= left <= figures.loc["kunduz-unaccounted", "high"]
    assert figures.loc["kunduz-unaccounted", "claimed_by"] == "hersh-getaway"
    # "8000 or more men" is the author's own figure, never checked against Hersh: "seen" in
    # the article, not "not_found" (which means searched for and not found)
    assert figures.groupby("confidence").size().to_dict() == {"not_found": 4, "seen": 1, "via": 12}


def test_who_comes_from_sources_yaml(figures):
    assert figures.loc["raqqa-fighters", "who"] == "CBS News"
    assert figures.loc["kunduz-generals", "who"].startswith("Indian intelligence")


def test_no_numbers_file_means_no_problems_and_an_empty_table():
    mini = load_article(RESOURCES / "mini-article")
    assert check_numbers(mini) == []
    table = load_numbers(mini)
    assert table.empty and "claimed_by" in table.columns


BAD = textwrap.dedent("""\
    - id: ok
      quantity: weeks of repairs
      value: 11
      unit: weeks
      claimed_by: engineer
      article_text: "take eleven weeks"
      source_says: Eleven weeks.
      confidence: seen
    - id: wrong-words
      quantity: cost of the repairs
      value: 240000
      unit: euros
      claimed_by: engineer
      article_text: "240.000 euros"
      source_says: About 240,000 euros.
      confidence: seen
    - id: who
      quantity: votes for
      value: 5
      unit: votes
      claimed_by: council-clerk
      article_text: "five votes"
      source_says: Five votes to two.
      confidence: maybe
    - id: both
      quantity: votes
      value: 5
      low: 2
      high: 5
      unit: votes
      claimed_by: author
      article_text: ""
      source_says: x
      confidence: via
    - id: ok
      quantity: range upside down
      low: 9
      high: 3
      unit: "x"
      claimed_by: mayor
      article_text: ""
      source_says: x
      colour: red
      confidence: via
    - id: no-number
      quantity: something
      value: many
      unit: things
      claimed_by: mayor
      source_says: x
      confidence: seen
    """)


@pytest.fixture
def bad_copy(tmp_path):
    folder = tmp_path / "mini-article"
    shutil.copytree(RESOURCES / "mini-article", folder)
    (folder / NUMBERS_FILE).write_text(BAD, encoding="utf-8")
    return folder


def test_a_bad_numbers_file_names_file_line_and_field(bad_copy):
    problems = check_numbers(bad_copy)
    where = {(p.line, p.field) for p in problems}
    file = str(bad_copy / NUMBERS_FILE)
    assert all(p.file == file for p in problems)
    assert (14, "article_text") in where          # "240.000 euros" is not in the text
    assert (21, "claimed_by") in where            # no source council-clerk
    assert (24, "confidence") in where            # maybe
    assert (27, "value") in where                 # value and a range both given
    assert (35, "id") in where                    # duplicate id "ok"
    assert (37, "low") in where                   # low 9 > high 3
    assert (43, "colour") in where                # unknown field
    assert (47, "value") in where                 # "many" is not a number
    assert (45, "article_text") in where          # missing (the record starts on line 45)
    # claimed_by "author" is not in the mini article's sources: reported too
    assert (31, "claimed_by") in where
    assert len(problems) == 10
    text = "\n".join(map(str, problems))
    assert f"{file}:14 [article_text]: '240.000 euros' does not occur in article.txt" in text
    assert "duplicate id 'ok' (first used on line 1)" in text


def test_load_numbers_refuses_a_bad_file(bad_copy):
    with pytest.raises(ArticleError, match="numbers.yaml:14 \\[article_text\\]"):
        load_numbers(bad_copy)


@pytest.mark.parametrize("content, message", [
    ("- id: [unclosed\n", "not valid YAML"),
    ("id: x\n", "must be a YAML list of figures"),
    ("- just text\n", "is not a mapping"),
])
def test_unreadable_files(tmp_path, content, message):
    folder = tmp_path / "mini-article"
    shutil.copytree(RESOURCES / "mini-article", folder)
    (folder / NUMBERS_FILE).write_text(content, encoding="utf-8")
    problems = check_numbers(folder)
    assert len(problems) == 1 and message in problems[0].message
