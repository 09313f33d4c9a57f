"""Errors a quiz raises at a teacher or a student writing answers in code."""

from __future__ import annotations


class QuizAnswerError(ValueError):
    """An answer that cannot be checked: wrong type, unknown option, span outside the passage.

    The message names the question and says what is wrong and what is expected.
    """

    def __init__(self, question_id: str, qtype: str, message: str):
        self.question_id = question_id
        self.qtype = qtype
        self.reason = message
        super().__init__(f"quiz {question_id!r} ({qtype}): {message}")


class QuizNotFound(LookupError):
    """No quiz bank holds the question id asked for."""

    def __str__(self) -> str:  # LookupError would quote the message like a key
        return str(self.args[0]) if self.args else "quiz not found"
