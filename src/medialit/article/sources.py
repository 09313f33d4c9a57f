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
      framing: >          # optional
        Words in the source's own headline or text worth weighing, as the article's are.

:func:`packet` gathers every record as a source packet for classrooms without web access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medialit._io import records as _records
from medialit._io.records import Field, Spec, is_scalar, is_word
from medialit.errors import Problem
from medialit.render.packet import Packet

if TYPE_CHECKING:    # pandas loads where a table is made: a quiz and the store never need it
    import pandas as pd

CONFIDENCE: dict[str, str] = {
    "seen": "the wording was read in a copy of the original",
    "via": "read in another outlet that quotes the original",
    "not_found": "no copy was found (which does not mean it does not exist)",
}

COLUMNS = ["id", "who", "outlet", "title", "date", "url", "says", "confidence", "checked_in", "framing"]
REQUIRED = ["id", "who", "says", "confidence"]


def to_frame(records) -> pd.DataFrame:
    """Records (already validated) as a DataFrame, one row per source."""
    import pandas as pd

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


def packet(article, ids=None) -> Packet:
    """Every source record of ``article`` as a :class:`~medialit.render.packet.Packet`, in file order.

    Shown in a notebook as accessible HTML; ``.to_html()`` and ``.to_markdown()`` give a
    printable page (``medialit packet`` writes one). Each record keeps its address and
    confidence mark; none is left out. ``ids`` (source ids) keeps only those records, still in
    file order, for an activity that needs a few; an id not in ``sources.yaml`` raises
    :class:`~medialit.errors.SourceNotFound` naming the file.
    """
    meta = article.meta
    rows = [dict(row) for row in article.sources.to_dict("records")]
    if ids is not None:
        wanted = [ids] if isinstance(ids, str) else list(ids)
        for source_id in wanted:
            article.source(source_id)               # raises SourceNotFound, naming sources.yaml
        rows = [row for row in rows if row["id"] in wanted]
    return Packet(title=meta.get("title", ""), author=meta.get("author", ""), publisher=meta.get("publisher", ""),
                  records=rows, meanings=dict(CONFIDENCE))
