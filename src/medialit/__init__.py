"""medialit: a Jupyter kit for reading opinion articles closely.

Students learn to flag quoted reporting, framing language and unsupported
generalizations in one real article, with quizzes that explain their feedback.
"""

from .article import Article, ArticleError, load_article, validate
from .quizzes import QuizAnswerError, quiz
from .render import show
from . import progress  # noqa: E402,F401 - registers the answer-saving quiz hooks
from .seedfiles import Problem, SeedError

__version__ = "0.1.0"

__all__ = ["Article", "ArticleError", "Problem", "QuizAnswerError", "quiz", "SeedError", "load_article", "show", "validate", "__version__"]
