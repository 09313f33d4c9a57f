"""Open answers in the classroom: typed text saved when the box is left, restored in a new
kernel's quiz, never scored in the kernel, cut with a note past the limit, handed in and
accepted (never re-graded) by the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import medialit
from medialit.classroom.handin import build_handin, export, read_handin
from medialit.classroom.report import collect
from medialit.classroom.store import Store
from medialit.quizzes.questions import MAX_OPEN_CHARS
from tests.classroom.support import isolated_home
from tests.conftest import RESOURCES

QID = "mini-reflect"
TRICKY = '<script>alert(1)</script> =HYPERLINK("http://x") "quoted"\n\tsecond line & <b>bold</b>'


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    return isolated_home(tmp_path, monkeypatch, os_user="os-user")


def type_and_leave(quiz, text: str) -> None:
    """What the browser does when a student types and leaves the box (continuous_update off)."""
    quiz._controls.box.value = text


def test_the_box_is_labelled_and_syncs_on_leaving():
    q = medialit.quiz(QID)
    box = q._controls.box
    assert box.description == "Your answer" and box.continuous_update is False
    assert q.check_button.layout.display == "none"                 # no Check: leaving the box saves
    assert "30-60 words" in q.widget.children[1].children[0].value   # the word guide
    assert "Proficient" in q._controls.widget.children[-1].value    # the rubric, for the student


def test_leaving_the_box_saves_the_text_with_no_score_and_a_saved_at_line():
    q = medialit.quiz(QID)
    type_and_leave(q, "First draft.")
    type_and_leave(q, TRICKY)
    rec = Store().get("mini-article", QID)
    assert rec["answer"] == TRICKY and rec["score"] is None and rec["correct"] is None
    assert rec["type"] == "open" and rec["attempts"] == 2
    assert len(rec["history"]) == 1 and rec["history"][0]["answer"] == TRICKY   # drafts do not pile up
    status = q.feedback_area.value
    assert "Saved at " in status and "Correct" not in status and "Not quite" not in status
    assert "<script>" not in status
    assert q._controls.box.disabled is False                        # still editable


def test_the_answer_comes_back_in_a_new_quiz_as_after_a_restart():
    type_and_leave(medialit.quiz(QID), TRICKY)
    again = medialit.quiz(QID)
    assert again._controls.box.value == TRICKY and again.current_answer == TRICKY
    assert "Saved at " in again.feedback_area.value
    assert len(Store().get("mini-article", QID)["history"]) == 1     # restoring saved nothing


def test_an_emptied_box_keeps_the_last_saved_answer():
    q = medialit.quiz(QID)
    type_and_leave(q, "Kept.")
    type_and_leave(q, "   ")
    assert Store().get("mini-article", QID)["answer"] == "Kept."
    assert "last saved answer is kept" in q.feedback_area.value


def test_text_over_the_limit_is_cut_with_a_note_and_the_box_keeps_it_all():
    q = medialit.quiz(QID)
    text = "word " * 5000                                            # 25,000 characters
    type_and_leave(q, text)
    assert len(Store().get("mini-article", QID)["answer"]) == MAX_OPEN_CHARS
    assert "only the first 20,000 are kept" in q.feedback_area.value and "Saved at" in q.feedback_area.value
    assert q._controls.box.value == text


def test_with_progress_off_nothing_is_saved_and_the_status_says_so(monkeypatch):
    monkeypatch.setenv("MEDIALIT_PROGRESS", "off")
    q = medialit.quiz(QID)
    type_and_leave(q, "Not kept.")
    assert Store().get("mini-article", QID) is None
    assert "Saved at" not in q.feedback_area.value and "saving is turned off" in q.feedback_area.value


def test_an_older_store_without_open_answers_still_loads_and_takes_one(home):
    folder = home / "students"
    folder.mkdir(parents=True)
    store = Store("os-user")
    store.save("mini-article", "mini-single", "mayor", score=1.0, correct=True, attempts=1)   # as before
    type_and_leave(medialit.quiz(QID), "Mine.")
    assert set(Store().answers()["mini-article"]) == {"mini-single", QID}


# -- hand-in and report ---------------------------------------------------------------------------

def test_the_open_answer_is_handed_in_and_accepted_unscored_by_the_report(home, tmp_path):
    type_and_leave(medialit.quiz(QID), TRICKY)
    q = medialit.quiz("mini-single")
    q.answer("mayor")
    q.check()
    written = export(tmp_path / "handins")
    doc = read_handin(written[0].path)
    row = next(a for a in doc["answers"] if a["question"] == QID)
    assert row["answer"] == TRICKY and row["score"] is None and row["type"] == "open"
    accepted, skipped = collect(tmp_path / "handins", seeds=[RESOURCES])
    assert skipped == [] and len(accepted) == 1
    open_row = next(r for r in accepted[0].rows if r.question == QID)
    assert open_row.score is None and open_row.correct is None


def test_a_hand_in_giving_an_open_answer_a_score_is_skipped_as_tampered(home, tmp_path):
    type_and_leave(medialit.quiz(QID), "Mine.")
    doc = build_handin(Store(), "mini-article")
    assert doc["answers"][0]["history"] == []          # the text once: long answers keep the file small
    doc["answers"][0]["score"], doc["answers"][0]["correct"] = 1.0, True
    (tmp_path / "h").mkdir()
    (tmp_path / "h" / "x.json").write_text(json.dumps(doc), encoding="utf-8")
    accepted, skipped = collect(tmp_path / "h", seeds=[RESOURCES])
    assert not accepted and "open answer" in skipped[0].reason and "scored by the teacher" in skipped[0].reason


def test_a_hand_in_with_an_answer_over_the_limit_is_skipped(home, tmp_path):
    type_and_leave(medialit.quiz(QID), "Mine.")
    doc = build_handin(Store(), "mini-article")
    long = "y" * (MAX_OPEN_CHARS + 1)
    doc["answers"][0]["answer"] = long
    (tmp_path / "h").mkdir()
    (tmp_path / "h" / "x.json").write_text(json.dumps(doc), encoding="utf-8")
    accepted, skipped = collect(tmp_path / "h", seeds=[RESOURCES])
    assert not accepted and "does not fit" in skipped[0].reason


def test_report_writes_responses_csv_neutralised_and_the_page_escaped_with_levels(home, tmp_path):
    import csv
    import io

    from medialit.classroom.names import safe_name
    from medialit.classroom.report import run
    from medialit.classroom.scores import ScoreBook

    type_and_leave(medialit.quiz(QID), TRICKY)
    export(tmp_path / "handins")
    (tmp_path / "handins" / "b.json").write_text(json.dumps(
        {**build_handin(Store("bea"), "mini-article"), "student": "bea"}), encoding="utf-8")  # no answers
    out = tmp_path / "class-report"
    ScoreBook(out / "scores.json").score("mini-article", "OS-User", QID, level="Emerging", number=2,
                                         scorer="Ms Rivera", text=TRICKY)
    rep, paths = run(tmp_path / "handins", out, seeds=[RESOURCES], progress=None)
    assert (out / "responses.csv") in paths
    rows = list(csv.DictReader(io.StringIO((out / "responses.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["text"] == TRICKY                       # starts with "<": kept as is
    assert (row["student"], row["question"], row["level"], row["level_number"], row["scored_by"]) == (
        "os-user", QID, "Emerging", "2", "Ms Rivera")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Levels: Emerging: 1" in page
    assert (out / "scores.json").exists()               # the report never replaces the teacher's scores
    own = [p for p in paths if p.parent == out / "for-students"]   # each student's levels, alone
    assert [p.name for p in own] == [f"{safe_name('OS-User')}.scores.json"]


def test_a_formula_answer_is_neutralised_in_responses_csv_and_an_edited_answer_is_flagged(home, tmp_path):
    import csv
    import io

    from medialit.classroom.report import run
    from medialit.classroom.scores import ScoreBook

    type_and_leave(medialit.quiz(QID), '=HYPERLINK("http://evil")')
    export(tmp_path / "handins")
    out = tmp_path / "class-report"
    ScoreBook(out / "scores.json").score("mini-article", "os-user", QID, level="Proficient", number=3,
                                         scorer="Ms Rivera", text="an earlier text")
    run(tmp_path / "handins", out, seeds=[RESOURCES], progress=None)
    row = next(csv.DictReader(io.StringIO((out / "responses.csv").read_text(encoding="utf-8"))))
    assert row["text"] == "'=HYPERLINK(\"http://evil\")"
    assert "changed after it was scored" in row["note"]


def test_my_progress_lists_written_answers_and_once_scored_the_level_and_descriptor(home, tmp_path):
    from medialit.classroom.scores import ScoreBook

    type_and_leave(medialit.quiz(QID), "Only critics say so.")
    mine = medialit.my_progress(base=tmp_path)
    row = mine.open_answers.iloc[0]
    assert (row["question"], row["words"], row["level"]) == (QID, 4, "")
    assert "not scored yet" in mine._repr_html_()
    scores = tmp_path / "scores.json"
    book = ScoreBook(scores)
    book.score("mini-article", "os-user", QID, level="Proficient", number=3, scorer="Ms R",
               text="Only critics say so.")
    book.score("mini-article", "someone-else", QID, level="Beginning", number=1, scorer="Ms R", text="x")
    scored = medialit.my_progress(base=tmp_path, scores=scores)
    assert list(scored.open_answers["level"]) == ["Proficient"]          # only this student's own score
    page = scored._repr_html_()
    assert "Proficient" in page and "credited only to unnamed critics" in page and "Beginning" not in page
    type_and_leave(medialit.quiz(QID), "A new text.")                  # changed since: not scored yet
    assert list(medialit.my_progress(base=tmp_path, scores=scores).open_answers["level"]) == [""]
    scores.write_text("{broken", encoding="utf-8")
    broken = medialit.my_progress(base=tmp_path, scores=scores)
    assert any("could not be read" in note for note in broken.notes)
