"""Quizzes: a bank of questions per article (``quizzes.yaml``) shown as widgets.

>>> from medialit.quizzes import quiz
>>> q = quiz("l2-who-speaks")          # doctest: +SKIP
>>> q.answer("mayor"); q.check()       # doctest: +SKIP

Modules: :mod:`.bank` (file format, loading, checking), :mod:`.questions` (the
types and their answer formats), :mod:`.scoring` (scores and feedback),
:mod:`.widgets` (the widget), :mod:`.highlighter` (the word highlighter),
:mod:`.hooks` (the recorder seam a progress store plugs into), :mod:`.practice`
(practice questions derived from any article's annotations).

A quiz made here saves nothing: :func:`medialit.quiz` gives the same quiz with the
classroom's store as its recorder.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from medialit._io.reading import read_yaml
from medialit.article.model import Article, load_article
from medialit.article.seeds import QUIZZES_FILE, seed_roots
from medialit.errors import QuizAnswerError, QuizNotFound, SeedError
from medialit.quizzes.bank import check_bank, load_bank, question
from medialit.quizzes.hooks import Recorder
from medialit.quizzes.questions import Question

__all__ = ["quiz", "check_bank", "load_bank", "question", "find_question", "QuizAnswerError", "QuizNotFound"]


_IDS: dict[Path, tuple[int, list]] = {}


def _bank_ids(path: Path) -> list:
    """Question ids in a bank file, read without checking the rest (unreadable: none).

    Remembered until the file changes, so a notebook of many quizzes reads it once.
    """
    stamp = path.stat().st_mtime_ns
    if path in _IDS and _IDS[path][0] == stamp:
        return _IDS[path][1]
    try:
        raw = read_yaml(path)
    except (SeedError, TypeError):
        raw = None
    ids = [rec.get("id") for rec in raw if isinstance(rec, dict)] if isinstance(raw, list) else []
    _IDS[path] = (stamp, ids)
    return ids


def find_question(question_id: str) -> Path:
    """The article folder whose quiz bank holds ``question_id`` (searching the seed folders)."""
    searched = []
    for root in seed_roots():
        searched.append(str(root))
        for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
            bank = folder / QUIZZES_FILE
            if bank.exists() and question_id in _bank_ids(bank):
                return folder
    raise QuizNotFound(
        f"no quiz {question_id!r} in any {QUIZZES_FILE} under {', '.join(searched) or '(no seeds folder)'}; "
        "check the id, or pass article=<slug or folder>")


def quiz(question_id: str, article=None, recorder: Recorder | None = None):
    """The quiz widget for one question of a quiz bank.

    ``article`` may be an :class:`~medialit.article.model.Article`, a slug or a folder; if
    left out, the seed folders are searched for a bank holding ``question_id``.
    ``recorder`` keeps its answers (:mod:`.hooks`); without one nothing is saved.
    In place of an id, a question made by :func:`.bank.question` may be given (with its article).
    """
    from medialit.quizzes.widgets import Quiz  # ipywidgets loads only once a quiz is shown

    if isinstance(question_id, Question):
        if article is None:
            raise TypeError("quiz(question, article): a question written in code needs its article")
        article = article if isinstance(article, Article) else load_article(article)
        return Quiz(question_id, article, recorder=recorder)
    if not isinstance(question_id, str):
        raise TypeError(f"quiz() takes a question id as text, not {question_id!r}")
    if article is None:
        article = load_article(find_question(question_id))
    elif not isinstance(article, Article):
        article = load_article(article)
    bank = load_bank(article)
    if question_id not in bank:
        near = difflib.get_close_matches(question_id, list(bank), n=3)
        hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
        raise QuizNotFound(f"no quiz {question_id!r} in {article.quiz_file}{hint}")
    return Quiz(bank[question_id], article, recorder=recorder)
