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

import pandas as pd

from medialit.errors import Problem
from medialit.vocabulary import CATEGORIES, LABELS

COLUMNS = ["id", "start", "end", "text", "category", "label", "source_id", "note"]
REQUIRED = ["id", "start", "end", "text", "category", "label", "note"]


def label_vocabulary() -> pd.DataFrame:
    """The vocabulary as a table: category, label, meaning."""
    rows = [
        {"category": cat, "label": label, "meaning": meaning}
        for cat, labels in LABELS.items()
        for label, meaning in labels.items()
    ]
    return pd.DataFrame(rows)


def to_frame(records: Iterable[dict]) -> pd.DataFrame:
    """Records (already validated) as a DataFrame sorted by position."""
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


def check_records(
    records, text: str, source_ids: set[str], file: str
) -> list[Problem]:
    """Every problem in the annotation records, each naming file, line and field."""
    problems: list[Problem] = []

    def add(line, field, message):
        problems.append(Problem(file, line, field, message))

    if records is None:
        return problems
    if not isinstance(records, list):
        add(getattr(records, "line", None), None, "the file must be a YAML list of records (each starting with '- id: ...')")
        return problems
    seen_ids: dict[str, int] = {}
    for index, rec in enumerate(records):
        if not isinstance(rec, dict):
            add(None, None, f"record #{index + 1} is not a mapping of field: value")
            continue
        line = getattr(rec, "line", None)
        line_of = rec.line_of if hasattr(rec, "line_of") else (lambda key: line)
        for field in REQUIRED:
            if rec.get(field) in (None, ""):
                add(line, field, f"missing; every record needs {', '.join(REQUIRED)}")
        unknown = set(rec) - set(COLUMNS)
        for field in sorted(unknown):
            add(line_of(field), field, f"unknown field; allowed fields are {', '.join(COLUMNS)}")
        rid = rec.get("id")
        if rid not in (None, ""):
            rid = str(rid)
            if rid in seen_ids:
                add(line_of("id"), "id", f"duplicate id {rid!r} (first used on line {seen_ids[rid]})")
            else:
                seen_ids[rid] = line_of("id")
        category = rec.get("category")
        if category not in (None, "") and category not in CATEGORIES:
            add(line_of("category"), "category",
                f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
        label = rec.get("label")
        if label not in (None, "") and category in LABELS and label not in LABELS[category]:
            add(line_of("label"), "label",
                f"unknown label {label!r} for {category}; use one of {', '.join(LABELS[category])}")
        source = rec.get("source_id")
        if source not in (None, "") and str(source) not in source_ids:
            add(line_of("source_id"), "source_id",
                f"no source with id {source!r} in sources.yaml")
        problems += _check_offsets(rec, text, file, line_of)
    return problems


def _check_offsets(rec, text, file, line_of) -> list[Problem]:
    start, end, span_text = rec.get("start"), rec.get("end"), rec.get("text")
    out: list[Problem] = []
    for field, value in (("start", start), ("end", end)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            out.append(Problem(file, line_of(field), field, f"must be a whole number, not {value!r}"))
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        return out
    if not 0 <= start < end <= len(text):
        out.append(Problem(file, line_of("start"), "start",
                           f"span {start}..{end} is out of range: need 0 <= start < end <= {len(text)}"))
        return out
    if isinstance(span_text, str) and text[start:end] != span_text:
        found = text.find(span_text)
        hint = (f"; the text occurs at {found}..{found + len(span_text)} "
                "(run 'medialit anchor' to fix offsets)") if found >= 0 else "; the text is not in the article at all"
        out.append(Problem(file, line_of("text"), "text",
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
