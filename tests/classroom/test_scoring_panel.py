"""The teacher's scoring panel, driven from code as its buttons drive it: names hidden, levels saved
at once with who scored, progress counted, a restart (a new panel) finds the scores again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medialit.classroom.handin import make_handin
from medialit.classroom.report import run
from medialit.classroom.scores import ScoreBook
from medialit.classroom.scoring import SHOWN_CHARS, scoring_panel
from medialit.quizzes.bank import load_bank
from tests.conftest import RESOURCES
from tests.quizzes.test_quizzes_support import mini

QID = "mini-reflect"
TEXTS = {"ana": "Only critics say so; no evidence.", "ben": "<img src=x onerror=alert(1)> I like bridges.",
         "cy": "=SUM(A1:A9) " + "long " * 1500}


@pytest.fixture
def handins(tmp_path) -> Path:
    folder = tmp_path / "handins"
    folder.mkdir()
    for student, text in TEXTS.items():
        doc = make_handin(mini(), student, {"mini-single": "mayor", QID: text})
        (folder / f"{student}.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def panel_for(handins, tmp_path, scorer="Ms Rivera", **kw):
    return scoring_panel(handins, scores=tmp_path / "class-report" / "scores.json", scorer=scorer,
                         seeds=[RESOURCES], **kw)


def test_one_response_at_a_time_names_hidden_question_and_rubric_shown(handins, tmp_path):
    panel = panel_for(handins, tmp_path)
    assert len(panel.items) == 3 and "0 of 3 scored" in panel.progress.value
    assert "(name hidden)" in panel.where.value
    assert not any(name in panel.where.value for name in TEXTS)
    assert load_bank(mini())[QID].prompt.split(",")[0] in panel.question_area.value
    shown = [b.description for b in panel.level_buttons if b.description[0].isdigit() and "·" in b.description]
    assert shown == ["1 · Beginning", "2 · Emerging", "3 · Proficient"]
    panel.names.value = True
    assert any(name in panel.where.value for name in TEXTS)


def test_answers_are_shown_escaped_and_a_long_one_cut_with_a_note(handins, tmp_path):
    panel = panel_for(handins, tmp_path)
    seen = []
    for _ in range(3):
        seen.append(panel.answer_area.value)
        panel.next()
    page = "".join(seen)
    assert "<img" not in page and "&lt;img src=x" in page
    assert f"Showing the first {SHOWN_CHARS:,} of" in page and "responses.csv" in page


def test_scoring_saves_at_once_moves_on_and_a_new_panel_finds_the_scores(handins, tmp_path):
    panel = panel_for(handins, tmp_path)
    order = [item.student for item in panel.items]
    panel.score(3)
    assert panel.index == 1 and "1 of 3 scored" in panel.progress.value
    panel.score(1)
    panel.score(2)
    assert "3 of 3 scored" in panel.progress.value
    assert panel.score(7) is None and "No level 7" in panel.status.value
    book = ScoreBook(tmp_path / "class-report" / "scores.json")
    levels = {student: book.get("mini-article", student, QID)["level"] for student in TEXTS}
    assert [levels[s] for s in order] == ["Proficient", "Beginning", "Emerging"]
    # A restart: a new panel (another teacher) reads them back and sees who scored.
    other = panel_for(handins, tmp_path, scorer="Mr Okafor")
    assert "3 of 3 scored" in other.progress.value and "by Ms Rivera" in other.current.value
    other.score(1)
    assert book.get("mini-article", order[0], QID)["earlier"][0]["scorer"] == "Ms Rivera"
    # And the report shows them in responses.csv.
    rep, _ = run(handins, tmp_path / "class-report", seeds=[RESOURCES], progress=None)
    got = dict(zip(rep.responses["student"], rep.responses["scored_by"]))
    assert got[order[0]] == "Mr Okafor" and got[order[1]] == "Ms Rivera"


def test_a_malformed_scores_file_is_said_in_the_panel_and_kept(handins, tmp_path):
    path = tmp_path / "class-report" / "scores.json"
    path.parent.mkdir()
    path.write_text("{oops", encoding="utf-8")
    panel = panel_for(handins, tmp_path)
    assert "Cannot read the scores" in panel.status.value and str(path) in panel.status.value
    assert panel.score(2) is None and "Not saved" in panel.status.value
    assert path.read_text(encoding="utf-8") == "{oops"


def test_no_open_answers_says_so(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    panel = scoring_panel(folder, scores=tmp_path / "s.json", scorer="T", seeds=[RESOURCES])
    assert "No open answers" in panel.progress.value and panel.score(1) is None


def test_the_panel_can_keep_only_some_questions_and_a_choice_matching_none_is_refused(tmp_path):
    from medialit import load_article
    from medialit.errors import ScoresError
    from tests.conftest import ROOT

    raqqa = load_article(ROOT / "seeds" / "raqqa-exodus")
    folder = tmp_path / "raqqa-handins"
    folder.mkdir()
    for student in ("ana", "ben"):
        doc = make_handin(raqqa, student, {"l4-reflection": "My rewrite.", "l4-check-casually": "They said so.",
                                           "l4-check-question": "It plants an answer.", "l5-check-source": "Check it."})
        (folder / f"{student}.json").write_text(json.dumps(doc), encoding="utf-8")
    seeds = [ROOT / "seeds"]
    scores = tmp_path / "class-report" / "scores.json"
    everything = scoring_panel(folder, scores=scores, scorer="Ms Rivera", seeds=seeds)
    checks = scoring_panel(folder, scores=scores, scorer="Ms Rivera", seeds=seeds, questions="l4-check-")
    listed = scoring_panel(folder, scores=scores, scorer="Ms Rivera", seeds=seeds,
                           questions=["l5-check-source", "l4-reflection"])
    assert len(everything.items) == 8
    assert sorted({r.question.id for r in checks.items}) == ["l4-check-casually", "l4-check-question"]
    assert len(checks.items) == 4 and "0 of 4 scored" in checks.progress.value
    assert sorted({r.question.id for r in listed.items}) == ["l4-reflection", "l5-check-source"]
    checks.score(3)                                   # a score given in the chosen panel is the class's
    assert everything.book.get("raqqa-exodus", checks.items[0].student, checks.items[0].question.id)["number"] == 3
    with pytest.raises(ScoresError, match="no open answers to the questions starting with 'l9-'.*l4-check-casually"):
        scoring_panel(folder, scores=scores, scorer="Ms Rivera", seeds=seeds, questions="l9-")
