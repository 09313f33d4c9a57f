"""Every error the kit raises, under one base: ``except MedialitError`` catches them all.

Each message names the file (and line or field, where there is one) and says what to do,
so the command line can print any of them as one line with no traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class MedialitError(Exception):
    """Base of every error the kit defines."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an article's files, with where it is and what to do."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"


class SeedError(MedialitError, ValueError):
    """A file could not be read at all (missing or unparsable); names the file and line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class ArticleError(MedialitError, ValueError):
    """An article's files have problems; ``.problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the article's files:\n{lines}")


class ArticleNotFound(MedialitError, FileNotFoundError):
    """No folder for the article slug or path asked for; the message says where the kit looked."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "article not found"


class QuizAnswerError(MedialitError, ValueError):
    """An answer that cannot be checked: wrong type, unknown option, span outside the passage.

    The message names the question and says what is wrong and what is expected.
    """

    def __init__(self, question_id: str, qtype: str, message: str):
        self.question_id = question_id
        self.qtype = qtype
        self.reason = message
        super().__init__(f"quiz {question_id!r} ({qtype}): {message}")


class QuizNotFound(MedialitError, LookupError):
    """No quiz bank holds the question id asked for."""

    def __str__(self) -> str:  # LookupError would quote the message like a key
        return str(self.args[0]) if self.args else "quiz not found"


class SourceNotFound(MedialitError, KeyError):
    """No record in the article's sources.yaml has the source id asked for; the message names the file."""

    def __str__(self) -> str:  # KeyError would quote the message like a key
        return str(self.args[0]) if self.args else "source not found"


class KeyCheckError(MedialitError, AssertionError):
    """An answer key that does not hold: the key answer is not right, or a wrong answer is."""


class ProgressError(MedialitError, ValueError):
    """A name or value the student's store cannot take (the message says why)."""


class HandinError(MedialitError, ValueError):
    """A hand-in file that cannot be used; ``reason`` says why in a few words."""

    def __init__(self, reason: str, path: str | os.PathLike | None = None):
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}" if path else reason)


class ScoresError(MedialitError, ValueError):
    """A teacher's scores file for open answers that cannot be read or written (the message names it)."""


class ReviewError(MedialitError, ValueError):
    """Nothing was saved; ``.problems`` lists every reason (draft id and field first)."""

    def __init__(self, problems: list[str], intro: str = "nothing was saved"):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{intro}:\n{lines}" if self.problems else intro)


class BuildError(MedialitError, ValueError):
    """A solutions notebook has unbalanced markers; names the file and cell."""


class ScaffoldError(MedialitError):
    """A new article folder could not be created; the message says why and what to do."""


class TableRequestError(MedialitError, ValueError):
    """A reading table (:mod:`medialit.article.lookup`) was asked for with an argument it cannot use; says which."""


class PTCError(SeedError):
    """A Propaganda Techniques Corpus folder or TSV file cannot be read; names file and line."""


class AuthoringError(MedialitError, ValueError):
    """An authoring command refused to write, so nothing was changed: the file holds work it
    would overwrite, or the rewritten file would not read back as the same records.

    Names the file and, where there is one, the record.
    """

    def __init__(self, path: Path | str, message: str, record: str | None = None):
        self.path = Path(path)
        self.record = record
        self.message = message
        where = f"{self.path} [record {record}]" if record else str(self.path)
        super().__init__(f"{where}: {message}")
