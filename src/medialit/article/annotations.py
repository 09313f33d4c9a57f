"""The annotation layer: flagged character spans, their categories and labels.

Each record in ``annotations.yaml`` is one span of the article text::

    - id: q-mattis
      start: 1016          # first character (0-based, Python str index)
      end: 1180            # one past the last character
      text: "Our intention is ..."   # must equal article_text[start:end]
      category: quoted_reporting
      label: direct_quote
      source_id: mattis    # an id in sources.yaml, or empty for the author's own voice
      note: >
        Student-facing explanation ...

Use ``medialit anchor seeds/<slug>`` to fill ``start``/``end`` from ``text``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from medialit._io.reading import shorten
from medialit._io.records import Field, Spec, among, check_list, check_record, is_int, is_scalar, is_word, line_of
from medialit.errors import Problem
from medialit.vocabulary import CATEGORIES, LABELS

if TYPE_CHECKING:    # pandas loads where a table is made: a quiz and the store never need it
    import pandas as pd

COLUMNS = ["id", "start", "end", "text", "category", "label", "source_id", "note"]
REQUIRED = ["id", "start", "end", "text", "category", "label", "note"]


def label_vocabulary() -> pd.DataFrame:
    """The vocabulary as a table: category, label, meaning."""
    import pandas as pd

    rows = [
        {"category": cat, "label": label, "meaning": meaning}
        for cat, labels in LABELS.items()
        for label, meaning in labels.items()
    ]
    return pd.DataFrame(rows)


def to_frame(records: Iterable[dict]) -> pd.DataFrame:
    """Records (already validated) as a DataFrame sorted by position."""
    import pandas as pd

    rows = []
    for rec in records:
        row = {col: rec.get(col) for col in COLUMNS}
        row["source_id"] = row["source_id"] or ""
        row["note"] = " ".join(str(row["note"] or "").split())
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if len(frame):
        frame = frame.astype({"start": int, "end": int})
        frame = frame.sort_values(["start", "end", "id"], kind="stable").reset_index(drop=True)
    else:
        frame = frame.astype({"start": int, "end": int})
    return frame


SPEC = Spec(
    fields=(
        Field("id", True, is_word, "must be a short name (letters, digits, - and _)"),
        Field("start", True, is_int, "must be a whole number"),
        Field("end", True, is_int, "must be a whole number"),
        Field("text", True, lambda v: isinstance(v, str), "must be the text of the span"),
        Field("category", True, choices=CATEGORIES),
        Field("label", True, is_word, "must be one label of the category"),
        Field("source_id", False, is_word, "must be a source id from sources.yaml"),
        Field("note", True, is_scalar, "must be text"),
    ),
)


def check_records(
    records, text: str, source_ids: set[str], file: str
) -> list[Problem]:
    """Every problem in the annotation records, each naming file, line and field."""
    mappings, problems = check_list(records, SPEC, file)
    seen: dict[str, int] = {}
    for _index, rec in mappings:
        problems += check_record(rec, SPEC, file, seen)
        category, label = rec.get("category"), rec.get("label")
        if is_word(label) and label != "" and among(category, LABELS) and label not in LABELS[category]:
            problems.append(Problem(file, line_of(rec, "label"), "label",
                                    f"unknown label {shorten(label)} for {category}; "
                                    f"use one of {', '.join(LABELS[category])}"))
        source = rec.get("source_id")
        if is_word(source) and source != "" and str(source) not in source_ids:
            problems.append(Problem(file, line_of(rec, "source_id"), "source_id",
                                    f"no source with id {shorten(source)} in sources.yaml"))
        problems += _check_offsets(rec, text, file)
    return problems


def _check_offsets(rec, text, file) -> list[Problem]:
    """A span within the text whose words match ``text`` (types were checked by SPEC)."""
    start, end, span_text = rec.get("start"), rec.get("end"), rec.get("text")
    out: list[Problem] = []
    if not (is_int(start) and is_int(end)):
        return out
    if not 0 <= start < end <= len(text):
        out.append(Problem(file, line_of(rec, "start"), "start",
                           f"span {start}..{end} is out of range: need 0 <= start < end <= {len(text)}"))
        return out
    if isinstance(span_text, str) and text[start:end] != span_text:
        found = text.find(span_text)
        hint = (f"; the text occurs at {found}..{found + len(span_text)} "
                "(run 'medialit anchor' to fix offsets)") if found >= 0 else "; the text is not in the article at all"
        out.append(Problem(file, line_of(rec, "text"), "text",
                           f"does not match the article at {start}..{end} "
                           f"(which reads {text[start:end][:40]!r}){hint}"))
    return out


def anchor_records(records: list[dict], text: str) -> list[str]:
    """Set ``start``/``end`` of each record from its ``text`` where they do not match.

    A record whose text occurs several times keeps the occurrence nearest its old
    ``start``. Returns a message per record changed or not found.
    """
    messages = []
    for rec in records:
        span_text = rec.get("text")
        if not isinstance(span_text, str) or not span_text:
            continue
        start = rec.get("start")
        if isinstance(start, int) and text[start:start + len(span_text)] == span_text \
                and rec.get("end") == start + len(span_text):
            continue
        hits = []
        pos = text.find(span_text)
        while pos >= 0:
            hits.append(pos)
            pos = text.find(span_text, pos + 1)
        if not hits:
            messages.append(f"{rec.get('id')}: text not found in the article")
            continue
        near = start if isinstance(start, int) else 0
        best = min(hits, key=lambda h: abs(h - near))
        rec["start"], rec["end"] = best, best + len(span_text)
        messages.append(f"{rec.get('id')}: set to {best}..{best + len(span_text)}"
                        + (f" ({len(hits)} occurrences)" if len(hits) > 1 else ""))
    return messages
