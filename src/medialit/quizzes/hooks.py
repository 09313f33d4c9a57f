"""Seams for a progress store: functions called when a quiz is shown and checked.

    from medialit.quizzes import hooks

    def remember(quiz, answer, result):          # after every check (code or button)
        store[quiz.article_slug, quiz.question_id] = (answer, quiz.attempts, result.score)

    def restore(quiz):                           # when a quiz widget is built
        if (quiz.article_slug, quiz.question_id) in store:
            answer, attempts, _ = store[quiz.article_slug, quiz.question_id]
            quiz.restore(answer, attempts)       # sets the answer, re-shows feedback, fires no on_check

    hooks.on_check.append(remember)
    hooks.on_show.append(restore)

A hook that raises does not break the quiz: the error is reported once per hook
as a :class:`RuntimeWarning` and the quiz carries on.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

on_check: list[Callable[[Any, Any, Any], None]] = []
on_show: list[Callable[[Any], None]] = []

_warned: set[tuple[str, int]] = set()   # (kind, id(hook)) already reported


def _fire(hooks: list[Callable], kind: str, *args) -> None:
    for hook in list(hooks):
        try:
            hook(*args)
        except Exception as exc:  # noqa: BLE001 - a broken store must not break a quiz
            if (kind, id(hook)) not in _warned:
                _warned.add((kind, id(hook)))
                name = getattr(hook, "__qualname__", repr(hook))
                warnings.warn(f"medialit quiz {kind} hook {name} failed ({exc!r}); "
                              "the quiz carries on without it", RuntimeWarning, stacklevel=3)


def fire_check(quiz, answer, result) -> None:
    _fire(on_check, "on_check", quiz, answer, result)


def fire_show(quiz) -> None:
    _fire(on_show, "on_show", quiz)
