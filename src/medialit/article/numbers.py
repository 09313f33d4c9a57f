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

import math
import numbers as _numbers
from pathlib import Path

import pandas as pd

from medialit._io.reading import read_text, read_yaml
from medialit.article.model import load_article
from medialit.article.seeds import ARTICLE_FILE, SOURCES_FILE, find_seed
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


def _folder(article) -> Path:
    if hasattr(article, "folder"):
        return Path(article.folder)
    folder = Path(article)
    return folder if folder.is_dir() else find_seed(article)


def _is_number(value) -> bool:
    return (isinstance(value, _numbers.Real) and not isinstance(value, bool)
            and math.isfinite(float(value)))


def _read(folder: Path):
    """(records or None, article text or None, {source id: who} or None, problems)."""
    path = folder / NUMBERS_FILE
    problems: list[Problem] = []
    if not path.exists():
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


def check_numbers(article) -> list[Problem]:
    """Every problem in ``numbers.yaml`` (empty list: all good, or no such file).

    ``article`` is an :class:`~medialit.article.model.Article`, a slug or a folder.
    """
    folder = _folder(article)
    records, text, sources, problems = _read(folder)
    if problems or records is None:
        return problems
    file = str(folder / NUMBERS_FILE)
    if not isinstance(records, list):
        return [Problem(file, getattr(records, "line", None) or 1, None,
                        "the file must be a YAML list of figures (each starting with '- id: ...')")]
    seen: dict[str, int] = {}
    for index, rec in enumerate(records):
        if not isinstance(rec, dict):
            problems.append(Problem(file, None, None, f"figure #{index + 1} is not a mapping of field: value"))
            continue
        line = getattr(rec, "line", None)
        at = rec.line_of if hasattr(rec, "line_of") else (lambda key: line)

        def add(field, message, _at=at):
            problems.append(Problem(file, _at(field) if field in rec else line, field, message))

        for field in REQUIRED:
            if field not in rec or rec[field] is None:
                add(field, f"missing: {FIELDS[field]}")
            elif field != "article_text" and str(rec[field]).strip() == "":
                add(field, f"empty: {FIELDS[field]}")
        for field in sorted((str(k) for k in rec if str(k) not in FIELDS), key=str):
            add(field, f"unknown field; allowed fields are {', '.join(FIELDS)}")

        fid = rec.get("id")
        if fid not in (None, ""):
            fid = str(fid)
            if fid in seen:
                add("id", f"duplicate id {fid!r} (first used on line {seen[fid]})")
            else:
                seen[fid] = at("id")

        has_value = rec.get("value") is not None
        has_range = rec.get("low") is not None or rec.get("high") is not None
        if has_value and has_range:
            add("value", "give either value or low and high, not both")
        elif not has_value and not has_range:
            problems.append(Problem(file, line, "value", "missing: give value, or low and high for a range"))
        for field in ("value", "low", "high"):
            if rec.get(field) is not None and not _is_number(rec[field]):
                add(field, f"must be a number, not {rec[field]!r}")
        if has_range and not has_value:
            low, high = rec.get("low"), rec.get("high")
            if low is None or high is None:
                add("low" if low is None else "high",
                    "a range needs both low and high")
            elif _is_number(low) and _is_number(high) and low > high:
                add("low", f"low ({low}) is greater than high ({high})")

        claimed = rec.get("claimed_by")
        if claimed not in (None, "") and sources is not None and str(claimed) not in sources:
            add("claimed_by", f"no source {claimed!r} in {SOURCES_FILE}; use one of its ids "
                              "(author for the writer)")
        quoted = rec.get("article_text")
        if quoted not in (None, "") and text is not None:
            if not isinstance(quoted, str):
                add("article_text", f"must be text copied from {ARTICLE_FILE}, not {quoted!r}")
            elif quoted not in text:
                add("article_text", f"{quoted!r} does not occur in {ARTICLE_FILE}; copy the words "
                                    "exactly (curly quotes, commas), or leave it empty if only a "
                                    "source gives the figure")
        conf = rec.get("confidence")
        if conf not in (None, "") and conf not in CONFIDENCE:
            add("confidence", f"unknown confidence {conf!r}; use one of {', '.join(CONFIDENCE)}")
    return problems


def load_numbers(article) -> pd.DataFrame:
    """The figures as a table, in file order (empty if the article has no ``numbers.yaml``).

    Columns: the file's fields, plus ``who`` (the source's name from ``sources.yaml``),
    ``in_article`` (does the article print the figure?), ``paragraph`` (where it first
    does, 0 if not) and ``line`` (where the record starts in the file). Numbers are
    whole-number columns when every figure is whole. ``value`` is empty for a range; ``low`` and ``high`` equal ``value`` for a single figure, so that
    ranges and single figures can be compared in one column. Raises
    :class:`~medialit.article.model.ArticleError` if the file has problems.
    """
    folder = _folder(article)
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
