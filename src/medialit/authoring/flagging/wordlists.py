"""The word lists the draft rules look for, and the patterns built from them.

The loaded-language lexicon is derived from the VADER sentiment lexicon
(vaderSentiment 3.3.2, ``vader_lexicon.txt``, C.J. Hutto), **MIT License**; the
derived word list and the licence text ship beside this module in ``lexicon/``
(``vader_words.tsv``, ``LICENSE-vader.txt``). The judging adjectives come from the pattern
sentiment lexicon (De Smedt and Daelemans, as shipped in TextBlob 0.20.1), **PDDL**
(public domain): ``pattern_adjectives.tsv`` and ``LICENSE-pattern.txt`` in ``lexicon/``.
The short word lists here (intensifiers,
quantifiers, motive words, certainty and causal words, reporting verbs, labels, and the
plain news words never drafted as loaded) are hand-written; none is taken from a corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

LEXICON_FILE = Path(__file__).resolve().parent / "lexicon" / "vader_words.tsv"
ADJECTIVES_FILE = Path(__file__).resolve().parent / "lexicon" / "pattern_adjectives.tsv"

#: Minimum absolute VADER valence (scale -4..+4) for a word to be drafted as loaded.
NEGATIVE_THRESHOLD = 1.5
POSITIVE_THRESHOLD = 2.5
#: A negative adjective of the pattern lexicon is drafted as loaded from this subjectivity (0..1).
SUBJECTIVITY_THRESHOLD = 0.8
#: How a lexicon draft's reason names a hit of the pattern lexicon: "absurd (judging adjective, -0.50)".
JUDGING_ADJECTIVE = "judging adjective"

# ------------------------------------------------------------ reporting and speakers
REPORTING = (
    r"says|said|say|saying|told|tells|claimed|claims|admitted|admits|confirmed|confirms|"
    r"stated|added|adds|explained|explains|noted|insisted|insists|argued|argues|warned|warns|"
    r"announced|announces|declared|declares|wrote|writes|reported|acknowledged|acknowledges|"
    r"denied|denies|revealed|reveals|asserted|asserts|stressed|tweeted|remarked|replied|"
    r"responded|conceded|concedes|alleged|alleges|commented|testified|quoted|recalled|"
    r"suggests|suggested|maintains|maintained|contends|contended|confessed|"
    r"[Aa]ccording\s+to"
)
REPORTING_RE = re.compile(rf"\b(?:{REPORTING})\b")
TITLES = r"(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Maj|Lt|Sgt|Capt|Prof|Rev|Sen|Rep|Gov|Pres|Jr|Sr)\."
NAME = rf"(?:{TITLES}|[A-Z]\.|[A-Z][\w’'-]*|al-[A-Z][\w-]*)"
NAME_PART = rf"(?:{NAME}|de|van|von|bin|al|da|di|du|le|la)"
NICK = r"(?:\s+[“\"‘][A-Z][^“”\"‘’\n]{0,25}[”\"’])?"
NAME_SEQ = rf"{NAME}(?:{NICK}\s+{NAME_PART}){{0,3}}"
SPEAKER_NOUN = (r"officials?|spokes(?:man|woman|person)|report|statement|minister|police|"
                 r"witnesses|sources|experts|analysts|residents|authorities|ministry|government|"
                 r"president|prime\s+minister|secretary|chief|leader|commander|investigators")
PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I"
SKIP_NAMES = {"The", "A", "An", "But", "And", "In", "On", "As", "At", "This", "That", "It",
               "However", "Yet", "So", "Then", "When", "While", "If", "Meanwhile", "Later",
               "What", "Who", "Why", "How", "Where", "There", "Here", "These", "Those", "Some",
               "Many", "Most", "All", "One", "Now", "Today", "Yesterday", "For", "With", "By",
               "From", "To", "Of", "After", "Before", "Since", "Although", "Still", "Also", "Even",
               "Such", "Other", "Its", "Their", "His", "Her", "Our", "My", "Your", "We", "You",
               "They", "He", "She", "I", "Is", "Was", "Are", "Were", "Not", "No", "Yes", "Indeed"}
# speaker right before the verb, allowing an apposition ", the minister,"
SPEAKER_BEFORE = re.compile(
    rf"(?P<who>(?:the\s+|The\s+)?{NAME_SEQ}|(?:(?:the|a|an|The|A|An)\s+)?(?:[\w-]+\s+){{0,2}}(?:{SPEAKER_NOUN})"
    rf"|{PRONOUN})(?:,[^,\n]{{1,80}},)?\s+(?:has\s+|had\s+|have\s+|also\s+|later\s+|then\s+)*\Z"
)
SPEAKER_AFTER = re.compile(
    rf",?\s+(?P<who>(?:the\s+)?{NAME_SEQ}|(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}(?:{SPEAKER_NOUN})"
    rf"|{PRONOUN})"
)

# ------------------------------------------------------------------- word lists
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
#: Prefixes that turn a word into a camp label (anti-Muslim, far-right, pro-Kremlin); hand-written.
CAMP_PREFIXES = ["anti", "pro", "far", "ultra", "alt", "neo", "hard"]
#: Stems of -ist / -ism words that name a political or religious camp (hand-written): a
#: job (nutritionist, journalist) or a science is not a camp. "Islam" gives Islamist(s),
#: Islamism; "-phobe", "-phobic", "-phobia" words are camp labels whatever their stem.
CAMP_STEMS = [
    "left", "right", "global", "commun", "social", "fasc", "extrem", "jihad", "supremac", "national",
    "rac", "sex", "elit", "popul", "separat", "milit", "imperial", "islam", "zion", "marx", "lenin", "mao",
    "stalin", "anarch", "radical", "fundamental", "islamofasc", "chauvin", "jingo", "neoliberal",
    "libertarian", "progress", "secular", "feminazi", "nativ", "colonial", "revision", "denial",
    "authoritarian", "bolshev", "trotsk", "hitler", "nazi", "putin", "trump", "obam", "corporat",
]
#: Appeals to a group's pride or loyalty (hand-written, after the "flag-waving" of
#: propaganda-analysis textbooks).
FLAG_WAVING = [
    "our country", "our nation", "our people", "our troops", "our soldiers", "our children",
    "our values", "our way of life", "our freedom", "our freedoms", "our borders", "our heritage",
    "our democracy", "our constitution", "our great", "the american people", "patriot", "patriots",
    "patriotic", "patriotism", "un-american", "unpatriotic", "god bless", "america first",
    "national pride", "the homeland", "motherland", "fatherland",
]
#: Words that assert certainty instead of showing evidence (hand-written, after Wikipedia's
#: Manual of Style, "Words to watch: editorializing": clearly, obviously, of course, ...).
CERTAINTY_WORDS = [
    "clearly", "obviously", "of course", "undoubtedly", "without a doubt", "without any doubt",
    "no doubt", "needless to say", "it should be noted", "it goes without saying", "evidently",
    "unquestionably", "indisputably", "make no mistake",
]
#: Words that assert a cause or lay blame (hand-written, after the "causal oversimplification"
#: technique of propaganda-analysis textbooks: one cause named for an outcome with many).
CAUSAL_WORDS = [
    "because", "that's why", "that’s why", "that is why", "the reason is", "the reason why",
    "caused by", "to blame", "blame", "blamed", "blames", "as a result", "led to", "leads to",
    "resulted in",
]
SUPERLATIVES = [
    "the worst", "the best", "the greatest", "the biggest", "the largest", "the deadliest",
    "the most", "the least", "of all time", "in history", "ever before", "unprecedented",
    "unparalleled", "countless", "endless", "never-ending", "like never before",
]


# --------------------------------------------------------- patterns from the lists
def words_re(words: Iterable[str]) -> str:
    """A regular-expression alternation of the words, longest first, any white space between words."""
    alts = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)


INTENSIFIER_RE = re.compile(rf"\b(?:{words_re(INTENSIFIERS)})\b(?:\s+(?P<next>[A-Za-z][\w’'-]*))?",
                             re.IGNORECASE)
QUANT_RE = re.compile(rf"\b(?:{words_re(QUANTIFIERS)})\b", re.IGNORECASE)
QUANT_HEDGE = re.compile(r"\b(?:almost|nearly|not|virtually|practically|near(?:ly)?|if)\s+\Z", re.IGNORECASE)
QUANT_IDIOM = re.compile(r"\b(?:at|after|above|first\s+of|once\s+and\s+for|in|for\s+good\s+and)\s+\Z",
                          re.IGNORECASE)
MOTIVE_RE = re.compile(rf"\b(?:{words_re(MOTIVE_WORDS)})\b", re.IGNORECASE)
DOUBT_RE = re.compile(rf"(?<![\w-])(?:{words_re(DOUBT_WORDS)})(?![\w-])", re.IGNORECASE)
EPITHET_VERB_RE = re.compile(rf"\b(?:{EPITHET_VERBS})\s+(?:as\s+)?(?P<what>[\"“‘'][^\"“”‘’'\n]{{1,60}}[\"”’']|"
                              r"(?:(?:an?|the)\s+)?[\w-]+(?:\s+[\w-]+){0,2})")
DRAMATIC_RE = re.compile(rf"(?<![\w-])(?:{words_re(DRAMATIC_LABELS)})(?![\w-])|\b[A-Z][a-z]+gate\b",
                          re.IGNORECASE)
LABEL_RE = re.compile(rf"\b(?:{words_re(LABEL_WORDS)})\b", re.IGNORECASE)
CAMP_RE = re.compile(rf"\b(?:{'|'.join(CAMP_PREFIXES)})-[A-Za-z][\w-]*|\b(?:left|right)[- ]wing(?:ers?)?\b"
                     rf"|\b(?:{'|'.join(CAMP_STEMS)})(?:ists?|isms?)\b|\b[A-Za-z][a-z-]*phob(?:ia|ic|es?)\b",
                     re.IGNORECASE)
FLAG_WAVING_RE = re.compile(rf"(?<![\w-])(?:{words_re(FLAG_WAVING)})(?![\w-])", re.IGNORECASE)
CERTAINTY_RE = re.compile(rf"\b(?:{words_re(CERTAINTY_WORDS)})\b", re.IGNORECASE)
CAUSAL_RE = re.compile(rf"\b(?:{words_re(CAUSAL_WORDS)})\b", re.IGNORECASE)
SUPERLATIVE_RE = re.compile(rf"\b(?:{words_re(SUPERLATIVES)})\b(?:\s+[a-z][\w-]*)?", re.IGNORECASE)

TITLE_CUE = re.compile(r"\b(?:entitled|titled|headlined|headline|called|named|reads?|hashtag|tagline|slogan)"
                        r"\s*[,:]?\s*[*_]*\Z", re.IGNORECASE)


def _table(path: Path) -> list[list[str]]:
    """The tab-separated rows of a shipped lexicon file (comment lines skipped)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:  # pragma: no cover - packaging mistake
        raise FileNotFoundError(
            f"the lexicon {path} is missing: reinstall medialit "
            "(the package data must include medialit/authoring/flagging/lexicon/*)") from None
    return [line.split("\t") for line in raw.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, float]:
    """The shipped word -> valence table (VADER, MIT License)."""
    return {word: float(value) for word, value in _table(LEXICON_FILE)}


@lru_cache(maxsize=1)
def load_adjectives() -> dict[str, tuple[float, float]]:
    """The shipped negative adjective -> (polarity, subjectivity) table (pattern, PDDL)."""
    return {word: (float(polarity), float(subjectivity)) for word, polarity, subjectivity in _table(ADJECTIVES_FILE)}


#: Words a news report uses literally: a strong VADER valence but, in reporting,
#: usually the plain name of what happened. Hand-picked; a draft, not a verdict.
PLAIN_NEWS_WORDS = frozenset("""
war wars kill kills killed killing killings death deaths dead die died dies dying attack attacks
attacked crime crimes criminal prison arrest arrested victim victims injured hurt fire fired
terrorism terrorist terrorists bomb bombs bombing weapon weapons gun guns police win won wins
lost lose loss losses free freedom support supported supports help helps helped please
like liked likes yes no ok okay agree agreed thanks thank care cares cared protect protected
""".split()) | frozenset(
    # the plain vocabulary of three kinds of news story (hand-written, added after measuring on the
    # training part of the corpus that such words, flagged as loaded, rarely were):
    # courts and the law ...
    """accuse accused accuses accusing accusation accusations allegation allegations charge charges
    charged convict convicted conviction guilty innocent lawsuit lawsuits sue sued suing investigation
    investigations investigate investigated investigating arrest arrests jail jailed prison prisoner
    prisoners sentence sentenced crime crimes violation violations violate violated violating illegal
    illegally ban banned bans sanction sanctions penalty penalties punish punished punishment
    prosecution prosecute prosecuted felony felonies fraud fined fine
    """
    # ... disagreement, as reported (who argued, criticised, denied or protested what) ...
    """argue argued argues arguing argument arguments dispute disputed disputes criticism criticisms
    criticize criticized criticizes criticise criticised critic critics complain complained complaint
    complaints reject rejected rejects deny denied denies oppose opposed opposes opposition protest
    protests protested protesters protestors conflict conflicts
    """
    # ... and health
    """disease diseases cancer outbreak outbreaks infection infections infected injury injuries injured
    wounded sick illness pain hospital
    """.split())
