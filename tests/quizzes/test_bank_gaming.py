"""Issue 19: answers that take no reading earn nothing on the kit's own quiz bank.

Measured over every question of ``seeds/raqqa-exodus/quizzes.yaml`` through the public API
(``medialit.quiz(id)``, answered and checked from code as a student could), exit tickets
with the teacher's keys: ticking every box of a multi-choice question scores at most 0.10
on average and is never right; highlighting the whole passage in one drag is never right.
Each property is also run against the old scoring rule, to show that it would fail.
"""

from __future__ import annotations

import pytest

import medialit
from medialit.article.model import load_article
from medialit.quizzes import scoring
from medialit.quizzes.bank import load_bank
from medialit.quizzes.scoring import grade

SLUG = "raqqa-exodus"
MAX_TICK_ALL_MEAN = 0.10


@pytest.fixture(autouse=True)
def no_saving(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MEDIALIT_PROGRESS", "off")


@pytest.fixture(scope="module")
def bank():
    return load_bank(load_article(SLUG), teacher_keys=True)


def _check(question, answer):
    """Check ``answer`` as a student would: the quiz widget for lesson questions, the teacher's
    grading for exit tickets (a student's kernel does not score those)."""
    if question.summative:
        return grade(question, question.coerce(answer))
    quiz = medialit.quiz(question.id, SLUG)
    quiz.answer(answer)
    return quiz.check()


def tick_all(bank) -> dict:
    """Question id -> (score, correct) when every option is ticked."""
    return {q.id: (r.score, r.correct) for q in bank.values() if q.type == "multi_choice"
            for r in [_check(q, [o.id for o in q.options])]}


def whole_passage(bank) -> dict:
    """Question id -> (score, correct) when the whole passage is highlighted in one drag."""
    return {q.id: (r.score, r.correct) for q in bank.values() if q.type == "highlight"
            for r in [_check(q, [(q.passage.start, q.passage.end)])]}


def tick_all_problems(results: dict) -> list[str]:
    problems = [f"{qid}: ticking every box is marked right" for qid, (_, right) in results.items() if right]
    mean = sum(score for score, _ in results.values()) / len(results)
    if mean > MAX_TICK_ALL_MEAN:
        worst = max(results, key=lambda qid: results[qid][0])
        problems.append(f"ticking every box scores {mean:.2f} on average (at most {MAX_TICK_ALL_MEAN}); "
                        f"worst {worst} {results[worst][0]:.2f}")
    return problems


def whole_passage_problems(results: dict) -> list[str]:
    return [f"{qid}: highlighting the whole passage is marked right (score {score:.2f})"
            for qid, (score, right) in results.items() if right]


def test_the_bank_has_questions_of_both_kinds(bank):
    assert sum(q.type == "multi_choice" for q in bank.values()) >= 5
    assert sum(q.type == "highlight" for q in bank.values()) >= 5


def test_ticking_every_box_earns_nothing(bank):
    results = tick_all(bank)
    assert tick_all_problems(results) == []
    assert all(score == 0.0 for score, _ in results.values())     # formula scoring: exactly 0


def test_highlighting_the_whole_passage_is_never_right(bank):
    results = whole_passage(bank)
    assert whole_passage_problems(results) == []


def _old_multi(right, wrong, key, distractors):
    return max(0.0, (right - wrong) / key)


def test_the_old_multi_choice_rule_fails_the_tick_all_check(bank, monkeypatch):
    monkeypatch.setattr(scoring, "multi_score", _old_multi)
    problems = tick_all_problems(tick_all(bank))
    assert any("on average" in p for p in problems), problems


def test_the_old_highlight_rule_fails_the_whole_passage_check(bank, monkeypatch):
    monkeypatch.setattr(scoring, "MIN_PRECISION", 0.0)          # F1 and a phrase found, as before issue 19
    monkeypatch.setattr(scoring, "MIN_LEFT_UNMARKED", 0.0)
    problems = whole_passage_problems(whole_passage(bank))
    assert problems, "the old rule marked a whole passage right on some question; the check must see it"
