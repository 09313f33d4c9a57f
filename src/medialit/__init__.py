"""medialit: a Jupyter kit for reading opinion articles closely.

Students learn to flag quoted reporting, framing language and unsupported
generalizations in one real article, with quizzes that explain their feedback.

Importing the package has no side effects: nothing is registered anywhere. Quizzes made
with :func:`quiz` save the student's answers because they are built with the classroom's
store recorder (:mod:`medialit.classroom.recorder`); ``medialit.quizzes.quiz`` makes the
same quiz without saving.

The names below load on first use (PEP 562), so ``import medialit.quizzes`` or the store
does not load the authoring tools, pandas or matplotlib (it also runs in the browser's
Python, Pyodide, where those may be missing).
"""

from __future__ import annotations

import importlib

import medialit.render  # noqa: F401 - in a notebook: DataFrames as accessible tables (render.tables)
from medialit.errors import ArticleError, MedialitError, Problem, QuizAnswerError, QuizNotFound, SeedError
from medialit.version import __version__

#: Public name -> the module it lives in (loaded the first time the name is used).
_LAZY = {
    "Article": "medialit.article.model",
    "load_article": "medialit.article.model",
    "validate": "medialit.authoring.check",
    "my_progress": "medialit.classroom.my_progress",
    "handin_button": "medialit.classroom.panels",
    "whoami": "medialit.classroom.panels",
    "quiz": "medialit.classroom.recorder",
    "colab_setup": "medialit.classroom.colab",
    "show": "medialit.render.html",
}

__all__ = ["Article", "ArticleError", "MedialitError", "Problem", "QuizAnswerError", "QuizNotFound",
           "SeedError", "colab_setup", "handin_button", "load_article", "my_progress", "quiz", "show",
           "validate", "whoami", "__version__"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'medialit' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
