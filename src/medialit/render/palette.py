"""The colours and second cues of the three categories, shared by every view the kit draws.

Each category has a colour from the Okabe-Ito colour-blind-safe palette *and* a cue that
does not depend on colour: a line style, a hatching pattern for charts and a letter tag.
"""

from __future__ import annotations

# Okabe & Ito (2008) palette: distinguishable with every common colour-vision deficiency.
STYLE: dict[str, dict[str, str]] = {
    "quoted_reporting": {"tag": "Q", "color": "#0072B2", "tint": "#d3e7f5",
                         "line": "solid underline", "hatch": "//"},
    "framing": {"tag": "F", "color": "#D55E00", "tint": "#fbe3c4",
                "line": "wavy underline", "hatch": "..."},
    "generalization": {"tag": "G", "color": "#CC79A7", "tint": "#f5dcea",
                       "line": "dashed overline", "hatch": "xx"},
}
