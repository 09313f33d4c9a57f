"""The report's open answers beside its quiz results per category: the lesson-to-category
mapping, counts and levels by hand, and the section on report.html (said in words, escaped)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from medialit import load_article
from medialit.classroom.handin import handin_name, make_handin
from medialit.classroom.report import run
from medialit.classroom.report.by_category import LESSON_CATEGORY, by_category, section_html
from medialit.classroom.scores import ScoreBook
from tests.conftest import RESOURCES

SEEDS = [str(RESOURCES)]


@pytest.fixture(autouse=True)
def _env(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))


def _rep(answers: list[tuple], responses: list[tuple]):
    """What by_category reads of a ClassReport: its answers (lesson, type, score, summative) and
    responses (lesson, level, level number)."""
    answers = [row if len(row) == 4 else (*row, False) for row in answers]
    return SimpleNamespace(
        answers=pd.DataFrame(answers, columns=["lesson", "type", "score", "summative"]),
        responses=pd.DataFrame(responses, columns=["lesson", "level", "level_number"]))


def test_each_lesson_counts_toward_the_category_it_teaches_and_the_others_have_a_row_each():
    rep = _rep([(2, "single_choice", 1.0), (3, "highlight", 0.5), (4, "multi_choice", 0.25),
                (5, "single_choice", 0.0), (5, "single_choice", 1.0), (6, "numeric", 1.0),
                (9, "single_choice", 0.0), (4, "open", None), (4, "single_choice", 1.0, True)],
               [(3, "Proficient", 3), (4, "Emerging", 2), (4, "", None), (1, "Beginning", 1)])
    table = by_category(rep).set_index("area")
    assert list(table.index) == ["quoted_reporting", "framing", "generalization", "lesson 1", "lesson 6",
                                 "lesson 9"]
    assert table.loc["quoted_reporting", ["lessons", "quiz_answers", "mean_quiz_score", "open_answers"]].tolist() \
        == ["2, 3", 2, 0.75, 1]
    assert table.loc["framing", ["quiz_answers", "mean_quiz_score", "open_answers", "scored"]].tolist() \
        == [1, 0.25, 2, 1]          # neither the open answer's empty score nor the summative one counts
    assert table.loc["framing", "levels"] == "Emerging 1 · not scored yet 1"
    assert table.loc["generalization", "mean_quiz_score"] == 0.5
    assert table.loc["lesson 1", "label"] == "Lesson 1 (the source), no single category"
    assert pd.isna(table.loc["lesson 1", "mean_quiz_score"]) and table.loc["lesson 1", "open_answers"] == 1
    assert table.loc["lesson 9", "label"] == "Lesson 9, no single category"
    # The mapping is the lessons': moving lesson 4 to another category would change the rows.
    assert LESSON_CATEGORY == {2: "quoted_reporting", 3: "quoted_reporting", 4: "framing", 5: "generalization"}


def test_levels_run_lowest_first_by_rubric_number_whatever_their_names():
    rep = _rep([], [(4, "Secure", 2), (4, "Not yet", 1), (4, "Secure", 2), (4, "Strong", 3)])
    assert by_category(rep).loc[0, "levels"] == "Not yet 1 · Secure 2 · Strong 1"


def test_no_answers_at_all_gives_no_rows_and_the_page_says_so():
    rep = _rep([], [])
    assert by_category(rep).empty
    assert "No graded quiz answers or open answers" in section_html(rep)


def test_report_html_shows_the_class_open_answers_beside_its_quiz_results(tmp_path):
    mini = load_article(RESOURCES / "mini-article")
    folder = tmp_path / "handins"
    folder.mkdir()
    docs = [make_handin(mini, "alice", {"mini-single": "mayor", "mini-weeks": 11, "mini-reflect": "Ana <b>Ruiz</b>"}),
            make_handin(mini, "bob", {"mini-single": "engineer", "mini-weeks": 12, "mini-reflect": "=1+1"}),
            make_handin(mini, "carol", {"mini-reflect": "Not sure yet."})]
    for doc in docs:
        (folder / handin_name(doc["student"], doc["article"])).write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "class-report"
    book = ScoreBook(out / "scores.json")
    book.score("mini-article", "alice", "mini-reflect", level="Proficient", number=3, scorer="Ms Rivera",
               text="Ana <b>Ruiz</b>")
    book.score("mini-article", "bob", "mini-reflect", level="Beginning", number=1, scorer="Ms Rivera", text="=1+1")
    rep, _paths = run(folder, out, seeds=SEEDS, progress=None)
    table = by_category(rep).set_index("area")
    # By hand: lesson 1 has mini-single (alice right, bob wrong) and the reflection (3 answers, 2 scored);
    # lesson 3 (quoted reporting) has mini-weeks (alice 11 right, bob 12 wrong, tolerance 0).
    assert table.loc["lesson 1", ["quiz_answers", "mean_quiz_score", "open_answers", "scored", "levels"]].tolist() \
        == [2, 0.5, 3, 2, "Beginning 1 · Proficient 1 · not scored yet 1"]
    assert table.loc["quoted_reporting", ["lessons", "quiz_answers", "mean_quiz_score", "open_answers"]].tolist() \
        == ["3", 2, 0.5, 0]
    page = (out / "report.html").read_text(encoding="utf-8")
    section = page.split("<h2>Quiz results and open answers by category</h2>")[1].split("<h2>")[0]
    assert "lesson 4: framing language" in section and "no single category" in section    # the mapping, said
    assert '<th scope="row">Lesson 1 (the source), no single category</th>' in section
    assert "Beginning 1 · Proficient 1 · not scored yet 1" in section and "50%" in section
    assert "<b>Ruiz</b>" not in page                              # answers appear only escaped


def test_names_in_the_section_are_escaped():
    rep = _rep([], [(4, "<i>Top</i>", 1)])
    html = section_html(rep)
    assert "<i>Top</i>" not in html and "&lt;i&gt;Top&lt;/i&gt;" in html
