"""The quiz object: lookup, repr, code and button paths, attempts, hints, its recorder.

Quizzes here are built with :func:`medialit.quizzes.quiz`, which saves nothing; the
classroom's saving quiz (``medialit.quiz``) is tested in tests/classroom/test_progress.py.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import medialit
from medialit import QuizAnswerError
from medialit.quizzes import QuizNotFound, hooks, quiz
from medialit.quizzes.highlighter import Highlighter, tokenize
from tests.conftest import RESOURCES
from tests.quizzes.test_quizzes_support import MINI, mini


@pytest.fixture(autouse=True)
def seeds(monkeypatch):
    """Question ids are looked up in tests/resources; no recorder failure reported yet."""
    monkeypatch.setenv("MEDIALIT_SEEDS", str(RESOURCES))
    monkeypatch.setattr(hooks, "_warned", set())


class Recorder:
    """Keeps what a quiz tells its recorder; ``answers`` are put back when a quiz is shown."""

    def __init__(self, answers: dict | None = None):
        self.answers = answers or {}
        self.checks: list[tuple] = []

    def restore(self, q):
        if q.question_id in self.answers:
            q.restore(*self.answers[q.question_id])

    def record(self, q, answer, result):
        self.checks.append((q.question_id, answer, result.correct))


def spans(*texts):
    text = mini().text
    return [(text.index(t), text.index(t) + len(t)) for t in texts]


# -- lookup ---------------------------------------------------------------------------

def test_the_package_quiz_is_the_same_quiz_with_the_store_as_its_recorder(monkeypatch, tmp_path):
    from medialit.classroom.recorder import StoreRecorder

    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path))
    assert "quiz" in medialit.__all__
    assert quiz("mini-single").recorder is None
    assert isinstance(medialit.quiz("mini-single").recorder, StoreRecorder)


def test_lookup_by_id_slug_folder_or_article():
    by_id = quiz("mini-single")
    assert by_id.article_slug == "mini-article" and by_id.question_id == "mini-single"
    assert quiz("mini-single", article="mini-article").article_slug == "mini-article"
    assert quiz("mini-single", article=MINI).question_id == "mini-single"
    assert quiz("mini-single", article=mini()).article is mini()


def test_unknown_id_is_a_clear_error():
    with pytest.raises(QuizNotFound, match="no quiz 'mini-nope'.*quizzes.yaml"):
        quiz("mini-nope")
    with pytest.raises(QuizNotFound, match="did you mean 'mini-single'"):
        quiz("mini-singel", article="mini-article")


# -- display --------------------------------------------------------------------------

def test_repr_is_short_and_stable_and_used_in_the_mimebundle():
    q = quiz("mini-highlight")
    text = repr(q)
    assert text == "Quiz mini-highlight (highlight): Highlight the words in these two paragraphs that push a rea…"
    bundle = q._repr_mimebundle_()
    assert bundle["text/plain"] == text
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == q.widget.model_id


@pytest.mark.parametrize("qid, qtype", [("mini-single", "single_choice"), ("mini-multi", "multi_choice"),
                                        ("mini-sort", "categorize"), ("mini-highlight", "highlight"),
                                        ("mini-weeks", "numeric")])
def test_container_classes(qid, qtype):
    classes = quiz(qid).widget._dom_classes
    assert {"medialit-quiz", f"medialit-quiz-{qtype}", f"medialit-qid-{qid}"} <= set(classes)
    assert f'data-question-id="{qid}"' in quiz(qid).widget.children[0].value


def test_highlighter_assets_are_package_files_with_no_network_imports():
    folder = Path(medialit.quizzes.__file__).parent
    js = (folder / "highlighter.js").read_text(encoding="utf-8")
    assert str(Highlighter._esm) == js                       # loaded from the file beside the module
    assert "export default { render }" in js
    assert "import " not in js and "http" not in js          # no CDN, no build step
    assert ".mlh-passage" in str(Highlighter._css)


def test_tokenize_keeps_punctuation_with_the_word_it_touches():
    text = "Critics called it \"a reckless-gamble\", didn't they?"
    words = [text[s:e] for s, e in tokenize(text)]
    assert words == ["Critics", "called", "it", '"a', 'reckless-gamble",', "didn't", "they?"]


def test_tokenize_never_stops_on_punctuation_alone():
    """Issue 18: `*` and `“` were cursor stops of their own ("word 4 of 24" was "*")."""
    text = "** Defense Secretary **James “Mad Dog” Mattis** confirmed — in May 2017 ! "
    words = [text[s:e] for s, e in tokenize(text)]
    assert words == ["** Defense", "Secretary", "**James", "“Mad", "Dog”", "Mattis**", "confirmed —",
                     "in", "May", "2017 !"]
    assert tokenize("") == [] and tokenize(" — ") == [[1, 2]]


# -- code path ------------------------------------------------------------------------

def test_answer_and_check_from_code_show_feedback_in_the_widget():
    q = quiz("mini-single")
    q.answer("engineer")
    assert q.current_answer == "engineer"
    assert q._controls.widget.value == "engineer"          # the radio buttons follow
    result = q.check()
    assert (result.correct, result.score, q.attempts) == (False, 0.0, 1)
    assert "Not quite" in q.feedback_area.value and "retold in the reporter" in q.feedback_area.value
    assert q.retry_button.layout.display != "none"           # a wrong answer offers Try again
    q.answer("mayor")
    result = q.check()
    assert result.correct and q.attempts == 2
    assert "Attempt 2" in q.feedback_area.value
    assert q.retry_button.layout.display == "none"


def test_checking_no_answer_counts_no_attempt():
    q = quiz("mini-multi")
    result = q.check()
    assert not result.answered and q.attempts == 0
    assert "No answer yet" in q.feedback_area.value


RIGHT = {"mini-single": "mayor", "mini-multi": ["reckless", "stormy"], "mini-weeks": 11,
         "mini-sort": {"a": "quoted_reporting", "b": "framing", "c": "generalization", "d": "none"}}


@pytest.mark.parametrize("qid, value", [("mini-single", 3), ("mini-multi", "reckless"),
                                        ("mini-sort", {"a": "spin"}), ("mini-highlight", [(0, 10)]),
                                        ("mini-weeks", "eleven")])
def test_malformed_answers_raise_a_clear_error_and_keep_the_old_answer(qid, value):
    q = quiz(qid)
    good = [(k.start, k.end) for k in q.question.key] if qid == "mini-highlight" else RIGHT[qid]
    q.answer(good)
    kept = q.current_answer
    with pytest.raises(QuizAnswerError, match=qid):
        q.answer(value)
    assert q.current_answer == kept == q.question.coerce(good)       # the good answer is still the one
    result = q.check()
    assert result.correct and result.score == 1.0                      # and it is what Check grades
    assert isinstance(QuizAnswerError(qid, "x", "y"), ValueError)


def test_highlight_from_code_sets_the_highlighter_and_marks():
    q = quiz("mini-highlight")
    q.answer(spans("reckless gamble", "five votes"))
    assert q._controls.widget.value == [list(s) for s in spans("reckless gamble", "five votes")]
    result = q.check()
    assert result.score == pytest.approx(4 / 7)          # words: 2 right of 4 marked, key of 3
    kinds = sorted(m["kind"] for m in q._controls.widget.marks)
    assert kinds == ["extra", "found", "missed"]
    assert q._controls.widget.disabled                      # locked until Try again
    q._on_retry_click()
    assert not q._controls.widget.disabled and q._controls.widget.marks == []


def test_restore_puts_back_an_answer_without_counting_or_recording():
    recorder = Recorder()
    q = quiz("mini-weeks", recorder=recorder)
    result = q.restore(11, attempts=3)
    assert result.correct and q.attempts == 3 and recorder.checks == []
    assert "11 weeks is right" in q.feedback_area.value


def test_hint():
    q = quiz("mini-single")
    assert q.hint_button.layout.display != "none"
    assert q.hint().startswith("Look for the quotation marks")
    assert q.hint_shown and "Hint:" in q.hint_area.value
    assert q.hint_button.layout.display == "none"
    assert quiz("mini-multi").hint_button.layout.display == "none"    # no hint in the bank


# -- button path (what a click does in the browser) ---------------------------------------

def test_buttons_go_through_the_same_check():
    recorder = Recorder()
    q = quiz("mini-sort", recorder=recorder)
    menus = q._controls.menus
    for item, category in {"a": "quoted_reporting", "b": "framing", "c": "generalization", "d": "none"}.items():
        menus[item].value = category                         # as if chosen in the dropdown
    q.check_button.click()
    assert q.last_result.correct and q.attempts == 1
    assert recorder.checks == [("mini-sort", q.current_answer, True)]
    assert "4 of 4 sorted right" in q.feedback_area.value
    assert q.check_button.disabled                           # locked after a right answer


def test_numeric_text_box_accepts_thousands_and_reports_non_numbers():
    q = quiz("mini-cost")                      # an exit ticket: recorded, never scored in the kernel
    q._controls.box.value = "240,000"
    q.check_button.click()
    assert q.current_answer == 240000.0 and q.attempts == 1
    assert q.last_result.recorded_only and q.last_result.score is None and q.last_result.correct is None
    assert "saved for your teacher" in q.feedback_area.value and "240,000 euros" not in q.feedback_area.value
    q2 = quiz("mini-weeks")
    q2._controls.box.value = "eleven"
    q2.check_button.click()
    assert q2.attempts == 0 and q2.last_result is None
    assert "Cannot check yet" in q2.feedback_area.value and "not a number" in q2.feedback_area.value


def test_highlighter_selection_reaches_python():
    q = quiz("mini-highlight")
    q._controls.widget.value = [list(s) for s in spans("stormy")]    # as the browser sends it
    assert q.current_answer == spans("stormy")
    q.check_button.click()
    assert q.last_result.score == pytest.approx(2 / 4)   # words: 1 marked and right, key of 3


def test_multi_choice_checkboxes_and_try_again():
    q = quiz("mini-multi")
    q._controls.boxes["reckless"].value = True
    q.check_button.click()
    assert q.last_result.score == 0.5 and not q.last_result.correct
    assert q._controls.boxes["stormy"].disabled
    q.retry_button.click()
    assert not q._controls.boxes["stormy"].disabled and "Attempt 2" in q.feedback_area.value
    q._controls.boxes["stormy"].value = True
    q.check_button.click()
    assert q.last_result.correct and q.attempts == 2


# -- the recorder -------------------------------------------------------------------------

def test_a_recorder_can_restore_an_earlier_answer():
    q = quiz("mini-single", recorder=Recorder({"mini-single": ("mayor", 2)}))
    assert q.current_answer == "mayor" and q.attempts == 2
    assert q._controls.widget.value == "mayor" and "Correct" in q.feedback_area.value


def test_a_failing_recorder_warns_once_and_does_not_break_the_quiz():
    class Broken:
        def restore(self, q):
            raise RuntimeError("store offline")

        def record(self, q, answer, result):
            raise RuntimeError("store offline")

    broken = Broken()
    with pytest.warns(RuntimeWarning, match=r"Broken.restore failed .*store offline"):
        q = quiz("mini-weeks", recorder=broken)
    q.answer(11)
    with pytest.warns(RuntimeWarning, match=r"Broken.record failed"):
        assert q.check().correct
    with warnings.catch_warnings():
        warnings.simplefilter("error")                       # the second failure is silent
        assert q.check().correct
    assert q.attempts == 2


def test_categorize_shows_each_excerpt_once_quoted():
    q = quiz("mini-sort")
    note, *rows = q._controls.widget.children
    assert "press ↓ or ↑" in note.value                      # how to use the menus by keyboard
    shown = [row.children[0].value for row in rows]
    assert len(shown) == 4
    assert '“&quot;We will fix the bridge' not in shown[0] and "&quot;We will fix the bridge" in shown[0]
    assert "“reckless gamble”" in shown[1]


def test_a_broken_bank_is_reported_not_half_loaded(tmp_path):
    from medialit import ArticleError
    from tests.quizzes.test_quizzes_support import article_with_bank

    bank = (MINI / "quizzes.yaml").read_text(encoding="utf-8").replace("answer: mayor", "answer: mayr")
    article = article_with_bank(tmp_path, bank)
    with pytest.raises(ArticleError, match=r"quizzes.yaml:\d+ \[answer\]: 'mayr' is not among"):
        quiz("mini-multi", article=article)


def test_the_quiz_carries_its_keyboard_helper():
    from medialit.quizzes.keyboard import QuizKeys

    q = quiz("mini-single")
    helpers = [w for w in q.widget.children if isinstance(w, QuizKeys)]
    assert len(helpers) == 1 and helpers[0].layout.display == "none"
    js = Path(QuizKeys._esm).read_text(encoding="utf-8") if isinstance(QuizKeys._esm, Path) else str(QuizKeys._esm)
    assert "data-lm-suppress-shortcuts" in js and "radiogroup" in js and '"aria-hidden"' in js
