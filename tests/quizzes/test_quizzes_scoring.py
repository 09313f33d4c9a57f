"""Scoring of every question type: right, wrong, partial, empty and malformed answers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit.quizzes import QuizAnswerError
from medialit.quizzes.bank import load_bank
from medialit.quizzes.scoring import MIN_LEFT_UNMARKED, MIN_PRECISION, grade
from medialit.text.spans import score as span_score

from .test_quizzes_support import article_with_bank, mini, mini_bank


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
        "single_choice", "multi_choice", "categorize", "highlight", "numeric", "open"}


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
    key, distractors = {"reckless", "stormy"}, {"weeks", "footpath"}
    expected = max(0.0, len(picked & key) / len(key) - len(picked & distractors) / len(distractors))
    result = check("mini-multi", sorted(picked))
    assert result.score == pytest.approx(expected)
    assert result.correct == (picked == key)


@pytest.mark.parametrize("picked, score", [
    (["ruiz", "becker", "critics"], 0.0),    # every box: 2/2 - 1/1
    (["ruiz", "critics"], 0.0),              # 1/2 - 1/1, floored at 0
    (["ruiz"], 0.5),
])
def test_multi_a_wrong_tick_costs_its_share_of_the_distractors(picked, score):
    """A key of two and one distractor: under the old (right - wrong) / key rule ticking all
    three scored 0.5; formula scoring gives 0."""
    result = check("mini-multi-2", picked)
    assert result.score == pytest.approx(score)
    assert result.correct is False


@given(st.integers(1, 6), st.integers(1, 6))
def test_multi_ticking_every_box_scores_exactly_0(key, distractors):
    from medialit.quizzes.scoring import multi_score
    assert multi_score(key, distractors, key, distractors) == 0.0


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
    assert "You marked all 2 phrases. Your score: 100%." in result.feedback
    assert "✓ found “reckless gamble”" in result.feedback
    assert "tells the reader what to think of the plan" in result.feedback   # annotation note


def test_highlight_feedback_has_no_jargon_for_students():
    result = check("mini-highlight", _spans("reckless gamble", "five votes"))
    for word in ("recall", "precision", "F1", "Precision"):
        assert word not in result.feedback and word not in result.html
    assert "You marked 1 of the 2 phrases; “five votes” was not one of them." in result.feedback
    # 2 of the 4 marked words are key words; the key has 3: 2*2 / (4 + 3).
    assert "Your score: 57%." in result.feedback
    assert result.feedback.count("57%") == 1          # the score once, not twice


def test_highlight_half_a_span_earns_the_word_share():
    result = check("mini-highlight-2", _spans("Everyone in Millbrook knows the council never"))
    # 7 of the key's 12 words marked, nothing else: F1 = 2*7 / (7 + 12).
    assert result.score == pytest.approx(14 / 19)
    assert result.correct                        # above the default pass mark 0.5
    assert "You marked the phrase" in result.feedback      # 7 of 13 words is most of it


def test_highlight_too_little_of_a_phrase_is_not_found():
    result = check("mini-highlight-2", _spans("Everyone in Millbrook"))
    assert [m["kind"] for m in result.details["marks"]] == ["missed"]
    assert "You marked 0 of the 1 phrase" in result.feedback
    assert not result.correct


def test_highlight_missed_and_over_flagged_are_listed():
    result = check("mini-highlight", _spans("reckless gamble", "five votes"))
    assert result.details["precision"] == pytest.approx(0.5)      # SemEval, for the teacher
    assert result.details["recall"] == pytest.approx(0.5)
    assert "○ missed “stormy”" in result.feedback
    assert "✗ over-flagged “five votes” was not one of them" in result.feedback
    kinds = sorted(m["kind"] for m in result.details["marks"])
    assert kinds == ["extra", "found", "missed"]


def test_highlight_below_the_pass_mark_is_not_correct():
    result = check("mini-highlight", _spans("Critics called the plan a reckless gamble with public money"))
    assert result.score < 0.5 and not result.correct


def test_highlight_wrong_words_score_0():
    result = check("mini-highlight", _spans("footpath"))
    assert (result.correct, result.score) == (False, 0.0)


def test_a_stray_quotation_mark_finds_nothing():
    """Issue 18: `*James “` in 00-start-here overlapped the key only by its quotation mark."""
    from medialit import load_article
    from medialit.quizzes.bank import load_bank
    from tests.conftest import ROOT

    article = load_article(ROOT / "seeds" / "raqqa-exodus")
    question = load_bank(article)["l0-try-highlighter"]
    text = article.text
    start = text.index("*James “Mad Dog”")
    stray = grade(question, question.coerce([(start + 1, start + len("*James “"))]))
    assert "found" not in {m["kind"] for m in stray.details["marks"]}
    assert not stray.correct and stray.score == 0.0
    assert "Correct" not in stray.feedback
    # The reverse: the words highlighted, a quotation mark left out, is right.
    words = text.index("Mad Dog", start)
    right = grade(question, question.coerce([(words, words + len("Mad Dog"))]))
    assert right.correct and [m["kind"] for m in right.details["marks"]] == ["found"]


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


def _word_spans(question):
    """The passage's words split into those inside the key and those outside it."""
    words = [(question.passage.start + m.start(), question.passage.start + m.end())
             for m in re.finditer(r"\w+", question.passage_text)]
    gold = [(k.start, k.end) for k in question.key]
    inside = [w for w in words if any(s <= w[0] and w[1] <= e for s, e in gold)]
    return inside, [w for w in words if w not in inside]


@given(st.sampled_from(["mini-highlight", "mini-highlight-2"]),
       st.lists(st.tuples(st.integers(0, 400), st.integers(1, 40)), max_size=4), st.data())
def test_moving_a_highlight_off_the_key_never_raises_credit(qid, raw, data):
    """Take key words out of any highlight and add non-key words: the score never rises."""
    question = mini_bank()[qid]
    lo, hi = question.passage.start, question.passage.end
    spans = [(lo + s, min(lo + s + n, hi)) for s, n in raw if lo + s < hi]
    key_words, other_words = _word_spans(question)
    dropped = data.draw(st.lists(st.sampled_from(key_words), max_size=len(key_words)))
    added = data.draw(st.lists(st.sampled_from(other_words), max_size=6))
    moved = [piece for span in spans for piece in _cut(span, dropped)] + added
    before = grade(question, question.coerce(spans)) if spans else None
    after = grade(question, question.coerce(moved)) if moved else None
    score_before = before.score if before else 0.0
    score_after = after.score if after else 0.0
    assert score_after <= score_before + 1e-12
    if after is not None and before is not None:
        assert after.details["found"] <= before.details["found"]


def _cut(span, holes):
    pieces = [span]
    for hs, he in holes:
        pieces = [p for s, e in pieces for p in ((s, min(e, hs)), (max(s, he), e)) if p[0] < p[1]]
    return pieces


@given(st.lists(st.tuples(st.integers(370, 714), st.integers(1, 40)), max_size=4))
def test_highlight_teacher_figures_are_the_semeval_scores(raw):
    question = mini_bank()["mini-highlight"]
    spans = [(s, min(s + n, question.passage.end)) for s, n in raw]
    spans = [(s, e) for s, e in spans if s < e]
    result = grade(question, question.coerce(spans))
    if not spans:
        assert result.answered is False
        return
    expected = span_score(spans, [(k.start, k.end) for k in question.key])
    assert result.details["f1"] == pytest.approx(expected.f1, abs=1e-4)
    d = result.details
    f1 = 2 * d["words_right"] / (d["words_marked"] + d["words_in_key"])
    assert result.correct == (f1 >= question.pass_mark and d["found"] > 0
                              and d["word_precision"] >= MIN_PRECISION and d["left_unmarked"] >= MIN_LEFT_UNMARKED)


def test_highlight_the_whole_passage_is_too_much_even_when_the_key_is_most_of_it(tmp_path):
    """A key covering most of the passage: the whole passage has F1 above the pass mark
    (and precision above half), yet is not right and scores 0; the feedback says why."""
    art = article_with_bank(tmp_path, BIG_KEY)
    q = load_bank(art)["big-key"]
    whole = grade(q, q.coerce([(q.passage.start, q.passage.end)]))
    assert whole.details["word_precision"] > 0.5 and whole.details["words_in_key"] > 0
    assert whole.correct is False and whole.score == 0.0
    assert "You marked too much" in whole.feedback
    key = grade(q, q.coerce([(k.start, k.end) for k in q.key]))
    assert key.correct and key.score == 1.0 and "too much" not in key.feedback


BIG_KEY = """
- id: big-key
  type: highlight
  lesson: 2
  prompt: Highlight the quoted words.
  passage: {paragraphs: [2, 2]}
  key: {category: quoted_reporting}
  explanation: Quoted.
"""


def test_highlight_half_the_rest_marked_is_the_limit():
    """Key words plus more than half of the other words: not right, however many key words."""
    q = mini_bank()["mini-highlight"]
    text, base = q.passage_text, q.passage.start
    words = [(base + m.start(), base + m.end()) for m in re.finditer(r"\w+", text)]
    gold = [(k.start, k.end) for k in q.key]
    outside = [w for w in words if not any(s <= w[0] and w[1] <= e for s, e in gold)]
    some = outside[: len(outside) // 2]
    more = outside[: len(outside) // 2 + 1]
    assert grade(q, q.coerce(gold + some)).details["left_unmarked"] >= 0.5
    too_much = grade(q, q.coerce(gold + more))
    assert too_much.details["left_unmarked"] < 0.5 and too_much.correct is False


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


def test_numeric_accept_range_takes_both_ends_and_nothing_outside(tmp_path):
    art = article_with_bank(tmp_path, """
- id: range
  type: numeric
  lesson: 3
  prompt: How many?
  answer: 4700
  accept: [4000, 5000]
  explanation: Between 4000 and 5000.
""")
    q = load_bank(art)["range"]
    for value in (4000, 4321.5, 4700, 5000):
        result = grade(q, value)
        assert result.correct and "accepted: 4000 to 5000" in result.feedback
    assert "too low" in grade(q, 3999).feedback and "too high" in grade(q, 5001).feedback
    assert not grade(q, 3999).correct and not grade(q, 5000.5).correct


def test_numeric_empty_is_no_answer():
    assert check("mini-weeks", None).answered is False


@pytest.mark.parametrize("value, needle", [("11", "give a number"), (True, "give a number"),
                                           (float("nan"), "finite"), ([11], "give a number")])
def test_numeric_malformed(value, needle):
    malformed("mini-weeks", value, needle)
