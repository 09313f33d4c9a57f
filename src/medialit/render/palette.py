"""The colours and second cues of the three categories (and the confidence marks), shared by every view.

Each category has a colour from the Okabe-Ito colour-blind-safe palette *and* a cue that
does not depend on colour: a line style, a hatching pattern for charts and a letter tag.
``ink`` is the text colour on a tag of that colour: white on the blue (5.2:1), black on the
orange (5.4:1) and the pink (6.9:1), so every tag reads at 4.5:1 or more (WCAG 2.2, small text).
"""

from __future__ import annotations

# Okabe & Ito (2008) palette: distinguishable with every common colour-vision deficiency.
STYLE: dict[str, dict[str, str]] = {
    "quoted_reporting": {"tag": "Q", "color": "#0072B2", "tint": "#d3e7f5", "ink": "#ffffff",
                         "line": "solid underline", "hatch": "//"},
    "framing": {"tag": "F", "color": "#D55E00", "tint": "#fbe3c4", "ink": "#000000",
                "line": "wavy underline", "hatch": "..."},
    "generalization": {"tag": "G", "color": "#CC79A7", "tint": "#f5dcea", "ink": "#000000",
                       "line": "dashed overline", "hatch": "xx"},
}

#: How sure the kit is of what a source says: a mark and a word, so neither shape nor
#: colour carries the meaning alone (the same marks as the attribution and source tables).
CONFIDENCE_MARKS: dict[str, str] = {"seen": "●", "via": "◐", "not_found": "○"}
CONFIDENCE_WORDS: dict[str, str] = {"seen": "seen", "via": "via", "not_found": "not found"}
