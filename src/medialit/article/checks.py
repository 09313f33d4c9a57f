"""Every problem in an article's own files at once: text, meta, sources, annotations, figures, timeline.

The quiz bank is checked one layer up (:mod:`medialit.authoring.check`), where the quiz
engine is known; this module sees only the article's data.
"""

from __future__ import annotations

from pathlib import Path

from medialit._io.reading import check_regular_file, present, read_text, read_yaml
from medialit.article import annotations as _annotations
from medialit.article import sources as _sources
from medialit.article.model import check_meta, load_article
from medialit.article.numbers import NUMBERS_FILE, check_numbers
from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE, META_FILE, QUIZZES_FILE, SOURCES_FILE, seed_folder
from medialit.article.timeline import TIMELINE_FILE, check_timeline
from medialit.errors import Problem, SeedError


def problem_of(exc: SeedError) -> Problem:
    """A file that could not be read, as a problem naming the file and line."""
    return Problem(str(exc.path), exc.line, None, exc.message)


def check_article(slug_or_path: str | Path) -> list[Problem]:
    """Every problem in the article's own files (empty list: all good); quizzes are not read."""
    folder = seed_folder(slug_or_path)
    problems: list[Problem] = []

    def attempt(read, path):
        try:
            return read(path), True
        except SeedError as exc:
            problems.append(problem_of(exc))
            return None, False

    text, text_ok = attempt(read_text, folder / ARTICLE_FILE)
    meta, ok = attempt(read_yaml, folder / META_FILE)
    if ok:
        problems += check_meta(meta, str(folder / META_FILE))
    srcs, srcs_ok = attempt(read_yaml, folder / SOURCES_FILE)
    if srcs_ok:
        problems += _sources.check_records(srcs, str(folder / SOURCES_FILE))
    notes, notes_ok = attempt(read_yaml, folder / ANNOTATIONS_FILE)
    if notes_ok and text_ok:
        ids = {str(r.get("id")) for r in (srcs or []) if isinstance(r, dict)} if isinstance(srcs, list) else set()
        problems += _annotations.check_records(
            notes, text, ids if srcs_ok else _AnySet(), str(folder / ANNOTATIONS_FILE))
    if present(folder / NUMBERS_FILE) and text_ok and srcs_ok and not problems:
        problems += check_numbers(load_article(folder, reload=True))
    if present(folder / TIMELINE_FILE):
        problems += check_timeline(folder)
    if present(folder / QUIZZES_FILE):     # read one layer up; here only: is it a file at all?
        attempt(check_regular_file, folder / QUIZZES_FILE)
    return problems


class _AnySet(set):
    """Stands for an unreadable sources file: do not report every source id as missing."""

    def __contains__(self, item) -> bool:  # pragma: no cover - trivial
        return True
