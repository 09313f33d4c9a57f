"""Tables to read instead of code: what a student who does not code looks at to answer a practice question.

Every practice notebook has a route without code: before a question that asks for a
computed value, a cell shows a table made here, and the student reads it, counts or
adds, and answers. Each table shows **the data the answer comes from, never the answer
itself** (ask before telling): the rows to count, the figures to add or divide, the
shares to compare. The quiz's feedback then explains.

>>> occurrences(art, "exodus")            # every place a word appears, by paragraph  # doctest: +SKIP
>>> voice_table(art, paragraphs=(50, 69)) # characters per voice, and their total      # doctest: +SKIP
>>> flags_per_source(art)                 # quoted-reporting flags per source           # doctest: +SKIP
>>> paragraph_grid(category_matrix(art)["framing"])  # one cell per paragraph         # doctest: +SKIP

None of these tables has a running row number (a count in the index would tell the
answer): rows are labelled by paragraph or by source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from medialit.article.attribution import UNSOURCED_ID, quote_checks, voices
from medialit.errors import TableRequestError

if TYPE_CHECKING:
    import pandas as pd

#: Characters of context shown on each side of a match in :func:`occurrences`.
CONTEXT = 40
#: The label of the last row of :func:`voice_table`.
TOTAL = "all voices together"
#: The ``source`` of quotation marks that name no source.
NO_SOURCE = "No source named (quotation marks only)"


def _paragraph_numbers(article, paragraphs) -> tuple[int, int]:
    last_paragraph = len(article.paragraphs)
    if paragraphs is None:
        return 1, last_paragraph
    try:
        first, last = (paragraphs, paragraphs) if isinstance(paragraphs, int) else paragraphs
    except (TypeError, ValueError):
        raise TableRequestError(f"paragraphs={paragraphs!r}: give one number or (first, last)") from None
    for n in (first, last):
        if not isinstance(n, int) or not 1 <= n <= last_paragraph:
            raise TableRequestError(f"paragraphs={paragraphs!r}: {article.slug} has paragraphs "
                                    f"1..{last_paragraph}")
    if first > last:
        raise TableRequestError(f"paragraphs={paragraphs!r}: the first must not come after the last")
    return first, last


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def occurrences(article, text: str, *, paragraphs=None, context: int = CONTEXT) -> pd.DataFrame:
    """Every place ``text`` appears in the article (any capitalisation), one row each.

    Rows are labelled by the paragraph the match starts in (a paragraph with two matches
    has two rows). Columns: ``before`` and ``after`` (up to ``context`` characters of the
    same paragraph, on one line) and ``found`` (the match as the article writes it).
    ``paragraphs=(first, last)`` keeps only matches starting in those paragraphs.
    """
    import pandas as pd

    if not isinstance(text, str) or not text.strip():
        raise TableRequestError(f"occurrences: give the text to look for, not {text!r}")
    first, last = _paragraph_numbers(article, paragraphs)
    rows, numbers = [], []
    for match in re.finditer(re.escape(text), article.text, flags=re.IGNORECASE):
        number = article.paragraph_at(match.start())
        if not first <= number <= last:
            continue
        start, end = (int(x) for x in article.paragraphs.loc[number, ["start", "end"]])
        rows.append({"before": _one_line(article.text[max(start, match.start() - context):match.start()]),
                     "found": match.group(0),
                     "after": _one_line(article.text[match.end():min(end, match.end() + context)])})
        numbers.append(number)
    return pd.DataFrame(rows, columns=["before", "found", "after"],
                        index=pd.Index(numbers, name="paragraph", dtype=int))


def voice_table(article, paragraphs: tuple[int, int] | None = None) -> pd.DataFrame:
    """Characters per voice (as :func:`~medialit.article.attribution.voices` counts them), and their total.

    Rows are labelled by source id; the last row, :data:`TOTAL`, adds up every voice. No
    shares: the student divides a voice's characters by the total to get its share.
    Columns: ``who``, ``confidence`` (seen / via / not_found; empty where no source is
    named) and ``characters`` (not counting white space).
    """
    import pandas as pd

    frame = voices(article, paragraphs)
    table = frame.set_index("source_id")[["who", "confidence", "characters"]].copy()
    total = pd.DataFrame({"who": [""], "confidence": [""], "characters": [int(frame["characters"].sum())]},
                         index=[TOTAL])
    table = pd.concat([table, total])
    table.index.name = "voice"
    return table.astype({"characters": int})


def _ranges(numbers) -> str:
    """Sorted paragraph numbers as short ranges: [39, 40, 41, 46] -> "39-41, 46"."""
    out: list[str] = []
    numbers = sorted(set(int(n) for n in numbers))
    run_start = prev = None
    for n in numbers + [None]:
        if run_start is not None and (n is None or n != prev + 1):
            out.append(str(run_start) if run_start == prev else f"{run_start}-{prev}")
            run_start = None
        if n is not None and run_start is None:
            run_start = n
        prev = n
    return ", ".join(out)


def flags_per_source(article) -> pd.DataFrame:
    """Quoted-reporting flags grouped by the source they point to, in the order the article first uses each.

    Rows are labelled by source id (``"(none)"`` for quotation marks that name no
    source). Columns: ``source`` (who, from sources.yaml), ``confidence``, ``flags`` (how many quoted-reporting
    flags point to it) and ``paragraphs`` (where, as ranges such as ``"39-43"``).
    """
    import pandas as pd

    checks = quote_checks(article)
    checks = checks.assign(source_id=checks["source_id"].replace("", UNSOURCED_ID))
    who = dict(zip(article.sources["id"], article.sources["who"]))
    rows, ids = [], []
    for sid, group in checks.groupby("source_id", sort=False):
        rows.append({"source": who.get(sid, NO_SOURCE),
                     "confidence": group["confidence"].iloc[0], "flags": len(group),
                     "paragraphs": _ranges(group["paragraph"])})
        ids.append(sid)
    return pd.DataFrame(rows, columns=["source", "confidence", "flags", "paragraphs"],
                        index=pd.Index(ids, name="source_id"))


def paragraph_grid(values: pd.Series, *, digits: int = 2, blank: str = "·") -> pd.DataFrame:
    """A per-paragraph value laid out ten paragraphs to a row, to scan and count by eye.

    ``values`` is indexed by paragraph number (a column of
    :func:`~medialit.render.figures.category_matrix`, for instance). Row ``"50-59"`` holds
    paragraphs 50 to 59, column ``"+3"`` the paragraph 3 after the row's first. A value of
    0 shows as ``blank``, any other value rounded to ``digits`` places (a value that would
    round to 0 shows as ``"<0.01"``, so it is never mistaken for a blank); cells for
    paragraphs the article does not have are empty.
    """
    import pandas as pd

    if not len(values):
        raise TableRequestError("paragraph_grid: there are no values to lay out")
    numbers = [int(n) for n in values.index]
    if min(numbers) < 0:
        raise TableRequestError(f"paragraph_grid: paragraph numbers start at 0 or 1, not {min(numbers)}")
    smallest = 10 ** -digits

    def cell(value) -> str:
        if pd.isna(value) or value == 0:
            return blank
        return f"<{smallest:.{digits}f}" if abs(value) < smallest / 2 else f"{value:.{digits}f}"

    by_number = dict(zip(numbers, values))
    rows = {}
    for tens in range(min(numbers) // 10, max(numbers) // 10 + 1):
        label = f"{tens * 10}-{tens * 10 + 9}"
        rows[label] = [cell(by_number[n]) if n in by_number else "" for n in range(tens * 10, tens * 10 + 10)]
    grid = pd.DataFrame.from_dict(rows, orient="index", columns=[f"+{k}" for k in range(10)])
    grid.index.name = "paragraphs"
    return grid
