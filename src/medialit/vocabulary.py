"""The kit's annotation scheme: the three categories students flag, and each one's labels.

One vocabulary for every layer: the annotation files are checked against it, the quizzes
sort into its categories, the renderer gives each category its colour and second cue.
"""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "quoted_reporting": "Quoted reporting",
    "framing": "Framing language",
    "generalization": "Unsupported generalization",
}

#: The documented label vocabulary, per category, with a one-line meaning.
LABELS: dict[str, dict[str, str]] = {
    "quoted_reporting": {
        "direct_quote": "someone else's words inside quotation marks, credited to them",
        "pasted_excerpt": "a block of another outlet's text pasted in, with or without quotation marks",
        "paraphrase": "someone else's claim retold in the author's words",
        "attribution": "the lead-in that says who is speaking (according to, says, confirmed by)",
        "cut": "words removed from a quotation, marked with '...' or silently",
        "bracketed_insertion": "the author's words placed inside a quotation in [brackets]",
        "emphasis_added": "bold or italics added to someone else's words",
        "misattribution": "words or claims credited to the wrong person, outlet or occasion",
        "unsourced_quote": "quotation marks with no source that can be traced",
    },
    "framing": {
        "loaded_language": "a word chosen for its emotional charge rather than its precision",
        "epithet": "a nickname or label attached to a person or group",
        "scare_quotes": "quotation marks that cast doubt on a word rather than quote anyone",
        "emphasis": "bold or italics that tell the reader what to feel before the evidence",
        "rhetorical_question": "a question asked to plant an answer, not to get one",
        "dramatic_label": "a vivid name for an event that carries a verdict (exodus, getaway)",
        "doubt_casting": "words that undermine a claim without evidence (so-called, phony)",
    },
    "generalization": {
        "sweeping_claim": "a broad claim stated as fact with no evidence given",
        "motive_claim": "a claim about hidden intentions or secret objectives",
        "causal_leap": "a cause or link asserted that the evidence given does not show",
        "analogy_as_proof": "a comparison with another event used as if it proved the claim",
        "counterfactual": "a claim about what would have happened, which cannot be tested",
        "hasty_generalization": "a conclusion about many drawn from a few (often anonymous) cases",
    },
}
