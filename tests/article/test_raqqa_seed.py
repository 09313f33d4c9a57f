"""Content tests for the raqqa-exodus seed: its annotation layer and its sources.

These check what the layer says, not only that it parses: that the sentences the
reference lists as unsupported are flagged as generalizations, that every quotation
mark in the body is accounted for, that the known distortions carry their labels, and
that notes citing an untraced source say it was not found.
"""

import re

import pytest

import medialit
from medialit import load_article

SLUG = "raqqa-exodus"

# Exact sentences from the project's reference notes on the sources, "Claims in the article with
# no evidence offered" (the reference's "…" written out as the article has them).
UNSUPPORTED_CLAIMS = [
    "The US has no intention of going after the terrorists in Syria.",
    "The Al Qaeda-affiliated terrorists continue to be supported by Washington.",
    "That decision was in all likelihood taken and carried on the orders of the Pentagon "
    "rather than the US State Department.",
    "pointing to a carefully organized recruitment and training program",
    "The BBC report suggests a carefully formulated plan to ensure the safe evacuation of "
    "the terrorists.",
    "From the very outset in 2014, ISIS-Daesh was supported by the US-led coalition, with "
    "the active support of Saudi Arabia.",
    "The US and its allies are the State sponsors of the Islamic State (ISIS-Daesh).",
    "Weapons, training, logistics: the ISIS is a US intelligence construct.",
    "The unspoken objective was to kill civilians and destroy the civilian infrastructure "
    "of both Syria and Iraq.",
    "In both cases the objective was for the Pentagon and the CIA to organize the escape "
    "(and relocation) of US sponsored foreign jihadist fighters.",
    "If they had wanted to undermine the ISIS convoy of buses and trucks, this would have "
    "been a simple operation for the US Air Force.",
]

# Sources cited by the article (each must be used by an annotation) and the three
# publisher assessments of the lateral-reading lesson (which the article never cites).
CITED = {
    "mattis": "via", "cbs-news": "via", "bbc-dirty-secret": "seen", "dillon": "via",
    "coalition-statement": "via", "foreign-fighter-witnesses": "not_found",
    "let-it-happen": "not_found", "hersh-getaway": "via", "former-defense-official": "via",
    "bush-cnn": "seen", "indian-intelligence": "via",
}
PUBLISHER_ASSESSMENTS = {"mbfc-global-research", "gec-report-2020", "globe-nato-2017"}

NEEDS_SOURCE = {"direct_quote", "pasted_excerpt", "misattribution", "cut", "bracketed_insertion"}

# Quotation marks that are translations of group names, not quotes or scare quotes.
GLOSSES = {"“Army of the Pure”", "“Army of Mohammed”"}


@pytest.fixture(scope="module")
def art():
    return load_article(SLUG)


@pytest.fixture(scope="module")
def ann(art):
    return art.annotations


@pytest.fixture(scope="module")
def body_end(art):
    end = art.text.find("To read the complete BBC report")
    assert end > 0
    return end


def covering(ann, start, end, mask=None):
    """Annotations whose span contains start..end (optionally among ``mask``)."""
    frame = ann if mask is None else ann[mask]
    return frame[(frame["start"] <= start) & (frame["end"] >= end)]


def test_seed_is_valid_and_sized(art, ann):
    assert medialit.validate(SLUG) == []
    assert 60 <= len(ann) <= 150
    counts = ann["category"].value_counts()
    for category in ("quoted_reporting", "framing", "generalization"):
        assert counts.get(category, 0) >= 15, category
    assert ann["id"].is_unique


def test_texts_are_exact_slices_and_notes_are_short(art, ann):
    for row in ann.itertuples():
        assert art.text[row.start:row.end] == row.text, row.id
        sentences = re.findall(r"[.?!][\"”’)]*(?:\s|$)", row.note)
        assert 1 <= len(sentences) <= 5 and len(row.note) <= 650, row.id


@pytest.mark.parametrize("sentence", UNSUPPORTED_CLAIMS)
def test_unsupported_claims_are_flagged_as_generalizations(art, ann, sentence):
    assert art.text.count(sentence) == 1, "the sentence should occur once in the article"
    start = art.text.find(sentence)
    hits = covering(ann, start, start + len(sentence), ann["category"] == "generalization")
    assert len(hits), f"no generalization span covers {sentence[:50]!r}"


def test_specific_generalization_labels(art, ann):
    def labels_at(fragment):
        start = art.text.find(fragment)
        assert start >= 0, fragment
        hits = covering(ann, start, start + len(fragment), ann["category"] == "generalization")
        return set(hits["label"])

    assert "counterfactual" in labels_at("this would have been a simple operation for the US Air Force")
    assert "analogy_as_proof" in labels_at("bears a canny resemblance to the November 2001")
    assert "hasty_generalization" in labels_at("most of the ISIS fighters were foreign")
    assert "causal_leap" in labels_at("pointing to a carefully organized recruitment")
    assert "motive_claim" in labels_at("The unspoken objective was")
    assert labels_at("They were airlifted to safety.")
    assert labels_at("incorporated into the two main Kashmiri terrorist rebel groups")
    assert labels_at("was known and approved by Washington")


def test_every_quotation_mark_in_the_body_is_accounted_for(art, ann, body_end):
    text = art.text[:body_end]
    quoted = ann["category"] == "quoted_reporting"
    framed = (ann["category"] == "framing") & ann["label"].isin(["scare_quotes", "dramatic_label", "epithet"])
    pairs, unclosed, opening = [], [], None
    for match in re.finditer("[“”]", text):
        if match.group() == "“":
            if opening is not None:
                unclosed.append(opening)
            opening = match.start()
        elif opening is not None:
            pairs.append((opening, match.end()))
            opening = None
    if opening is not None:
        unclosed.append(opening)
    assert len(pairs) >= 25
    for start, end in pairs:
        if text[start:end] in GLOSSES:
            continue
        assert len(covering(ann, start, end, quoted | framed)), f"unflagged quotation {text[start:end]!r}"
    # The Mattis quotation and the long BBC block open a quotation mark and never close it.
    assert len(unclosed) == 2
    for start in unclosed:
        assert len(covering(ann, start, start + 1, quoted)), f"unflagged open quote at {start}"


def test_every_bold_run_in_the_body_is_flagged(art, ann, body_end):
    text = art.text[:body_end]
    runs = [m.span() for m in re.finditer(r"\*\*.+?\*\*", text, flags=re.S)]
    assert len(runs) >= 15
    for start, end in runs:
        assert len(covering(ann, start, end)), f"unflagged bold {text[start:end]!r}"


def test_every_body_paragraph_is_read(art, ann, body_end):
    first = art.text.find("The US has no intention")
    unflagged_ok = {"This article recounts the 2017 Raqqa Exodus first published in November 2017."}
    for para in art.paragraphs.itertuples():
        if para.start < first or para.start >= body_end or para.text in unflagged_ok:
            continue
        overlapping = ann[(ann["start"] < para.end) & (ann["end"] > para.start)]
        assert len(overlapping), f"nothing flagged in paragraph {para.Index}: {para.text[:50]!r}"


def test_quoted_reporting_points_to_real_sources(art, ann):
    ids = set(art.sources["id"])
    assert ids >= set(CITED) | PUBLISHER_ASSESSMENTS | {"author"}
    needs = ann[(ann["category"] == "quoted_reporting") & ann["label"].isin(NEEDS_SOURCE)]
    assert (needs["source_id"] != "").all(), list(needs[needs["source_id"] == ""]["id"])
    used = set(ann["source_id"]) - {""}
    assert used <= ids
    assert set(CITED) <= used, set(CITED) - used
    assert not used & PUBLISHER_ASSESSMENTS, "publisher assessments are not cited by the article"


def test_source_confidences(art):
    sources = art.sources.set_index("id")
    for sid, confidence in CITED.items():
        assert sources.loc[sid, "confidence"] == confidence, sid
    assert sources.loc["author", "confidence"] == "seen"
    for sid in sources.index:
        assert sources.loc[sid, "says"].strip(), sid
        if sid != "author" and sources.loc[sid, "confidence"] != "not_found":
            assert sources.loc[sid, "checked_in"].strip(), f"{sid} says where it was read"
        date = sources.loc[sid, "date"]
        assert date == "" or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date), sid
    assert sources.loc["mattis", "date"] == "2017-05-28"
    assert sources.loc["cbs-news", "date"] == "2017-11-14"
    assert sources.loc["bbc-dirty-secret", "date"] == "2017-11-13"
    assert sources.loc["hersh-getaway", "date"] == "2002-01-28"
    assert sources.loc["bush-cnn", "date"] == "2001-11-26"
    assert sources.loc["coalition-statement", "date"] == "2017-10-12"


def test_known_distortions_carry_their_labels(art, ann):
    def rows_for(fragment, occurrence=0):
        start = -1
        for _ in range(occurrence + 1):
            start = art.text.find(fragment, start + 1)
        assert start >= 0, fragment
        return covering(ann, start, start + len(fragment), ann["category"] == "quoted_reporting")

    bracket = rows_for("[but no actual aerial bombardment of the convoys took place]")
    assert "bracketed_insertion" in set(bracket["label"])
    let_it = rows_for("“let it happen”")
    hit = let_it[let_it["label"] == "unsourced_quote"]
    assert len(hit) and art.source(hit.iloc[0]["source_id"])["confidence"] == "not_found"
    for n in (0, 1):  # both "ordered by Donald Rumsfeld" and "On the orders of ... Rumsfeld"
        assert "misattribution" in set(rows_for("Rumsfeld", n)["label"]), n
    assert "misattribution" in set(rows_for("Confirmed by a BBC report")["label"])
    assert "cut" in set(rows_for("allow them to do so...")["label"])
    assert "cut" in set(rows_for("the part it played in the deal....”")["label"])
    assert "emphasis_added" in set(rows_for("**as an unintended consequence**")["label"])
    assert "pasted_excerpt" in set(rows_for("9 Comments / f Share")["label"])
    dillon = rows_for("“We didn’t want anyone to leave,”")
    assert (dillon["source_id"] == "dillon").any()
    # The sentence Dillon said between his two quotes is dropped silently: flagged as a cut.
    gap = art.text.find("against IS.\n\n“It comes down")
    assert "cut" in set(covering(ann, gap, gap + 20)["label"])


def test_notes_on_untraced_sources_say_so(art, ann):
    sources = art.sources.set_index("id")
    not_found = set(sources.index[sources["confidence"] == "not_found"])
    assert not_found >= {"foreign-fighter-witnesses", "let-it-happen"}
    for sid in not_found:
        assert re.search(r"not found|no copy|not traced", sources.loc[sid, "says"], re.I), sid
    citing = ann[ann["source_id"].isin(not_found)]
    assert len(citing) >= 6
    for row in citing.itertuples():
        assert re.search(r"not found|no copy", row.note, re.I), f"{row.id} must say the source was not found"
    for row in ann[ann["label"] == "unsourced_quote"].itertuples():
        assert re.search(r"not found|does not trace|no speaker", row.note, re.I), row.id


def test_notes_stay_neutral(ann):
    verdicts = re.compile(r"\b(lie|lies|lying|liar|propagandist|is right|is wrong|true story)\b", re.I)
    for row in ann.itertuples():
        assert not verdicts.search(row.note), row.id
