"""The draft rules: each finds one kind of span a teacher may want to annotate, and says why.

``medialit flag seeds/<slug>`` runs every rule below over ``article.txt`` and writes
the candidates to ``drafts.yaml`` in the annotations.yaml record format, each with
a ``note`` that starts ``DRAFT:`` and says which rule fired and why. The teacher
keeps, rewrites or deletes each one and moves the kept ones into annotations.yaml.

The rules (each named in the note of the drafts it makes):

Quoted reporting
    ``quote``        text in quotation marks of every kind (" “ ” ‘ ’ « » „ and
                     straight single-quote pairs; an apostrophe inside or after a
                     word is not a quote mark). Its speaker is looked for nearby: a
                     reporting verb with a capitalised name, "the BBC", a pronoun
                     or a noun like "officials" next to it, or a colon before the
                     quote. No cue at all nearby: ``unsourced_quote``.
    ``excerpt``      a paragraph wholly in quotes (a pasted block): ``pasted_excerpt``.
    ``reporting``    reporting verbs (says, said, told, claimed, admitted,
                     confirmed, according to, ...) with the speaker where found.
    ``cut``          an ellipsis inside a quote; ``insertion``: [brackets] inside one.
    ``emphasis``     **bold** text: ``emphasis_added`` inside a quote, else framing.
    ``furniture``    share bars, "Screenshot of ...", "OUTLET / date" lines: signs of a
                     pasted web page (``pasted_excerpt``).

Framing language
    ``lexicon``      a word with a strong valence in the VADER lexicon, or a judging
                     negative adjective of the pattern lexicon (see :mod:`.wordlists`),
                     adjacent hits joined into one phrase: ``loaded_language``.
    ``intensifier``  very, truly, utterly, ... and the word they strengthen.
    ``scare_quote``  a quoted phrase of 1-3 words with no speaker or cue nearby.
    ``epithet``      a quoted nickname inside a name (James “Mad Dog” Mattis), or a
                     label given with dubbed / branded / nicknamed.
    ``doubt``        so-called, self-styled, alleged, ...; and reporting verbs that are
                     not neutral (claimed, insisted, admitted): ``doubt_casting``.
    ``label_word``   labels for people (regime, thugs, extremists, ...): ``epithet``.
    ``camp_label``   anti-X, pro-X, far-right, left-wing, political -ists and -isms,
                     -phobes: ``epithet``.
    ``flag_waving``  our nation, our troops, patriots, ...: ``loaded_language``.
    ``exclamation``  a sentence ending in "!"; ``shouting``: words in capitals (``emphasis``).
    ``dramatic``     vivid names for events (exodus, getaway, massacre, ...gate).
    ``question``     a sentence ending in "?": ``rhetorical_question``.

Unsupported generalizations
    ``quantifier``   all, every, never, always, no one, nobody, everyone, ...
                     (not after "almost", "nearly", "not"; not "at all", "after all").
    ``superlative``  the worst, the most, unprecedented, in history, ...
    ``motive``       intention, objective, secret, real reason, unspoken, agenda, ...
    ``certainty``    clearly, obviously, of course, undoubtedly, ...: certainty asserted
                     rather than shown (the sentence): ``sweeping_claim``.
    ``causal``       because, that's why, to blame, led to, ...: a cause or blame asserted
                     (the sentence): ``causal_leap``.
    ``generic``      "X are Y" with a bare plural subject (Politicians are liars).
    ``counterfactual`` "if they had wanted", "would have", "had they ...".

The word lists the rules look for are in :mod:`.wordlists` (with the licence of the
VADER-derived lexicon). Rules run with regular expressions in a few passes over the
text: a 1,000-word article takes milliseconds (see ``benchmarks/flag_speed.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from medialit.authoring.flagging.context import Context, Flag
from medialit.authoring.flagging.quotes import MARKUP
from medialit.authoring.flagging.speakers import cue_near, speaker_near_verb
from medialit.authoring.flagging.wordlists import (
    CAMP_RE,
    CAUSAL_RE,
    CERTAINTY_RE,
    DOUBT_RE,
    DOUBTFUL_VERBS,
    DRAMATIC_RE,
    EPITHET_VERB_RE,
    FLAG_WAVING_RE,
    INTENSIFIER_RE,
    JUDGING_ADJECTIVE,
    LABEL_RE,
    MOTIVE_RE,
    NAME,
    NEGATIVE_THRESHOLD,
    PLAIN_NEWS_WORDS,
    POSITIVE_THRESHOLD,
    QUANT_HEDGE,
    QUANT_IDIOM,
    QUANT_RE,
    REPORTING_RE,
    SUBJECTIVITY_THRESHOLD,
    SUPERLATIVE_RE,
    TITLE_CUE,
    load_adjectives,
    load_lexicon,
)
from medialit.text import split

# ------------------------------------------------------------------ text patterns
_QUESTION_END = re.compile(r"\?[\"'”’»)\]*_]*\Z")
_EXCLAMATION_END = re.compile(r"!+[\"'”’»)\]*_]*\Z")
#: Two or more words in capitals in a row (BUILD THE WALL), not one acronym.
_SHOUTING_RE = re.compile(r"\b[A-Z]{2,}[’']?[A-Z]*(?:[ \t,]+[A-Z]{2,}[’']?[A-Z]*){1,}\b!*")
_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__", re.DOTALL)
_ELLIPSIS_RE = re.compile(r"\[\s*(?:\.\s*){3}\]|\(\s*(?:\.\s*){3}\)|\.\s?\.\s?\.|…")
_BRACKET_RE = re.compile(r"(?<!\])\[(?![*_\s])[^\[\]\n]{1,80}\](?![(\[:])")
# lines a pasted web page leaves behind: share bars, "Screenshot of ...", "OUTLET / date, time"
_FURNITURE_RE = re.compile(
    r"^[^\n]*\b(?:Share|Tweet|Email|Comments?|Print)\b[^\n]*(?:/|\|)[^\n]*\b(?:Share|Tweet|Email|Comments?|Print)"
    r"\b[^\n]*$"
    r"|^(?:Screenshot|Screen\s+shot|Image|Photo|Video)\s+(?:of|from|:)[^\n]{0,80}$"
    r"|^[A-Z][A-Z .&]{2,40}\s*/\s*[A-Z][a-z]+\s+\d{1,2},\s+\d{4}[^\n]{0,20}$",
    re.MULTILINE,
)
_GENERIC_RE = re.compile(
    r"(?:(?<=[.!?]\s)|(?<=^)|(?<=\n)|(?<=\bthat\s)|(?<=\bbecause\s)|(?<=\bbut\s)|(?<=\band\s))"
    r"(?P<subject>(?:[A-Z]?[a-z]+[ -])?[A-Z]?[a-z]{2,}[^s\W]s)\s+"
    r"(?P<verb>are|aren't|are\s+not|always|never|can't|cannot|won't|will\s+never|do\s+not|don't|all)\b"
    r"(?!\s+(?:to|going|being|expected|scheduled|due|set|likely|said|reported|thought|believed)\b)",
    re.MULTILINE,
)
_GENERIC_NOT = {"this", "his", "its", "was", "has", "does", "is", "as", "thus", "us", "news",
                "series", "species", "yes", "plus", "bus", "gas", "less", "these", "those",
                "ours", "yours", "theirs", "hers", "means", "whereas", "perhaps", "always",
                "sometimes", "years", "days", "months", "weeks", "hours", "minutes", "times"}
#: Words after "very" that make an idiom, not an intensified claim (the very end, very few).
_NOT_AFTER_VERY = {"much", "few", "little", "least", "same", "first", "last", "end", "day", "next", "moment",
                   "beginning"}
#: What "so-called", "alleged", ... casts doubt on: a quoted phrase, or a word and up to three names.
_DOUBTED = re.compile(r"\s+(?:[\"“‘'][^\"”’'\n]{1,60}[\"”’']|[\w-]+(?:\s+[A-Z][\w-]*){0,3})")
#: "all" in an idiom after it (all right, all but, all along, all the same).
_ALL_IDIOM_AFTER = re.compile(r"\s+(?:right|but|too|along|over|the\s+same|in\s+all)\b")
#: A determiner in the subject makes it a particular group, not a generic plural.
_NOT_GENERIC_DETERMINERS = {"the", "these", "those", "their", "our", "his", "her", "its", "my", "your", "some",
                            "many", "two", "three", "both", "few", "several", "there"}
_COUNTERFACTUAL_RE = re.compile(
    r"\bif\s+(?:[\w’'-]+\s+){1,5}?had\s+(?:not\s+|never\s+)?(?:\w+ed|been|wanted|known|done|gone|taken|seen)\b"
    r"|\bhad\s+(?:they|he|she|we|you|it|I|the\s+\w+)\s+(?:not\s+|never\s+)?(?:\w+ed|been|known|done|gone|taken)\b"
    r"|\b(?:would|could|might|should)(?:n[’']t|\s+not|\s+never)?\s+have\s+(?:\w+ed|\w+en|been|known|done|"
    r"gone|seen|had|made|let|come|got|won|lost|happened|thought|brought|caught|fought|sought|kept|left|"
    r"felt|held|met|paid|put|run|said|sent|set|sold|stood|struck|told|understood)\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------- the rules
def _quote_flags(ctx: Context) -> Iterable[Flag]:
    text = ctx.text
    for q in ctx.quotes:
        inner = text[q.inner_start:q.inner_end]
        n_words = len(inner.split())
        outer = ctx.inside_quote(q.start, q.end)
        if outer is not None and outer != q:
            continue  # a quote inside a quote: the speaker's own marks
        b_start, b_end = ctx.block_at(q.start)
        block_body = text[b_start:b_end].strip(MARKUP + "\n")
        block = text[b_start:b_end]
        whole_block = (block_body and q.start - b_start <= len(block) - len(block.lstrip(MARKUP + "\n"))
                       and (not q.closed or not text[q.end:b_end].strip(MARKUP + "\n.,;")))
        before = text[max(b_start, q.start - 40):q.start]
        after = text[q.end:min(b_end, q.end + 40)]
        # epithet: a quoted nickname inside a name
        if n_words <= 4 and inner[:1].isupper() and re.search(rf"{NAME}\s+\**\Z", before) \
                and re.match(rf"\**\s+{NAME}", after) and "\n" not in inner:
            who = re.search(rf"({NAME})\s+\**\Z", before).group(1)
            yield Flag(q.start, q.end, "epithet", "epithet",
                       f"a quoted nickname inside a name ({who} … {inner.strip()})")
            continue
        if whole_block and n_words > 12:
            speaker, cue = cue_near(ctx, q)
            where = f"; introduced by {cue}" + (f"; speaker: {speaker}" if speaker else "") if cue else \
                "; no lead-in found: who wrote it?"
            yield Flag(q.start, q.end, "pasted_excerpt", "excerpt",
                       f"a whole paragraph in quotation marks (a pasted block){where}")
            continue
        if TITLE_CUE.search(before):
            yield Flag(q.start, q.end, "direct_quote", "quote",
                       "a quoted title or name (after 'entitled', 'called', ...): check it matches the source")
            continue
        speaker, cue = cue_near(ctx, q, window=160 if n_words > 3 else 60)
        if n_words <= 3 and not cue:
            yield Flag(q.start, q.end, "scare_quotes", "scare_quote",
                       f"a short quoted phrase ({n_words} word{'s' if n_words != 1 else ''}) with no speaker "
                       "or reporting verb nearby: does it quote anyone, or cast doubt on the word?")
            continue
        if cue:
            who = f"speaker: {speaker}" if speaker else "speaker not found next to the cue"
            yield Flag(q.start, q.end, "direct_quote", "quote",
                       f"words in quotation marks, introduced by {cue}; {who}")
        else:
            yield Flag(q.start, q.end, "unsourced_quote", "quote",
                       "words in quotation marks with no reporting verb, colon or speaker nearby: "
                       "whose words are these?")


def _reporting_flags(ctx: Context) -> Iterable[Flag]:
    text = ctx.text
    for m in REPORTING_RE.finditer(text):
        b_start, b_end = ctx.block_at(m.start())
        q = ctx.inside_quote(m.start(), m.end())
        if q is not None:
            continue
        verb = " ".join(m.group().split())
        who = speaker_near_verb(ctx.plain, m.start(), m.end(), verb, b_start, b_end)
        start, end = m.start(), m.end()
        if who:
            pos = -1 if verb.lower().startswith("according") else \
                ctx.plain.rfind(who, max(b_start, m.start() - 120), m.start())
            if pos >= 0:
                start = pos
            else:
                after = ctx.plain.find(who, m.end(), b_end)
                end = after + len(who) if after >= 0 else end
        reason = f"reporting verb ‘{verb}’; " + (f"speaker: {who}" if who else "speaker not found next to it")
        yield Flag(start, end, "attribution", "reporting", reason)
        if verb in DOUBTFUL_VERBS:
            lead = re.search(r"(?:\b[a-z]+ly\s+)?\Z", text[max(0, m.start() - 30):m.start()])
            s0 = m.start() - (len(lead.group()) if lead else 0)
            yield Flag(s0, m.end(), "doubt_casting", "doubt",
                       f"‘{text[s0:m.end()]}’ instead of a neutral ‘said’ hints that the words are not "
                       "to be believed (Wikipedia, Words to watch)")


def _cut_and_insertion_flags(ctx: Context) -> Iterable[Flag]:
    text = ctx.text
    for m in _ELLIPSIS_RE.finditer(text):
        if ctx.inside_quote(m.start(), m.end()):
            why = "an ellipsis inside a quotation: what was cut, and does the cut change the meaning?"
        else:
            why = ("an ellipsis outside quotation marks: if this passage is someone else's text "
                   "pasted in, what was cut?")
        yield Flag(m.start(), m.end(), "cut", "cut", why)
    for m in _BRACKET_RE.finditer(text):
        if ctx.inside_quote(m.start(), m.end()):
            why = "[brackets] inside a quotation: words added by the author, not the speaker"
        else:
            why = ("[brackets] in running text: if this passage is someone else's text, "
                   "these words were added to it")
        yield Flag(m.start(), m.end(), "bracketed_insertion", "insertion", why)


def _furniture_flags(ctx: Context) -> Iterable[Flag]:
    for m in _FURNITURE_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "pasted_excerpt", "furniture",
                   "web-page furniture (share buttons, a dateline, 'Screenshot of'): a sign that text "
                   "was pasted in from another page; where does the pasted passage start and end?")


def _emphasis_flags(ctx: Context) -> Iterable[Flag]:
    for m in _BOLD_RE.finditer(ctx.text):
        q = ctx.inside_quote(m.start(), m.end())
        if q is not None:
            block = ctx.text[slice(*ctx.block_at(m.start()))]
            added = "emphasis added" in block.lower()
            yield Flag(m.start(), m.end(), "emphasis_added", "emphasis",
                       "bold inside a quotation" + (" (marked 'emphasis added')" if added else
                                                    " with no 'emphasis added': was it in the original?"))
        else:
            yield Flag(m.start(), m.end(), "emphasis", "emphasis",
                       "bold type: it tells the reader what matters before the evidence does")


def _lexicon_flags(ctx: Context) -> Iterable[Flag]:
    lexicon, adjectives = load_lexicon(), load_adjectives()
    text = ctx.text
    hits: list[tuple[int, int, str]] = []
    for m in split.words(text):
        word = m.group()
        if word[0].isupper():
            s0 = ctx.sentence_at(m.start())[0]
            if m.start() != s0 and not word.isupper():
                continue  # capitalised mid-sentence: probably a name
        low = word.lower().replace("’", "'")
        if low in PLAIN_NEWS_WORDS:
            continue
        value = lexicon.get(low)
        if value is not None and (value <= -NEGATIVE_THRESHOLD or value >= POSITIVE_THRESHOLD):
            hits.append((m.start(), m.end(), f"{low} ({value:+.1f})"))
        elif low in adjectives and adjectives[low][1] >= SUBJECTIVITY_THRESHOLD:
            hits.append((m.start(), m.end(), f"{low} ({JUDGING_ADJECTIVE}, {adjectives[low][0]:+.2f})"))
    # join neighbours separated by spaces or a hyphen / "and" into one phrase
    i = 0
    while i < len(hits):
        j = i
        while j + 1 < len(hits) and re.fullmatch(r"\s+|\s*-\s*|\s+and\s+|,\s+",
                                                 text[hits[j][1]:hits[j + 1][0]]):
            j += 1
        words = ", ".join(h[2] for h in hits[i:j + 1])
        yield Flag(hits[i][0], hits[j][1], "loaded_language", "lexicon",
                   f"strongly charged word{'s' if j > i else ''}: {words} (VADER valence -4..+4; pattern "
                   "polarity -1..0): is there a plainer word?")
        i = j + 1


def _intensifier_flags(ctx: Context) -> Iterable[Flag]:
    for m in INTENSIFIER_RE.finditer(ctx.text):
        head = m.group().split()[0]
        if head.lower() == "very" and m["next"] and m["next"].lower() in _NOT_AFTER_VERY:
            continue
        yield Flag(m.start(), m.end(), "loaded_language", "intensifier",
                   f"intensifier ‘{' '.join(m.group().split()[:-1] if m['next'] else m.group().split())}’: "
                   "it strengthens the claim without adding evidence")


def _doubt_flags(ctx: Context) -> Iterable[Flag]:
    for m in DOUBT_RE.finditer(ctx.text):
        nxt = _DOUBTED.match(ctx.text[m.end():m.end() + 70])
        end = m.end() + (nxt.end() if nxt else 0)
        yield Flag(m.start(), end, "doubt_casting", "doubt",
                   f"‘{m.group()}’ casts doubt on what follows without giving evidence")


def _epithet_verb_flags(ctx: Context) -> Iterable[Flag]:
    for m in EPITHET_VERB_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "epithet", "epithet",
                   f"a label given to someone: ‘{' '.join(m.group().split())}’")


def _label_word_flags(ctx: Context) -> Iterable[Flag]:
    for m in LABEL_RE.finditer(ctx.text):
        if m.group()[0].isupper() and m.start() != ctx.sentence_at(m.start())[0]:
            continue  # a name (the Fake News Awards), not a label
        yield Flag(m.start(), m.end(), "epithet", "label_word",
                   f"‘{' '.join(m.group().split())}’ labels a person or group rather than describing "
                   "what they did")


def _camp_label_flags(ctx: Context) -> Iterable[Flag]:
    for m in CAMP_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "epithet", "camp_label",
                   f"‘{m.group()}’ sorts people into a camp: does the label stand in for what they "
                   "said or did?")


def _flag_waving_flags(ctx: Context) -> Iterable[Flag]:
    for m in FLAG_WAVING_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "loaded_language", "flag_waving",
                   f"‘{' '.join(m.group().split())}’ appeals to the reader's group pride or loyalty "
                   "rather than to evidence")


def _exclamation_flags(ctx: Context) -> Iterable[Flag]:
    text = ctx.text
    for s, e in ctx.sentences:
        if _EXCLAMATION_END.search(text, s, e) and len(text[s:e].split()) > 1:
            yield Flag(s, e, "emphasis", "exclamation",
                       "an exclamation: the sentence tells the reader what to feel")


def _shouting_flags(ctx: Context) -> Iterable[Flag]:
    for m in _SHOUTING_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "emphasis", "shouting",
                   f"words in capitals (‘{' '.join(m.group().split())}’): shouted, not argued")


def _dramatic_flags(ctx: Context) -> Iterable[Flag]:
    for m in DRAMATIC_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "dramatic_label", "dramatic",
                   f"‘{m.group()}’ names the event with a verdict built in: what would a plainer "
                   "description say?")


def _superlative_flags(ctx: Context) -> Iterable[Flag]:
    for m in SUPERLATIVE_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "sweeping_claim", "superlative",
                   f"superlative ‘{' '.join(m.group().split())}’: compared with what, and who measured it?")


def _question_flags(ctx: Context) -> Iterable[Flag]:
    text = ctx.text
    for s, e in ctx.sentences:
        if _QUESTION_END.search(text, s, e):
            q = ctx.inside_quote(s + 1, e - 1)
            where = " (inside a quotation: the speaker's question)" if q else ""
            yield Flag(s, e, "rhetorical_question", "question",
                       f"a question in the text{where}: does it plant an answer rather than ask?")


def _quantifier_flags(ctx: Context) -> Iterable[Flag]:
    text = ctx.text
    for m in QUANT_RE.finditer(text):
        lead = text[max(0, m.start() - 30):m.start()]
        if QUANT_HEDGE.search(lead):
            continue
        word = " ".join(m.group().lower().split())
        if word == "all" and QUANT_IDIOM.search(lead):
            continue
        if word == "all" and _ALL_IDIOM_AFTER.match(text[m.end():m.end() + 12]):
            continue
        # extend over the phrase it quantifies, up to punctuation or a line break (at most 4 words)
        tail = re.match(r"(?:[ \t]+(?:of[ \t]+)?[\w’'-]+){0,3}", text[m.end():m.end() + 60])
        end = m.end() + (tail.end() if tail else 0)
        yield Flag(m.start(), end, "sweeping_claim", "quantifier",
                   f"universal word ‘{word}’: is it true of every case, and what shows that?")


def _motive_flags(ctx: Context) -> Iterable[Flag]:
    for s, e, cue in _sentences_with(ctx, MOTIVE_RE):
        yield Flag(s, e, "motive_claim", "motive",
                   f"‘{cue}’: a claim about intentions or hidden motives; what evidence shows what anyone intended?")


def _sentences_with(ctx: Context, pattern: re.Pattern) -> Iterable[tuple[int, int, str]]:
    """(start, end, cue) of each sentence where ``pattern`` matches, once per sentence (not Title Case mid-sentence)."""
    seen: set[tuple[int, int]] = set()
    for m in pattern.finditer(ctx.text):
        s, e = ctx.sentence_at(m.start())
        if m.group()[0].isupper() and m.start() != s:
            continue  # Title Case mid-sentence: a name or a title, not a claim
        if (s, e) in seen or e <= m.start():
            continue
        seen.add((s, e))
        yield s, e, " ".join(m.group().split())


def _certainty_flags(ctx: Context) -> Iterable[Flag]:
    for s, e, cue in _sentences_with(ctx, CERTAINTY_RE):
        yield Flag(s, e, "sweeping_claim", "certainty",
                   f"‘{cue}’: the sentence says its claim is certain instead of showing why")


def _causal_flags(ctx: Context) -> Iterable[Flag]:
    for s, e, cue in _sentences_with(ctx, CAUSAL_RE):
        yield Flag(s, e, "causal_leap", "causal",
                   f"‘{cue}’: a cause or a blame asserted; does the evidence show it, and is it the only cause?")


def _generic_flags(ctx: Context) -> Iterable[Flag]:
    text = ctx.text
    for m in _GENERIC_RE.finditer(text):
        words = m["subject"].split()
        noun = words[-1].lower()
        if noun in _GENERIC_NOT or any(w.lower() in _NOT_GENERIC_DETERMINERS for w in words):
            continue
        s, e = ctx.sentence_at(m.start())
        yield Flag(m.start(), e if e > m.end() else m.end(), "hasty_generalization", "generic",
                   f"a claim about a whole group (‘{m['subject']} {' '.join(m['verb'].split())} …’): "
                   "true of all of them? on what evidence?")


def _counterfactual_flags(ctx: Context) -> Iterable[Flag]:
    text = ctx.text
    seen: set[tuple[int, int]] = set()
    for m in _COUNTERFACTUAL_RE.finditer(text):
        s, e = ctx.sentence_at(m.start())
        if (s, e) in seen:
            continue
        seen.add((s, e))
        yield Flag(s, e, "counterfactual", "counterfactual",
                   f"‘{' '.join(m.group().split())}’: a claim about what would have happened, "
                   "which no evidence can test")


RULES: dict[str, Callable[[Context], Iterable[Flag]]] = {
    "quote": _quote_flags,
    "reporting": _reporting_flags,
    "cut": _cut_and_insertion_flags,
    "furniture": _furniture_flags,
    "emphasis": _emphasis_flags,
    "lexicon": _lexicon_flags,
    "intensifier": _intensifier_flags,
    "doubt": _doubt_flags,
    "epithet": _epithet_verb_flags,
    "label_word": _label_word_flags,
    "camp_label": _camp_label_flags,
    "flag_waving": _flag_waving_flags,
    "exclamation": _exclamation_flags,
    "shouting": _shouting_flags,
    "dramatic": _dramatic_flags,
    "question": _question_flags,
    "quantifier": _quantifier_flags,
    "superlative": _superlative_flags,
    "motive": _motive_flags,
    "certainty": _certainty_flags,
    "causal": _causal_flags,
    "generic": _generic_flags,
    "counterfactual": _counterfactual_flags,
}

