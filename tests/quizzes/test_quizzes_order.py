"""Answer order: options shuffled per student and question, and the real bank checked for position and length cues.

Issue 18: the right option was first in every single-choice question and led every
multi-choice one, and it was the longest in most; a student who always picks the first
(or the longest) option scored without reading.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

from medialit import load_article
from medialit.quizzes.bank import load_bank
from medialit.quizzes.order import display_order
from tests.conftest import ROOT

from .test_quizzes_support import mini

CLASS = [f"student-{n:02d}" for n in range(1, 31)]      # a class of 30 simulated students


def _raqqa_choices():
    bank = load_bank(load_article(ROOT / "seeds" / "raqqa-exodus"), teacher_keys=True)
    return [q for q in bank.values() if q.type in ("single_choice", "multi_choice")]


def _correct(question) -> set[str]:
    return {question.answer} if question.type == "single_choice" else set(question.answer)


def test_the_order_is_the_same_every_time_and_differs_between_students():
    items = list("abcdef")
    assert display_order(items, "q1", "ana") == display_order(items, "q1", "ana")   # after a restart too
    assert sorted(display_order(items, "q1", "ana")) == items                      # nothing lost or added
    orders = {tuple(display_order(items, "q1", name)) for name in CLASS}
    assert len(orders) > 10                    # students do not share one order
    assert len({tuple(display_order(items, f"q{n}", "ana")) for n in range(30)}) > 10


def test_the_widget_shows_the_students_order_and_answers_stay_option_ids():
    from medialit.quizzes.widgets import Quiz

    question = load_bank(mini())["mini-single"]
    seen = set()
    for name in CLASS[:10]:
        quiz = Quiz(question, mini(), student=name)
        shown = [value for _label, value in quiz._controls.widget.options]
        assert shown == [o.id for o in display_order(question.options, question.id, name)]
        seen.add(tuple(shown))
        quiz.answer(question.answer)
        assert quiz.check().correct                    # the key is an option id, not a position
    assert len(seen) > 1


def test_correct_options_are_spread_over_the_displayed_positions():
    """For 30 students, each displayed position holds the right option about as often as chance."""
    observed, expected = Counter(), Counter()
    for question in _raqqa_choices():
        right, n = _correct(question), len(question.options)
        for name in CLASS:
            for position, option in enumerate(display_order(question.options, question.id, name)):
                observed[position] += option.id in right
                expected[position] += len(right) / n
    for position, mean in expected.items():
        # Within 4 standard deviations (binomial, generous) of chance; file order gives
        # every right answer in position 0, tens of deviations away.
        assert abs(observed[position] - mean) <= 4 * math.sqrt(mean), (position, observed, expected)


def test_always_picking_the_first_option_scores_no_better_than_chance():
    singles = [q for q in _raqqa_choices() if q.type == "single_choice"]
    chance = sum(1 / len(q.options) for q in singles) / len(singles)
    for name in CLASS:
        first = sum(display_order(q.options, q.id, name)[0].id == q.answer for q in singles) / len(singles)
        assert first <= chance + 0.3, (name, first, chance)


def _longest_is_right(questions) -> list[str]:
    out = []
    for question in questions:
        longest = max(len(o.text) for o in question.options)
        tops = [o for o in question.options if len(o.text) == longest]
        if len(tops) == 1 and tops[0].id in _correct(question):
            out.append(question.id)
    return out


def test_the_right_option_is_the_longest_no_more_often_than_chance():
    """Picking the longest option scores no better than picking at random (issue 18: it was 25 of 35)."""
    questions = _raqqa_choices()
    longest = _longest_is_right(questions)
    # Expected by chance: each question's share of right options (1/n single, k/n multi).
    chance = sum(len(_correct(q)) / len(q.options) for q in questions)
    assert len(longest) <= chance, f"{len(longest)} of {len(questions)} (chance {chance:.1f}): {' '.join(longest)}"


def test_a_wordy_right_option_is_caught():
    """The check above is not vacuous: pad every right option with a clause and it fails."""
    questions = [dataclasses.replace(q, options=tuple(
        dataclasses.replace(o, text=o.text + ", as the sources show in detail" * 4) if o.id in _correct(q) else o
        for o in q.options)) for q in _raqqa_choices()]
    chance = sum(len(_correct(q)) / len(q.options) for q in questions)
    assert len(_longest_is_right(questions)) > chance


def test_right_and_wrong_options_of_multi_choice_are_about_as_long():
    """Issue 19: keys averaged 71 characters against 37 for distractors, a cue to tick the long ones."""
    right, wrong = [], []
    for question in _raqqa_choices():
        if question.type == "multi_choice":
            for option in question.options:
                (right if option.id in _correct(question) else wrong).append(len(option.text))
    ratio = (sum(right) / len(right)) / (sum(wrong) / len(wrong))
    assert ratio <= 1.2, f"right options average {ratio:.2f} times the length of wrong ones"
