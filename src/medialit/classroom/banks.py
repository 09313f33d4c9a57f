"""An article's quiz bank looked up by slug, for the classroom modules that need question details."""

from __future__ import annotations

from medialit.article.model import load_article
from medialit.errors import ArticleError, SeedError
from medialit.quizzes.bank import load_bank


def bank_for(slug: str) -> dict | None:
    """The quiz bank of an article by slug (None if it cannot be found or read)."""
    try:
        return load_bank(load_article(slug))
    except (FileNotFoundError, ArticleError, SeedError, ValueError):
        return None
