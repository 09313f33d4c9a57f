"""How sure a draft is: a confidence from the rule that fired and the words around it, with the reason.

A draft's confidence (0..1) says roughly how often drafts like it mark a span that
careful readers also marked. It starts at the level of the rule that fired (:data:`LEVELS`)
and is nudged up or down by what surrounds the span (:data:`NUDGES`); each nudge is
named in the draft's reason, so a teacher can see why one draft ranks above another.

The levels and nudges are hand-set. They were chosen by measuring the drafts on the
training part of a propaganda-annotated corpus (see ``benchmarks/flag_quality.py``);
no word, weight or phrase of that corpus is part of them. A confidence is a ranking
aid, never a verdict: a high one means "look here first", not "this is propaganda".
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from medialit.authoring.flagging.context import Context, Flag
from medialit.authoring.flagging.wordlists import JUDGING_ADJECTIVE, REPORTING_RE
from medialit.text import split

#: The threshold `medialit flag` keeps drafts at by default, chosen on the training part of
#: the corpus: its F1 there is the best of the thresholds tried (0.367, against 0.356 at 0.15
#: and 0.347 at 0.25); above it recall falls faster than precision rises.
DEFAULT_MIN_CONFIDENCE = 0.20

#: Where each rule's drafts start. Rules that mark how a text quotes (reporting verbs,
#: cuts, brackets) start low: they are worth checking for sources, but rarely mark a
#: persuasive technique by themselves.
LEVELS: dict[str, float] = {
    "label_word": 0.40,
    "flag_waving": 0.40,
    "lexicon": 0.25,
    "intensifier": 0.30,
    "scare_quote": 0.30,
    "exclamation": 0.30,
    "shouting": 0.30,
    "camp_label": 0.40,
    "epithet": 0.25,
    "dramatic": 0.25,
    "superlative": 0.30,
    "quote": 0.30,
    "quantifier": 0.15,
    "question": 0.20,
    "motive": 0.20,
    "certainty": 0.20,
    "causal": 0.20,
    "doubt": 0.15,
    "counterfactual": 0.15,
    "generic": 0.15,
    "excerpt": 0.15,
    "reporting": 0.05,
    "cut": 0.05,
    "insertion": 0.05,
    "emphasis": 0.05,
    "furniture": 0.0,
}
#: A level for one label of a rule, where it differs from the rule's.
LABEL_LEVELS: dict[tuple[str, str], float] = {
    ("quote", "unsourced_quote"): 0.20,
    ("reporting", "doubt_casting"): 0.15,
}

#: Rules that mark a charged word or phrase: the sentence around it nudges their confidence.
WORD_RULES = frozenset({"lexicon", "intensifier", "label_word", "camp_label", "flag_waving", "dramatic",
                        "epithet"})

#: Rules that mark a phrase or a sentence: charged words inside raise their confidence.
SPAN_RULES = frozenset({"quote", "motive", "quantifier", "generic", "counterfactual", "scare_quote",
                        "exclamation", "doubt", "excerpt", "certainty", "causal"})
#: The drafts that count as charged words inside a longer draft.
CHARGED_RULES = frozenset({"lexicon", "label_word", "flag_waving", "camp_label", "intensifier"})

_FIGURES_OR_COURT = re.compile(
    r"\d|\b(?:court|judge|jury|trial|charged|charges|convicted|sentenced|prosecutors?|police|arrested|"
    r"indicted|lawsuit|percent|per\s+cent)\b", re.IGNORECASE)
_OWN_VOICE = re.compile(r"\b(?:I|I'm|I’m|we|We|our|Our|us|you|You|your|must|should|ought)\b")

#: The nudges, each with the words the reason uses for it.
NUDGES = {
    "in_quote": (+0.05, "inside a quotation"),
    "own_voice": (+0.10, "in a sentence that speaks as I / we / you or says what must be done"),
    "figures": (-0.10, "in a sentence of figures or court and police matters, where strong words are often plain"),
    "title": (-0.10, "in the headline"),
    "judging_adjective": (+0.05, "a judging adjective"),
    "phrase": (+0.10, "several charged words in a row"),
    "dense": (+0.05, "one of three or more charged words in its sentence"),
    "charged_inside": (+0.10, "it holds charged words"),
    "plain_figures": (-0.05, "in a sentence of figures or court and police matters"),
    "short_question": (-0.10, "a short question (six words or fewer), often a plain one"),
    "long_plain_quote": (-0.05, "a long quotation with no charged word in it"),
    "reported": (-0.10, "in a sentence that reports what someone said: the strong word may be the "
                        "speaker's, retold, rather than the writer's own choice"),
    "topic_word": (-0.05, "a word the article uses three times or more: often its plain subject"),
}
#: How often a charged word must recur in the article to count as its subject (``topic_word``).
TOPIC_REPEATS = 3


@dataclasses.dataclass
class _Article:
    """What the nudges need to know about the whole article."""

    per_sentence: Counter     # sentence -> charged drafts in it
    counts: Counter           # word (lower case) -> times the article uses it


def _words(text: str) -> list[str]:
    return [m.group() for m in split.words(text)]


def level(flag: Flag) -> float:
    """Where a draft of this rule and label starts."""
    return LABEL_LEVELS.get((flag.rule, flag.label), LEVELS.get(flag.rule, 0.1))


def _nudges(flag: Flag, ctx: Context, inside: list[Flag], art: _Article) -> list[str]:
    text = ctx.text
    found = []
    s, e = ctx.sentence_at(flag.start)
    charged_here = art.per_sentence[(s, e)]
    sentence = text[s:e] if e > flag.start else text[flag.start:flag.end]
    words = len(text[flag.start:flag.end].split())
    if flag.rule == "lexicon":
        if f"({JUDGING_ADJECTIVE}," in flag.reason:     # a hit of the pattern lexicon
            found.append("judging_adjective")
        if re.search(r"[\s-]", text[flag.start:flag.end]):
            found.append("phrase")
        if charged_here >= 3:
            found.append("dense")
        if all(art.counts[w.lower()] >= TOPIC_REPEATS for w in _words(text[flag.start:flag.end])):
            found.append("topic_word")
    if flag.rule in WORD_RULES:
        quoted = ctx.inside_quote(flag.start, flag.end) is not None
        if quoted:
            found.append("in_quote")
        elif REPORTING_RE.search(sentence):
            found.append("reported")
        if _OWN_VOICE.search(sentence):
            found.append("own_voice")
        if _FIGURES_OR_COURT.search(sentence):
            found.append("figures")
    if flag.rule in SPAN_RULES or flag.rule == "question":
        if inside:
            found.append("charged_inside")
        elif flag.rule == "quote" and words > 25:
            found.append("long_plain_quote")
        if _FIGURES_OR_COURT.search(text[flag.start:flag.end] if flag.rule == "quote" else sentence):
            found.append("plain_figures")
        if flag.rule == "question" and words <= 6:
            found.append("short_question")
    if flag.rule != "quote" and s == 0 and e > flag.start and "\n" in text[e:]:
        found.append("title")
    return found


def rate(flags: Iterable[Flag], ctx: Context) -> list[Flag]:
    """The flags with their confidence set and its nudges named at the end of the reason."""
    flags = list(flags)
    charged = [f for f in flags if f.rule in CHARGED_RULES]
    per_sentence = Counter(ctx.sentence_at(f.start) for f in charged)
    words = _words(ctx.text)
    art = _Article(per_sentence, Counter(w.lower() for w in words))
    out = []
    for flag in flags:
        inside = ([f for f in charged if f is not flag and flag.start <= f.start and f.end <= flag.end]
                  if flag.rule in SPAN_RULES else [])
        names = _nudges(flag, ctx, inside, art)
        value = level(flag) + sum(NUDGES[n][0] for n in names)
        value = round(min(0.95, max(0.0, value)), 2)
        reason = flag.reason
        if names:
            ups = [NUDGES[n][1] for n in names if NUDGES[n][0] > 0]
            downs = [NUDGES[n][1] for n in names if NUDGES[n][0] < 0]
            if "charged_inside" in names and NUDGES["charged_inside"][1] in ups:
                words = ", ".join(dict.fromkeys(ctx.text[f.start:f.end] for f in inside))
                ups[ups.index(NUDGES["charged_inside"][1])] += f" ({words})"
            reason += "".join([f"; rated up: {', '.join(ups)}" if ups else "",
                               f"; rated down: {', '.join(downs)}" if downs else ""])
        out.append(dataclasses.replace(flag, reason=reason, confidence=value))
    return out
