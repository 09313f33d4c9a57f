"""Issue 13, widget values: any value a widget or a notebook cell gives is accepted or a QuizAnswerError.

A highlighter value such as ``[1, 2]`` or ``[None]`` used to raise ``TypeError`` inside the
widget's observer; the quiz kept its previous answer, and the next Check graded and saved
that previous answer as a new attempt. Every counterexample found by the property tests
below is kept here as a regular test.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit import QuizAnswerError
from medialit.quizzes import hooks, quiz
from tests.conftest import RESOURCES, SilentAccept, accepted_must_work

QUESTIONS = ("mini-single", "mini-multi", "mini-sort", "mini-highlight", "mini-weeks", "mini-cost")


@pytest.fixture(autouse=True)
def seeds(monkeypatch):
    monkeypatch.setenv("MEDIALIT_SEEDS", str(RESOURCES))
    monkeypatch.setattr(hooks, "_warned", set())


class Recorder:
    def __init__(self):
        self.checks: list[tuple] = []

    def restore(self, q):
        pass

    def record(self, q, answer, result):
        self.checks.append((q.question_id, answer))


def _good_highlight(q):
    return [(k.start, k.end) for k in q.question.key]


@pytest.mark.parametrize("value", [[1, 2], [None], [[None, None]], [[1]], [[1, 2, 3]], ["ab"],
                                   [[True, 5]], [[1.5, 4]], [[5, 2]], [{"a": 1}]])
def test_a_bad_highlighter_value_is_an_error_in_the_widget_and_the_old_answer_is_not_saved_again(value):
    recorder = Recorder()
    q = quiz("mini-highlight", recorder=recorder)
    q._controls.widget.value = [list(s) for s in _good_highlight(q)]     # as the browser sends it
    q.check_button.click()
    assert q.attempts == 1 and len(recorder.checks) == 1
    q.retry_button.click()
    q._controls.widget.value = value                                    # no TypeError escapes
    assert q.current_answer is None and q._ui_error
    q.check_button.click()
    assert "Cannot check yet" in q.feedback_area.value
    assert q.attempts == 1 and len(recorder.checks) == 1                # nothing graded or saved again


@pytest.mark.parametrize("qid, value", [
    ("mini-weeks", 10 ** 400), ("mini-weeks", -(10 ** 5000)), ("mini-cost", 10 ** 400),
    ("mini-sort", {"a": ["framing"]}), ("mini-sort", {"a": {"x": 1}}), ("mini-sort", {"a": 3}),
    ("mini-single", 10 ** 5000), ("mini-multi", [10 ** 5000]), ("mini-sort", {10 ** 5000: "framing"}),
    ("mini-highlight", [(10 ** 5000, 10 ** 5001)]), ("mini-highlight", [(10 ** 5000,)]),
], ids=lambda value: value if isinstance(value, str) else type(value).__name__)
def test_oversized_or_misshapen_answers_are_answer_errors(qid, value):
    q = quiz(qid)
    with pytest.raises(QuizAnswerError, match=qid) as caught:
        q.answer(value)
    assert len(str(caught.value)) < 400                                  # the value is cut, not printed


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=-10 ** 600, max_value=10 ** 600),
                     st.floats(), st.text(max_size=12), st.sampled_from(["a", "b", "mayor", "framing", "none"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), inner, max_size=4)), max_leaves=12)


@given(qid=st.sampled_from(QUESTIONS), value=_VALUES)
def test_any_answer_from_code_is_accepted_or_a_quiz_answer_error(qid, value):
    q = quiz(qid)
    try:
        q.answer(value)
    except QuizAnswerError as exc:
        assert exc.question_id == qid and exc.reason
        return
    with accepted_must_work(f"the answer {value!r:.80} to {qid}"):
        q.check()                                                        # an accepted answer grades


@given(value=_VALUES)
def test_any_highlighter_value_is_taken_or_refused_and_never_saves_a_stale_answer(value):
    recorder = Recorder()
    q = quiz("mini-highlight", recorder=recorder)
    q.answer(_good_highlight(q))
    q._controls.widget.value = value if isinstance(value, list) else [value]
    q.check_button.click()
    if q._ui_error:
        assert recorder.checks == [] and q.attempts == 0
    elif recorder.checks not in ([], [("mini-highlight", q.current_answer)]):
        raise SilentAccept(f"the highlighter value {value!r:.80} was taken, and Check saved {recorder.checks}")
