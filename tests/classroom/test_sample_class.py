"""The sample class the teacher dashboard runs on: what tests/classroom/sample_class.py makes, and a clean report."""

from __future__ import annotations

import json

from medialit.classroom import report
from tests.classroom.sample_class import FOLDER, STUDENTS, documents

REWRITE = "rewrite it with: .venv/bin/python -m tests.classroom.sample_class"


def _parsed(text: str):
    try:
        doc = json.loads(text)
    except ValueError:
        return text                                  # the upload cut short
    doc.pop("kit_version", None)
    return doc


def test_the_shipped_folder_is_what_the_generator_makes_from_todays_quiz_bank():
    shipped = {p.name: p.read_text(encoding="utf-8") for p in FOLDER.glob("*.json")}
    made = documents()
    assert sorted(shipped) == sorted(made), REWRITE
    for name, text in made.items():
        assert _parsed(shipped[name]) == _parsed(text), f"{name} differs; {REWRITE}"


def test_the_report_counts_every_student_and_lists_the_three_problem_files():
    rep = report.build(FOLDER)
    assert sorted(rep.students["student"]) == sorted(STUDENTS)
    reasons = dict(zip(rep.skipped["file"], rep.skipped["reason"]))
    assert sorted(reasons) == ["bruno-first-try.json", "dana-upload.json", "luis-edited.json"]
    assert reasons["bruno-first-try.json"].startswith("duplicate: Bruno handed in again")
    assert reasons["dana-upload.json"].startswith("not valid JSON")
    assert reasons["luis-edited.json"].startswith("tampered: the score of")
    assert not rep.answers["summative"].any()        # no exit-ticket answers: their keys stay private
    assert 0.3 < rep.students["score"].mean() < 0.8


def test_the_sample_class_shows_first_try_and_final_scores_apart():
    """The dashboard's sample has first tries: every one known, some wrong then right, some hints."""
    rep = report.build(FOLDER)
    students = rep.students
    assert (students["first_try_unknown"] == 0).all() and students["first_try_score"].notna().all()
    assert (students["first_try_score"] <= students["score"]).all()
    assert (students["first_try_score"] < students["score"]).sum() >= len(STUDENTS) // 2
    assert (students["hints_used"] > 0).any()
    assert "class mean first-try score" in rep.summary()
