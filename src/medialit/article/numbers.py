"""Figures as data: ``seeds/<slug>/numbers.yaml``, loaded as a table and checked.

An optional file. Each record is one figure, in the article or in a source it cites::

    - id: raqqa-fighters              # unique in the file
      event: raqqa-2017               # optional: a short tag to group figures by
      quantity: IS fighters allowed to leave Raqqa
      qualifier: nearly               # optional: about, nearly, more than, at least, ...
      value: 250                      # or a range: low: 4000 and high: 5000
      unit: fighters
      claimed_by: cbs-news            # an id in sources.yaml (``author`` for the writer)
      article_text: "250 fighters were permitted to leave Raqqa"   # exact words, or ""
      source_says: >
        What the source actually says about the figure, in the kit's own words.
      confidence: via                 # seen | via | not_found

``article_text`` must occur in ``article.txt`` exactly (leave it empty when the figure
is only in a source: the article does not give it). :func:`check_numbers` lists every
problem, each naming file, line and field; :func:`load_numbers` returns the table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from medialit._io.reading import present, read_text, read_yaml, shorten
from medialit._io.records import Field, Spec, check_list, check_record, is_number, is_scalar, is_word, line_of
from medialit.article.model import load_article
from medialit.article.seeds import ARTICLE_FILE, SOURCES_FILE, seed_folder
from medialit.article.sources import CONFIDENCE
from medialit.errors import ArticleError, Problem, SeedError

NUMBERS_FILE = "numbers.yaml"

FIELDS: dict[str, str] = {
    "id": "short, unique name of the figure",
    "event": "optional tag to group figures by (e.g. raqqa-2017)",
    "quantity": "what is counted, in words",
    "qualifier": "optional: about, nearly, more than, at least, ...",
    "value": "the number (or give low and high for a range)",
    "low": "lower end of a range",
    "high": "upper end of a range",
    "unit": "what the number counts (fighters, trucks, US dollars)",
    "claimed_by": "the source id in sources.yaml that gives the figure (author for the writer)",
    "article_text": "the exact words in article.txt, or empty if only a source gives it",
    "source_says": "what the source actually says about the figure",
    "confidence": "seen | via | not_found",
}
REQUIRED = ["id", "quantity", "unit", "claimed_by", "article_text", "source_says", "confidence"]

COLUMNS = ["id", "event", "quantity", "qualifier", "value", "low", "high", "unit", "claimed_by",
           "who", "article_text", "in_article", "paragraph", "source_says", "confidence", "line"]


def _read(folder: Path):
    """(records or None, article text or None, {source id: who} or None, problems)."""
    path = folder / NUMBERS_FILE
    problems: list[Problem] = []
    if not present(path):
        return None, None, None, problems
    try:
        records = read_yaml(path)
    except SeedError as exc:
        return None, None, None, [Problem(str(exc.path), exc.line, None, exc.message)]
    try:
        text = read_text(folder / ARTICLE_FILE)
    except SeedError:
        text = None          # reported by the article's own checks
    try:
        raw_sources = read_yaml(folder / SOURCES_FILE) or []
        sources = {str(r.get("id")): str(r.get("who") or "") for r in raw_sources
                   if isinstance(r, dict)} if isinstance(raw_sources, list) else None
    except SeedError:
        sources = None       # reported by the article's own checks
    return records, text, sources, problems


_TEXT = ("quantity", "qualifier", "unit", "claimed_by", "source_says", "event")
SPEC = Spec(
    fields=tuple(
        Field(name, name in REQUIRED, about=about, blank_ok=name == "article_text",
              choices=CONFIDENCE if name == "confidence" else None,
              **({"check": is_number, "expect": "must be a number"} if name in ("value", "low", "high") else
                 {"check": is_word, "expect": "must be a short name (letters, digits, - and _)"} if name == "id" else
                 {"check": lambda v: isinstance(v, str), "expect": f"must be text copied from {ARTICLE_FILE}"}
                 if name == "article_text" else
                 {"check": is_scalar, "expect": "must be text"}))
        for name, about in FIELDS.items()
    ),
    noun="figure",
    missing="missing: {about}",
    empty="empty: {about}",
    list_message="the file must be a YAML list of figures (each starting with '- id: ...')",
)


def check_numbers(article) -> list[Problem]:
    """Every problem in ``numbers.yaml`` (empty list: all good, or no such file).

    ``article`` is an :class:`~medialit.article.model.Article`, a slug or a folder.
    """
    folder = seed_folder(article)
    records, text, sources, problems = _read(folder)
    if problems or records is None:
        return problems
    file = str(folder / NUMBERS_FILE)
    mappings, problems = check_list(records, SPEC, file)
    seen: dict[str, int] = {}
    for _index, rec in mappings:
        line = line_of(rec)
        problems.extend(check_record(rec, SPEC, file, seen))

        def add(field, message, _rec=rec):
            problems.append(Problem(file, line_of(_rec, field) if field in _rec else line_of(_rec), field, message))

        has_value = rec.get("value") is not None
        has_range = rec.get("low") is not None or rec.get("high") is not None
        if has_value and has_range:
            add("value", "give either value or low and high, not both")
        elif not has_value and not has_range:
            problems.append(Problem(file, line, "value", "missing: give value, or low and high for a range"))
        if has_range and not has_value:
            low, high = rec.get("low"), rec.get("high")
            if low is None or high is None:
                add("low" if low is None else "high", "a range needs both low and high")
            elif is_number(low) and is_number(high) and low > high:
                add("low", f"low ({low}) is greater than high ({high})")

        claimed = rec.get("claimed_by")
        if is_word(claimed) and claimed != "" and sources is not None and str(claimed) not in sources:
            add("claimed_by", f"no source {shorten(claimed)} in {SOURCES_FILE}; use one of its ids "
                              "(author for the writer)")
        quoted = rec.get("article_text")
        if isinstance(quoted, str) and quoted != "" and text is not None and quoted not in text:
            add("article_text", f"{shorten(quoted)} does not occur in {ARTICLE_FILE}; copy the words "
                                "exactly (curly quotes, commas), or leave it empty if only a "
                                "source gives the figure")
    return problems


def load_numbers(article) -> pd.DataFrame:
    """The figures as a table, in file order (empty if the article has no ``numbers.yaml``).

    Columns: the file's fields, plus ``who`` (the source's name from ``sources.yaml``),
    ``in_article`` (does the article print the figure?), ``paragraph`` (where it first
    does, 0 if not) and ``line`` (where the record starts in the file). Numbers are
    whole-number columns when every figure is whole. ``value`` is empty for a range;
    ``low`` and ``high`` equal ``value`` for a single figure, so that
    ranges and single figures can be compared in one column. Raises
    :class:`~medialit.article.model.ArticleError` if the file has problems.
    """
    folder = seed_folder(article)
    problems = check_numbers(folder)
    if problems:
        raise ArticleError(problems)
    records, text, sources, _ = _read(folder)
    art = article if hasattr(article, "paragraph_at") else load_article(folder)
    rows = []
    for rec in records or []:
        quoted = str(rec.get("article_text") or "")
        value = rec.get("value")
        low = rec.get("low", value)
        high = rec.get("high", value)
        at = text.find(quoted) if quoted else -1
        rows.append({
            "id": str(rec["id"]),
            "event": str(rec.get("event") or ""),
            "quantity": " ".join(str(rec["quantity"]).split()),
            "qualifier": str(rec.get("qualifier") or ""),
            "value": value,
            "low": low,
            "high": high,
            "unit": str(rec["unit"]),
            "claimed_by": str(rec["claimed_by"]),
            "who": (sources or {}).get(str(rec["claimed_by"]), ""),
            "article_text": quoted,
            "in_article": bool(quoted),
            "paragraph": art.paragraph_at(at) if at >= 0 else 0,
            "source_says": " ".join(str(rec["source_says"]).split()),
            "confidence": str(rec["confidence"]),
            "line": getattr(rec, "line", None),
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("value", "low", "high"):
        column = pd.to_numeric(frame[col], errors="coerce").astype("Float64")
        whole = column.dropna().apply(float.is_integer).all() if column.notna().any() else True
        frame[col] = column.astype("Int64") if whole else column   # 250, not 250.0
    frame["paragraph"] = frame["paragraph"].astype(int)
    return frame
