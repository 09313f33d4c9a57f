"""Who is speaking: the speaker next to a reporting verb, and the cue that introduces a quote."""

from __future__ import annotations

import re

from medialit.authoring.flagging.context import Context
from medialit.authoring.flagging.quotes import MARKUP, Quote
from medialit.authoring.flagging.wordlists import (
    NAME_SEQ,
    PRONOUN,
    REPORTING_RE,
    SKIP_NAMES,
    SPEAKER_AFTER,
    SPEAKER_BEFORE,
)


def speaker_near_verb(text: str, v_start: int, v_end: int, verb: str, lo: int, hi: int) -> str | None:
    """The speaker of the reporting verb at ``v_start..v_end``: before it, else after it (within lo..hi)."""
    if verb.lower().startswith("according"):
        m = SPEAKER_AFTER.match(text, v_end, hi)
        return clean_speaker(m["who"]) if m else None
    m = SPEAKER_BEFORE.search(text[max(lo, v_start - 120):v_start])
    if m:
        who = clean_speaker(m["who"])
        if who:
            return who
    m = SPEAKER_AFTER.match(text, v_end, hi)
    if m:
        return clean_speaker(m["who"])
    return None


def clean_speaker(who: str) -> str | None:
    """A found name without leading function words ("But", "The" before a lower-case word)."""
    words = who.split()
    if len(words) == 1 and re.fullmatch(PRONOUN, words[0]):
        return words[0]
    while len(words) > 1 and words[0] in SKIP_NAMES and not (words[0] == "The" and words[1][:1].isupper()):
        words = words[1:]
    if not words or (len(words) == 1 and words[0] in SKIP_NAMES):
        return None
    return " ".join(words)


def cue_near(ctx: Context, q: Quote, window: int = 160) -> tuple[str | None, str | None]:
    """(speaker, cue) for a quote: a reporting verb or a colon close to it."""
    text = ctx.text
    b_start, b_end = ctx.block_at(q.start)
    # a colon right before the opening mark (markup allowed), or ending the previous block
    before = text[max(b_start, q.start - 3):q.start].rstrip(MARKUP)
    colon = before.endswith(":")
    if not colon and q.start - b_start <= 3 and b_start > 0:
        prev = text[max(0, b_start - 200):b_start].rstrip(MARKUP + "\n")
        colon = prev.endswith(":")
        if colon:
            b_start = max(0, b_start - 200)
    lo, hi = max(b_start, q.start - window), min(b_end, q.end + window)
    best: tuple[int, str | None, str] | None = None
    for segment_lo, segment_hi in ((lo, q.start), (q.end, hi)):
        for m in REPORTING_RE.finditer(text, segment_lo, segment_hi):
            if ctx.inside_quote(m.start(), m.end()):
                continue
            dist = q.start - m.end() if m.end() <= q.start else m.start() - q.end
            who = speaker_near_verb(ctx.plain, m.start(), m.end(), m.group(), lo, hi)
            cand = (dist, who, m.group())
            if best is None or cand[0] < best[0]:
                best = cand
    if best:
        return best[1], f"‘{' '.join(best[2].split())}’"
    if colon:
        sent = ctx.sentence_at(max(0, q.start - 2))
        lead = ctx.plain[sent[0]:q.start]
        names = re.findall(rf"(?:the\s+)?{NAME_SEQ}", lead)
        names = [n for n in (clean_speaker(n) for n in names) if n]
        return (names[0] if names else None), "a colon"
    return None, None
