"""Answer order: options shuffled per student and question, and the real bank checked for position and length cues.

Issue 18: the right option was first in every single-choice question and led every
multi-choice one, and it was the longest in most; a student who always picks the first
(or the longest) option scored without reading.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

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


def _longest_is_right() -> list[str]:
    out = []
    for question in _raqqa_choices():
        longest = max(len(o.text) for o in question.options)
        tops = [o for o in question.options if len(o.text) == longest]
        if len(tops) == 1 and tops[0].id in _correct(question):
            out.append(question.id)
    return out


# Today's bank (seeds/raqqa-exodus/quizzes.yaml, content owned by the lessons' authors): the
# right option is the single longest in these questions; their options need rewording.
LONGEST_TODAY = ("l1-two-dates l1-opinion-clues l1-links l1-attributed l2-leadin-voice l2-monitoring-voice "
                 "l2-untraced l3-mattis-cut l3-dillon-changes p1-about-box p2-tricked-voice l4-mad-dog "
                 "l4-pattern-question l5-no-evidence l5-counterfactual l5-analogy l5-inconsistencies "
                 "l6-left-out l7-map-read l7-exit-trace l7-exit-question p4-casually p5-most-foreign "
                 "p6-only-source p6-hedges")


@pytest.mark.xfail(strict=False, reason=(
    "issue 18: in 25 of 35 choice questions the right option is the longest; the option texts "
    f"need rewording (content, quizzes.yaml): {LONGEST_TODAY}"))
def test_the_right_option_is_the_longest_in_no_more_than_half_the_questions():
    questions = _raqqa_choices()
    longest = _longest_is_right()
    assert len(longest) <= len(questions) / 2, f"{len(longest)} of {len(questions)}: {' '.join(longest)}"
