"""The SemEval-2020 span score, checked against hand-computed values."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit.text.spans import merge, score, score_many


def test_exact_match_scores_one():
    s = score([(0, 10)], [(0, 10)])
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_half_right_highlight_earns_half_credit():
    # predicted 0..10 against gold 5..10: P = 5/10, R = 5/5
    s = score([(0, 10)], [(5, 10)])
    assert s.precision == 0.5 and s.recall == 1.0
    assert math.isclose(s.f1, 2 * 0.5 * 1.0 / 1.5)


def test_hand_computed_two_by_two():
    # S = {0..4, 10..20}, T = {2..6, 12..14, 30..40}
    # P = (2/4 + 2/10) / 2 = 0.35 ; R = (2/4 + 2/2 + 0) / 3 = 0.5
    s = score([(0, 4), (10, 20)], [(2, 6), (12, 14), (30, 40)])
    assert math.isclose(s.precision, 0.35) and math.isclose(s.recall, 0.5)
    assert math.isclose(s.f1, 2 * 0.35 * 0.5 / 0.85)


def test_empty_cases():
    assert score([], []).f1 == 1.0
    assert score([], [(0, 3)]).f1 == 0.0
    assert score([(0, 3)], []).f1 == 0.0


def test_overlapping_spans_are_merged_but_touching_ones_are_not():
    assert merge([(5, 9), (0, 6), (9, 12)]) == [(0, 9), (9, 12)]
    # highlighting the same words twice earns nothing extra
    assert score([(0, 5), (0, 5), (1, 4)], [(0, 5)]).f1 == 1.0


@pytest.mark.parametrize("bad", [[(3, 3)], [(5, 2)], [(-1, 2)], [("a", 2)], [(1.5, 3)], [(1,)], ["xy"], [None]])
def test_malformed_spans_are_clear_errors(bad):
    with pytest.raises(ValueError, match="span"):
        score(bad, [(0, 1)])


def test_score_many_adds_up_before_dividing():
    pred = {"a": [(0, 10)], "b": [(0, 4)]}
    gold = {"a": [(0, 5)], "b": [(0, 4)], "c": [(0, 2)]}
    s = score_many(pred, gold)
    assert math.isclose(s.precision, (0.5 + 1.0) / 2)
    assert math.isclose(s.recall, (1.0 + 1.0 + 0.0) / 3)


spans = st.lists(st.tuples(st.integers(0, 50), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=6)


@given(spans, spans)
def test_scores_stay_between_zero_and_one(pred, gold):
    s = score(pred, gold)
    for value in (s.precision, s.recall, s.f1):
        assert 0.0 <= value <= 1.0 + 1e-9


@given(spans)
def test_perfect_prediction_scores_one(gold):
    assert math.isclose(score(gold, gold).f1, 1.0)
