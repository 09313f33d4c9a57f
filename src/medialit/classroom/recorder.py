"""The bridge from a checked quiz to the student's store: save on check, restore on show.

:func:`quiz` is the quiz notebooks show (``medialit.quiz("l2-who-speaks")``): the quiz
engine's widget with a :class:`StoreRecorder`, so every checked answer is written to
the student's store at once, and a quiz shown again (in a later kernel too) comes back
with its last answer, its feedback and its attempt count. Each check also tells the store
whether the quiz's hint was shown before it (``quiz.hint_shown``); the store keeps the
question's first check once (``first_try``), and the quiz carries it as ``quiz.first_try``
(restored with the answer, so a quiz shown again keeps its first try).
An open answer is saved each time the student leaves its box (keeping only its latest
text), and its quiz shows when.

Set ``MEDIALIT_PROGRESS=off`` to turn saving and restoring off (e.g. for CI runs).
Nothing is registered anywhere: only quizzes built with a recorder save.

An answer that cannot be saved (a login name the kit cannot take, a store written by a
newer kit, a folder that cannot be written) is said at once, under the quiz's feedback
(where a student pressing Check sees it) and as a one-line notice: never a silent "✓ Correct".
"""

from __future__ import annotations

import html

from medialit.classroom.names import enabled, home
from medialit.classroom.notices import warn
from medialit.classroom.store import Store
from medialit.errors import ProgressError
from medialit.quizzes import quiz as _bare_quiz


def _tell(quiz, message: str) -> None:
    """Put a line under the quiz's feedback (the student is looking there after Check)."""
    area = getattr(quiz, "feedback_area", None)
    if area is not None:
        area.value += (f'<p class="medialit-save-problem" role="alert"><strong>Not saved:</strong> '
                       f"{html.escape(message)}</p>")


class StoreRecorder:
    """Keeps a quiz's checked answers in the current student's :class:`Store`."""

    def restore(self, quiz) -> None:
        """Put the student's last saved answer (and attempt count) back into a new quiz."""
        if not enabled():
            return
        try:
            record = Store().get(quiz.article_slug, quiz.question_id)
        except (OSError, ProgressError):     # said at the first Check, where it matters
            return
        if not record or record.get("answer") is None:
            return
        quiz.first_try = record.get("first_try")
        try:
            quiz.saved_at = record.get("at")
            quiz.restore(record["answer"], record.get("attempts") or 0)
        except ValueError:                          # the question changed since: start afresh
            warn(f"stale:{quiz.article_slug}/{quiz.question_id}",
                 f"your saved answer to {quiz.question_id} no longer fits the question; start it afresh.")

    def record(self, quiz, answer, result) -> None:
        """Save one checked answer (a check with no answer saves nothing)."""
        if not result.answered:
            return
        if not enabled():
            if quiz.question.type == "open":     # no "Saved at" line will come: say why
                _tell(quiz, "saving is turned off here (MEDIALIT_PROGRESS=off), so this answer is not kept.")
            return
        question = quiz.question
        try:
            store = Store()
            record = store.save(quiz.article_slug, quiz.question_id, answer, score=result.score,
                                correct=result.correct, attempts=quiz.attempts or 1,
                                lesson=question.lesson, qtype=question.type,
                                hint_used=bool(getattr(quiz, "hint_shown", False)),
                                history_limit=1 if question.type == "open" else None)
        except ProgressError as exc:
            message = f"your answer cannot be saved: {exc}"
            warn(f"save:{exc}", message)
            _tell(quiz, message)
            return
        except OSError as exc:
            message = (f"your answers cannot be saved in {home()} ({exc.strerror or exc}); "
                       "the lesson goes on, but this session's answers will not be kept.")
            warn(f"save:{home()}", message)
            _tell(quiz, message)
            return
        quiz.attempts = max(quiz.attempts, record["attempts"])     # another kernel's checks count too
        quiz.first_try = record.get("first_try")
        quiz.saved_at = record["at"]
        if store.saved_as != store.student:
            warn(f"merged:{store.path}", f"your answers as {store.student!r} are kept together with those saved "
                                          f"as {store.saved_as!r}: names that differ only in capitals or "
                                          "spaces are one student.")


def quiz(question_id: str, article=None):
    """The quiz widget for one question, saving and restoring the student's answers.

    ``article`` may be an :class:`~medialit.article.model.Article`, a slug or a folder; if
    left out, the seed folders are searched for a bank holding ``question_id``. A question
    written in code (:func:`medialit.quizzes.question`) may be given in place of the id.
    """
    return _bare_quiz(question_id, article, recorder=StoreRecorder())
