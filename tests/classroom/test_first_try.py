"""Issue 19: each question's first check is kept once, carried by the hand-in and reported beside the final score.

Every test runs with ``MEDIALIT_HOME`` in a temporary folder. The scripted student of the
issue works through the kit's own article and public API (``medialit.quiz(id)``).
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import shutil
from pathlib import Path

import pytest

import medialit
from medialit import load_article
from medialit.classroom import handin, report
from medialit.classroom.handin import make_handin, read_handin, structure_problems, time_problems
from medialit.classroom.store import Store
from medialit.errors import HandinError
from medialit.quizzes.bank import load_bank
from tests.classroom.support import isolated_home
from tests.conftest import RESOURCES

FORK = multiprocessing.get_context("fork")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    return isolated_home(tmp_path, monkeypatch, hub_user="ana", own_mpl=True)


def _check(q, answer):
    q.answer(answer)
    return q.check()


# -- the store --------------------------------------------------------------------------------------

def test_the_first_check_is_kept_once_and_later_checks_never_replace_it():
    q = medialit.quiz("mini-single")
    _check(q, "engineer")
    for _ in range(3):
        _check(q, "mayor")
    rec = Store().get("mini-article", "mini-single")
    assert rec["answer"] == "mayor" and rec["attempts"] == 4
    first = rec["first_try"]
    assert (first["answer"], first["score"], first["correct"], first["hint_used"]) == ("engineer", 0.0, False, False)
    assert first["at"] == rec["history"][0]["at"] and q.first_try == first


def test_the_hint_shown_before_the_first_check_is_recorded_and_a_restored_quiz_keeps_its_first_try():
    q = medialit.quiz("mini-weeks")
    q.hint()
    _check(q, 12)
    again = medialit.quiz("mini-weeks")              # a later kernel: the quiz comes back
    assert again.first_try["answer"] == 12 and again.first_try["hint_used"] is True
    _check(again, 11)
    rec = Store().get("mini-article", "mini-weeks")
    assert rec["first_try"]["answer"] == 12 and rec["first_try"]["correct"] is False
    assert rec["hint_used"] is True and rec["correct"] is True


def test_no_hint_no_hint_used():
    q = medialit.quiz("mini-multi")                  # has no hint: asking for it shows nothing
    assert not q.question.hint
    q.hint()
    _check(q, ["reckless", "stormy"])
    rec = Store().get("mini-article", "mini-multi")
    assert rec["hint_used"] is False and rec["first_try"]["hint_used"] is False


def test_an_earlier_check_that_waited_for_the_lock_becomes_the_first_try():
    store = Store("ana")
    store.save("art", "q", "later", score=1.0, correct=True, attempts=1, at="2026-05-10T09:00:02.000Z")
    store.save("art", "q", "earlier", score=0.0, correct=False, attempts=1, at="2026-05-10T09:00:01.000Z")
    store.save("art", "q", "last", score=1.0, correct=True, attempts=1, at="2026-05-10T09:00:03.000Z")
    rec = store.get("art", "q")
    assert rec["first_try"]["answer"] == "earlier" and rec["first_at"] == "2026-05-10T09:00:01.000Z"
    assert rec["answer"] == "last" and rec["attempts"] == 3


def _kernel(folder: str, name: str, count: int, barrier) -> None:
    store = Store("ana", folder)
    barrier.wait()
    for i in range(count):
        store.save("art", "shared", f"{name}-{i}", score=float(i % 2), correct=bool(i % 2), attempts=i + 1)


def test_two_kernels_checking_the_same_question_keep_the_earliest_check(home):
    folder = str(home / "students")
    barrier = FORK.Barrier(2)
    procs = [FORK.Process(target=_kernel, args=(folder, name, 20, barrier)) for name in ("nb1", "nb2")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    rec = Store("ana", folder).get("art", "shared")
    assert rec["attempts"] == 40 and len(rec["history"]) == 40       # every check counted
    earliest = min(h["at"] for h in rec["history"])
    assert rec["first_try"]["at"] == earliest
    assert rec["first_try"]["answer"] in {h["answer"] for h in rec["history"] if h["at"] == earliest}
    assert rec["first_try"]["answer"].endswith("-0")                  # a kernel's own first check


def test_two_spellings_of_a_name_keep_the_earlier_first_try(home):
    folder = home / "students"
    Store("Ana", folder).save("art", "q", "a-first", score=0.0, correct=False, attempts=1,
                              at="2026-05-10T09:00:01.000Z")
    other = Store("Ana", folder)
    other.path = folder / "ana-0000000000000000.json"                 # a file an earlier kit named otherwise
    other.lock_path = other.path.with_name(other.path.name + ".lock")
    other.save("art", "q", "b-later", score=1.0, correct=True, attempts=1, at="2026-05-10T09:00:05.000Z")
    merged = Store("Ana", folder).get("art", "q")                     # both files, merged
    assert merged["answer"] == "b-later" and merged["first_try"]["answer"] == "a-first"


# -- the hand-in ------------------------------------------------------------------------------------

def test_the_handin_carries_the_first_try_and_its_validator_checks_it(tmp_path):
    _check(medialit.quiz("mini-single"), "engineer")
    _check(medialit.quiz("mini-single"), "mayor")
    (written,) = handin.export(tmp_path / "out")
    doc = read_handin(written.path)
    (ans,) = doc["answers"]
    assert ans["first_try"]["answer"] == "engineer" and ans["hint_used"] is False
    for broken, needle in [({**ans["first_try"], "score": 2}, "first_try needs"),
                           ({**ans["first_try"], "hint_used": "no"}, "first_try needs"),
                           ({k: v for k, v in ans["first_try"].items() if k != "at"}, "first_try needs"),
                           ({**ans["first_try"], "correct": None}, "correct must be true or false"),
                           ("engineer", "first_try needs")]:
        bad = json.loads(json.dumps(doc))
        bad["answers"][0]["first_try"] = broken
        assert any(needle in p for p in structure_problems(bad)), broken
    late = json.loads(json.dumps(doc))
    late["answers"][0]["first_try"]["at"] = "2099-01-01T00:00:00.000Z"
    assert any("its first try is dated after" in p for p in time_problems(late))
    bad = json.loads(json.dumps(doc))
    bad["answers"][0]["hint_used"] = "yes"
    assert any("hint_used must be" in p for p in structure_problems(bad))
    (tmp_path / "bad.json").write_text(json.dumps(late), encoding="utf-8")
    with pytest.raises(HandinError, match="first try"):
        read_handin(tmp_path / "bad.json")


def test_a_key_fixed_after_the_handins_regrades_the_first_try_too(tmp_path):
    mini = load_article(RESOURCES / "mini-article")
    folder = tmp_path / "handins"
    folder.mkdir()
    doc = make_handin(mini, "ana", {"mini-single": "mayor"}, earlier={"mini-single": ["engineer"]},
                      created="2026-03-02T10:00:00.000Z")
    (folder / "ana.json").write_text(json.dumps(doc), encoding="utf-8")
    before = report.build(folder, seeds=[str(RESOURCES)]).students.iloc[0]
    assert (before["first_try_right"], before["right"]) == (0, 1)
    fixed = tmp_path / "seeds"
    shutil.copytree(RESOURCES / "mini-article", fixed / "mini-article")
    bank = fixed / "mini-article" / "quizzes.yaml"
    text = bank.read_text(encoding="utf-8")
    assert text.count("\n  answer: mayor\n") == 1
    bank.write_text(text.replace("\n  answer: mayor\n", "\n  answer: engineer\n"), encoding="utf-8")
    after = report.build(folder, seeds=[str(fixed)]).students.iloc[0]
    assert (after["first_try_right"], after["right"]) == (1, 0)        # the first try was right all along
    assert "mini-single (first try: 0.00 -> 1.00" in after["regraded"]


# -- the scripted student, through the kit's own article ------------------------------------

def _wrong(question):
    return next(o.id for o in question.options if o.id != question.answer)


def test_the_scripted_student_shows_a_first_try_of_5_of_11_in_students_csv_and_the_page(tmp_path, monkeypatch):
    """Five questions wrong then right, five right at once, one wrong then right sixty times."""
    monkeypatch.setenv("MEDIALIT_SEEDS", str(ROOT / "seeds"))
    bank = load_bank(load_article("raqqa-exodus"))
    chosen = [q for q in bank.values() if q.type == "single_choice" and not q.summative][:11]
    assert len(chosen) == 11
    retried, at_once, stubborn = chosen[:5], chosen[5:10], chosen[10]
    for q in retried:
        quiz = medialit.quiz(q.id)
        assert _check(quiz, _wrong(q)).score == 0.0
        assert _check(quiz, q.answer).correct
    for q in at_once:
        assert _check(medialit.quiz(q.id), q.answer).correct
    quiz = medialit.quiz(stubborn.id)
    _check(quiz, _wrong(stubborn))
    for _ in range(60):
        _check(quiz, stubborn.answer)
    saved = Store().get("raqqa-exodus", stubborn.id)
    assert saved["history"][0]["correct"] is True          # history keeps the last 50: its head is a retry

    handin.export(tmp_path / "handins")
    rep, _ = report.run(tmp_path / "handins", tmp_path / "report", seeds=[str(ROOT / "seeds")], progress=None)
    with open(tmp_path / "report" / "students.csv", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    graded = sum(not q.key_withheld and q.type != "open"        # open answers: scored by the teacher
                 for q in load_bank(load_article("raqqa-exodus"), teacher_keys=True).values())
    assert (row["answered"], row["right"], row["first_try_right"]) == ("11", "11", "5")
    assert row["attempts"] == str(5 * 2 + 5 + 61) and row["hints_used"] == "0"
    assert float(row["first_try_score"]) == pytest.approx(5 / graded)
    assert float(row["score"]) == pytest.approx(11 / graded)
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert "<td>5 of 11</td>" in page and "first-try score" in page
    questions = rep.questions.set_index("question")
    assert questions.loc[stubborn.id, "right_first_time"] == 0.0      # from the first try, not history[0]
    assert questions.loc[at_once[0].id, "right_first_time"] == 1.0


def test_my_progress_shows_first_try_and_final_with_why_it_matters():
    _check(medialit.quiz("mini-single"), "engineer")
    _check(medialit.quiz("mini-single"), "mayor")
    _check(medialit.quiz("mini-multi"), ["reckless", "stormy"])
    mine = medialit.my_progress()
    assert mine.first_try == {"answered": 2, "right": 2, "right_first_try": 1, "known": 2}
    assert mine.lessons.set_index("lesson").loc[1, "first_try_score"] == pytest.approx(0.5)
    page = mine._repr_html_()
    assert "2 of 2 questions right now; 1 right at your first try." in page
    assert "it never changes your first try" in page and "<th scope=col>First try</th>" in page
