"""Scoring of every question type: right, wrong, partial, empty and malformed answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit.quizzes import QuizAnswerError
from medialit.quizzes.scoring import grade
from medialit.text.spans import score as span_score

from .test_quizzes_support import mini, mini_bank


def check(qid, value):
    question = mini_bank()[qid]
    return grade(question, question.coerce(value))


def malformed(qid, value, *needles):
    with pytest.raises(QuizAnswerError) as info:
        mini_bank()[qid].coerce(value)
    message = str(info.value)
    assert qid in message
    for needle in needles:
        assert needle in message
    return message


def test_every_type_is_in_the_fixture_bank():
    assert {q.type for q in mini_bank().values()} == {
        "single_choice", "multi_choice", "categorize", "highlight", "numeric"}


# -- single_choice ----------------------------------------------------------------------

def test_single_right_explains_with_option_feedback_and_explanation():
    result = check("mini-single", "mayor")
    assert (result.correct, result.score, result.answered) == (True, 1.0, True)
    assert result.feedback.startswith("✓ Correct.")
    assert "said the mayor" in result.feedback              # the option's feedback
    assert "Why: A direct quote gives" in result.feedback   # the explanation


def test_single_wrong_explains_the_chosen_option():
    result = check("mini-single", "engineer")
    assert (result.correct, result.score) == (False, 0.0)
    assert result.feedback.startswith("✗ Not quite.")
    assert "retold in the reporter's words" in result.feedback
    assert "Why:" in result.feedback


def test_single_empty_is_no_answer():
    for empty in (None, ""):
        result = check("mini-single", empty)
        assert (result.answered, result.correct, result.score) == (False, False, 0.0)
        assert "No answer yet" in result.feedback


@pytest.mark.parametrize("value, needle", [(2, "give one option id"), ("mayr", "no option 'mayr'"),
                                           (["mayor"], "give one option id")])
def test_single_malformed(value, needle):
    malformed("mini-single", value, needle)


# -- multi_choice -----------------------------------------------------------------------

@pytest.mark.parametrize("picked, score, correct", [
    (["reckless", "stormy"], 1.0, True),
    (["stormy", "reckless", "stormy"], 1.0, True),       # order and repeats do not matter
    (["reckless"], 0.5, False),                           # half the key
    (["reckless", "stormy", "weeks"], 0.5, False),        # (2 - 1) / 2
    (["reckless", "weeks"], 0.0, False),                  # (1 - 1) / 2
    (["reckless", "stormy", "weeks", "footpath"], 0.0, False),   # ticking everything earns nothing
    (["weeks", "footpath"], 0.0, False),                  # floored at 0, not -1
])
def test_multi_partial_credit(picked, score, correct):
    result = check("mini-multi", picked)
    assert result.score == pytest.approx(score)
    assert result.correct is correct


def test_multi_feedback_names_right_wrong_and_missed():
    result = check("mini-multi", ["reckless", "weeks"])
    assert "✓ reckless gamble: yes" in result.feedback
    assert "✗ eleven weeks: not one of them — A figure credited" in result.feedback
    assert "○ missed stormy (you left this one out)" in result.feedback
    assert "1 of 2 right, 1 wrong" in result.feedback


def test_multi_empty_is_no_answer():
    for empty in (None, [], ()):
        assert check("mini-multi", empty).answered is False


@pytest.mark.parametrize("value, needle", [("reckless", "give a list"), (["nope"], "no option 'nope'"),
                                           ([1], "option ids are text"), ({"reckless": 1}, "give a list")])
def test_multi_malformed(value, needle):
    malformed("mini-multi", value, needle)


@given(st.sets(st.sampled_from(["reckless", "stormy", "weeks", "footpath"]), min_size=1))
def test_multi_score_is_the_documented_formula(picked):
    key = {"reckless", "stormy"}
    expected = max(0.0, (len(picked & key) - len(picked - key)) / len(key))
    result = check("mini-multi", sorted(picked))
    assert result.score == pytest.approx(expected)
    assert result.correct == (picked == key)


# -- categorize -------------------------------------------------------------------------

RIGHT_SORT = {"a": "quoted_reporting", "b": "framing", "c": "generalization", "d": "none"}


def test_categorize_right():
    result = check("mini-sort", RIGHT_SORT)
    assert (result.correct, result.score) == (True, 1.0)
    assert "4 of 4 sorted right" in result.feedback
    assert "The mayor's own words" in result.feedback        # the annotation's note
    assert "A plain, checkable fact" in result.feedback      # a text item's own feedback


def test_categorize_partial_counts_unsorted_as_wrong():
    result = check("mini-sort", {"a": "framing", "b": "framing"})
    assert result.score == pytest.approx(0.25)
    assert not result.correct
    assert "you said framing language; it is quoted reporting" in result.feedback
    assert "○ not sorted: “Everyone in Millbrook" in result.feedback


def test_categorize_all_wrong():
    result = check("mini-sort", {"a": "none", "b": "none", "c": "none", "d": "framing"})
    assert (result.correct, result.score) == (False, 0.0)


def test_categorize_empty_is_no_answer():
    assert check("mini-sort", {}).answered is False
    assert check("mini-sort", {"a": None}).answered is False


@pytest.mark.parametrize("value, needle", [
    (["framing"], "give a dict"), ({"z": "framing"}, "no item 'z'"),
    ({"a": "spin"}, "unknown category 'spin'"),
])
def test_categorize_malformed(value, needle):
    malformed("mini-sort", value, needle)


def test_categorize_derives_answers_left_out_from_the_annotations():
    question = mini_bank()["mini-sort-2"]
    assert question.answer == {"e": "quoted_reporting", "f": "framing"}


# -- highlight --------------------------------------------------------------------------

def _spans(*texts):
    text = mini().text
    return [(text.index(t), text.index(t) + len(t)) for t in texts]


def test_highlight_exact_key_scores_1_and_quotes_notes():
    result = check("mini-highlight", _spans("reckless gamble", "stormy"))
    assert (result.correct, result.score) == (True, 1.0)
    assert "You found 2 of 2" in result.feedback
    assert "✓ found “reckless gamble”" in result.feedback
    assert "tells the reader what to think of the plan" in result.feedback   # annotation note


def test_highlight_half_a_span_earns_half_credit():
    result = check("mini-highlight-2", _spans("Everyone in Millbrook knows the council never"))
    gold = _spans("Everyone in Millbrook knows the council never finishes a project on time")
    expected = span_score(_spans("Everyone in Millbrook knows the council never"), gold)
    assert result.score == pytest.approx(expected.f1, abs=1e-4)
    assert 0.5 < result.score < 1
    assert result.correct                        # F1 above the default pass mark 0.5


def test_highlight_missed_and_over_flagged_are_listed():
    result = check("mini-highlight", _spans("reckless gamble", "five votes"))
    assert result.details["precision"] == pytest.approx(0.5)
    assert result.details["recall"] == pytest.approx(0.5)
    assert "○ missed “stormy”" in result.feedback
    assert "✗ over-flagged “five votes” is not in the key" in result.feedback
    kinds = sorted(m["kind"] for m in result.details["marks"])
    assert kinds == ["extra", "found", "missed"]


def test_highlight_below_the_pass_mark_is_not_correct():
    result = check("mini-highlight", _spans("Critics called the plan a reckless gamble with public money"))
    assert result.score < 0.5 and not result.correct


def test_highlight_wrong_words_score_0():
    result = check("mini-highlight", _spans("footpath"))
    assert (result.correct, result.score) == (False, 0.0)


def test_highlight_empty_is_no_answer():
    assert check("mini-highlight", []).answered is False


@pytest.mark.parametrize("value, needle", [
    ("reckless", "give a list of (start, end)"),
    ([(400,)], "(start, end) pair"),
    ([(400.0, 405)], "whole numbers"),
    ([(405, 400)], "0 <= start < end"),
    ([(10, 20)], "outside the passage"),
    ([(700, 800)], "outside the passage"),
])
def test_highlight_malformed(value, needle):
    malformed("mini-highlight", value, needle)


@given(st.lists(st.tuples(st.integers(370, 714), st.integers(1, 40)), max_size=4))
def test_highlight_score_is_the_semeval_f1(raw):
    question = mini_bank()["mini-highlight"]
    spans = [(s, min(s + n, question.passage.end)) for s, n in raw]
    spans = [(s, e) for s, e in spans if s < e]
    result = grade(question, question.coerce(spans))
    if not spans:
        assert result.answered is False
        return
    expected = span_score(spans, [(k.start, k.end) for k in question.key]).f1
    assert result.score == pytest.approx(expected, abs=1e-4)
    assert result.correct == (expected >= question.pass_mark)


# -- numeric ----------------------------------------------------------------------------

def test_numeric_right_and_wrong():
    right = check("mini-weeks", 11)
    assert (right.correct, right.score) == (True, 1.0)
    assert "11 weeks is right" in right.feedback
    high, low = check("mini-weeks", 12.5), check("mini-weeks", 3)
    assert (high.correct, high.score) == (False, 0.0)
    assert "12.5 weeks is too high" in high.feedback and "3 weeks is too low" in low.feedback
    assert "Why: The engineer estimated" in high.feedback


def test_numeric_tolerance_is_absolute():
    assert check("mini-cost", 240_999).correct
    assert check("mini-cost", 239_000).correct
    assert not check("mini-cost", 241_001).correct


def test_numeric_empty_is_no_answer():
    assert check("mini-weeks", None).answered is False


@pytest.mark.parametrize("value, needle", [("11", "give a number"), (True, "give a number"),
                                           (float("nan"), "finite"), ([11], "give a number")])
def test_numeric_malformed(value, needle):
    malformed("mini-weeks", value, needle)
