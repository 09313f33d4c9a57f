"""Review draft flags: decide on each (:mod:`.decisions`) in code, on the command line or in a widget (:mod:`.panel`).

>>> from medialit.authoring.review import review      # doctest: +SKIP
>>> review("sample-school-lunch")                     # doctest: +SKIP
"""

from medialit.authoring.review.decisions import ReviewResult, accept, clean_note, decide, load_drafts, reject
from medialit.authoring.review.panel import review

__all__ = ["ReviewResult", "accept", "clean_note", "decide", "load_drafts", "reject", "review"]
