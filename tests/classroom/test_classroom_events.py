"""Issue 13: each classroom event reproduced, with what must happen: nothing lost, nothing honest
rejected, and the student or teacher told what happened.

Every test runs with ``MEDIALIT_HOME`` in a temporary folder and the test seeds (mini-article).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from pathlib import Path

import pytest

import medialit
from medialit import load_article
from medialit.classroom import handin, panels, report
from medialit.classroom.handin import HandinError, make_handin, read_handin
from medialit.classroom.names import MAX_NAME, identity, set_name
from medialit.classroom.store import Store
from medialit.errors import ProgressError
from tests.classroom.support import isolated_home
from tests.conftest import RESOURCES

SEEDS = [str(RESOURCES)]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    return isolated_home(tmp_path, monkeypatch, own_mpl=True)


@pytest.fixture(scope="module")
def mini():
    return load_article(RESOURCES / "mini-article")


def _check(q, answer):
    q.answer(answer)
    return q.check()


def _skipped(rep) -> dict:
    return dict(zip(rep.skipped["file"], rep.skipped["reason"]))


# -- a student with two notebooks open: two kernels, one store -------------------------------------

def test_two_kernels_on_one_store_count_every_check_and_the_handin_is_used(home, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    first, second = medialit.quiz("mini-single"), medialit.quiz("mini-single")   # both shown before any check
    _check(first, "engineer")
    _check(second, "mayor")                         # the other kernel still counts 1 attempt of its own
    saved = Store().get("mini-article", "mini-single")
    assert [h["answer"] for h in saved["history"]] == ["engineer", "mayor"]
    assert saved["attempts"] == 2 and second.attempts == 2
    written = handin.export(tmp_path / "handins")
    rep = report.build(tmp_path / "handins", seeds=SEEDS)
    assert rep.skipped.empty and list(rep.students["student"]) == ["ana"]
    assert rep.answers.set_index("question").loc["mini-single", "attempts"] == 2
    assert read_handin(written[0].path)["answers"][0]["attempts"] == 2


def test_a_handin_from_the_old_kit_with_more_checks_than_attempts_is_counted(tmp_path, mini):
    """What the kit wrote before this fix: two kernels, history of 2 checks, attempts 1."""
    doc = make_handin(mini, "ana", {"mini-single": "mayor"}, earlier={"mini-single": ["engineer"]},
                      attempts={"mini-single": 1}, created="2026-03-02T10:00:00.000Z")
    folder = tmp_path / "handins"
    folder.mkdir()
    (folder / "ana.json").write_text(json.dumps(doc), encoding="utf-8")
    rep = report.build(folder, seeds=SEEDS)
    assert rep.skipped.empty and rep.answers.loc[0, "attempts"] == 2


# -- a teacher fixes a wrong key after the hand-ins ----------------------------------------------------

def test_a_key_fixed_after_the_handins_regrades_every_student_and_says_so(tmp_path, mini):
    folder = tmp_path / "handins"
    folder.mkdir()
    class_answers = ["mayor", "engineer", "mayor", "resident", "engineer", "mayor"]
    for n, answer in enumerate(class_answers):
        doc = make_handin(mini, f"student {n}", {"mini-single": answer, "mini-weeks": 11},
                          created=f"2026-03-02T10:0{n}:00.000Z")
        (folder / f"s{n}.json").write_text(json.dumps(doc), encoding="utf-8")
    fixed = tmp_path / "seeds"
    shutil.copytree(RESOURCES / "mini-article", fixed / "mini-article")
    bank = fixed / "mini-article" / "quizzes.yaml"
    text = bank.read_text(encoding="utf-8")
    assert text.count("\n  answer: mayor\n") == 1
    bank.write_text(text.replace("\n  answer: mayor\n", "\n  answer: engineer\n"), encoding="utf-8")

    rep = report.build(folder, seeds=[str(fixed)])
    assert rep.skipped.empty and len(rep.students) == len(class_answers)       # nobody dropped
    students = rep.students.set_index("student")
    regraded = {s for s, cell in students["regraded"].items() if cell}
    assert regraded == {f"student {n}" for n, a in enumerate(class_answers) if a in ("mayor", "engineer")}
    zero = students.loc["student 0"]                                          # mayor: right, now wrong
    assert zero["regraded"] == "mini-single (1.00 -> 0.00, right -> not right)"
    assert zero["recorded_score"] > zero["score"]
    assert students.loc["student 1", "recorded_score"] < students.loc["student 1", "score"]
    assert students.loc["student 3", "regraded"] == ""                        # resident: wrong either way
    summary = rep.summary()
    assert "re-graded with today's quiz bank: mini-single (5 student(s))" in summary
    assert "re-graded student 0 (s0.json)" in summary


def test_a_score_edited_by_hand_is_still_tampered(tmp_path, mini):
    doc = make_handin(mini, "ana", {"mini-single": "engineer"}, created="2026-03-02T10:00:00.000Z")
    doc["answers"][0].update(score=1.0, correct=True)            # the answer, not its history, edited
    folder = tmp_path / "handins"
    folder.mkdir()
    (folder / "ana.json").write_text(json.dumps(doc), encoding="utf-8")
    rep = report.build(folder, seeds=SEEDS)
    assert _skipped(rep) == {"ana.json": "tampered: the score of mini-single (1.00) does not match its answer (0.00)"}


# -- a student retypes their name with other capitals ---------------------------------------------------

def test_a_name_retyped_with_other_capitals_and_spaces_is_one_student(home, tmp_path, capsys):
    set_name("Ana Lopez")
    _check(medialit.quiz("mini-single"), "mayor")
    panel = panels.whoami()
    (name_box, _), status = panel.widget.children[0].children, panel.widget.children[1]
    name_box.value = "ana  LOPEZ"
    assert "together with the answers saved earlier as Ana Lopez" in status.value
    _check(medialit.quiz("mini-weeks"), 11)
    assert "kept together with those saved as 'Ana Lopez'" in capsys.readouterr().err
    assert len(list((home / "students").glob("*.json"))) == 1
    written = handin.export(tmp_path / "handins")
    assert len(written) == 1
    doc = read_handin(written[0].path)
    assert doc["student"] == "Ana Lopez"
    assert sorted(a["question"] for a in doc["answers"]) == ["mini-single", "mini-weeks"]   # nothing lost


def test_a_store_an_earlier_kit_wrote_under_another_spelling_is_found(home):
    from medialit.classroom.names import safe_name

    old = home / "students" / f"{safe_name('Ana Lopez')}.json"      # the old kit hashed the exact name
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"schema": "medialit.progress/1", "student": "Ana Lopez", "updated": None,
                               "answers": {"mini-article": {"mini-single": {"answer": "mayor", "attempts": 1}}}}),
                   encoding="utf-8")
    for spelling in ("Ana Lopez", "ana lopez", " ANA   Lopez "):
        assert Store(spelling).path == old
        assert Store(spelling).get("mini-article", "mini-single")["answer"] == "mayor"


def test_the_report_merges_spellings_of_one_name_and_says_so(tmp_path, mini):
    folder = tmp_path / "handins"
    folder.mkdir()
    for name, created, answers in (("Ana Lopez", "2026-03-02T10:00:00.000Z", {"mini-single": "mayor"}),
                                   ("ana lopez", "2026-03-02T11:00:00.000Z", {"mini-single": "mayor",
                                                                              "mini-weeks": 11})):
        doc = make_handin(mini, name, answers, created=created)
        (folder / f"{name}.json").write_text(json.dumps(doc), encoding="utf-8")
    rep = report.build(folder, seeds=SEEDS)
    assert list(rep.students["student"]) == ["ana lopez"] and rep.students.loc[0, "answered"] == 2
    reason = _skipped(rep)["Ana Lopez.json"]
    assert reason.startswith("duplicate: Ana Lopez handed in again as 'ana lopez' (the same student as 'Ana Lopez'")
    assert "one student under two spellings: ana lopez (also handed in as Ana Lopez)" in rep.summary()
    assert identity("Ａｎａ  LOPEZ") == identity("ana lopez")


# -- names Check accepts but export refused, or answers shown right but never saved ----------------------

LONG = "a" * (MAX_NAME + 1)


def test_an_over_long_name_is_refused_the_same_way_at_whoami_check_export_and_report(home, tmp_path, monkeypatch,
                                                                                    mini):
    panel = panels.whoami()
    name_box = panel.widget.children[0].children[0]
    name_box.value = LONG
    assert f"use at most {MAX_NAME}" in panel.widget.children[1].value
    monkeypatch.setenv("JUPYTERHUB_USER", LONG)                 # a long hub login: nothing to type
    assert f"use at most {MAX_NAME}" in panels.whoami().widget.children[0].value
    q = medialit.quiz("mini-single")
    assert _check(q, "mayor").correct
    assert "Not saved:" in q.feedback_area.value and f"use at most {MAX_NAME}" in q.feedback_area.value
    assert not (home / "students").exists()
    with pytest.raises(ProgressError, match=f"use at most {MAX_NAME}"):
        handin.export(tmp_path / "handins")
    doc = make_handin(mini, LONG, {"mini-single": "mayor"}, created="2026-03-02T10:00:00.000Z")
    path = tmp_path / "long.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(HandinError, match=f"student must be a name the kit can take: .*use at most {MAX_NAME}"):
        read_handin(path)


def test_a_login_name_that_is_not_utf8_is_said_at_the_first_check_not_at_hand_in(home, tmp_path, monkeypatch,
                                                                                  capsys):
    monkeypatch.setitem(os.environ, "JUPYTERHUB_USER", "ana\udcff")   # what os.environ gives for a stray byte
    assert "not valid UTF-8" in panels.whoami().widget.children[0].value
    q = medialit.quiz("mini-single")
    _check(q, "mayor")
    assert "Not saved:" in q.feedback_area.value and "not valid UTF-8" in q.feedback_area.value
    assert "not valid UTF-8" in capsys.readouterr().err
    with pytest.raises(ProgressError, match="not valid UTF-8"):
        handin.export(tmp_path / "handins")


# -- a store written by a newer kit ---------------------------------------------------------------------

def test_a_store_from_a_newer_kit_is_left_untouched_and_read_only(home, capsys, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    store = Store("ana")
    store.path.parent.mkdir(parents=True)
    newer = {"schema": "medialit.progress/2", "student": "ana", "updated": None,    # a shape this kit cannot read
             "answers": [{"article": "mini-article", "question": "mini-single", "answer": "mayor"}]}
    content = json.dumps(newer).encode("utf-8")
    store.path.write_bytes(content)
    assert store.load()["answers"] == {}
    with pytest.raises(ProgressError, match=r"newer medialit \(medialit.progress/2\).*left untouched"):
        store.save("mini-article", "mini-single", "mayor", score=1.0, correct=True, attempts=1)
    q = medialit.quiz("mini-single")
    _check(q, "mayor")
    assert "Not saved:" in q.feedback_area.value and "newer medialit" in q.feedback_area.value
    assert store.path.read_bytes() == content                          # untouched, byte for byte
    assert not list(store.path.parent.glob("*.damaged-*"))              # never renamed aside
    assert "newer medialit" in capsys.readouterr().err


# -- report --out over an earlier report -------------------------------------------------------------------

def test_a_report_is_never_written_over_an_earlier_one_without_force(tmp_path, mini):
    folder = tmp_path / "handins"
    folder.mkdir()
    doc = make_handin(mini, "ana", {"mini-single": "mayor"}, created="2026-03-02T10:00:00.000Z")
    (folder / "ana.json").write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "class-report"
    rep, _ = report.run(folder, out, seeds=SEEDS, progress=None)
    before = (out / "students.csv").read_bytes()
    (folder / "bob.json").write_text(json.dumps({**doc, "student": "bob"}), encoding="utf-8")
    with pytest.raises(FileExistsError, match="already holds a class report.*nothing was written.*--force"):
        report.run(folder, out, seeds=SEEDS, progress=None)
    with pytest.raises(FileExistsError):
        report.write(rep, out)
    assert (out / "students.csv").read_bytes() == before
    report.run(folder, out, seeds=SEEDS, progress=None, force=True)
    assert b"bob" in (out / "students.csv").read_bytes()


# -- CSV formula injection ------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def test_no_csv_cell_begins_like_a_formula(tmp_path, mini):
    folder = tmp_path / "handins"
    folder.mkdir()
    for n, student in enumerate(FORMULAS):
        doc = make_handin(mini, student, {"mini-single": "engineer", "mini-weeks": -2, "mini-reflect": student},
                          created="2026-03-02T10:00:00.000Z")     # a wrong choice, a wrong number, an open answer
        (folder / f"s{n}.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "=cmd|' calc'!A0.json").write_text("{", encoding="utf-8")
    (folder / "+1.txt").write_text("x", encoding="utf-8")
    rep = report.build(folder, seeds=SEEDS)
    assert len(rep.students) == len(FORMULAS)
    out = tmp_path / "out"
    report.write(rep, out)
    import csv

    for path in out.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
    students = (out / "students.csv").read_text(encoding="utf-8")
    assert "'+SUM(1,2)" in students and "'=HYPERLINK(" in students and "'-2+3" in students
    assert "'=cmd|' calc'!A0.json" in (out / "skipped.csv").read_text(encoding="utf-8")
    responses = (out / "responses.csv").read_text(encoding="utf-8")        # the students' own open answers
    assert "'+SUM(1,2)" in responses and "'=HYPERLINK(" in responses and "'@SUM(A1)" in responses
    assert {path.name for path in out.glob("*.csv")} == {"students.csv", "questions.csv", "wrong_answers.csv",
                                                         "categories.csv", "skipped.csv", "responses.csv",
                                                         "growth.csv"}


# -- hand-in times ---------------------------------------------------------------------------------------

def _write(folder: Path, name: str, doc) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def test_a_handin_dated_in_the_future_is_refused_with_the_reason(tmp_path, mini):
    doc = make_handin(mini, "ana", {"mini-single": "mayor"}, created="2099-01-01T00:00:00.000Z")
    rep = report.build(_write(tmp_path / "h", "ana.json", doc).parent, seeds=SEEDS)
    assert _skipped(rep)["ana.json"].startswith("created 2099-01-01T00:00:00.000Z is in the future")


def test_times_are_compared_as_times_not_as_text(tmp_path, mini):
    # 10:30+14:00 is 20:30 UTC the day before: earlier than 09:00Z although it sorts later as text.
    early = make_handin(mini, "ana", {"mini-single": "engineer"}, created="2026-03-02T10:30:00.000+14:00")
    late = make_handin(mini, "ana", {"mini-single": "mayor"}, created="2026-03-02T09:00:00.000Z")
    folder = tmp_path / "h"
    _write(folder, "early.json", early)
    _write(folder, "late.json", late)
    rep = report.build(folder, seeds=SEEDS)
    assert list(rep.students["file"]) == ["late.json"]
    assert _skipped(rep)["early.json"].startswith("duplicate: ana handed in again (late.json, newer)")


def test_a_check_dated_after_the_handin_was_created_is_refused(tmp_path, mini):
    doc = make_handin(mini, "ana", {"mini-single": "mayor"}, created="2026-03-02T09:00:00.000Z")
    doc["answers"][0]["history"][0]["at"] = "2026-03-02T09:00:01.000Z"
    rep = report.build(_write(tmp_path / "h", "ana.json", doc).parent, seeds=SEEDS)
    assert _skipped(rep)["ana.json"] == ("answer #1 (mini-single): a check in its history is dated after "
                                         "the hand-in was created")


# -- one bad hand-in never stops the report ----------------------------------------------------------------

def _bad_handins(mini) -> dict[str, str | dict]:
    good = make_handin(mini, "ana", {"mini-single": "mayor", "mini-weeks": 11, "mini-sort": {"a": "framing"}},
                       created="2026-03-02T10:00:00.000Z")

    def changed(edit):
        doc = copy.deepcopy(good)
        doc["student"] = f"student-{len(bad)}"
        edit(doc)
        return doc

    def answer(qid):
        return lambda doc: next(a for a in doc["answers"] if a["question"] == qid)

    def both(qid, field, value):
        def edit(doc):
            row = answer(qid)(doc)
            row[field] = row["history"][-1][field] = value
        return edit

    bad: dict[str, str | dict] = {}
    bad["big-score.json"] = changed(both("mini-single", "score", 10 ** 400))
    bad["big-number.json"] = changed(both("mini-weeks", "answer", 10 ** 400))
    bad["list-category.json"] = changed(both("mini-sort", "answer", {"a": ["framing"]}))
    bad["list-answer.json"] = changed(both("mini-sort", "answer", [["a", "framing"]]))
    bad["bad-student.json"] = json.dumps(changed(lambda d: None)).replace('"student-4"', '"ana\\udcff"')
    bad["..json"] = changed(lambda d: None)
    bad[".x.json"] = changed(lambda d: None)
    return bad


def test_each_bad_handin_is_skipped_with_its_reason_and_the_report_completes(tmp_path, mini):
    folder = tmp_path / "h"
    good = make_handin(mini, "zoe", {"mini-single": "mayor"}, created="2026-03-02T10:00:00.000Z")
    _write(folder, "zoe.json", good)
    for name, doc in _bad_handins(mini).items():
        _write(folder, name, doc)
    os.close(os.open(os.fsencode(folder) + b"/bad-\xff-name.json", os.O_CREAT | os.O_WRONLY))
    rep = report.build(folder, seeds=SEEDS)
    assert list(rep.students["student"]) == ["zoe"]
    reasons = _skipped(rep)
    assert reasons["big-score.json"].startswith("answer #1: score must be a number from 0 to 1")
    assert reasons["big-number.json"] == "tampered: the answer to mini-weeks does not fit the question"
    assert reasons["list-category.json"] == "tampered: the answer to mini-sort does not fit the question"
    assert reasons["list-answer.json"] == "tampered: the answer to mini-sort does not fit the question"
    assert reasons["bad-student.json"].startswith("student must be a name the kit can take: "
                                                  "the name is not valid UTF-8")
    assert reasons["..json"].startswith("a hidden file") and reasons[".x.json"].startswith("a hidden file")
    assert reasons["bad-\ufffd-name.json"] == "the file name is not valid UTF-8: rename the file"
    assert not any(r.startswith("could not be checked") for r in reasons.values())
    out = tmp_path / "out"
    report.write(rep, out)                                              # the CSV takes every name
    assert "bad-\ufffd-name.json" in (out / "skipped.csv").read_text(encoding="utf-8")


def test_medialit_report_refuses_an_earlier_report_and_force_replaces_it(tmp_path, mini, capsys):
    from medialit.cli import main

    folder = tmp_path / "handins"
    _write(folder, "ana.json", make_handin(mini, "ana", {"mini-single": "mayor"}, created="2026-03-02T10:00:00.000Z"))
    out = tmp_path / "class-report"
    assert main(["report", str(folder), "--out", str(out), "--seeds", SEEDS[0]]) == 0
    capsys.readouterr()
    html = (out / "report.html").read_bytes()
    assert main(["report", str(folder), "--out", str(out), "--seeds", SEEDS[0]]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out} already holds a class report") and "--force" in err
    assert (out / "report.html").read_bytes() == html
    assert main(["report", str(folder), "--out", str(out), "--seeds", SEEDS[0], "--force"]) == 0
    assert "(replaced the earlier report: --force)" in capsys.readouterr().out


def test_two_stores_an_earlier_kit_made_for_two_spellings_are_handed_in_together(home, tmp_path, capsys):
    from medialit.classroom.names import safe_name

    folder = home / "students"
    folder.mkdir(parents=True)
    for spelling, qid, answer, at in (("Ana Lopez", "mini-single", "mayor", "2026-03-02T09:00:00.000Z"),
                                      ("ana lopez", "mini-weeks", 11, "2026-03-02T10:00:00.000Z")):
        record = {"answer": answer, "score": 1.0, "correct": True, "attempts": 1, "lesson": 1, "type": None,
                  "first_at": at, "at": at, "history": [{"at": at, "answer": answer, "score": 1.0, "correct": True}]}
        (folder / f"{safe_name(spelling)}.json").write_text(json.dumps(
            {"schema": "medialit.progress/1", "student": spelling, "updated": at,
             "answers": {"mini-article": {qid: record}}}), encoding="utf-8")
    written = handin.export(tmp_path / "handins", student="ana lopez")
    doc = read_handin(written[0].path)
    assert sorted(a["question"] for a in doc["answers"]) == ["mini-single", "mini-weeks"]     # nothing lost
    assert "answers saved earlier as 'Ana Lopez'" in capsys.readouterr().err
    assert len(handin.export(tmp_path / "all", all_students=True)) == 1                       # one student
