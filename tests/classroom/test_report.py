"""The class report: hand-computed aggregates, skipped files with reasons, charts, safe HTML, CLI."""

from __future__ import annotations

import base64
import copy
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from medialit import load_article
from medialit.classroom import report
from medialit.classroom.handin import MAX_BYTES, handin_name, make_handin
from medialit.classroom.report import figures
from medialit.cli import main
from medialit.quizzes.scoring import category_evidence
from medialit.render.palette import STYLE
from tests.conftest import RESOURCES

SEEDS = [str(RESOURCES)]
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


@pytest.fixture(autouse=True)
def _env(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))


@pytest.fixture(scope="module")
def mini():
    return load_article(RESOURCES / "mini-article")


def _put(folder: Path, doc: dict, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or handin_name(doc["student"], doc["article"]))
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _span(article, phrase: str) -> list[int]:
    start = article.text.index(phrase)
    return [start, start + len(phrase)]


@pytest.fixture
def klass(tmp_path, mini):
    """Three students with hand-picked answers, plus one file of every kind that must be skipped."""
    folder = tmp_path / "handins"
    reckless, stormy, critics = _span(mini, "reckless gamble"), _span(mini, "stormy"), _span(mini, "Critics")
    everyone = _span(mini, "Everyone in Millbrook knows the council never finishes a project on time")
    alice = make_handin(mini, "alice", {"mini-single": "mayor", "mini-multi": ["reckless", "stormy"],
                                        "mini-highlight": [reckless, stormy], "mini-weeks": 11},
                        created="2026-03-02T10:00:00.000Z")
    alice_old = make_handin(mini, "alice", {"mini-single": "engineer"}, created="2026-03-01T10:00:00.000Z")
    bob = make_handin(mini, "bob", {"mini-single": "engineer", "mini-multi": ["reckless", "weeks"],
                                    "mini-highlight": [reckless], "mini-weeks": 12},
                      earlier={"mini-single": ["resident"]}, created="2026-03-02T11:00:00.000Z")
    carol = make_handin(mini, "carol", {"mini-single": "engineer", "mini-highlight": [reckless, critics],
                                        "mini-highlight-2": [everyone]}, created="2026-03-02T12:00:00.000Z")
    for doc in (alice, bob, carol):
        _put(folder, doc)
    _put(folder, alice_old, "alice-first-try.json")
    (folder / "malformed.json").write_text('{"schema": "medialit.handin/1", "answers": [', encoding="utf-8")
    (folder / "huge.json").write_text(json.dumps({**bob, "pad": "x" * MAX_BYTES}), encoding="utf-8")
    tampered = copy.deepcopy(bob)
    tampered["student"] = "dave"
    tampered["answers"][0]["score"], tampered["answers"][0]["correct"] = 1.0, True     # engineer is wrong
    _put(folder, tampered, "tampered.json")
    wrong_schema = {**copy.deepcopy(carol), "schema": "medialit.handin/9", "student": "erin"}
    _put(folder, wrong_schema, "wrong-schema.json")
    unknown_q = copy.deepcopy(carol)
    unknown_q["student"], unknown_q["answers"][0]["question"] = "fay", "mini-nope"
    _put(folder, unknown_q, "unknown-question.json")
    misfit = copy.deepcopy(carol)
    misfit["student"] = "gus"
    misfit["answers"][0]["answer"] = "<script>alert(1)</script>"
    misfit["answers"][0]["history"][-1]["answer"] = "<script>alert(1)</script>"
    _put(folder, misfit, "misfit.json")
    other = {**copy.deepcopy(carol), "article": "no-such-article", "student": "hal"}
    _put(folder, other, "other-article.json")
    (folder / "notes.txt").write_text("remember to grade", encoding="utf-8")
    return folder


@pytest.fixture
def rep(klass):
    return report.build(klass, seeds=SEEDS)


def test_each_bad_file_is_skipped_with_its_reason(rep):
    skipped = dict(zip(rep.skipped["file"], rep.skipped["reason"]))
    assert set(skipped) == {"alice-first-try.json", "malformed.json", "huge.json", "tampered.json",
                            "wrong-schema.json", "unknown-question.json", "misfit.json", "other-article.json",
                            "notes.txt"}
    assert skipped["alice-first-try.json"].startswith("duplicate: alice handed in again")
    assert skipped["malformed.json"].startswith("not valid JSON")
    assert skipped["huge.json"].startswith("too large:") and "2,097,152" in skipped["huge.json"]
    assert skipped["tampered.json"] == ("tampered: the score of mini-single (1.00) does not match its answer (0.00)")
    assert skipped["wrong-schema.json"].startswith("unsupported schema 'medialit.handin/9'")
    assert "question 'mini-nope' is not in the quiz bank" in skipped["unknown-question.json"]
    assert "does not fit the question" in skipped["misfit.json"]
    assert skipped["other-article.json"].startswith("article 'no-such-article' not found")
    assert skipped["notes.txt"] == "not a .json file"
    assert sorted(rep.students["student"]) == ["alice", "bob", "carol"]


def test_the_latest_handin_of_a_student_is_the_one_used(rep):
    alice = rep.students.set_index("student").loc["alice"]
    assert alice["answered"] == 4 and alice["created"] == "2026-03-02T10:00:00.000Z"
    assert alice["file"] == handin_name("alice", "mini-article")


def test_per_student_scores_by_hand(rep):
    students = rep.students.set_index("student")
    graded = 10     # 10 questions; the exit ticket mini-cost is scored here, with the teacher's key
    assert students.loc["alice", "score"] == pytest.approx(4 / graded)
    # Highlights score F1 over words: bob marks 2 of the key's 3 words (2*2/(2+3) = 0.8); carol's
    # first marks 3 words, 2 in the key (2*2/(3+3) = 2/3), her second the whole key (1).
    assert students.loc["bob", "score"] == pytest.approx(0.8 / graded)           # highlight 0.8 only
    assert students.loc["carol", "score"] == pytest.approx((2 / 3 + 1) / graded)
    assert students.loc["bob", "attempts"] == 5 and students.loc["bob", "right"] == 1   # 0.8 passes
    assert students.loc["carol", "mean_answered"] == pytest.approx((2 / 3 + 1) / 3)


def test_per_question_difficulty_by_hand(rep):
    q = rep.questions.set_index("question")
    assert q.loc["mini-single", "answered"] == 3 and q.loc["mini-single", "mean_score"] == pytest.approx(1 / 3)
    assert q.loc["mini-single", "right_first_time"] == pytest.approx(1 / 3)
    assert q.loc["mini-single", "mean_attempts"] == pytest.approx(4 / 3)
    assert q.loc["mini-highlight", "mean_score"] == pytest.approx((1 + 0.8 + 2 / 3) / 3)
    assert q.loc["mini-multi", "mean_score"] == pytest.approx(0.5)
    assert q.loc["mini-sort", "answered"] == 0 and q.loc["mini-sort", "mean_score"] != q.loc["mini-sort", "mean_score"]
    answered = rep.questions[rep.questions["answered"] > 0]
    assert list(answered["difficulty"]) == sorted(answered["difficulty"], reverse=True)   # hardest first
    assert rep.questions.iloc[0]["question"] == "mini-single"


def test_most_common_wrong_answers_by_hand(rep):
    wrong = rep.wrong_answers
    single = wrong[wrong["question"] == "mini-single"]
    assert list(zip(single["wrong_answer"], single["students"])) == [
        ("chose “The engineer, Tom Becker”", 2), ("chose “A resident who wrote to the paper”", 1)]
    assert single.iloc[0]["share"] == pytest.approx(2 / 3)
    high = dict(zip(*[wrong[wrong["question"] == "mini-highlight"][c] for c in ("wrong_answer", "students")]))
    assert high == {"missed “stormy”": 2, "over-flagged “Critics”": 1}
    multi = dict(zip(*[wrong[wrong["question"] == "mini-multi"][c] for c in ("wrong_answer", "students")]))
    assert multi == {"picked “eleven weeks”": 1, "left out “stormy”": 1}
    assert list(wrong[wrong["question"] == "mini-weeks"]["wrong_answer"]) == ["answered 12 weeks"]


def test_per_category_precision_and_recall_by_hand(rep):
    cats = rep.categories.set_index("category")
    # framing (mini-highlight): alice P1 R1, bob P1 R.5, carol P.5 (Critics over-flagged) R.5
    assert cats.loc["framing", "precision"] == pytest.approx((1 + 1 + 0.5) / 3)
    assert cats.loc["framing", "recall"] == pytest.approx((1 + 0.5 + 0.5) / 3)
    assert cats.loc["framing", "highlight_answers"] == 3
    assert cats.loc["generalization", "recall"] == pytest.approx(1.0)
    assert cats.loc["quoted_reporting", "highlight_answers"] == 0
    assert rep.missed_most == "framing"
    assert "missed most: Framing language (recall 0.67" in rep.summary()


def test_category_evidence_splits_a_mixed_key_by_category(tmp_path, mini):
    """Over-flagged words count against every category asked for; a hit on one
    category's span is not a false positive for another."""
    folder = tmp_path / "seeds" / "mini-article"
    shutil.copytree(RESOURCES / "mini-article", folder)
    (folder / "quizzes.yaml").write_text(
        "- id: mixed\n  type: highlight\n  lesson: 1\n  prompt: Flag framing and generalizations.\n"
        "  passage: {paragraphs: [3, 3]}\n  key: {annotations: [f-reckless, g-everyone]}\n"
        "  explanation: Both kinds.\n", encoding="utf-8")
    from medialit.quizzes.bank import load_bank

    article = load_article(folder, reload=True)
    question = load_bank(article)["mixed"]
    answer = question.coerce([_span(article, "reckless gamble"), _span(article, "Critics")])
    figures = {(c, m): v for c, m, v in category_evidence(question, answer)}
    assert figures[("framing", "precision")] == pytest.approx(0.5)
    assert figures[("framing", "recall")] == pytest.approx(1.0)
    assert figures[("generalization", "precision")] == pytest.approx(0.0)
    assert figures[("generalization", "recall")] == pytest.approx(0.0)


# -- HTML ---------------------------------------------------------------------------------------------

def test_html_is_self_contained_with_inlined_png_images(rep):
    page = report.to_html(rep)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert not re.search(r"<script|<link|<iframe|@import|url\(|(src|href)=\"(https?:)?//", page, re.I)
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == len(report.CHARTS) and all(alt for alt, _ in images)
    for _, data in images:
        assert base64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n")
    for text in ("alice", "mini-single", "chose “The engineer, Tom Becker”", "tampered.json", "not a .json file"):
        assert text in page


def test_names_answers_and_file_names_are_shown_as_text_never_markup(tmp_path, mini):
    seeds = tmp_path / "seeds"
    shutil.copytree(RESOURCES / "mini-article", seeds / "mini-article")
    bank = (seeds / "mini-article" / "quizzes.yaml").read_text(encoding="utf-8")
    bank = bank.replace("text: A resident who wrote to the paper",
                        "text: 'A <b>resident</b> <script>alert(\"opt\")</script>'")
    (seeds / "mini-article" / "quizzes.yaml").write_text(bank, encoding="utf-8")
    article = load_article(seeds / "mini-article", reload=True)
    folder = tmp_path / "handins"
    evil = '<script>alert("name")</script><img src=x onerror=alert(1)>'
    _put(folder, make_handin(article, evil, {"mini-single": "resident"}, created="2026-03-02T10:00:00.000Z"))
    (folder / "<i onmouseover=x>odd.json").write_text("nope", encoding="utf-8")
    rep = report.build(folder, seeds=[seeds])
    assert list(rep.students["student"]) == [evil]
    assert "chose “A <b>resident</b> <script>alert(\"opt\")</script>”" in list(rep.wrong_answers["wrong_answer"])
    page = report.to_html(rep)
    assert "<script" not in page.lower() and "<img src=x" not in page and "<b>resident" not in page
    assert "<i onmouseover" not in page
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "A &lt;b&gt;resident&lt;/b&gt; &lt;script&gt;alert(&quot;opt&quot;)&lt;/script&gt;" in page
    assert "&lt;i onmouseover=x&gt;odd.json" in page


# -- charts -------------------------------------------------------------------------------------------

def _hex(color) -> str:
    from matplotlib.colors import to_hex

    return to_hex(color).upper()


@pytest.mark.parametrize("make", [report.figure_scores, report.figure_difficulty, report.figure_categories],
                         ids=lambda f: f.__name__)
def test_charts_have_titles_axis_labels_large_fonts_safe_colours_hatching_and_value_labels(rep, make):
    import matplotlib as mpl

    with mpl.rc_context(figures._RC):
        fig = make(rep)
    (ax,) = fig.axes
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert ax.title.get_fontsize() >= 18
    assert min(t.get_fontsize() for t in ax.get_xticklabels() + ax.get_yticklabels()) >= 14
    bars = [p for p in ax.patches if p.get_height() > 0 and p.get_width() > 0]
    assert bars
    fills = {_hex(p.get_facecolor()) for p in bars} - {"#FFFFFF"}
    assert fills <= OKABE_ITO, fills
    if make is not report.figure_categories:    # there: filled precision beside hatched recall (next test)
        assert all(p.get_hatch() for p in bars)
    labels = [t.get_text() for t in ax.texts if t.get_text()]
    assert labels                                          # numbers on the bars, not colour alone


def test_category_chart_uses_each_categorys_colour_and_hatch(rep):
    import matplotlib as mpl

    with mpl.rc_context(figures._RC):
        fig = report.figure_categories(rep)
    (ax,) = fig.axes
    recall_bars = [p for p in ax.patches if p.get_hatch()]
    assert {p.get_hatch() for p in recall_bars} == {s["hatch"] * 2 for s in STYLE.values()}
    assert {_hex(p.get_edgecolor()) for p in recall_bars} == {s["color"].upper() for s in STYLE.values()}
    texts = [t.get_text() for t in ax.texts]
    assert "P 0.83" in texts and "R 0.67" in texts and "n/a" in texts


def test_write_puts_csv_png_and_html_in_the_folder(rep, tmp_path):
    paths = report.write(rep, tmp_path / "out")
    names = sorted(p.name for p in paths)
    assert names == ["categories.csv", "categories.png", "difficulty.png", "growth.csv", "growth.png",
                     "questions.csv", "report.html", "responses.csv", "scores.png", "skipped.csv", "students.csv",
                     "wrong_answers.csv"]
    for p in paths:
        if p.suffix == ".png":
            assert p.read_bytes().startswith(b"\x89PNG")
    assert "tampered" in (tmp_path / "out" / "skipped.csv").read_text(encoding="utf-8")


# -- progress lines, CLI --------------------------------------------------------------------------------

def test_a_progress_line_per_1000_files(tmp_path, mini):
    folder = tmp_path / "many"
    base = make_handin(mini, "s", {"mini-single": "mayor"}, created="2026-03-02T10:00:00.000Z")
    folder.mkdir()
    text = json.dumps(base)
    for i in range(2500):
        (folder / f"s{i:04d}.json").write_text(text.replace('"student": "s"', f'"student": "s{i}"'),
                                              encoding="utf-8")
    stream = io.StringIO()
    rep = report.build(folder, seeds=SEEDS, progress=stream)
    assert stream.getvalue().splitlines() == ["read 1,000 of 2,500 files", "read 2,000 of 2,500 files",
                                              "read 2,500 of 2,500 files"]
    assert len(rep.students) == 2500 and not len(rep.skipped)


def test_cli_report(klass, tmp_path, capsys):
    out = tmp_path / "class-report"
    assert main(["report", str(klass), "--out", str(out), "--seeds", SEEDS[0]]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("3 student(s), 11 question(s), 9 file(s) skipped")     # 11: mini-reflect too
    assert "skipped tampered.json: tampered" in printed and f"open {out / 'report.html'}" in printed
    assert (out / "report.html").exists()


def test_cli_report_on_a_missing_or_empty_folder(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 1
    assert "no folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["report", str(tmp_path / "empty"), "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().out.startswith("0 student(s)")
