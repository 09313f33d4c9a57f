"""Files written by the kit before the classroom was split into modules still load and carry on.

The fixtures in resources/kit-0.1.0-files were written by that version's own code (see the
README there): a student's home folder (typed name and store) and the hand-in exported from it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import medialit
from medialit.classroom import handin, names, report
from medialit.classroom.handin import read_handin
from medialit.classroom.store import Store
from tests.conftest import RESOURCES

OLD = Path(__file__).parent / "resources" / "kit-0.1.0-files"
STUDENT = "Zoë Martin"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "home"
    shutil.copytree(OLD / "home", folder)
    monkeypatch.setenv("MEDIALIT_HOME", str(folder))
    monkeypatch.setenv("MEDIALIT_SEEDS", str(RESOURCES))
    for name in ("JUPYTERHUB_USER", "MEDIALIT_PROGRESS"):
        monkeypatch.delenv(name, raising=False)
    return folder


def test_the_old_typed_name_and_store_are_this_students(home, capsys):
    assert names.current_student() == (STUDENT, "whoami")
    store = Store()
    old = json.loads((OLD / "home" / "students" / store.path.name).read_text(encoding="utf-8"))
    assert store.load() == old                                    # read as it is, not set aside
    rec = store.get("mini-article", "mini-single")
    history = [h["answer"] for h in rec["history"]]
    assert (rec["answer"], rec["attempts"], history) == ("mayor", 2, ["engineer", "mayor"])
    assert not list(home.rglob("*.damaged-*")) and capsys.readouterr().err == ""


def test_an_old_store_restores_quizzes_and_takes_new_answers(home):
    q = medialit.quiz("mini-weeks")
    assert (q.current_answer, q.attempts) == (11.0, 2) and "11 weeks is right" in q.feedback_area.value
    q.answer(12)
    q.check()
    rec = Store().get("mini-article", "mini-weeks")
    assert (rec["answer"], rec["attempts"], [h["answer"] for h in rec["history"]]) == (12.0, 3, [12, 11, 12.0])
    assert Store().get("mini-article", "mini-single")["answer"] == "mayor"         # the rest kept
    # Its first check was made under the old kit: not known, and not taken from the history.
    assert "first_try" not in rec and rec["hint_used"] is None
    q.hint()
    q.answer(11)
    q.check()
    rec = Store().get("mini-article", "mini-weeks")
    assert "first_try" not in rec and rec["hint_used"] is True


def test_an_old_store_exports_the_same_answers_as_the_old_handin(home, tmp_path):
    (old_file,) = (OLD / "handins").glob("*.json")
    (written,) = handin.export(tmp_path / "out")
    assert written.path.name == old_file.name
    new, old = read_handin(written.path), read_handin(old_file)
    assert new["schema"] == old["schema"] == handin.SCHEMA
    assert all(a["first_try"] is None and a["hint_used"] is None for a in new["answers"])   # not known
    trimmed = [{k: v for k, v in a.items() if k not in ("first_try", "hint_used")} for a in new["answers"]]
    assert trimmed == old["answers"] and new["student"] == old["student"] == STUDENT


def test_the_old_handin_is_counted_by_the_report(home):
    rep = report.build(OLD / "handins", seeds=[RESOURCES])
    assert rep.skipped.empty
    assert list(rep.students["student"]) == [STUDENT] and rep.students.loc[0, "answered"] == 6
    scores = rep.answers.set_index("question")["score"]
    assert scores["mini-single"] == 1.0 and scores["mini-weeks"] == 1.0 and scores["mini-sort"] == 0.75
    # Its first tries are unknown: shown as unknown, never guessed from the history.
    row = rep.students.iloc[0]
    assert row["first_try_unknown"] == 6
    assert pd.isna(row["first_try_score"]) and pd.isna(row["first_try_right"]) and pd.isna(row["hints_used"])
    assert rep.questions["first_tries"].sum() == 0 and rep.questions["right_first_time"].isna().all()
    assert "first try not known for 1 student(s)" in rep.summary()


def test_a_class_folder_written_by_the_old_kit_gives_the_same_report():
    """resources/handins: 12 synthetic students (written by the old ``make_handin``) and three problem files.

    Since issue 13 the report re-grades instead of dropping: jonas-edited.json (its score
    and its history both edited, so the file agrees with itself) counts with today's key's
    score, and the re-grade is said, with both scores.
    """
    rep = report.build(Path(__file__).parent / "resources" / "handins", seeds=[RESOURCES])
    lines = rep.summary().splitlines()
    assert lines[0] == "13 student(s), 11 question(s), 2 file(s) skipped"   # the bank has grown: mini-reflect
    assert lines[-2:] == [
        "skipped ben-first-try.json: duplicate: Ben handed in again (ben-030d756286e59f22--mini-article.json, "
        "newer), which is used",
        "skipped hana-upload.json: not valid JSON (line 134: Unterminated string starting at)",
    ]
    regraded = next(line for line in lines if line.startswith("re-graded with today's quiz bank: "))
    assert "mini-sort" in regraded.split(" (")[0]          # (highlight answers too, where the scoring changed)
    students = rep.students.set_index("student")
    assert "mini-sort (1.00 -> 0.50, right -> not right)" in students.loc["Jonas (edited copy)", "regraded"]
    assert all(cell == "" or "mini-sort" not in cell for who, cell in students["regraded"].items()
               if who != "Jonas (edited copy)")                # only the edited copy's sort answer changed
