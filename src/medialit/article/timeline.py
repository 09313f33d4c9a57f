"""Dated events as data: ``seeds/<slug>/timeline.yaml``, checked and loaded as a table.

An optional file, for a background timeline. Each record is one event whose date a
source record gives::

    - id: bbc-report                    # unique in the file
      date: "2017-11-13"                # YYYY-MM-DD, a real calendar date
      event: BBC News publishes "Raqqa's dirty secret"
      source_id: bbc-dirty-secret       # the sources.yaml record the date comes from

A timeline holds only dates the kit's sources record: no event without a ``source_id``
that names a record of ``sources.yaml``. :func:`check_timeline` lists every problem, each
naming file, line and field; :func:`load_timeline` returns the table, oldest first.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from medialit._io.reading import present, read_yaml, shorten
from medialit._io.records import Field, Spec, check_records, is_day, is_text, is_word, line_of
from medialit.article.seeds import SOURCES_FILE, seed_folder
from medialit.errors import ArticleError, Problem, SeedError

TIMELINE_FILE = "timeline.yaml"

FIELDS: dict[str, str] = {
    "id": "short, unique name of the event",
    "date": "the day of the event, written YYYY-MM-DD in quotes",
    "event": "what happened, in a short line",
    "source_id": "the id of the sources.yaml record that gives the date",
}
COLUMNS = ["id", "date", "event", "source_id", "who", "confidence", "line"]

SPEC = Spec(
    fields=tuple(
        Field(name, True, about=about,
              **({"check": is_word, "expect": "must be a short name (letters, digits, - and _)"} if name == "id" else
                 {"check": is_day, "expect": "must be a real date written YYYY-MM-DD"} if name == "date" else
                 {"check": is_text, "expect": "must be text"}))
        for name, about in FIELDS.items()
    ),
    noun="event",
    missing="missing: {about}",
    empty="empty: {about}",
    list_message="the file must be a YAML list of events (each starting with '- id: ...')",
)


def _sources(folder: Path) -> dict | None:
    """{source id: record} from sources.yaml, or None when it cannot be read (reported elsewhere)."""
    try:
        raw = read_yaml(folder / SOURCES_FILE) or []
    except SeedError:
        return None
    if not isinstance(raw, list):
        return None
    return {str(r.get("id")): r for r in raw if isinstance(r, dict)}


def check_timeline(article) -> list[Problem]:
    """Every problem in ``timeline.yaml`` (empty list: all good, or no such file).

    ``article`` is an :class:`~medialit.article.model.Article`, a slug or a folder.
    """
    folder = seed_folder(article)
    path = folder / TIMELINE_FILE
    if not present(path):
        return []
    try:
        records = read_yaml(path)
    except SeedError as exc:
        return [Problem(str(exc.path), exc.line, None, exc.message)]
    file = str(path)
    mappings, problems = check_records(records, SPEC, file)
    sources = _sources(folder)
    for _index, rec in mappings:
        sid = rec.get("source_id")
        if sources is not None and is_word(sid) and str(sid) not in sources:
            problems.append(Problem(file, line_of(rec, "source_id"), "source_id",
                                    f"no source {shorten(sid)} in {SOURCES_FILE}; every date needs a "
                                    "source record that gives it"))
    return problems


def load_timeline(article) -> pd.DataFrame:
    """The events as a table, oldest first (empty if the article has no ``timeline.yaml``).

    Columns: ``id``, ``date`` (a pandas Timestamp), ``event``, ``source_id``, plus ``who``
    and ``confidence`` of that source from ``sources.yaml`` and ``line`` (where the record
    starts in the file). Raises :class:`~medialit.errors.ArticleError` if the file has problems.
    """
    folder = seed_folder(article)
    problems = check_timeline(folder)
    if problems:
        raise ArticleError(problems)
    path = folder / TIMELINE_FILE
    records = read_yaml(path) if present(path) else []
    sources = _sources(folder) or {}
    rows = []
    for rec in records or []:
        source = sources.get(str(rec["source_id"]), {})
        rows.append({
            "id": str(rec["id"]),
            "date": pd.Timestamp(rec["date"]),
            "event": " ".join(str(rec["event"]).split()),
            "source_id": str(rec["source_id"]),
            "who": " ".join(str(source.get("who") or "").split()),
            "confidence": str(source.get("confidence") or ""),
            "line": getattr(rec, "line", None),
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.sort_values(["date", "line"], kind="stable").reset_index(drop=True)
