"""Who is speaking? The author's own voice and each quoted source, measured in the text.

>>> art = load_article("raqqa-exodus")     # doctest: +SKIP
>>> voices(art)                             # one row per voice          # doctest: +SKIP
>>> chart = voices_chart(art)               # the same as a bar chart    # doctest: +SKIP
>>> compare(art, labels=["cut"])            # quotes beside their sources # doctest: +SKIP

**The body.** Only the article's own text is measured, not the page around it:

- it starts at the first paragraph after the header lines. Paragraph 1 is the
  headline; the header lines are the short paragraphs right after it (fewer than
  :data:`HEADER_WORDS` words, not ending like a sentence): byline, dates, "Region:",
  "Theme:" and the like;
- it ends with the paragraph before the first paragraph of end matter, one that
  starts with one of :data:`END_MARKERS` ("To read the complete BBC report…", the
  share buttons, the copyright line, "About the author", the disclaimer).

For "The 2017 Raqqa Exodus" that is paragraphs 8 to 69. ``paragraphs=(first, last)``
measures any other stretch instead.

**Whose words.** A character belongs to a quoted voice when it lies inside an
annotation of category ``quoted_reporting`` whose label presents someone else's words
as theirs (:data:`VOICE_LABELS`: ``direct_quote``, ``pasted_excerpt``,
``unsourced_quote``); the voice is that annotation's ``source_id``. Every other
character of the body is the author's own voice, including:

- paraphrases ("someone else's claim retold in the author's words": the claim is
  credited to a source, but the words are the author's),
- lead-ins and credits ("says", "according to", "(Ibid)"),
- bracketed insertions, even inside quotation marks: "[the]" is the author's word.

Where voice spans of different sources overlap, the shortest (most specific) span
wins. Characters are counted without white space, so line breaks and blank lines do
not change the shares; the markdown signs left in the copy (``**``, ``[…](#)``) are
counted as they stand.
"""

from __future__ import annotations

import html
import re
import textwrap

import pandas as pd

from medialit.article.sources import CONFIDENCE
from medialit.render.css import stylesheet
from medialit.render.palette import STYLE
from medialit.vocabulary import LABELS

#: quoted_reporting labels whose span holds someone else's words, presented as theirs.
VOICE_LABELS = ("direct_quote", "pasted_excerpt", "unsourced_quote")
#: The author's words even when they sit inside someone else's quotation marks.
AUTHOR_LABELS = ("bracketed_insertion",)
#: Header lines after the headline are shorter than this (in words).
HEADER_WORDS = 12
#: A paragraph starting with one of these begins the end matter (the body stops before it).
END_MARKERS = ("To read the complete", "Click the share button", "The original source of this article",
               "Copyright", "About the author", "Disclaimer", "Articles by:")
#: Source id of the author's own voice (a record with this id in sources.yaml supplies "who").
AUTHOR_ID = "author"
#: Source id used for quotation marks that name no source at all.
UNSOURCED_ID = "(none)"

COLUMNS = ["source_id", "who", "confidence", "spans", "characters", "share"]

# Okabe-Ito orange for the author's own words; quoted voices take the quoted-reporting
# blue and hatching of medialit.render.html.STYLE, so the two differ without colour too.
AUTHOR_COLOR = "#E69F00"
QUOTED_COLOR = STYLE["quoted_reporting"]["color"]
QUOTED_HATCH = STYLE["quoted_reporting"]["hatch"]

_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]*_]*$")
_NO_SOURCE = {"who": "No source named (quotation marks only)", "confidence": ""}


# -- the body ------------------------------------------------------------------------

def _is_header_line(text: str) -> bool:
    return len(text.split()) < HEADER_WORDS and not _SENTENCE_END.search(text.strip())


def body_paragraphs(article) -> tuple[int, int]:
    """First and last paragraph numbers of the article's body (see the module doc)."""
    paras = article.paragraphs
    numbers = list(paras.index)
    if len(numbers) <= 1:
        return numbers[0], numbers[-1]
    first = numbers[-1]
    for n in numbers[1:]:
        if not _is_header_line(paras.loc[n, "text"]):
            first = n
            break
    last = numbers[-1]
    for n in numbers:
        if n > first and paras.loc[n, "text"].lstrip().startswith(END_MARKERS):
            last = n - 1
            break
    return int(first), int(last)


def body_span(article, paragraphs: tuple[int, int] | None = None) -> tuple[int, int]:
    """Character offsets of the body (or of ``paragraphs=(first, last)``)."""
    first, last = paragraphs if paragraphs is not None else body_paragraphs(article)
    return article.paragraph_span(first, last)


# -- voices ----------------------------------------------------------------------------

def _owners(article, start: int, end: int) -> list[str | None]:
    """For each character of ``start..end``: the source id of its voice (None = author)."""
    notes = article.annotations
    notes = notes[(notes["category"] == "quoted_reporting") & (notes["end"] > start) & (notes["start"] < end)]
    owners: list[str | None] = [None] * (end - start)
    length: list[int] = [0] * (end - start)
    for rec in notes[notes["label"].isin(VOICE_LABELS)].itertuples():
        sid = rec.source_id or UNSOURCED_ID
        size = rec.end - rec.start
        for i in range(max(rec.start, start) - start, min(rec.end, end) - start):
            if owners[i] is None or size < length[i]:
                owners[i], length[i] = sid, size
    for rec in notes[notes["label"].isin(AUTHOR_LABELS)].itertuples():
        for i in range(max(rec.start, start) - start, min(rec.end, end) - start):
            owners[i] = None
    return owners


def _source_fields(article, sid: str) -> dict:
    if sid == UNSOURCED_ID:
        return dict(_NO_SOURCE)
    sources = article.sources
    rows = sources[sources["id"] == sid]
    if rows.empty:
        if sid == AUTHOR_ID:
            return {"who": article.meta.get("author", "The author"), "confidence": ""}
        return {"who": sid, "confidence": ""}
    row = rows.iloc[0]
    return {"who": row["who"], "confidence": row["confidence"]}


def voices(article, paragraphs: tuple[int, int] | None = None) -> pd.DataFrame:
    """One row per voice in the body: whose words, how many spans, how much of the text.

    Columns: ``source_id`` (``"author"`` for the author's own voice, ``"(none)"`` for
    quotation marks that name no source), ``who``, ``confidence`` (from sources.yaml:
    seen / via / not_found), ``spans`` (annotation spans credited to that voice; for
    the author, the separate stretches of the author's own words), ``characters`` (not
    counting white space) and ``share`` of the body's characters. The shares add up
    to 1. The author comes first, then the others from most to least text.
    """
    start, end = body_span(article, paragraphs)
    text = article.text[start:end]
    owners = _owners(article, start, end)

    counts: dict[str | None, int] = {None: 0}
    for char, owner in zip(text, owners):
        if not char.isspace():
            counts[owner] = counts.get(owner, 0) + 1
    total = sum(counts.values())

    notes = article.annotations
    notes = notes[(notes["category"] == "quoted_reporting") & notes["label"].isin(VOICE_LABELS)
                  & (notes["end"] > start) & (notes["start"] < end)]
    span_counts = notes["source_id"].replace("", UNSOURCED_ID).value_counts().to_dict()

    # The author's stretches: runs of the author's characters holding some non-space text.
    stretches, inside = 0, False
    for char, owner in zip(text, owners):
        if owner is None and not char.isspace():
            stretches += 0 if inside else 1
            inside = True
        elif owner is not None:
            inside = False

    rows = []
    for owner, chars in counts.items():
        sid = AUTHOR_ID if owner is None else owner
        fields = _source_fields(article, sid)
        rows.append({"source_id": sid, "who": fields["who"], "confidence": fields["confidence"],
                     "spans": stretches if owner is None else int(span_counts.get(owner, 0)),
                     "characters": chars, "share": chars / total if total else 0.0})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["_author"] = frame["source_id"] != AUTHOR_ID
    frame = frame.sort_values(["_author", "characters", "source_id"], ascending=[True, False, True],
                              kind="stable").drop(columns="_author").reset_index(drop=True)
    return frame.astype({"spans": int, "characters": int, "share": float})


# -- the chart -------------------------------------------------------------------------

def short_name(who: str, outlet: str = "", width: int = 32) -> str:
    """A bar label: ``who`` up to its first comma, wrapped to ``width``, and the outlet
    (up to its first comma) in brackets when it is short and not already in the name."""
    name = who.split(",", 1)[0].strip() or who
    lines = textwrap.wrap(name, width) or [who]
    place = (outlet or "").split(",", 1)[0].strip()
    if place and len(place) <= 20 and place.split()[0].lower() not in name.lower():
        lines.append(f"({place})")
    return "\n".join(lines)


def _value_label(share: float, confidence: str, is_author: bool) -> str:
    percent = "<1%" if 0 < share < 0.005 else f"{share:.0%}"
    if is_author or not confidence:
        return percent
    return f"{percent} · {confidence.replace('_', ' ')}"


def voices_chart(article, paragraphs: tuple[int, int] | None = None, *, title: str | None = None):
    """A horizontal bar chart of :func:`voices`, sized for a projector; returns the Figure.

    The author's bar is solid orange; quoted voices are blue with hatching. Every bar
    carries its share as text and, for a quoted voice, how sure the kit is of what the
    source said (seen / via / not found), so nothing depends on colour alone.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from medialit.render.described import DescribedFigure  # it imports matplotlib: loaded only when a chart is drawn

    frame = voices(article, paragraphs)
    outlets = dict(zip(article.sources["id"], article.sources["outlet"]))
    names = [("Author's own words:\n" + short_name(who)) if sid == AUTHOR_ID
             else short_name(who, outlets.get(sid, ""))
             for sid, who in zip(frame["source_id"], frame["who"])]
    is_author = [sid == AUTHOR_ID for sid in frame["source_id"]]
    height = 1.8 + 0.5 * sum(name.count("\n") + 1 for name in names)

    fig, ax = plt.subplots(figsize=(13, max(4.0, height)), layout="constrained", FigureClass=DescribedFigure)
    positions = list(range(len(frame)))
    bars = ax.barh(positions, frame["share"],
                   color=[AUTHOR_COLOR if a else QUOTED_COLOR for a in is_author],
                   hatch=None, edgecolor="black", linewidth=1.0)
    for bar, author in zip(bars, is_author):
        if not author:
            bar.set_hatch(QUOTED_HATCH)
            bar.set_edgecolor("white")
    for pos, share, conf, author in zip(positions, frame["share"], frame["confidence"], is_author):
        ax.text(share + 0.01, pos, _value_label(share, conf, author), va="center", fontsize=15)
    ax.set_yticks(positions, names, fontsize=15)
    ax.tick_params(axis="x", labelsize=15)
    ax.invert_yaxis()
    ax.set_xlim(0, min(1.0, max(frame["share"].max(), 0.05) + 0.25))
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    ax.set_xlabel("Share of the body text (characters, not counting spaces)", fontsize=16)
    ax.set_ylabel("Voice", fontsize=16)
    first, last = paragraphs if paragraphs is not None else body_paragraphs(article)
    ax.set_title(title or f"Who is speaking? Paragraphs {first}-{last} of the article",
                 fontsize=20, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(handles=[Patch(facecolor=AUTHOR_COLOR, edgecolor="black", label="the author's own words"),
                       Patch(facecolor=QUOTED_COLOR, edgecolor="white", hatch=QUOTED_HATCH,
                             label="words presented as someone else's")],
              loc="lower right", fontsize=14, frameon=True)
    fig.alt = (f"Bar chart: {ax.get_title(loc='left')}. Share of the body text per voice: "
               + "; ".join(f"{name.replace(chr(10), ' ')} {share:.0%}" for name, share in zip(names, frame["share"]))
               + ".")
    return fig


# -- quotes beside their sources --------------------------------------------------------

#: Plain-language names for what happened to a quotation.
WHAT_HAPPENED = {label: meaning for label, meaning in LABELS["quoted_reporting"].items()}
TRACE_COLUMNS = ["id", "paragraph", "label", "in_the_article", "what_we_found",
                 "source_id", "source", "source_says", "confidence", "checked_in", "before", "after"]
#: Characters of context shown on each side of a passage (cut at a word, kept in its paragraph).
CONTEXT = 80


def _context(article, start: int, end: int, paragraph: int) -> tuple[str, str]:
    p_start, p_end = article.paragraph_span(paragraph, paragraph)
    before = article.text[max(p_start, start - CONTEXT):start]
    after = article.text[end:min(p_end, end + CONTEXT)]
    if start - CONTEXT > p_start and " " in before:
        before = "…" + before[before.index(" ") + 1:]
    if end + CONTEXT < p_end and " " in after:
        after = after[:after.rindex(" ")] + "…"
    return before, after


def _source_line(row: dict) -> str:
    parts = [row.get("who") or ""]
    for field in ("outlet", "title", "date"):
        value = row.get(field) or ""
        if value and value not in parts[0]:
            parts.append(value)
    return ", ".join(p for p in parts if p)


def quote_checks(article, ids=None, labels=None) -> pd.DataFrame:
    """Quoted-reporting annotations beside what their source says, one row each.

    ``ids`` picks annotations by id (kept in that order); ``labels`` picks them by
    label (e.g. ``["cut", "bracketed_insertion"]``), in text order. Columns:
    ``in_the_article`` (the words as printed), ``what_we_found`` (the annotation's
    note), ``source`` (who, outlet, title, date), ``source_says``, ``confidence`` and
    ``checked_in`` (from sources.yaml), and ``before`` / ``after``: up to
    :data:`CONTEXT` characters of the same paragraph on each side. The confidence belongs
    to the source record as a whole; the note says when one passage was read only in
    reproductions or not found.
    """
    notes = article.annotations
    notes = notes[notes["category"] == "quoted_reporting"]
    if ids is not None:
        ids = [ids] if isinstance(ids, str) else list(ids)
        missing = [i for i in ids if i not in set(notes["id"])]
        if missing:
            raise KeyError(f"no quoted_reporting annotation {missing[0]!r} in {article.slug}")
        notes = notes.set_index("id").loc[ids].reset_index()
    if labels is not None:
        labels = [labels] if isinstance(labels, str) else list(labels)
        unknown = [lab for lab in labels if lab not in WHAT_HAPPENED]
        if unknown:
            raise ValueError(f"unknown label {unknown[0]!r}; use one of {', '.join(WHAT_HAPPENED)}")
        notes = notes[notes["label"].isin(labels)]
    sources = {row["id"]: row for row in article.sources.to_dict("records")}
    rows = []
    for rec in notes.itertuples():
        src = sources.get(rec.source_id, {})
        before, after = _context(article, rec.start, rec.end, int(rec.paragraph))
        rows.append({"id": rec.id, "paragraph": int(rec.paragraph), "label": rec.label,
                     "in_the_article": rec.text, "what_we_found": rec.note,
                     "source_id": rec.source_id, "source": _source_line(src) if src else "no source named",
                     "source_says": src.get("says", ""), "confidence": src.get("confidence", ""),
                     "checked_in": src.get("checked_in", ""), "before": before, "after": after})
    return pd.DataFrame(rows, columns=TRACE_COLUMNS).reset_index(drop=True)


_CONF_BADGE = {"seen": "● seen", "via": "◐ via", "not_found": "○ not found", "": "– no source"}

_CSS = stylesheet("compare", tint=STYLE["quoted_reporting"]["tint"], line=STYLE["quoted_reporting"]["color"])


class Comparison:
    """Quotations beside what their sources say: HTML table in notebooks, short text repr."""

    def __init__(self, frame: pd.DataFrame, label: str):
        self.frame = frame
        self.label = label

    def __repr__(self) -> str:
        return f"<comparison of {len(self.frame)} passage(s): {self.label}>"

    def __len__(self) -> int:
        return len(self.frame)

    def _repr_html_(self) -> str:
        rows = []
        for r in self.frame.itertuples():
            conf = _CONF_BADGE.get(r.confidence, r.confidence)
            meaning = CONFIDENCE.get(r.confidence, "")
            rows.append(
                "<tr>"
                f'<td><span class="ml-what">{html.escape(r.label.replace("_", " "))}</span>'
                f"<small>paragraph {r.paragraph} · {html.escape(r.id)}</small></td>"
                f'<td class="ml-printed">{html.escape(r.before)}<mark>{html.escape(r.in_the_article)}</mark>'
                f"{html.escape(r.after)}</td>"
                f"<td>{html.escape(r.what_we_found)}"
                f"<br><small><b>Source:</b> {html.escape(r.source)}</small></td>"
                f'<td><span class="ml-conf" title="{html.escape(meaning)}">{html.escape(conf)}</span>'
                f"<br><small>{html.escape(meaning)}</small>"
                + (f"<br><small><b>Read in:</b> {html.escape(r.checked_in)}</small>" if r.checked_in else "")
                + "</td>"
                "</tr>")
        head = ("<tr><th>What happened</th><th>In the article</th>"
                "<th>What the source says (the kit's notes)</th><th>How sure (the source record)</th></tr>")
        return (f"<style>{_CSS}</style><table class=\"ml-compare\" aria-label=\"{html.escape(self.label)}\">"
                f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


def compare(article, ids=None, labels=None) -> Comparison:
    """:func:`quote_checks` as a side-by-side table for a notebook cell."""
    frame = quote_checks(article, ids=ids, labels=labels)
    if ids is not None:
        label = ", ".join([ids] if isinstance(ids, str) else ids)
    elif labels is not None:
        label = ", ".join([labels] if isinstance(labels, str) else labels)
    else:
        label = "all quoted reporting"
    return Comparison(frame, label)
