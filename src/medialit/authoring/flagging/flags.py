"""Draft annotation candidates for an article: rules a teacher reviews, never a verdict.

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
    ``lexicon``      a word with a strong valence in the VADER lexicon (see below),
                     adjacent hits joined into one phrase: ``loaded_language``.
    ``intensifier``  very, truly, utterly, ... and the word they strengthen.
    ``scare_quote``  a quoted phrase of 1-3 words with no speaker or cue nearby.
    ``epithet``      a quoted nickname inside a name (James “Mad Dog” Mattis), or a
                     label given with dubbed / branded / nicknamed.
    ``doubt``        so-called, self-styled, alleged, ...; and reporting verbs that are
                     not neutral (claimed, insisted, admitted): ``doubt_casting``.
    ``label_word``   labels for people (regime, thugs, extremists, ...): ``epithet``.
    ``dramatic``     vivid names for events (exodus, getaway, massacre, ...gate).
    ``question``     a sentence ending in "?": ``rhetorical_question``.

Unsupported generalizations
    ``quantifier``   all, every, never, always, no one, nobody, everyone, ...
                     (not after "almost", "nearly", "not"; not "at all", "after all").
    ``superlative``  the worst, the most, unprecedented, in history, ...
    ``motive``       intention, objective, secret, real reason, unspoken, agenda, ...
    ``generic``      "X are Y" with a bare plural subject (Politicians are liars).
    ``counterfactual`` "if they had wanted", "would have", "had they ...".

The loaded-language lexicon is derived from the VADER sentiment lexicon
(vaderSentiment 3.3.2, ``vader_lexicon.txt``, C.J. Hutto), **MIT License**; the
derived word list and the licence text ship in ``medialit/lexicon/``
(``vader_words.tsv``, ``LICENSE-vader.txt``). The short word lists in this module
(intensifiers, quantifiers, motive words, reporting verbs) are hand-written.

Rules run with regular expressions in a few passes over the text: a 1,000-word
article takes milliseconds (see ``benchmarks/flag_speed.py``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from medialit.vocabulary import CATEGORIES, LABELS

DRAFTS_FILE = "drafts.yaml"
LEXICON_FILE = Path(__file__).resolve().parent / "lexicon" / "vader_words.tsv"

#: Minimum absolute VADER valence (scale -4..+4) for a word to be drafted as loaded.
NEGATIVE_THRESHOLD = 1.5
POSITIVE_THRESHOLD = 2.5


@dataclass(frozen=True)
class Flag:
    """One draft candidate: a span, where it goes in the scheme, and why."""

    start: int
    end: int
    category: str
    label: str
    rule: str
    reason: str

    def note(self) -> str:
        return f"DRAFT: {self.reason} [rule: {self.rule}]"


# --------------------------------------------------------------------------- text
_BLOCK_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
_SENT_END = re.compile(r"(?:\.\.\.|…|[.?!])[\"'”’»)\]*_]*(?=\s)")
_MARKUP = "*_> \t\u00a0#"
# a full stop after an initial (U.S., M. Hersh) or a title (Col., Dr.) does not end a sentence
_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Col|Gen|Lt|Maj|Sgt|Capt|Prof|Rev|Sen|Rep|Gov|"
                         r"Jr|Sr|vs|etc|No|Vol|pp|op|cit|e\.g|i\.e))\Z")


class _Text:
    """The text with its blocks (blank-line separated) and sentences (within lines)."""

    def __init__(self, text: str):
        self.text = text
        self.blocks: list[tuple[int, int]] = []
        pos = 0
        for match in [*_BLOCK_SPLIT.finditer(text), None]:
            end = match.start() if match else len(text)
            self.blocks.append((pos, end))
            if match:
                pos = match.end()
        self.sentences: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", text):
            base, body, cut = line.start(), line.group(), 0
            ends = [m for m in _SENT_END.finditer(body) if not _ABBREV_END.search(body, 0, m.start())]
            for match in [*ends, None]:
                stop = match.end() if match else len(body)
                piece = body[cut:stop]
                lead = len(piece) - len(piece.lstrip())
                stripped = piece.strip()
                if stripped:
                    start = base + cut + lead
                    self.sentences.append((start, start + len(stripped)))
                cut = stop
        self._sent_starts = [s for s, _ in self.sentences]
        self._block_starts = [s for s, _ in self.blocks]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        if i < 0:
            return (0, 0)
        return self.sentences[i]

    def block_at(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self._block_starts, offset) - 1)
        return self.blocks[i]


# ------------------------------------------------------------------------- quotes
@dataclass(frozen=True)
class Quote:
    start: int        # the opening mark
    end: int          # one past the closing mark (or the block end when unclosed)
    inner_start: int
    inner_end: int
    closed: bool


_PAIRS = [
    re.compile(r"“([^“”\n]*(?:\n[^“”\n]+)*)”"),           # English curly double
    re.compile(r"«\s?([^«»]+?)\s?»"),                      # guillemets
    re.compile(r"„([^„“”]+?)[“”]"),                         # German / Polish low-high
    re.compile(r"(?<![\w’‘])‘(?=\S)((?:[^‘’\n]|’(?=\w)){1,300}?)(?<=\S)’(?!\w)"),   # curly single
    # straight single: opens before a word (not a digit: '90s), not after one; apostrophes
    # inside words allowed
    re.compile(r"(?<![\w'])'(?=[^\s'\d])((?:[^'\n]|(?<=\w)'(?=\w)){1,200}?)(?<=\S)'(?!\w)"),
]
_OPEN_UNCLOSED = re.compile(r"“[^“”]*\Z")


def find_quotes(text: str, blocks: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Every quoted stretch of the text, outermost and nested, in order.

    Quotes are paired within a paragraph (blank-line separated block). A block
    that opens a quote and never closes it (the convention for a quotation
    running over several paragraphs) is quoted to its end.
    """
    if blocks is None:
        blocks = _Text(text).blocks
    out: list[Quote] = []
    for b_start, b_end in blocks:
        block = text[b_start:b_end]
        if not any(mark in block for mark in "\"'“”‘’«»„"):
            continue
        for pattern in _PAIRS:
            for m in pattern.finditer(block):
                if m.end(1) > m.start(1):
                    out.append(Quote(b_start + m.start(), b_start + m.end(),
                                     b_start + m.start(1), b_start + m.end(1), True))
        m = _OPEN_UNCLOSED.search(block)
        if m and len(m.group()) > 1 and not block[:m.start()].strip(_MARKUP):
            out.append(Quote(b_start + m.start(), b_start + m.end() - _trailing_markup(m.group()),
                             b_start + m.start() + 1, b_start + m.end() - _trailing_markup(m.group()),
                             False))
        # straight double quotes: pair them in order within the block
        marks = [m.start() for m in re.finditer('"', block)]
        for i in range(0, len(marks) - 1, 2):
            s, e = marks[i], marks[i + 1]
            if e > s + 1:
                out.append(Quote(b_start + s, b_start + e + 1, b_start + s + 1, b_start + e, True))
        if len(marks) % 2 == 1 and not block[: marks[-1]].strip(_MARKUP):
            s = marks[-1]
            end = len(block) - _trailing_markup(block)
            if end > s + 1:
                out.append(Quote(b_start + s, b_start + end, b_start + s + 1, b_start + end, False))
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def _trailing_markup(s: str) -> int:
    return len(s) - len(s.rstrip(_MARKUP + "\n"))


# ---------------------------------------------------------------- word lists
_REPORTING = (
    r"says|said|say|saying|told|tells|claimed|claims|admitted|admits|confirmed|confirms|"
    r"stated|added|adds|explained|explains|noted|insisted|insists|argued|argues|warned|warns|"
    r"announced|announces|declared|declares|wrote|writes|reported|acknowledged|acknowledges|"
    r"denied|denies|revealed|reveals|asserted|asserts|stressed|tweeted|remarked|replied|"
    r"responded|conceded|concedes|alleged|alleges|commented|testified|quoted|recalled|"
    r"suggests|suggested|maintains|maintained|contends|contended|confessed|"
    r"[Aa]ccording\s+to"
)
_REPORTING_RE = re.compile(rf"\b(?:{_REPORTING})\b")
_TITLES = r"(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Maj|Lt|Sgt|Capt|Prof|Rev|Sen|Rep|Gov|Pres|Jr|Sr)\."
_NAME = rf"(?:{_TITLES}|[A-Z]\.|[A-Z][\w’'-]*|al-[A-Z][\w-]*)"
_NAME_PART = rf"(?:{_NAME}|de|van|von|bin|al|da|di|du|le|la)"
_NICK = r"(?:\s+[“\"‘][A-Z][^“”\"‘’\n]{0,25}[”\"’])?"
_NAME_SEQ = rf"{_NAME}(?:{_NICK}\s+{_NAME_PART}){{0,3}}"
_SPEAKER_NOUN = (r"officials?|spokes(?:man|woman|person)|report|statement|minister|police|"
                 r"witnesses|sources|experts|analysts|residents|authorities|ministry|government|"
                 r"president|prime\s+minister|secretary|chief|leader|commander|investigators")
_PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I"
_SKIP_NAMES = {"The", "A", "An", "But", "And", "In", "On", "As", "At", "This", "That", "It",
               "However", "Yet", "So", "Then", "When", "While", "If", "Meanwhile", "Later",
               "What", "Who", "Why", "How", "Where", "There", "Here", "These", "Those", "Some",
               "Many", "Most", "All", "One", "Now", "Today", "Yesterday", "For", "With", "By",
               "From", "To", "Of", "After", "Before", "Since", "Although", "Still", "Also", "Even",
               "Such", "Other", "Its", "Their", "His", "Her", "Our", "My", "Your", "We", "You",
               "They", "He", "She", "I", "Is", "Was", "Are", "Were", "Not", "No", "Yes", "Indeed"}
# speaker right before the verb, allowing an apposition ", the minister,"
_SPEAKER_BEFORE = re.compile(
    rf"(?P<who>(?:the\s+|The\s+)?{_NAME_SEQ}|(?:(?:the|a|an|The|A|An)\s+)?(?:[\w-]+\s+){{0,2}}(?:{_SPEAKER_NOUN})"
    rf"|{_PRONOUN})(?:,[^,\n]{{1,80}},)?\s+(?:has\s+|had\s+|have\s+|also\s+|later\s+|then\s+)*\Z"
)
_SPEAKER_AFTER = re.compile(
    rf",?\s+(?P<who>(?:the\s+)?{_NAME_SEQ}|(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}(?:{_SPEAKER_NOUN})"
    rf"|{_PRONOUN})"
)

INTENSIFIERS = [
    "very", "truly", "utterly", "extremely", "totally", "absolutely", "completely",
    "incredibly", "deeply", "highly", "hugely", "massively", "enormously", "terribly",
    "remarkably", "really", "entirely", "thoroughly", "downright", "blatantly",
    "outright", "so much", "far too", "way too", "exceptionally", "tremendously",
    "overwhelmingly", "wholly", "simply", "literally", "unbelievably", "insanely",
]
QUANTIFIERS = [
    "all", "every", "everyone", "everybody", "everything", "everywhere", "never", "always",
    "no one", "nobody", "none", "nothing", "nowhere", "forever", "each and every",
    "without exception", "invariably", "any and all",
]
MOTIVE_WORDS = [
    "intention", "intentions", "intent", "intends", "intended", "objective", "objectives",
    "secret", "secretly", "real reason", "true reason", "real purpose", "true purpose",
    "real goal", "true goal", "unspoken", "hidden", "agenda", "covert", "covertly",
    "ulterior", "behind the scenes", "in reality", "deliberately", "on purpose",
    "ploy", "pretext", "ostensibly", "under the guise", "cover-up", "cover up",
    "designed to", "in order to hide", "the aim", "wants to", "want to",
]
DOUBT_WORDS = [
    "so-called", "so called", "self-styled", "self-proclaimed", "self-declared",
    "alleged", "allegedly", "purported", "purportedly", "supposed", "supposedly",
    "phony", "phoney", "bogus", "pseudo",
]
EPITHET_VERBS = r"dubbed|nicknamed|branded|labell?ed|christened"
#: Reporting verbs that are not neutral: they hint the speaker is not to be believed.
DOUBTFUL_VERBS = {"claimed", "claims", "alleged", "alleges", "insisted", "insists", "admitted", "admits",
                  "conceded", "concedes", "confessed", "maintains", "maintained", "contends", "contended"}
#: Vivid names for events that carry a verdict (hand-written; Wikipedia "Words to watch").
DRAMATIC_LABELS = [
    "exodus", "getaway", "massacre", "bloodbath", "carnage", "slaughter", "onslaught", "invasion",
    "witch hunt", "witch-hunt", "crusade", "meltdown", "catastrophe", "apocalypse", "debacle",
    "fiasco", "scandal", "cover-up", "coup", "purge", "rampage", "frenzy", "stampede", "flood",
    "tsunami", "plague", "siege", "heist", "takeover", "capitulation", "betrayal", "sell-out",
]
#: Labels that name a person or group as something to fear or despise (hand-written,
#: after Wikipedia's "Words to watch: contentious labels" and common political epithets).
LABEL_WORDS = [
    "cult", "cults", "sect", "extremist", "extremists", "fanatic", "fanatics", "zealot", "zealots",
    "bigot", "bigots", "racist", "racists", "fascist", "fascists", "nazi", "nazis", "thug", "thugs",
    "traitor", "traitors", "puppet", "puppets", "stooge", "stooges", "crony", "cronies", "shill",
    "shills", "lunatic", "lunatics", "regime", "mob", "elites", "propagandist", "propagandists",
    "apologist", "apologists", "denier", "deniers", "globalist", "globalists", "snowflake",
    "snowflakes", "deep state", "fake news", "haters", "losers", "radicals", "hardliners",
    "warmonger", "warmongers", "demagogue", "demagogues", "despot", "tyrant", "tyrants",
    "dictator", "henchmen", "minions", "hacks", "lackey", "lackeys", "hordes", "vermin",
]
SUPERLATIVES = [
    "the worst", "the best", "the greatest", "the biggest", "the largest", "the deadliest",
    "the most", "the least", "of all time", "in history", "ever before", "unprecedented",
    "unparalleled", "countless", "endless", "never-ending", "like never before",
]


def _words_re(words: Iterable[str]) -> str:
    alts = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)


_INTENSIFIER_RE = re.compile(rf"\b(?:{_words_re(INTENSIFIERS)})\b(?:\s+(?P<next>[A-Za-z][\w’'-]*))?",
                             re.IGNORECASE)
_QUANT_RE = re.compile(rf"\b(?:{_words_re(QUANTIFIERS)})\b", re.IGNORECASE)
_QUANT_HEDGE = re.compile(r"\b(?:almost|nearly|not|virtually|practically|near(?:ly)?|if)\s+\Z", re.IGNORECASE)
_QUANT_IDIOM = re.compile(r"\b(?:at|after|above|first\s+of|once\s+and\s+for|in|for\s+good\s+and)\s+\Z",
                          re.IGNORECASE)
_MOTIVE_RE = re.compile(rf"\b(?:{_words_re(MOTIVE_WORDS)})\b", re.IGNORECASE)
_DOUBT_RE = re.compile(rf"(?<![\w-])(?:{_words_re(DOUBT_WORDS)})(?![\w-])", re.IGNORECASE)
_EPITHET_VERB_RE = re.compile(rf"\b(?:{EPITHET_VERBS})\s+(?:as\s+)?(?P<what>[\"“‘'][^\"“”‘’'\n]{{1,60}}[\"”’']|"
                              r"(?:(?:an?|the)\s+)?[\w-]+(?:\s+[\w-]+){0,2})")
_DRAMATIC_RE = re.compile(rf"(?<![\w-])(?:{_words_re(DRAMATIC_LABELS)})(?![\w-])|\b[A-Z][a-z]+gate\b",
                          re.IGNORECASE)
_LABEL_RE = re.compile(rf"\b(?:{_words_re(LABEL_WORDS)})\b", re.IGNORECASE)
_SUPERLATIVE_RE = re.compile(rf"\b(?:{_words_re(SUPERLATIVES)})\b(?:\s+[a-z][\w-]*)?", re.IGNORECASE)
_QUESTION_END = re.compile(r"\?[\"'”’»)\]*_]*\Z")
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
_COUNTERFACTUAL_RE = re.compile(
    r"\bif\s+(?:[\w’'-]+\s+){1,5}?had\s+(?:not\s+|never\s+)?(?:\w+ed|been|wanted|known|done|gone|taken|seen)\b"
    r"|\bhad\s+(?:they|he|she|we|you|it|I|the\s+\w+)\s+(?:not\s+|never\s+)?(?:\w+ed|been|known|done|gone|taken)\b"
    r"|\b(?:would|could|might|should)(?:n[’']t|\s+not|\s+never)?\s+have\s+(?:\w+ed|\w+en|been|known|done|"
    r"gone|seen|had|made|let|come|got|won|lost|happened|thought|brought|caught|fought|sought|kept|left|"
    r"felt|held|met|paid|put|run|said|sent|set|sold|stood|struck|told|understood)\b",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(r"[A-Za-z][a-z’'-]*[a-z]|[A-Za-z]")
_TITLE_CUE = re.compile(r"\b(?:entitled|titled|headlined|headline|called|named|reads?|hashtag|tagline|slogan)"
                        r"\s*[,:]?\s*[*_]*\Z", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, float]:
    """The shipped word -> valence table (VADER, MIT License)."""
    try:
        raw = LEXICON_FILE.read_text(encoding="utf-8")
    except FileNotFoundError:  # pragma: no cover - packaging mistake
        raise FileNotFoundError(
            f"the loaded-language lexicon {LEXICON_FILE} is missing: reinstall medialit "
            "(the package data must include medialit/lexicon/*)") from None
    table: dict[str, float] = {}
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        word, value = line.split("\t")
        table[word] = float(value)
    return table


#: Words a news report uses literally: a strong VADER valence but, in reporting,
#: usually the plain name of what happened. Hand-picked; a draft, not a verdict.
PLAIN_NEWS_WORDS = frozenset("""
war wars kill kills killed killing killings death deaths dead die died dies dying attack attacks
attacked crime crimes criminal prison arrest arrested victim victims injured hurt fire fired
terrorism terrorist terrorists bomb bombs bombing weapon weapons gun guns police win won wins
lost lose loss losses free freedom support supported supports help helps helped please
like liked likes yes no ok okay agree agreed thanks thank care cares cared protect protected
""".split())


# ---------------------------------------------------------------------- the rules
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def _plain(text: str) -> str:
    """The text with Markdown marks (* _ [ ] and link targets) blanked, offsets kept."""
    text = _LINK_TARGET.sub(lambda m: " " * len(m.group()), text)
    return text.translate(str.maketrans("*_[]", "    "))


class _Ctx:
    def __init__(self, text: str):
        self.t = _Text(text)
        self.raw = text
        self.text = text
        self.plain = _plain(text)
        self.quotes = find_quotes(text, self.t.blocks)
        self._quote_starts = [q.start for q in self.quotes]
        self.outer = _outermost(self.quotes)

    def inside_quote(self, start: int, end: int) -> Quote | None:
        """The outermost quote containing ``start..end`` (not counting the marks)."""
        for q in self.outer:
            if q.start < start and end <= q.end and start >= q.inner_start:
                return q
            if q.start > start:
                break
        return None


def _outermost(quotes: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    for q in quotes:  # sorted by start, longest first
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


def _speaker_near_verb(text: str, v_start: int, v_end: int, verb: str, lo: int, hi: int) -> str | None:
    if verb.lower().startswith("according"):
        m = _SPEAKER_AFTER.match(text, v_end, hi)
        return _clean_speaker(m["who"]) if m else None
    m = _SPEAKER_BEFORE.search(text[max(lo, v_start - 120):v_start])
    if m:
        who = _clean_speaker(m["who"])
        if who:
            return who
    m = _SPEAKER_AFTER.match(text, v_end, hi)
    if m:
        return _clean_speaker(m["who"])
    return None


def _clean_speaker(who: str) -> str | None:
    words = who.split()
    if len(words) == 1 and re.fullmatch(_PRONOUN, words[0]):
        return words[0]
    while len(words) > 1 and words[0] in _SKIP_NAMES and not (words[0] == "The" and words[1][:1].isupper()):
        words = words[1:]
    if not words or (len(words) == 1 and words[0] in _SKIP_NAMES):
        return None
    return " ".join(words)


def _cue_near(ctx: _Ctx, q: Quote, window: int = 160) -> tuple[str | None, str | None]:
    """(speaker, cue) for a quote: a reporting verb or a colon close to it."""
    text = ctx.text
    b_start, b_end = ctx.t.block_at(q.start)
    # a colon right before the opening mark (markup allowed), or ending the previous block
    before = text[max(b_start, q.start - 3):q.start].rstrip(_MARKUP)
    colon = before.endswith(":")
    if not colon and q.start - b_start <= 3 and b_start > 0:
        prev = text[max(0, b_start - 200):b_start].rstrip(_MARKUP + "\n")
        colon = prev.endswith(":")
        if colon:
            b_start = max(0, b_start - 200)
    lo, hi = max(b_start, q.start - window), min(b_end, q.end + window)
    best: tuple[int, str | None, str] | None = None
    for segment_lo, segment_hi in ((lo, q.start), (q.end, hi)):
        for m in _REPORTING_RE.finditer(text, segment_lo, segment_hi):
            if ctx.inside_quote(m.start(), m.end()):
                continue
            dist = q.start - m.end() if m.end() <= q.start else m.start() - q.end
            who = _speaker_near_verb(ctx.plain, m.start(), m.end(), m.group(), lo, hi)
            cand = (dist, who, m.group())
            if best is None or cand[0] < best[0]:
                best = cand
    if best:
        return best[1], f"‘{' '.join(best[2].split())}’"
    if colon:
        sent = ctx.t.sentence_at(max(0, q.start - 2))
        lead = ctx.plain[sent[0]:q.start]
        names = re.findall(rf"(?:the\s+)?{_NAME_SEQ}", lead)
        names = [n for n in (_clean_speaker(n) for n in names) if n]
        return (names[0] if names else None), "a colon"
    return None, None


def _quote_flags(ctx: _Ctx) -> Iterable[Flag]:
    text = ctx.text
    for q in ctx.quotes:
        inner = text[q.inner_start:q.inner_end]
        n_words = len(inner.split())
        outer = ctx.inside_quote(q.start, q.end)
        if outer is not None and outer != q:
            continue  # a quote inside a quote: the speaker's own marks
        b_start, b_end = ctx.t.block_at(q.start)
        block_body = text[b_start:b_end].strip(_MARKUP + "\n")
        whole_block = (block_body and q.start - b_start <= len(text[b_start:b_end]) - len(text[b_start:b_end].lstrip(_MARKUP + "\n"))
                       and (not q.closed or not text[q.end:b_end].strip(_MARKUP + "\n.,;")))
        before = text[max(b_start, q.start - 40):q.start]
        after = text[q.end:min(b_end, q.end + 40)]
        # epithet: a quoted nickname inside a name
        if n_words <= 4 and inner[:1].isupper() and re.search(rf"{_NAME}\s+\**\Z", before) \
                and re.match(rf"\**\s+{_NAME}", after) and "\n" not in inner:
            who = re.search(rf"({_NAME})\s+\**\Z", before).group(1)
            yield Flag(q.start, q.end, "framing", "epithet", "epithet",
                       f"a quoted nickname inside a name ({who} … {inner.strip()})")
            continue
        if whole_block and n_words > 12:
            speaker, cue = _cue_near(ctx, q)
            where = f"; introduced by {cue}" + (f"; speaker: {speaker}" if speaker else "") if cue else \
                "; no lead-in found: who wrote it?"
            yield Flag(q.start, q.end, "quoted_reporting", "pasted_excerpt", "excerpt",
                       f"a whole paragraph in quotation marks (a pasted block){where}")
            continue
        if _TITLE_CUE.search(before):
            yield Flag(q.start, q.end, "quoted_reporting", "direct_quote", "quote",
                       "a quoted title or name (after 'entitled', 'called', ...): check it matches the source")
            continue
        speaker, cue = _cue_near(ctx, q, window=160 if n_words > 3 else 60)
        if n_words <= 3 and not cue:
            yield Flag(q.start, q.end, "framing", "scare_quotes", "scare_quote",
                       f"a short quoted phrase ({n_words} word{'s' if n_words != 1 else ''}) with no speaker "
                       "or reporting verb nearby: does it quote anyone, or cast doubt on the word?")
            continue
        if cue:
            who = f"speaker: {speaker}" if speaker else "speaker not found next to the cue"
            yield Flag(q.start, q.end, "quoted_reporting", "direct_quote", "quote",
                       f"words in quotation marks, introduced by {cue}; {who}")
        else:
            yield Flag(q.start, q.end, "quoted_reporting", "unsourced_quote", "quote",
                       "words in quotation marks with no reporting verb, colon or speaker nearby: "
                       "whose words are these?")


def _reporting_flags(ctx: _Ctx) -> Iterable[Flag]:
    text = ctx.text
    for m in _REPORTING_RE.finditer(text):
        b_start, b_end = ctx.t.block_at(m.start())
        q = ctx.inside_quote(m.start(), m.end())
        if q is not None:
            continue
        verb = " ".join(m.group().split())
        who = _speaker_near_verb(ctx.plain, m.start(), m.end(), verb, b_start, b_end)
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
        yield Flag(start, end, "quoted_reporting", "attribution", "reporting", reason)
        if verb in DOUBTFUL_VERBS:
            lead = re.search(r"(?:\b[a-z]+ly\s+)?\Z", text[max(0, m.start() - 30):m.start()])
            s0 = m.start() - (len(lead.group()) if lead else 0)
            yield Flag(s0, m.end(), "framing", "doubt_casting", "doubt",
                       f"‘{text[s0:m.end()]}’ instead of a neutral ‘said’ hints that the words are not "
                       "to be believed (Wikipedia, Words to watch)")


def _cut_and_insertion_flags(ctx: _Ctx) -> Iterable[Flag]:
    text = ctx.text
    for m in _ELLIPSIS_RE.finditer(text):
        if ctx.inside_quote(m.start(), m.end()):
            why = "an ellipsis inside a quotation: what was cut, and does the cut change the meaning?"
        else:
            why = ("an ellipsis outside quotation marks: if this passage is someone else's text "
                   "pasted in, what was cut?")
        yield Flag(m.start(), m.end(), "quoted_reporting", "cut", "cut", why)
    for m in _BRACKET_RE.finditer(text):
        if ctx.inside_quote(m.start(), m.end()):
            why = "[brackets] inside a quotation: words added by the author, not the speaker"
        else:
            why = ("[brackets] in running text: if this passage is someone else's text, "
                   "these words were added to it")
        yield Flag(m.start(), m.end(), "quoted_reporting", "bracketed_insertion", "insertion", why)


def _furniture_flags(ctx: _Ctx) -> Iterable[Flag]:
    for m in _FURNITURE_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "quoted_reporting", "pasted_excerpt", "furniture",
                   "web-page furniture (share buttons, a dateline, 'Screenshot of'): a sign that text "
                   "was pasted in from another page; where does the pasted passage start and end?")


def _emphasis_flags(ctx: _Ctx) -> Iterable[Flag]:
    for m in _BOLD_RE.finditer(ctx.text):
        q = ctx.inside_quote(m.start(), m.end())
        if q is not None:
            block = ctx.text[slice(*ctx.t.block_at(m.start()))]
            added = "emphasis added" in block.lower()
            yield Flag(m.start(), m.end(), "quoted_reporting", "emphasis_added", "emphasis",
                       "bold inside a quotation" + (" (marked 'emphasis added')" if added else
                                                    " with no 'emphasis added': was it in the original?"))
        else:
            yield Flag(m.start(), m.end(), "framing", "emphasis", "emphasis",
                       "bold type: it tells the reader what matters before the evidence does")


def _lexicon_flags(ctx: _Ctx) -> Iterable[Flag]:
    lexicon = load_lexicon()
    text = ctx.text
    hits: list[tuple[int, int, str, float]] = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        if word[0].isupper():
            s0 = ctx.t.sentence_at(m.start())[0]
            if m.start() != s0 and not word.isupper():
                continue  # capitalised mid-sentence: probably a name
        low = word.lower().replace("’", "'")
        value = lexicon.get(low)
        if value is None or low in PLAIN_NEWS_WORDS:
            continue
        if value <= -NEGATIVE_THRESHOLD or value >= POSITIVE_THRESHOLD:
            hits.append((m.start(), m.end(), low, value))
    # join neighbours separated by spaces or a hyphen / "and" into one phrase
    i = 0
    while i < len(hits):
        j = i
        while j + 1 < len(hits) and re.fullmatch(r"\s+|\s*-\s*|\s+and\s+|,\s+",
                                                 text[hits[j][1]:hits[j + 1][0]]):
            j += 1
        words = ", ".join(f"{h[2]} ({h[3]:+.1f})" for h in hits[i:j + 1])
        yield Flag(hits[i][0], hits[j][1], "framing", "loaded_language", "lexicon",
                   f"strongly charged word{'s' if j > i else ''} in the VADER lexicon: {words} "
                   "(valence -4..+4): is there a plainer word?")
        i = j + 1


def _intensifier_flags(ctx: _Ctx) -> Iterable[Flag]:
    for m in _INTENSIFIER_RE.finditer(ctx.text):
        head = m.group().split()[0]
        if head.lower() == "very" and m["next"] and m["next"].lower() in {"much", "few", "little", "least", "same", "first", "last", "end", "day", "next", "moment", "beginning"}:
            continue
        yield Flag(m.start(), m.end(), "framing", "loaded_language", "intensifier",
                   f"intensifier ‘{' '.join(m.group().split()[:-1] if m['next'] else m.group().split())}’: "
                   "it strengthens the claim without adding evidence")


def _doubt_flags(ctx: _Ctx) -> Iterable[Flag]:
    for m in _DOUBT_RE.finditer(ctx.text):
        nxt = re.match(r"\s+(?:[\"“‘'][^\"”’'\n]{1,60}[\"”’']|[\w-]+(?:\s+[A-Z][\w-]*){0,3})", ctx.text[m.end():m.end() + 70])
        end = m.end() + (nxt.end() if nxt else 0)
        yield Flag(m.start(), end, "framing", "doubt_casting", "doubt",
                   f"‘{m.group()}’ casts doubt on what follows without giving evidence")


def _epithet_verb_flags(ctx: _Ctx) -> Iterable[Flag]:
    for m in _EPITHET_VERB_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "framing", "epithet", "epithet",
                   f"a label given to someone: ‘{' '.join(m.group().split())}’")


def _label_word_flags(ctx: _Ctx) -> Iterable[Flag]:
    for m in _LABEL_RE.finditer(ctx.text):
        if m.group()[0].isupper() and m.start() != ctx.t.sentence_at(m.start())[0]:
            continue  # a name (the Fake News Awards), not a label
        yield Flag(m.start(), m.end(), "framing", "epithet", "label_word",
                   f"‘{' '.join(m.group().split())}’ labels a person or group rather than describing "
                   "what they did")


def _dramatic_flags(ctx: _Ctx) -> Iterable[Flag]:
    for m in _DRAMATIC_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "framing", "dramatic_label", "dramatic",
                   f"‘{m.group()}’ names the event with a verdict built in: what would a plainer "
                   "description say?")


def _superlative_flags(ctx: _Ctx) -> Iterable[Flag]:
    for m in _SUPERLATIVE_RE.finditer(ctx.text):
        yield Flag(m.start(), m.end(), "generalization", "sweeping_claim", "superlative",
                   f"superlative ‘{' '.join(m.group().split())}’: compared with what, and who measured it?")


def _question_flags(ctx: _Ctx) -> Iterable[Flag]:
    text = ctx.text
    for s, e in ctx.t.sentences:
        if _QUESTION_END.search(text, s, e):
            q = ctx.inside_quote(s + 1, e - 1)
            where = " (inside a quotation: the speaker's question)" if q else ""
            yield Flag(s, e, "framing", "rhetorical_question", "question",
                       f"a question in the text{where}: does it plant an answer rather than ask?")


def _quantifier_flags(ctx: _Ctx) -> Iterable[Flag]:
    text = ctx.text
    for m in _QUANT_RE.finditer(text):
        lead = text[max(0, m.start() - 30):m.start()]
        if _QUANT_HEDGE.search(lead):
            continue
        word = " ".join(m.group().lower().split())
        if word == "all" and _QUANT_IDIOM.search(lead):
            continue
        if word == "all" and re.match(r"\s+(?:right|but|too|along|over|the\s+same|in\s+all)\b", text[m.end():m.end() + 12]):
            continue
        # extend over the phrase it quantifies, up to punctuation or a line break (at most 4 words)
        tail = re.match(r"(?:[ \t]+(?:of[ \t]+)?[\w’'-]+){0,3}", text[m.end():m.end() + 60])
        end = m.end() + (tail.end() if tail else 0)
        yield Flag(m.start(), end, "generalization", "sweeping_claim", "quantifier",
                   f"universal word ‘{word}’: is it true of every case, and what shows that?")


def _motive_flags(ctx: _Ctx) -> Iterable[Flag]:
    text = ctx.text
    seen: set[tuple[int, int]] = set()
    for m in _MOTIVE_RE.finditer(text):
        s, e = ctx.t.sentence_at(m.start())
        if m.group()[0].isupper() and m.start() != s:
            continue  # Title Case mid-sentence: a name or a title, not a claim
        if (s, e) in seen or e <= m.start():
            continue
        seen.add((s, e))
        yield Flag(s, e, "generalization", "motive_claim", "motive",
                   f"‘{' '.join(m.group().split())}’: a claim about intentions or hidden motives; "
                   "what evidence shows what anyone intended?")


def _generic_flags(ctx: _Ctx) -> Iterable[Flag]:
    text = ctx.text
    for m in _GENERIC_RE.finditer(text):
        words = m["subject"].split()
        noun = words[-1].lower()
        if noun in _GENERIC_NOT or any(w.lower() in {"the", "these", "those", "their", "our", "his", "her", "its", "my", "your", "some", "many", "two", "three", "both", "few", "several", "there"} for w in words):
            continue
        s, e = ctx.t.sentence_at(m.start())
        yield Flag(m.start(), e if e > m.end() else m.end(), "generalization", "hasty_generalization", "generic",
                   f"a claim about a whole group (‘{m['subject']} {' '.join(m['verb'].split())} …’): "
                   "true of all of them? on what evidence?")


def _counterfactual_flags(ctx: _Ctx) -> Iterable[Flag]:
    text = ctx.text
    seen: set[tuple[int, int]] = set()
    for m in _COUNTERFACTUAL_RE.finditer(text):
        s, e = ctx.t.sentence_at(m.start())
        if (s, e) in seen:
            continue
        seen.add((s, e))
        yield Flag(s, e, "generalization", "counterfactual", "counterfactual",
                   f"‘{' '.join(m.group().split())}’: a claim about what would have happened, "
                   "which no evidence can test")


RULES: dict[str, Callable[[_Ctx], Iterable[Flag]]] = {
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
    "dramatic": _dramatic_flags,
    "question": _question_flags,
    "quantifier": _quantifier_flags,
    "superlative": _superlative_flags,
    "motive": _motive_flags,
    "generic": _generic_flags,
    "counterfactual": _counterfactual_flags,
}


def flag_text(text: str, rules: Iterable[str] | None = None) -> list[Flag]:
    """Every draft flag in ``text``, sorted by position (duplicates dropped)."""
    ctx = _Ctx(text)
    names = list(RULES) if rules is None else list(rules)
    out: dict[tuple[int, int, str], Flag] = {}
    for name in names:
        if name not in RULES:
            raise ValueError(f"unknown rule {name!r}; rules are {', '.join(RULES)}")
        for flag in RULES[name](ctx):
            if flag.end <= flag.start:
                continue
            assert flag.category in CATEGORIES and flag.label in LABELS[flag.category], flag
            out.setdefault((flag.start, flag.end, flag.label), flag)
    return sorted(out.values(), key=lambda f: (f.start, f.end, f.label))


# ------------------------------------------------------------------ draft records
def draft_records(text: str, flags: Iterable[Flag] | None = None) -> list[dict]:
    """Flags as annotation records (id, start, end, text, category, label, note)."""
    flags = flag_text(text) if flags is None else list(flags)
    records = []
    for number, flag in enumerate(flags, start=1):
        records.append({
            "id": f"draft-{number:03d}-{flag.rule}",
            "start": flag.start,
            "end": flag.end,
            "text": text[flag.start:flag.end],
            "category": flag.category,
            "label": flag.label,
            "note": flag.note(),
        })
    return records


DRAFTS_HEADER = """\
# Draft annotation candidates made by `medialit flag` from article.txt.
# They are rules firing, not judgements: review every record. Keep the ones you agree
# with, rewrite the note for students (drop "DRAFT:"), add a source_id from
# sources.yaml where someone is quoted, then move them into annotations.yaml and run
# `medialit check`. Re-running `medialit flag` replaces this file only with --force.
"""


def dump_records(records: list[dict]) -> str:
    import yaml

    if not records:
        return "[]\n"
    return yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=False)


def write_drafts(folder: Path | str, out: Path | str | None = None, force: bool = False) -> tuple[Path, list[dict]]:
    """Flag ``folder/article.txt`` and write the drafts; returns (path, records).

    Refuses to write over ``annotations.yaml``, and over an existing drafts file
    unless ``force``.
    """
    from medialit._io.reading import read_text
    from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE

    folder = Path(folder)
    text = read_text(folder / ARTICLE_FILE)
    path = Path(out) if out is not None else folder / DRAFTS_FILE
    if path.resolve() == (folder / ANNOTATIONS_FILE).resolve() or path.name == ANNOTATIONS_FILE:
        raise FileExistsError(f"{path}: flag never writes annotations.yaml; drafts go to {DRAFTS_FILE} "
                              "for you to review")
    if path.exists() and not force:
        raise FileExistsError(f"{path} already exists (reviewed drafts may be in it): "
                              "use --force to write it again, or --out another file")
    records = draft_records(text)
    path.write_text(DRAFTS_HEADER + dump_records(records), encoding="utf-8")
    return path, records


# ------------------------------------------------------- recall against annotations
def against_annotations(folder: Path | str) -> dict[str, dict]:
    """Per category: how much of the article's own annotation layer the drafts cover.

    Gold is ``annotations.yaml`` (records with usable offsets); predictions are the
    drafts of the same category. Returns ``{category: {"score": SpanScore, "gold": n,
    "drafts": m, "skipped": k}}`` plus an ``"all"`` entry over every category.
    """
    from medialit._io.reading import read_text, read_yaml
    from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE
    from medialit.text.spans import score

    folder = Path(folder)
    text = read_text(folder / ARTICLE_FILE)
    records = read_yaml(folder / ANNOTATIONS_FILE) or []
    if not isinstance(records, list):
        raise ValueError(f"{folder / ANNOTATIONS_FILE}: not a list of records")
    gold: dict[str, list] = {c: [] for c in CATEGORIES}
    skipped = 0
    for rec in records:
        if not isinstance(rec, dict):
            skipped += 1
            continue
        s, e, cat = rec.get("start"), rec.get("end"), rec.get("category")
        if cat not in gold or not isinstance(s, int) or not isinstance(e, int) \
                or isinstance(s, bool) or isinstance(e, bool) or not 0 <= s < e <= len(text):
            skipped += 1
            continue
        gold[cat].append((s, e))
    flags = flag_text(text)
    result: dict[str, dict] = {}
    all_pred, all_gold = [], []
    for cat in CATEGORIES:
        pred = [(f.start, f.end) for f in flags if f.category == cat]
        all_pred += pred
        all_gold += gold[cat]
        result[cat] = {"score": score(pred, gold[cat]), "gold": len(gold[cat]), "drafts": len(pred),
                       "skipped": 0}
    result["all"] = {"score": score(all_pred, all_gold), "gold": len(all_gold), "drafts": len(all_pred),
                     "skipped": skipped}
    return result


# ------------------------------------------------------------------ PTC evaluation
#: How draft labels are scored against PTC techniques. A label maps to at most one
#: technique; labels not listed here (quoted reporting, emphasis) are not scored
#: per technique, since the PTC does not mark quotations as such.
PTC_MAPPING: dict[str, str] = {
    "loaded_language": "Loaded_Language",
    "dramatic_label": "Loaded_Language",
    "epithet": "Name_Calling,Labeling",
    "scare_quotes": "Name_Calling,Labeling",
    "doubt_casting": "Doubt",
    "rhetorical_question": "Doubt",
    "sweeping_claim": "Exaggeration,Minimisation",
    "motive_claim": "Causal_Oversimplification",
    "hasty_generalization": "Appeal_to_fear-prejudice",
    "direct_quote": "Appeal_to_Authority",
    "counterfactual": "Causal_Oversimplification",
    "causal_leap": "Causal_Oversimplification",
}


@dataclass
class PTCReport:
    """Scores of draft flags on a PTC-layout corpus."""

    overall: object                 # SpanScore: mapped drafts vs every gold span
    all_drafts: object              # SpanScore: every draft (mapped or not) vs every gold span
    per_technique: dict             # technique -> SpanScore (drafts mapped to it vs its gold)
    per_label: dict                 # label -> number of predicted spans
    predictions: list               # [(article_id, label, start, end)]
    articles: int
    mapping: dict


def ptc_predictions(corpus, progress: Callable[[int, int], None] | None = None) -> list[tuple[str, str, int, int]]:
    """Draft flags for every article of a :class:`medialit.authoring.flagging.ptc.Corpus` as TSV rows."""
    rows: list[tuple[str, str, int, int]] = []
    ids = list(corpus.texts)
    for n, aid in enumerate(ids, start=1):
        for flag in flag_text(corpus.texts[aid]):
            rows.append((aid, flag.label, flag.start, flag.end))
        if progress is not None:
            progress(n, len(ids))
    return rows


def score_ptc(rows, corpus, mapping: dict[str, str] | None = None) -> PTCReport:
    """Score predicted ``(id, label, start, end)`` rows against the corpus gold.

    - overall: predictions whose label maps to a technique, against all gold spans
      of every technique (merged), summed over articles with ``score_many``;
    - per technique T: predictions whose label maps to T, against T's gold spans;
    - all drafts: every prediction, mapped or not, against all gold spans.
    """
    from collections import Counter

    from medialit.authoring.flagging.ptc import TECHNIQUES
    from medialit.text.spans import score_many

    mapping = PTC_MAPPING if mapping is None else mapping
    rows = [tuple(r) for r in rows]
    ids = list(corpus.texts)
    gold_all = corpus.gold()

    def preds(keep) -> dict:
        out = {aid: [] for aid in ids}
        for aid, label, start, end in rows:
            if aid in out and keep(label):
                out[aid].append((int(start), int(end)))
        return out

    overall = score_many(preds(lambda lab: lab in mapping), gold_all)
    all_drafts = score_many(preds(lambda lab: True), gold_all)
    # techniques with gold spans, and any other that a predicted label maps to (scores 0)
    present = set(corpus.techniques) | {mapping[r[1]] for r in rows if r[1] in mapping}
    techniques = [t for t in TECHNIQUES if t in present] + sorted(present - set(TECHNIQUES))
    per_technique = {
        tech: score_many(preds(lambda lab, t=tech: mapping.get(lab) == t), corpus.gold(tech))
        for tech in techniques
    }
    per_label = dict(Counter(r[1] for r in rows))
    return PTCReport(overall, all_drafts, per_technique, per_label, rows, len(ids), dict(mapping))


def format_ptc_report(report: PTCReport) -> str:
    lines = [
        f"Draft flags against the PTC gold spans ({report.articles} articles), "
        "SemEval-2020 span score with partial credit (medialit.text.spans.score_many).",
        "How labels map to techniques (a draft label counts for at most one technique;",
        "labels not listed - quoted reporting, emphasis - are not mapped):",
    ]
    by_tech: dict[str, list[str]] = {}
    for label, tech in report.mapping.items():
        by_tech.setdefault(tech, []).append(label)
    for tech, labels in by_tech.items():
        lines.append(f"  {', '.join(labels)} -> {tech}")
    lines += [
        "Overall: every mapped draft against every gold span of any technique (merged).",
        "Per technique: the drafts mapped to that technique against its gold spans only.",
        "",
        f"{'':38s} {'P':>6s} {'R':>6s} {'F1':>6s} {'|S|':>7s} {'|T|':>7s}",
    ]

    def row(name, sc, extra=""):
        return (f"{name:38s} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f} "
                f"{sc.predicted:7d} {sc.gold:7d}{extra}")

    lines.append(row("OVERALL (mapped drafts)", report.overall))
    lines.append(row("all drafts incl. unmapped", report.all_drafts))
    for tech, sc in report.per_technique.items():
        extra = "" if tech in by_tech else "   (no rule maps here)"
        lines.append(row(tech, sc, extra))
    lines.append("")
    lines.append("Drafts per label: " + ", ".join(f"{k} {v}" for k, v in sorted(report.per_label.items())))
    return "\n".join(lines)


def format_against(result: dict, folder) -> str:
    lines = [f"Draft flags against the annotation layer of {folder} (annotations.yaml as gold),",
             "SemEval-2020 span score with partial credit (medialit.text.spans.score):",
             f"{'category':20s} {'recall':>7s} {'precision':>9s} {'gold':>5s} {'drafts':>7s}"]
    for key, item in result.items():
        sc = item["score"]
        recall = f"{sc.recall:7.3f}" if item["gold"] else "    n/a"
        lines.append(f"{key:20s} {recall} {sc.precision:9.3f} {item['gold']:5d} {item['drafts']:7d}")
    skipped = result["all"]["skipped"]
    if skipped:
        lines.append(f"({skipped} record(s) without usable offsets or category were left out)")
    lines.append("Recall: how much of each annotation the drafts of its category cover; precision: how much "
                 "of each draft lies in an annotation (drafts over-flag by design).")
    return "\n".join(lines)
