"""The article (or a passage) as HTML with its flagged spans highlighted.

Each category has a colour from the Okabe-Ito colour-blind-safe palette *and* a
second cue that does not depend on colour: its own line style and a letter tag
(Q, F, G) with a number that points to the note list under the passage. The note
also shows on hover (``title``). All article text is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from medialit.render.css import stylesheet
from medialit.render.palette import STYLE
from medialit.vocabulary import CATEGORIES

if TYPE_CHECKING:    # pandas loads where a table is made: a quiz and the store never need it
    import pandas as pd

# Which background wins when spans of several categories overlap: the most specific.
_PRIORITY = ["generalization", "framing", "quoted_reporting"]

_CSS = stylesheet("passage")


def _decoration(categories: set[str]) -> str:
    """Inline CSS for a run of text covered by spans of these categories."""
    main = next(c for c in _PRIORITY if c in categories)
    parts = [f"background:{STYLE[main]['tint']}"]
    if "quoted_reporting" in categories:
        parts.append(f"border-bottom:2px solid {STYLE['quoted_reporting']['color']}")
    if "framing" in categories:
        parts.append(f"text-decoration:underline wavy {STYLE['framing']['color']};"
                     "text-decoration-thickness:1.5px;text-underline-offset:4px")
    if "generalization" in categories:
        parts.append(f"border-top:2px dashed {STYLE['generalization']['color']}")
    return ";".join(parts)


def _tag_style(category: str) -> str:
    style = STYLE[category]
    return f'background:{style["color"]};color:{style["ink"]}'


def _tag(category: str, number: int) -> str:
    """The letter tag before a flag: shown as "F2", spoken as "Framing language, note 2"."""
    style = STYLE[category]
    return (f'<span class="ml-tag" role="img" style="{_tag_style(category)}" '
            f'aria-label="{CATEGORIES[category]}, note {number}">{style["tag"]}{number}</span>')


def legend_html(categories=None) -> str:
    """The key to the colours, lines and tags: one list item per category shown."""
    items = []
    for cat in categories or CATEGORIES:
        style = STYLE[cat]
        sample = (f'<span class="ml-tag" aria-hidden="true" style="{_tag_style(cat)}">{style["tag"]}</span>'
                  f'<mark style="{_decoration({cat})};padding:0 .3em">words</mark>')
        items.append(f'<li>{sample} {html.escape(CATEGORIES[cat])} '
                     f'<small>({html.escape(style["line"])})</small></li>')
    return f'<ul class="ml-legend" aria-label="Legend">{"".join(items)}</ul>'


def render_spans(text: str, spans: pd.DataFrame, start: int = 0, end: int | None = None,
                 *, legend: bool = True, notes: bool = True, title: str | None = None) -> str:
    """HTML for ``text[start:end]`` with ``spans`` (columns start, end, category, label, note).

    Spans reaching outside the passage are clipped to it.
    """
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"passage {start}..{end} is outside the text (0..{len(text)})")
    rows = []
    for row in spans.itertuples(index=False):
        s, e = max(int(row.start), start), min(int(row.end), end)
        if s < e:
            rows.append((s, e, row))
    rows.sort(key=lambda r: (r[0], -r[1]))
    numbered = {id(r[2]): n for n, r in enumerate(rows, 1)}
    cuts = sorted({start, end, *(r[0] for r in rows), *(r[1] for r in rows)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        opening = [r for r in rows if r[0] == a]
        tags = "".join(_tag(r[2].category, numbered[id(r[2])]) for r in opening)
        piece = html.escape(text[a:b])
        active = [r for r in rows if r[0] <= a and b <= r[1]]
        if active:
            cats = {r[2].category for r in active}
            hover = " | ".join(f"{CATEGORIES[r[2].category]} · {r[2].label.replace('_', ' ')}: {r[2].note}"
                               for r in active)
            out.append(f'{tags}<mark style="{_decoration(cats)}" title="{html.escape(hover)}">{piece}</mark>')
        else:
            out.append(tags + piece)
    parts = [f"<style>{_CSS}</style>", '<div class="ml-article">']
    if title:   # not a heading: a passage sits under the lesson's own headings, at any level
        parts.append(f'<p class="ml-title">{html.escape(title)}</p>')
    shown = [c for c in CATEGORIES if any(r[2].category == c for r in rows)]
    if legend and shown:
        parts.append(legend_html(shown))
    parts.append(f'<div class="ml-passage">{"".join(out)}</div>')
    if notes and rows:
        items = "".join(
            f'<li>{_tag(r[2].category, n)} <b>{html.escape(r[2].label.replace("_", " "))}</b>: '
            f'{html.escape(str(r[2].note))}</li>'
            for n, r in enumerate(rows, 1))
        parts.append(f'<ol class="ml-notes" aria-label="Notes on the flagged words">{items}</ol>')
    parts.append("</div>")
    return "".join(parts)


def render_html(article, start: int = 0, end: int | None = None, *, categories=None, flags: bool = True,
                **options) -> str:
    """HTML for an :class:`~medialit.article.model.Article` passage with its annotations.

    ``flags=False`` shows the passage with no flags and no notes: a lesson shows it so before
    a quiz on it, and with its flags after (a note must not answer the question below it).
    """
    spans = article.annotations if flags else article.annotations.iloc[0:0]
    if categories is not None:
        wanted = [categories] if isinstance(categories, str) else list(categories)
        unknown = [c for c in wanted if c not in CATEGORIES]
        if unknown:
            raise ValueError(f"unknown category {unknown[0]!r}; use one of {', '.join(CATEGORIES)}")
        spans = spans[spans["category"].isin(wanted)]
    return render_spans(article.text, spans, start, end, **options)


class Highlighted:
    """A displayable highlighted passage: HTML in notebooks, a short stable text repr."""

    def __init__(self, html_text: str, label: str):
        self.html = html_text
        self.label = label

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<highlighted passage: {self.label}>"


def show(article, start: int = 0, end: int | None = None, **options) -> Highlighted:
    """A highlighted passage for a notebook cell (``paragraphs=(first, last)`` also works)."""
    paragraphs = options.pop("paragraphs", None)
    if paragraphs is not None:
        first, last = (paragraphs, paragraphs) if isinstance(paragraphs, int) else paragraphs
        start, end = article.paragraph_span(first, last)
        label = f"{article.slug}, paragraphs {first}-{last}" if first != last else f"{article.slug}, paragraph {first}"
    else:
        label = f"{article.slug}, characters {start}-{len(article.text) if end is None else end}"
    return Highlighted(render_html(article, start, end, **options), label)
