"""medialit: a Jupyter kit for reading opinion articles closely.

Students learn to flag quoted reporting, framing language and unsupported
generalizations in one real article, with quizzes that explain their feedback.

Importing the package has no side effects: nothing is registered anywhere. Quizzes made
with :func:`quiz` save the student's answers because they are built with the classroom's
store recorder (:mod:`medialit.classroom.recorder`); ``medialit.quizzes.quiz`` makes the
same quiz without saving.
"""

from medialit.article.model import Article, load_article
from medialit.authoring.check import validate
from medialit.classroom.my_progress import my_progress
from medialit.classroom.panels import handin_button, whoami
from medialit.classroom.recorder import quiz
from medialit.errors import ArticleError, MedialitError, Problem, QuizAnswerError, QuizNotFound, SeedError
from medialit.render.html import show
from medialit.version import __version__

__all__ = ["Article", "ArticleError", "MedialitError", "Problem", "QuizAnswerError", "QuizNotFound",
           "SeedError", "handin_button", "load_article", "my_progress", "quiz", "show", "validate",
           "whoami", "__version__"]
