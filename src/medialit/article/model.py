"""An article and everything flagged in it, loaded from ``seeds/<slug>/``.

>>> art = load_article("raqqa-exodus")          # doctest: +SKIP
>>> art.annotations.head()                       # doctest: +SKIP

Only ``article.txt`` is read up front; the other files are parsed the first time
they are asked for, and checked as they are read.
"""

from __future__ import annotations

import datetime as _dt
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from medialit._io.reading import read_text, read_yaml
from medialit._io.records import Field, Spec, check_record, is_day
from medialit.article import annotations as _annotations
from medialit.article import sources as _sources
from medialit.article.seeds import (
    ANNOTATIONS_FILE,
    ARTICLE_FILE,
    META_FILE,
    QUIZZES_FILE,
    SOURCES_FILE,
    find_seed,
)
from medialit.errors import ArticleError, Problem, SourceNotFound
from medialit.render.html import show
from medialit.text import split

if TYPE_CHECKING:    # pandas loads where a table is made: a quiz and the store never need it
    import pandas as pd

META_FIELDS = {
    "title": "the headline as published",
    "author": "who wrote it",
    "publisher": "the outlet",
    "published": "first publication date (YYYY-MM-DD)",
    "republished": "date of the copy used, if republished (YYYY-MM-DD)",
    "url": "the address of the copy used",
    "credit": "the credit line to show wherever the text is shown",
    "kind": "opinion | reporting | analysis | other",
}
META_REQUIRED = ["title", "author", "publisher", "published", "credit", "kind"]
KINDS = ["opinion", "reporting", "analysis", "other"]



def _is_day(value) -> bool:
    """A real day written YYYY-MM-DD, quoted or not (YAML reads an unquoted one as a date)."""
    return type(value) is _dt.date or is_day(value)


META_SPEC = Spec(
    fields=tuple(Field(name, required=name in META_REQUIRED, about=about,
                       check=_is_day if name in ("published", "republished") else None,
                       expect="must be a date written YYYY-MM-DD",
                       choices=KINDS if name == "kind" else None)
                 for name, about in META_FIELDS.items()),
    noun="article", missing="missing: {about}", unique=None)


def check_meta(meta, file: str) -> list[Problem]:
    """Every problem of ``meta.yaml``'s fields (the one record validator, :mod:`medialit._io.records`)."""
    if not isinstance(meta, dict):
        return [Problem(file, None, None, "must be a YAML mapping of field: value")]
    return check_record(meta, META_SPEC, file)


class Article:
    """One article: its text, metadata, annotation layer, sources and quiz bank."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.slug = self.folder.name
        self.text: str = read_text(self.folder / ARTICLE_FILE)

    def __repr__(self) -> str:
        return f"<Article {self.slug!r}: {len(self.text):,} characters>"

    def _file(self, name: str) -> str:
        return str(self.folder / name)

    # -- metadata ------------------------------------------------------------
    @cached_property
    def meta(self) -> dict:
        raw = read_yaml(self.folder / META_FILE)
        problems = check_meta(raw, self._file(META_FILE))
        if problems:
            raise ArticleError(problems)
        return {key: ("" if value is None else str(value)) for key, value in raw.items()}

    # -- sources and annotations --------------------------------------------
    @cached_property
    def _source_records(self) -> tuple[list, list[Problem]]:
        raw = read_yaml(self.folder / SOURCES_FILE) or []
        return raw, _sources.check_records(raw, self._file(SOURCES_FILE))

    @cached_property
    def sources(self) -> pd.DataFrame:
        raw, problems = self._source_records
        if problems:
            raise ArticleError(problems)
        return _sources.to_frame(raw)

    @cached_property
    def annotations(self) -> pd.DataFrame:
        """The annotation layer, sorted by position, with each span's paragraph number."""
        sources, problems = self._source_records
        raw = read_yaml(self.folder / ANNOTATIONS_FILE) or []
        ids = {str(rec.get("id")) for rec in sources if isinstance(rec, dict)} if isinstance(sources, list) else set()
        problems = problems + _annotations.check_records(raw, self.text, ids, self._file(ANNOTATIONS_FILE))
        if problems:
            raise ArticleError(problems)
        frame = _annotations.to_frame(raw)
        frame["paragraph"] = [self.paragraph_at(s) for s in frame["start"]]
        return frame

    # -- structure -----------------------------------------------------------
    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """Blocks of text separated by blank lines, numbered from 1, with offsets."""
        import pandas as pd

        rows = [{"start": s, "end": e, "text": self.text[s:e]} for s, e in split.paragraphs(self.text)]
        frame = pd.DataFrame(rows, columns=["start", "end", "text"])
        frame.index = pd.RangeIndex(1, len(frame) + 1, name="paragraph")
        return frame

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Sentences within each paragraph, with offsets (the rules of :mod:`medialit.text.split`)."""
        import pandas as pd

        rows = []
        for number, para in self.paragraphs.iterrows():
            for s, e in split.sentences(self.text, [(int(para["start"]), int(para["end"]))]):
                rows.append({"paragraph": number, "start": s, "end": e, "text": self.text[s:e]})
        frame = pd.DataFrame(rows, columns=["paragraph", "start", "end", "text"])
        frame.index = pd.RangeIndex(1, len(frame) + 1, name="sentence")
        return frame

    def paragraph_at(self, offset: int) -> int:
        """The number of the paragraph holding ``offset`` (or the next one after it)."""
        paras = self.paragraphs
        hits = paras.index[paras["end"] > offset]
        return int(hits[0]) if len(hits) else int(paras.index[-1])

    def paragraph_span(self, first: int, last: int | None = None) -> tuple[int, int]:
        """Character offsets covering paragraphs ``first``..``last`` (inclusive)."""
        last = first if last is None else last
        paras = self.paragraphs
        for n in (first, last):
            if n not in paras.index:
                raise IndexError(f"{self.slug} has paragraphs 1..{len(paras)}, not {n}")
        return int(paras.loc[first, "start"]), int(paras.loc[last, "end"])

    def spans(self, category: str | None = None, start: int = 0, end: int | None = None,
              label: str | None = None) -> pd.DataFrame:
        """Annotations lying wholly inside ``start``..``end``, optionally of one category/label."""
        end = len(self.text) if end is None else end
        frame = self.annotations
        mask = (frame["start"] >= start) & (frame["end"] <= end)
        if category is not None:
            if category not in _annotations.CATEGORIES:
                raise ValueError(f"unknown category {category!r}; use one of {', '.join(_annotations.CATEGORIES)}")
            mask &= frame["category"] == category
        if label is not None:
            mask &= frame["label"] == label
        return frame[mask].reset_index(drop=True)

    def source(self, source_id: str) -> dict:
        rows = self.sources[self.sources["id"] == source_id]
        if rows.empty:
            raise SourceNotFound(f"no source {source_id!r} in {self._file(SOURCES_FILE)}")
        return rows.iloc[0].to_dict()

    @property
    def quiz_file(self) -> Path:
        return self.folder / QUIZZES_FILE

    # -- display -------------------------------------------------------------
    def show(self, start: int = 0, end: int | None = None, **options):
        """Display the text (or a passage) with its spans highlighted."""
        return show(self, start, end, **options)


_CACHE: dict[Path, Article] = {}


def load_article(slug_or_path: str | Path = "raqqa-exodus", *, reload: bool = False) -> Article:
    """Load an article by slug (looked up in ``seeds/``) or by folder path.

    The same folder gives the same :class:`Article` object unless ``reload=True``.
    """
    folder = find_seed(slug_or_path).resolve()
    if reload or folder not in _CACHE:
        _CACHE[folder] = Article(folder)
    return _CACHE[folder]
