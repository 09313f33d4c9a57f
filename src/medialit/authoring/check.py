"""``medialit check``: every problem in an article folder at once, quiz bank included.

The one place that sees all of a seed folder's files: the article's own files first
(:func:`medialit.article.checks.check_article`), then, once those are sound, the quiz
bank, whose keys are derived from them.
"""

from __future__ import annotations

from pathlib import Path

from medialit.article.checks import check_article, problem_of
from medialit.article.model import load_article
from medialit.article.seeds import QUIZZES_FILE, seed_folder
from medialit.errors import Problem, SeedError
from medialit.quizzes.bank import check_bank


def validate(slug_or_path: str | Path) -> list[Problem]:
    """Every problem in an article's files at once (empty list: all good)."""
    folder = seed_folder(slug_or_path)
    problems = check_article(folder)
    if (folder / QUIZZES_FILE).exists() and not problems:
        try:
            problems += check_bank(load_article(folder, reload=True))
        except SeedError as exc:
            problems.append(problem_of(exc))
    return problems
