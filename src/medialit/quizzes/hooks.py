"""The recorder seam: what a quiz tells whoever keeps its answers, called so that a failure never breaks it.

A quiz built with a ``recorder`` calls ``recorder.restore(quiz)`` once its widget is
built and ``recorder.record(quiz, answer, result)`` after every check (from code or the
button). A quiz built without one saves nothing and restores nothing::

    class Remember:                               # keeps answers in a dict
        def __init__(self):
            self.kept = {}

        def restore(self, quiz):
            if (quiz.article_slug, quiz.question_id) in self.kept:
                answer, attempts = self.kept[quiz.article_slug, quiz.question_id]
                quiz.restore(answer, attempts)    # sets the answer, re-shows feedback, records nothing

        def record(self, quiz, answer, result):
            self.kept[quiz.article_slug, quiz.question_id] = (answer, quiz.attempts)

    quiz("l2-who-speaks", recorder=Remember())

At ``record``, ``quiz.hint_shown`` says whether the quiz's hint was shown before this
check (a question without a hint: never), so a recorder can keep hint use with the answer.

A recorder that raises does not break the quiz: the error is reported once per recorder
and method as a :class:`RuntimeWarning`, and the quiz carries on.
"""

from __future__ import annotations

import warnings
from typing import Any, Protocol


class Recorder(Protocol):
    """Keeps a quiz's answers somewhere (the classroom's store is one)."""

    def restore(self, quiz: Any) -> None:
        """Put a kept answer back into a newly built quiz (with ``quiz.restore``)."""

    def record(self, quiz: Any, answer: Any, result: Any) -> None:
        """Keep an answer that was just checked, with its result."""


_warned: set[tuple[str, int]] = set()   # (method, id(recorder)) already reported


def call(recorder: Recorder | None, method: str, *args) -> None:
    """``recorder.<method>(*args)`` if there is a recorder; any exception becomes one warning."""
    if recorder is None:
        return
    try:
        getattr(recorder, method)(*args)
    except Exception as exc:  # noqa: BLE001 - a broken store must not break a quiz
        if (method, id(recorder)) not in _warned:
            _warned.add((method, id(recorder)))
            name = type(recorder).__qualname__
            warnings.warn(f"medialit quiz recorder {name}.{method} failed ({exc!r}); "
                          "the quiz carries on without it", RuntimeWarning, stacklevel=3)
