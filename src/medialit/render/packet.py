"""A source packet: every source's notes, address and confidence mark, as HTML or Markdown for print.

For classrooms without web access. Each record of an article's ``sources.yaml`` becomes one
entry: who, where and when; what the kit's notes say the source says (the kit's own words
with short quoted fragments, never the source's full text); its address, or that none is
recorded; where the kit read it; how sure the kit is, as a mark *and* words; and, where the
record has one, the source's own framing worth weighing, so that every voice is read with
one standard. All text from the files is escaped: in HTML nothing becomes markup, and in
Markdown nothing becomes a link, emphasis or raw HTML. Only ``http://`` and ``https://``
addresses become links.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from medialit.render.palette import CONFIDENCE_MARKS, CONFIDENCE_WORDS

HEADING = "Source packet: what the article's sources say"
INTRO = (
    "These are the kit's notes on every source the article quotes or cites, and on those that "
    "describe its publisher: who each one is, what it says (in the kit's words, with short quoted "
    "fragments, not the full text), where the kit read it and how sure the kit is. "
    "● seen: the wording was read in a copy of the original; ◐ via: read in another outlet that "
    "quotes it; ○ not found: searched for and not found, which does not prove it does not exist. "
    "Where an address is given, read the original when you can."
)
STANDARD = (
    "One standard for every voice: ask every source here, the BBC, CBS and Newsweek included, "
    "the questions you ask of the article. Whose words are these? Which words push a reading? "
    "How much evidence is given?"
)
NO_ADDRESS = "none recorded in the kit's notes"
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")      # what makes emphasis, code, links, tables inline
_ENTITY = re.compile(r"&(?=#?\w+;)")

_CSS = """
.ml-packet{font-family:system-ui,sans-serif;max-width:48em;color:#1a1a1a;line-height:1.45}
.ml-packet section{border-top:1px solid #999;padding:.4em 0 .6em;break-inside:avoid}
.ml-packet dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em .8em;margin:.3em 0}
.ml-packet dt{font-weight:600}
.ml-packet dd{margin:0}
.ml-packet .ml-weigh{background:#fff3d6;border-left:4px solid #8a5a00;padding:.3em .6em;margin:.4em 0}
.ml-packet a{color:#0050a0;overflow-wrap:anywhere}
@media print{.ml-packet a{color:#000}}
"""


def is_link(url: str) -> bool:
    """An address the packet makes a link of: ``http(s)://`` with no spaces or quotes."""
    return bool(_URL.match(url or ""))


def md_escape(text) -> str:
    """Text safe in Markdown: punctuation that makes links, emphasis or code is escaped, ``<``/``>`` as entities."""
    text = " ".join(str(text or "").split())
    text = _MD_SPECIAL.sub(r"\\\1", _ENTITY.sub("&amp;", text))
    return text.replace("<", "&lt;").replace(">", "&gt;")


def confidence_text(value: str, meanings: dict) -> str:
    """``● seen: the wording was read in a copy of the original``."""
    mark = CONFIDENCE_MARKS.get(value, "?")
    word = CONFIDENCE_WORDS.get(value, value or "no mark")
    meaning = meanings.get(value, "")
    return f"{mark} {word}: {meaning}" if meaning else f"{mark} {word}"


@dataclass
class Packet:
    """The source packet of one article: shown in a notebook as HTML; printable with
    :meth:`to_html` (a whole page) or :meth:`to_markdown`."""

    title: str
    author: str
    publisher: str
    records: list[dict] = field(default_factory=list)
    meanings: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<Source packet: {len(self.records)} sources of {self.title!r}>"

    def _about(self) -> str:
        return f"“{self.title}” by {self.author} ({self.publisher})" if self.author else f"“{self.title}”"

    def _entry_html(self, number: int, rec: dict, level: int = 4) -> str:
        esc = html.escape
        head_id = f"ml-packet-{number}"
        where = " · ".join(esc(str(rec.get(k) or "")) for k in ("outlet", "title", "date") if rec.get(k))
        url = str(rec.get("url") or "")
        address = (f'<a href="{esc(url)}">{esc(url)}</a>' if is_link(url)
                   else esc(url) if url else f"<em>{NO_ADDRESS}</em>")
        rows = [("Where and when", where or "<em>not recorded</em>"),
                ("What the kit's notes say", esc(str(rec.get("says") or ""))),
                ("How sure", esc(confidence_text(str(rec.get("confidence") or ""), self.meanings))),
                ("Address", address),
                ("Where the kit read it", esc(str(rec.get("checked_in") or "")) or "<em>not recorded</em>")]
        body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
        weigh = ""
        if rec.get("framing"):
            weigh = (f'<p class="ml-weigh"><strong>Words worth weighing (one standard for every voice):</strong> '
                     f'{esc(str(rec["framing"]))}</p>')
        return (f'<section aria-labelledby="{head_id}"><h{level} id="{head_id}">{number}. '
                f'{esc(str(rec.get("who") or ""))}</h{level}><dl>{body}</dl>{weigh}</section>')

    def _body_html(self, level: int = 3) -> str:
        """The packet under an ``h<level>`` heading (3 inside a notebook, 1 on its own page), sources one below."""
        esc = html.escape
        entries = "".join(self._entry_html(i, rec, level + 1) for i, rec in enumerate(self.records, 1))
        return (f'<div class="ml-packet"><h{level}>{esc(HEADING)}</h{level}><p>For {esc(self._about())}. '
                f"{len(self.records)} sources.</p><p>{esc(INTRO)}</p><p><strong>{esc(STANDARD)}</strong></p>"
                f"{entries}</div>")

    def _repr_html_(self) -> str:
        return f"<style>{_CSS}</style>{self._body_html()}"

    def to_html(self) -> str:
        """A whole printable page (UTF-8, ``lang="en"``, styles inline, no scripts, nothing fetched)."""
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(HEADING)}</title><style>{_CSS}</style></head>"
                f"<body><main>{self._body_html(1)}</main></body></html>\n")

    def to_markdown(self) -> str:
        """The packet as Markdown, every value escaped."""
        lines = [f"# {md_escape(HEADING)}", "", f"For {md_escape(self._about())}. {len(self.records)} sources.", "",
                 md_escape(INTRO), "", f"**{md_escape(STANDARD)}**", ""]
        for number, rec in enumerate(self.records, 1):
            where = " · ".join(md_escape(rec.get(k)) for k in ("outlet", "title", "date") if rec.get(k))
            url = str(rec.get("url") or "")
            address = f"<{url}>" if is_link(url) else md_escape(url) if url else f"*{NO_ADDRESS}*"
            lines += [f"## {number}. {md_escape(rec.get('who'))}", "",
                      f"- **Where and when:** {where or '*not recorded*'}",
                      f"- **What the kit's notes say:** {md_escape(rec.get('says'))}",
                      f"- **How sure:** {md_escape(confidence_text(str(rec.get('confidence') or ''), self.meanings))}",
                      f"- **Address:** {address}",
                      f"- **Where the kit read it:** {md_escape(rec.get('checked_in')) or '*not recorded*'}"]
            if rec.get("framing"):
                lines += ["", f"> **Words worth weighing (one standard for every voice):** {md_escape(rec['framing'])}"]
            lines.append("")
        return "\n".join(lines)
