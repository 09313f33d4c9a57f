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

from medialit._io import records as _records
from medialit._io.records import Field, Spec, is_scalar, is_word
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


SPEC = Spec(
    fields=tuple(
        Field(name, name in REQUIRED, is_word if name == "id" else is_scalar,
              "must be a short name (letters, digits, - and _)" if name == "id" else "must be text",
              choices=CONFIDENCE if name == "confidence" else None)
        for name in COLUMNS
    ),
    missing="missing; every source needs {required}",
)


def check_records(records, file: str) -> list[Problem]:
    """Every problem in the source records, each naming file, line and field."""
    return _records.check_records(records, SPEC, file)[1]
