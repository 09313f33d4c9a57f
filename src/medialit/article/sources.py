"""Sources: every person or outlet an article quotes or cites, and what they said.

Each record in ``sources.yaml``::

    - id: bbc-dirty-secret
      who: Quentin Sommerville and Riam Dalati
      outlet: BBC News
      title: "Raqqa's dirty secret"
      date: 2017-11-13
      url: https://www.bbc.co.uk/news/resources/idt-sh/raqqas_dirty_secret
      says: >
        What the source actually says about the passage, in the kit's own words.
      confidence: seen      # seen | via | not_found
      checked_in: where the wording was read (addresses), for a teacher to re-check
"""

from __future__ import annotations

import pandas as pd

from medialit.errors import Problem

CONFIDENCE: dict[str, str] = {
    "seen": "the wording was read in a copy of the original",
    "via": "read in another outlet that quotes the original",
    "not_found": "no copy was found (which does not mean it does not exist)",
}

COLUMNS = ["id", "who", "outlet", "title", "date", "url", "says", "confidence", "checked_in"]
REQUIRED = ["id", "who", "says", "confidence"]


def to_frame(records) -> pd.DataFrame:
    rows = []
    for rec in records or []:
        row = {col: rec.get(col) for col in COLUMNS}
        for col in COLUMNS:
            value = row[col]
            row[col] = "" if value is None else " ".join(str(value).split())
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def check_records(records, file: str) -> list[Problem]:
    problems: list[Problem] = []
    if records is None:
        return problems
    if not isinstance(records, list):
        return [Problem(file, getattr(records, "line", None), None,
                        "the file must be a YAML list of records (each starting with '- id: ...')")]
    seen: dict[str, int] = {}
    for index, rec in enumerate(records):
        if not isinstance(rec, dict):
            problems.append(Problem(file, None, None, f"record #{index + 1} is not a mapping of field: value"))
            continue
        line = getattr(rec, "line", None)
        line_of = rec.line_of if hasattr(rec, "line_of") else (lambda key: line)
        for field in REQUIRED:
            if rec.get(field) in (None, ""):
                problems.append(Problem(file, line, field, f"missing; every source needs {', '.join(REQUIRED)}"))
        for field in sorted(set(rec) - set(COLUMNS)):
            problems.append(Problem(file, line_of(field), field,
                                    f"unknown field; allowed fields are {', '.join(COLUMNS)}"))
        sid = rec.get("id")
        if sid not in (None, ""):
            sid = str(sid)
            if sid in seen:
                problems.append(Problem(file, line_of("id"), "id",
                                        f"duplicate id {sid!r} (first used on line {seen[sid]})"))
            else:
                seen[sid] = line_of("id")
        conf = rec.get("confidence")
        if conf not in (None, "") and conf not in CONFIDENCE:
            problems.append(Problem(file, line_of("confidence"), "confidence",
                                    f"unknown confidence {conf!r}; use one of {', '.join(CONFIDENCE)}"))
    return problems
