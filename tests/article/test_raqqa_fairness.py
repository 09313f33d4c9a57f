"""One standard for every voice in the raqqa-exodus kit (issue 12).

Four rules, each checked against the files a teacher edits:

- every sentence of an annotation note, or of a quiz's feedback or explanation, that says
  what someone "says", "said", "wrote" or "did not say" names the sources.yaml record it
  rests on: through the annotation's ``source_id``, or by naming the source in the sentence;
- every sources.yaml record has a confidence of seen / via / not_found and a ``checked_in``
  line saying where it was read (or searched for);
- ``not_found`` (sources.yaml and numbers.yaml) means searched for and not found, never "not
  checked": a figure nobody checked is recorded as such, not as ``not_found``;
- every categorize question (the exit ticket's teacher key included) sorts each excerpt into
  a category the kit's own annotation layer gives it, and the layer gives it no other;
- a framing device in the coverage the article quotes (CBS's "quietly", the BBC's "Dirty
  Secret", "now admits"...) is flagged, credited to that source, with the label the kit gives
  the author's device of the same kind; and the author's framing an audit found missing is
  flagged.
"""

import json
import re
from pathlib import Path

import pytest
import yaml

from medialit import load_article

ROOT = Path(__file__).resolve().parents[2]
SLUG = "raqqa-exodus"
SEED = ROOT / "seeds" / SLUG
KEYS = ROOT / "solutions" / "keys" / f"{SLUG}.yaml"

# How a sentence can name each record of sources.yaml (case-insensitive whole words). A new
# record needs an entry here, so that the check below knows how it is named.
NAMES = {
    "author": ["author", "article", "Chossudovsky"],
    "mattis": ["Mattis"],
    "cbs-news": ["CBS"],
    "bbc-dirty-secret": ["BBC", "Sommerville", "Dalati"],
    "bbc-dirty-secret-via": ["BBC", "Sommerville", "Dalati"],
    "bbc-coalition-confirms": ["BBC"],
    "dillon": ["Dillon", "spokesman"],
    "coalition-statement": ["coalition"],
    "foreign-fighter-witnesses": ["witness", "witnesses", "Imad", "smuggler", "driver"],
    "let-it-happen": ["let it happen"],
    "hersh-getaway": ["Hersh", "Hersh's"],
    "former-defense-official": ["official"],
    "bush-cnn": ["Bush", "CNN"],
    "indian-intelligence": ["Indian intelligence"],
    "newsweek-raqqa": ["Newsweek"],
    "mbfc-global-research": ["Media Bias/Fact Check"],
    "gec-report-2020": ["State Department", "Global Engagement Center"],
    "globe-nato-2017": ["NATO", "Globe and Mail"],
}
# A verb in quotation marks is a word being discussed ('a neutral "said"'), not a report.
REPORTING = re.compile(r"(?<![\"“‘'])\b(says|said|wrote|writes|did not say|does not say|do not say)\b(?![\"”’'])",
                       re.I)
SENTENCE_END = re.compile(r"(?<=[.?!])[\"”’)]*\s+")
CONFIDENCES = {"seen", "via", "not_found"}
BINS = {"quoted_reporting", "framing", "generalization"}


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _sentences(text):
    return [s for s in SENTENCE_END.split(" ".join(str(text).split())) if s]


def _names_a_source(sentence):
    for names in NAMES.values():
        for name in names:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, re.I):
                return True
    return False


def unnamed_reports(text):
    """The sentences of ``text`` that report what someone said without naming a source."""
    return [s for s in _sentences(text) if REPORTING.search(s) and not _names_a_source(s)]


def _quiz_texts():
    """(where, text) for every feedback and explanation of the bank and the teacher's keys."""
    for q in _load(SEED / "quizzes.yaml"):
        where = q["id"]
        if q.get("explanation"):
            yield f"{where}.explanation", q["explanation"]
        for group in ("options", "items"):
            for opt in q.get(group) or []:
                if opt.get("feedback"):
                    yield f"{where}.{opt['id']}.feedback", opt["feedback"]
    for qid, key in (_load(KEYS) or {}).items():
        if key.get("explanation"):
            yield f"keys:{qid}.explanation", key["explanation"]
        for oid, text in (key.get("feedback") or {}).items():
            yield f"keys:{qid}.{oid}.feedback", text


@pytest.fixture(scope="module")
def art():
    return load_article(SLUG)


def test_every_source_record_has_a_name_the_check_knows(art):
    assert set(art.sources["id"]) == set(NAMES)


def test_the_check_catches_an_unnamed_report():
    assert unnamed_reports("The report says the deal was secret. Hersh wrote it.") == [
        "The report says the deal was secret."]
    assert unnamed_reports("According to reprints, Hersh says so.") == []
    assert unnamed_reports('"Claimed" signals doubt compared with a neutral "said".') == []


def test_annotation_notes_name_whose_words_they_report(art):
    unnamed = [(row.id, s) for row in art.annotations.itertuples() if not row.source_id
               for s in unnamed_reports(row.note)]
    assert unnamed == [], "name the source (or set source_id) in: " + repr(unnamed)


def test_quiz_feedback_names_whose_words_it_reports():
    unnamed = [(where, s) for where, text in _quiz_texts() for s in unnamed_reports(text)]
    assert unnamed == [], "name the source in: " + repr(unnamed)


def test_every_source_record_says_how_sure_and_where_read(art):
    for rec in art.sources.itertuples():
        assert rec.confidence in CONFIDENCES, (rec.id, rec.confidence)
        assert rec.checked_in.strip(), f"{rec.id}: add a checked_in line (where it was read or searched)"
    for rec in art.sources[art.sources["confidence"] == "not_found"].itertuples():
        assert re.search(r"not found", rec.says, re.I), f"{rec.id}: say it was searched for and not found"


UNCHECKED = re.compile(r"never checked|not checked|unchecked|has not checked", re.I)


def not_found_misuses(rows):
    """(id, problem) for records whose ``not_found`` does not read "searched for and not found".

    ``rows`` are (id, confidence, text) triples. ``not_found`` must say the thing was not
    found, and must never stand for something nobody checked; a record that says it was never
    checked must not be marked ``not_found``.
    """
    out = []
    for rid, confidence, text in rows:
        if confidence == "not_found" and not re.search(r"not found", text, re.I):
            out.append((rid, "marked not_found but does not say it was searched for and not found"))
        if confidence == "not_found" and UNCHECKED.search(text):
            out.append((rid, "marked not_found but says it was never checked"))
    return out


def test_not_found_means_searched_for_and_not_found(art):
    """Issue 12: not_found is "searched for and not found" in sources.yaml and numbers.yaml alike."""
    from medialit.article.numbers import load_numbers

    figures = load_numbers(art)
    rows = [(r.id, r.confidence, r.says) for r in art.sources.itertuples()]
    rows += [(r.id, r.confidence, r.source_says) for r in figures.itertuples()]
    assert not_found_misuses(rows) == []
    # The figure the kit never checked (the bracketed 8000) is recorded, and not as not_found.
    unchecked = [r.id for r in figures.itertuples() if UNCHECKED.search(r.source_says)]
    assert unchecked == ["kunduz-men-trapped"]


def test_the_not_found_check_sees_a_figure_never_checked():
    assert not_found_misuses([("x", "not_found", "Not found, as the kit never checked it against Hersh.")]) == [
        ("x", "marked not_found but says it was never checked")]
    assert not_found_misuses([("y", "not_found", "Hersh gives 4,000.")]) == [
        ("y", "marked not_found but does not say it was searched for and not found")]
    assert not_found_misuses([("z", "not_found", "Searched for and not found in reprints.")]) == []


def _flat(text):
    """Text without markdown bold/italic marks, whitespace collapsed, with a map back to offsets."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch == "*":
            continue
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        where.append(i)
    return "".join(chars), where


def layer_categories(art, start, end):
    """The categories the annotation layer gives the excerpt art.text[start:end].

    A flag speaks for the excerpt when most of the flagged words lie inside it: a nickname
    inside a long lead-in is not the lead-in, but an excerpt that is most of a lead-in is.
    """
    ann = art.annotations
    overlap = (ann["end"].clip(upper=end) - ann["start"].clip(lower=start)).clip(lower=0)
    return set(ann.loc[overlap * 2 >= (ann["end"] - ann["start"]), "category"])


def _excerpt_span(art, item):
    if item.get("annotation"):
        row = art.annotations.set_index("id").loc[item["annotation"]]
        return int(row["start"]), int(row["end"])
    flat, where = _flat(art.text)
    wanted = " ".join(item["text"].replace("*", "").split())
    at = flat.find(wanted)
    if at < 0:
        return None
    assert flat.count(wanted) == 1, f"excerpt occurs more than once: {wanted[:50]!r}"
    return where[at], where[at + len(wanted) - 1] + 1


def _categorize_questions():
    keys = _load(KEYS) or {}
    for q in _load(SEED / "quizzes.yaml"):
        if q["type"] == "categorize":
            yield q, dict(q.get("answer") or keys.get(q["id"], {}).get("answer") or {})


def _in_practice_text(excerpt: str) -> bool:
    """Whether ``excerpt`` is a sentence of the practice text that lesson 07 shows before its exit ticket."""
    lesson = json.loads((ROOT / "notebooks" / "07-putting-it-together.ipynb").read_text(encoding="utf-8"))
    text = " ".join("".join(c["source"]) for c in lesson["cells"] if c.get("id") == "l7-17b-practice-text")
    flat = " ".join(text.replace(">", " ").replace("**", "").split())
    return " ".join(excerpt.split()) in flat


def test_categorize_keys_agree_with_the_annotation_layer(art):
    questions = list(_categorize_questions())
    assert len(questions) >= 5
    notes = art.annotations.set_index("id")
    for q, answer in questions:
        for item in q["items"]:
            key = answer.get(item["id"]) or notes.loc[item["annotation"], "category"]
            span = _excerpt_span(art, item)
            where = f"{q['id']} item {item['id']}"
            if span is None and "annotation" not in item and q.get("summative"):
                # Not from the article: the exit ticket's unseen practice text (lesson 07).
                assert _in_practice_text(item["text"]), f"{where} is in neither the article nor the practice text"
                continue
            given = layer_categories(art, *span) if span else set()
            if key == "none":
                assert given == set(), f"{where} is keyed 'none' but the layer flags it {given}"
            else:
                assert key in BINS and given == {key}, (
                    f"{where} is keyed {key!r}; the layer gives it {sorted(given)}: accept every "
                    "category the layer gives, or choose an excerpt with one kind of flag")


def test_the_layer_rule_sees_an_excerpt_with_two_flags(art):
    # The old exit-ticket excerpt: a paraphrase of officials (quoted reporting) whose
    # lead-in says "casually" (framing). The rule must see both.
    start = art.text.index("US officials casually claimed")
    end = art.text.index(" and were therefore unable")
    assert layer_categories(art, start, end) == {"quoted_reporting", "framing"}
    # A nickname inside a long lead-in is the nickname, not the lead-in.
    nick = art.text.index("“Mad Dog”")
    assert layer_categories(art, nick, nick + len("“Mad Dog”")) == {"framing"}


# One standard for every voice: a device in the coverage the kit quotes is flagged with the
# same label as the author's device of the same kind, and credited to that source.
# (words of a source, context that makes them unique, its sources.yaml id, the author's words
# whose framing flag has that label, and their context)
SAME_DEVICE = [
    ("quietly", "U.S. quietly let hundreds", "cbs-news", ("hard core", "hard core")),
    ("most notorious", "the most notorious ISIS fighters", "cbs-news", ("hard core", "hard core")),
    ("most notorious", "IS’s most notorious members", "bbc-dirty-secret", ("hard core", "hard core")),
    ("Dirty Secret", "entitled Raqqa’s Dirty Secret)", "bbc-dirty-secret", ("Exodus", "The 2017 Raqqa Exodus:")),
    ("exodus", "it was the exodus of [the]", "bbc-dirty-secret-via", ("Exodus", "The 2017 Raqqa Exodus:")),
    ("now admits", "the coalition now admits", "bbc-dirty-secret-via", ("admitted", "US officials admitted")),
]
# The author's own framing that an audit found unflagged (issue 12), each a framing flag now.
AUTHOR_FRAMING = ["This should come as no surprise.", "What is revealing is that", "under the guise of",
                  "intimated", "nonetheless acknowledges", "the official story", "award-winning author"]


def _framing_over(art, start, end):
    """The framing flags that cover the whole of art.text[start:end]."""
    ann = art.annotations
    return ann[(ann["category"] == "framing") & (ann["start"] <= start) & (ann["end"] >= end)]


def _locate(art, words, context):
    assert art.text.count(context) == 1, f"context occurs {art.text.count(context)} times: {context!r}"
    start = art.text.index(context) + context.index(words)
    return start, start + len(words)


@pytest.mark.parametrize("words,context,source,author", SAME_DEVICE)
def test_a_source_device_carries_the_label_of_the_authors(art, words, context, source, author):
    flags = _framing_over(art, *_locate(art, words, context))
    credited = flags[flags["source_id"] == source]
    assert len(credited), f"no framing flag credited to {source} covers {words!r} in {context!r}"
    own = _framing_over(art, *_locate(art, *author))
    assert set(credited["label"]) & set(own["label"]), (
        f"{words!r} ({source}) is flagged {sorted(credited['label'])}, the author's {author[0]!r} "
        f"{sorted(own['label'])}: one standard means one label for one device")


@pytest.mark.parametrize("words", AUTHOR_FRAMING)
def test_the_authors_missed_framing_is_flagged(art, words):
    assert art.text.count(words) == 1, words
    assert len(_framing_over(art, *_locate(art, words, words))), f"no framing flag covers {words!r}"
