"""Draft flag rules: each fires on a hand-written sentence and not on a near-miss."""

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from medialit.article.annotations import check_records
from medialit.authoring.flagging.confidence import DEFAULT_MIN_CONFIDENCE
from medialit.authoring.flagging.drafts import draft_records, dump_records, flag_text
from medialit.authoring.flagging.evaluate import against_annotations
from medialit.authoring.flagging.quotes import find_quotes
from medialit.cli import main


def fired(text, rule=None, label=None):
    """(flagged text, label) pairs, optionally for one rule / label."""
    return [(text[f.start:f.end], f.label) for f in flag_text(text)
            if (rule is None or f.rule == rule) and (label is None or f.label == label)]


def notes(text, rule):
    return [f.reason for f in flag_text(text) if f.rule == rule]


# ------------------------------------------------------------------ quoted reporting
@pytest.mark.parametrize("text, quote", [
    ('The mayor said: "We will fix the bridge soon."', '"We will fix the bridge soon."'),
    ("The mayor said: “We will fix the bridge soon.”", "“We will fix the bridge soon.”"),
    ("Le maire a dit « nous allons réparer le pont » hier, said Le Monde.", "« nous allons réparer le pont »"),
    ("Der Bürgermeister sagte „Wir reparieren die Brücke“, reported Die Zeit.", "„Wir reparieren die Brücke“"),
    ("The mayor said ‘we will fix the bridge soon’ on Monday.", "‘we will fix the bridge soon’"),
    ("The mayor said 'we will fix the bridge soon' on Monday.", "'we will fix the bridge soon'"),
    ("The mayor said 'it's the council's job to fix it' on Monday.", "'it's the council's job to fix it'"),
])
def test_quotation_marks_of_every_kind(text, quote):
    assert (quote, "direct_quote") in fired(text, "quote")


@pytest.mark.parametrize("text", [
    "It's the boys' toys and John's car, isn't it",
    "The council’s plan won’t work and the workers’ union knows it",
    "In the '90s the Joneses' house, o'clock, rock'n'roll, don't",
])
def test_apostrophes_are_not_quotes(text):
    assert find_quotes(text) == []
    assert fired(text, "quote") == [] and fired(text, "scare_quote") == []


def test_reporting_verbs_with_the_speaker_in_the_note():
    text = "Prices will rise, said John Smith. According to the BBC, they already have. Officials told reporters."
    found = fired(text, "reporting")
    assert ("said John Smith", "attribution") in found
    assert ("According to the BBC", "attribution") in found
    assert ("Officials told", "attribution") in found
    reasons = " ".join(notes(text, "reporting"))
    assert "speaker: John Smith" in reasons and "speaker: the BBC" in reasons
    assert all(f.note().startswith("DRAFT: ") for f in flag_text(text))


def test_reporting_verb_near_miss():
    assert fired("The sayings of the tellers were read in the States.", "reporting") == []


def test_quote_speaker_found_before_and_after():
    text = '"We will not leave," Colonel Jane Doe told reporters. She added: "Never."'
    reasons = notes(text, "quote")
    assert any("speaker: Colonel Jane Doe" in r for r in reasons)
    assert any("speaker: She" in r for r in reasons)


def test_colon_introducing_a_quote():
    text = "The verdict of the Daily Planet: “This is the end of the affair, and everyone knows it.”"
    reasons = notes(text, "quote")
    assert len(reasons) == 1 and "introduced by a colon" in reasons[0]
    assert "Daily Planet" in reasons[0]


def test_block_excerpt_and_unsourced_quote():
    text = ("The report put it this way:\n\n"
            "“The convoy left at night with hundreds of fighters on board and nobody stopped it "
            "at any point on the road.”\n\n"
            "Then “something else happened in the city that nobody has explained to anyone.”\n")
    found = fired(text, "excerpt")
    assert len(found) == 1 and found[0][0].startswith("“The convoy") and found[0][1] == "pasted_excerpt"
    assert "introduced by a colon" in notes(text, "excerpt")[0]
    assert ("“something else happened in the city that nobody has explained to anyone.”",
            "unsourced_quote") in fired(text, "quote")


def test_a_paragraph_with_a_quote_inside_is_not_an_excerpt():
    text = 'He said "we will fix it" and left the room, and then the council met again for hours.\n'
    assert fired(text, "excerpt") == []


def test_cut_insertion_and_emphasis_inside_quotes():
    text = "She wrote: “They [the rebels] left ... and **never came back**” (emphasis added). **Shocking.**"
    assert ("[the rebels]", "bracketed_insertion") in fired(text, "insertion")
    assert ("...", "cut") in fired(text, "cut")
    assert ("**never came back**", "emphasis_added") in fired(text, "emphasis")
    assert ("**Shocking.**", "emphasis") in fired(text, "emphasis")


def test_cut_and_insertion_outside_quotes_and_near_misses():
    text = "He left ... then came back. [Sic] it was."
    assert ["outside quotation marks" in r for r in notes(text, "cut")] == [True]
    assert "in running text" in notes(text, "insertion")[0]
    near = "It grew 1.5 times in the U.S. (e.g. in Ohio); see [the report](https://example.org) now."
    assert fired(near, "cut") == []
    assert fired(near, "insertion") == []


def test_web_page_furniture():
    text = "CBS NEWS / November 14, 2017, 11:44 AM\n\n9 Comments / f Share / t Tweet\n\nScreenshot of BBC Report\n"
    assert [label for _, label in fired(text, "furniture")] == ["pasted_excerpt"] * 3
    assert fired("We shared the news on Monday / Tuesday with 9 comments.", "furniture") == []


# ------------------------------------------------------------------------- framing
def test_loaded_language_from_the_lexicon():
    assert fired("It was a shameful, cowardly decision.", "lexicon") == [
        ("shameful, cowardly", "loaded_language")]
    assert "VADER" in notes("It was a vile decision.", "lexicon")[0]
    assert fired("It was a decision taken on Tuesday.", "lexicon") == []


def test_capitalised_names_are_not_loaded_words():
    assert fired("The town of Hope welcomed the Angry Birds film.", "lexicon") == []


def test_intensifiers():
    assert ("utterly shameful", "loaded_language") in fired("It was utterly shameful.", "intensifier")
    assert fired("Every veritable delivery arrived.", "intensifier") == []


def test_scare_quotes():
    assert fired("The “experts” were wrong again.", "scare_quote") == [("“experts”", "scare_quotes")]
    # a short quote with a speaker is a quote, not a scare quote
    assert fired("“Experts,” she said, “are wrong.”", "scare_quote") == []


def test_epithets():
    assert fired("Defense Secretary James “Mad Dog” Mattis spoke.", "epithet") == [("“Mad Dog”", "epithet")]
    assert ("dubbed “the butcher”", "epithet") in fired("The press dubbed “the butcher” a hero.", "epithet")
    assert fired("James said “mad” and left.", "epithet") == []
    assert fired("The regime sent its thugs.", "label_word") == [
        ("regime", "epithet"), ("thugs", "epithet")]
    assert fired("A thoughtful cultural regimen.", "label_word") == []


def test_doubt_casting():
    assert ("so-called experts", "doubt_casting") in fired("The so-called experts agreed.", "doubt")
    assert fired("He called it so.", "doubt") == []
    assert ("casually claimed", "doubt_casting") in fired("Officials casually claimed it was fine.", "doubt")
    assert fired("Officials said it was fine.", "doubt") == []


def test_dramatic_labels():
    assert fired("The Raqqa exodus was a getaway.", "dramatic") == [
        ("exodus", "dramatic_label"), ("getaway", "dramatic_label")]
    assert fired("The exodusters got away.", "dramatic") == []


def test_rhetorical_questions():
    assert fired("Who benefits from this? Nobody knows.", "question") == [
        ("Who benefits from this?", "rhetorical_question")]
    assert fired("He asked who benefits from this.", "question") == []


# ------------------------------------------------------------------ generalization
def test_quantifiers():
    assert fired("All politicians lie.", "quantifier") == [("All politicians lie", "sweeping_claim")]
    assert fired("Nobody asked them.", "quantifier")[0][1] == "sweeping_claim"
    assert fired("Install the small program, it is not at all hard, after all.", "quantifier") == []
    assert fired("Almost all of them came.", "quantifier") == []


def test_superlatives():
    assert fired("It was the worst deal in history.", "superlative")[0][0] == "the worst deal"
    assert fired("They went to the west.", "superlative") == []


def test_motive_claims():
    found = fired("That was the story. The unspoken objective was to save them.", "motive")
    assert found == [("The unspoken objective was to save them.", "motive_claim")]
    assert fired("The secretary spoke to the intelligence committee.", "motive") == []


def test_generic_plural_claims():
    assert fired("Politicians are liars.", "generic")[0][1] == "hasty_generalization"
    assert fired("Bankers never pay.", "generic") != []
    assert fired("The politicians are here. This is fine. Results are due on Monday.", "generic") == []


def test_counterfactuals():
    found = fired("If they had wanted to stop it, they would have bombed the road.", "counterfactual")
    assert found == [("If they had wanted to stop it, they would have bombed the road.", "counterfactual")]
    assert fired("They had wanted to leave. They left.", "counterfactual") == []


# -------------------------------------------------------------------- drafts
RICH = """\
The “Secret Deal”: Who Let Them Go?

Defense Secretary **James “Mad Dog” Mattis** confirmed the plan:

*“Our intention is that the foreign fighters do not survive ... (emphasis added)*

That was the “political narrative”. The unspoken truth is that all of them escaped.
“We didn’t want anyone to leave,” says Col Ryan Dillon. If they had wanted to, they would have
stopped the convoy. Politicians are liars, and the so-called experts are utterly useless.
It's the boys' toys, isn't it? The "war on terror" is 'over', said Le Monde.
"""


def test_drafts_are_valid_annotation_records():
    records = draft_records(RICH)
    assert len(records) > 15
    assert check_records(records, RICH, set(), "drafts.yaml") == []
    assert all(r["note"].startswith("DRAFT: ") for r in records)
    assert {r["category"] for r in records} == {"quoted_reporting", "framing", "generalization"}


def test_drafts_survive_yaml(tmp_path):
    records = draft_records(RICH)
    loaded = yaml.safe_load(dump_records(records))
    assert loaded == records
    assert check_records(loaded, RICH, set(), "drafts.yaml") == []


@given(st.lists(st.sampled_from([
    "all", "install", "very", "evil", "said", "Smith", "the", "BBC", "are", "politicians", "?", ".",
    ":", '"', "'", "“", "”", "‘", "’", "«", "»", "„", "it's", "boys'", "**", "...", "[x]", "\n",
    "\n\n", " ", " ", " ", "so-called", "would", "have", "had", "if", "secret", "Who"]), max_size=60))
def test_any_text_gives_valid_drafts(pieces):
    text = "".join(pieces)
    records = draft_records(text)
    assert check_records(records, text, set(), "drafts.yaml") == []
    assert yaml.safe_load(dump_records(records)) == records


# ---------------------------------------------------------------------- the command
def _folder(tmp_path, annotations="[]\n"):
    folder = tmp_path / "town"
    folder.mkdir()
    (folder / "article.txt").write_text(RICH, encoding="utf-8")
    (folder / "annotations.yaml").write_text(annotations, encoding="utf-8")
    return folder


def test_flag_writes_drafts_and_never_overwrites(tmp_path, capsys):
    folder = _folder(tmp_path)
    assert main(["flag", str(folder)]) == 0
    drafts = folder / "drafts.yaml"
    assert drafts.exists() and "draft record(s)" in capsys.readouterr().out
    assert (folder / "annotations.yaml").read_text(encoding="utf-8") == "[]\n"
    drafts.write_text("# reviewed\n[]\n", encoding="utf-8")
    assert main(["flag", str(folder)]) == 1
    assert "--force" in capsys.readouterr().err
    assert drafts.read_text(encoding="utf-8") == "# reviewed\n[]\n"
    assert main(["flag", str(folder), "--force"]) == 0
    kept = flag_text(RICH, min_confidence=DEFAULT_MIN_CONFIDENCE)
    assert yaml.safe_load(drafts.read_text(encoding="utf-8")) == draft_records(RICH, kept)
    assert main(["flag", str(folder), "--out", str(folder / "annotations.yaml"), "--force"]) == 1
    assert "never writes annotations.yaml" in capsys.readouterr().err
    assert main(["flag", str(folder), "--out", str(tmp_path / "other.yaml")]) == 0


def test_against_annotations_recall_per_category(tmp_path, capsys):
    start = RICH.index("“We didn’t")
    quote = "“We didn’t want anyone to leave,”"
    word = RICH.index("political")
    annotations = f"""\
- id: q1
  start: {start}
  end: {start + len(quote)}
  text: "{quote}"
  category: quoted_reporting
  label: direct_quote
  note: The colonel's words.
- id: f1
  start: {word}
  end: {word + len("political narrative")}
  text: political narrative
  category: framing
  label: scare_quotes
  note: x
- id: bad
  start: nope
  end: 3
  text: x
  category: framing
  label: epithet
  note: no usable offsets
"""
    folder = _folder(tmp_path, annotations)
    result = against_annotations(folder)
    assert result["quoted_reporting"]["score"].recall == 1.0
    assert result["quoted_reporting"]["gold"] == 1
    assert result["framing"]["score"].recall == 1.0       # the scare quote covers the phrase
    assert result["generalization"]["gold"] == 0
    assert result["all"]["skipped"] == 1
    assert main(["flag", str(folder), "--against-annotations"]) == 0
    out = capsys.readouterr().out
    assert "quoted_reporting" in out and "recall" in out and "1 record(s) without usable offsets" in out
    assert not (folder / "drafts.yaml").exists()


def test_a_quantifier_span_stops_at_a_line_break():
    text = "A Lunch Policy Nobody\n\nAsked For"
    (flag,) = [f for f in flag_text(text) if f.rule == "quantifier"]
    assert text[flag.start:flag.end] == "Nobody"
