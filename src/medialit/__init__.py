"""medialit: a Jupyter kit for reading opinion articles closely.

Students learn to flag quoted reporting, framing language and unsupported
generalizations in one real article, with quizzes that explain their feedback.

Importing the package has no side effects: quizzes made with :func:`quiz` save their
answers to the student's store because they are built with the classroom's recorder.
"""

from medialit.article.model import Article, load_article
from medialit.authoring.check import validate
from medialit.classroom import progress
from medialit.classroom.progress import handin_button, my_progress, whoami
from medialit.errors import ArticleError, MedialitError, Problem, QuizAnswerError, QuizNotFound, SeedError
from medialit.quizzes import quiz
from medialit.render.html import show
from medialit.version import __version__

__all__ = ["Article", "ArticleError", "MedialitError", "Problem", "QuizAnswerError", "QuizNotFound",
           "SeedError", "handin_button", "load_article", "my_progress", "progress", "quiz", "show", "validate",
           "whoami", "__version__"]
