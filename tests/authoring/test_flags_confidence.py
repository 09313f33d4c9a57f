"""Draft confidence: a level per rule, nudges named in the reason, the threshold, and review order."""

import shutil

import pytest
import yaml

from medialit.authoring.flagging.confidence import DEFAULT_MIN_CONFIDENCE, LEVELS, NUDGES
from medialit.authoring.flagging.drafts import flag_text
from medialit.authoring.flagging.rules import RULES
from medialit.authoring.review import clean_note, review
from medialit.authoring.review.decisions import by_confidence, command, confidence_of
from medialit.cli import main

# Invented text: a headline, a charged word in and out of a quotation, a court sentence.
TEXT = ("Council votes on the bridge\n\n"
        "The plan is a disaster, the mayor said. \"These thugs must be stopped,\" she added.\n\n"
        "In court, 3 men were charged over the scam.\n")


def rated(text, rule):
    return [(text[f.start:f.end], f.confidence, f.reason) for f in flag_text(text) if f.rule == rule]


def test_every_rule_has_a_level():
    assert set(RULES) <= set(LEVELS)
    assert all(0.0 <= value <= 1.0 for value in LEVELS.values())


def test_the_note_ends_with_rule_and_confidence_and_the_review_strips_it():
    for flag in flag_text(TEXT):
        assert flag.note().endswith(f"[rule: {flag.rule}, confidence {flag.confidence:.2f}]")
        assert clean_note(flag.note()) == flag.reason          # students see the reason, not the tag
        assert confidence_of({"note": flag.note()}) == flag.confidence


def test_nudges_are_named_in_the_reason():
    lexicon = {word: (conf, reason) for word, conf, reason in rated(TEXT, "lexicon")}
    plain = LEVELS["lexicon"]
    # "disaster" sits in a sentence that reports what the mayor said: rated down, and why
    conf, reason = lexicon["disaster"]
    assert conf == pytest.approx(plain + NUDGES["reported"][0]) and NUDGES["reported"][0] < 0
    assert "rated down: in a sentence that reports what someone said" in reason
    # "thugs" is a label word inside a quotation that says what must be done: rated up, and why
    (word, conf, reason), = rated(TEXT, "label_word")
    assert word == "thugs"
    assert conf == pytest.approx(LEVELS["label_word"] + NUDGES["in_quote"][0] + NUDGES["own_voice"][0])
    assert "rated up: inside a quotation" in reason
    # "scam" sits in a sentence of figures and court matters: rated down, and why
    conf, reason = lexicon["scam"]
    assert conf == pytest.approx(plain + NUDGES["figures"][0]) and "rated down: in a sentence of figures" in reason
    # the quotation holds a charged word, so it ranks above a plain one, naming the word
    (quote, conf, reason), = [q for q in rated(TEXT, "quote") if "thugs" in q[0]]
    assert conf == pytest.approx(LEVELS["quote"] + 0.10) and "it holds charged words (thugs)" in reason


def test_the_plain_words_of_court_dispute_and_health_stories_are_not_drafted_as_loaded():
    text = "She accused the minister of fraud. Critics protested and he denied it. The outbreak spread.\n"
    assert rated(text, "lexicon") == []
    # the same sentences with charged words instead are drafted
    charged = "She called the minister evil. The mob jeered and he lied. The brutal plague spread.\n"
    assert {w for w, _c, _r in rated(charged, "lexicon")} >= {"evil", "lied", "brutal"}


def test_a_charged_word_the_article_keeps_using_is_rated_down_as_its_subject():
    once = "The vote was a disaster for the party.\n"
    again = once + "Flood defences failed. The disaster grew. Nobody planned for a disaster.\n"
    (_, conf_once, reason_once), = rated(once, "lexicon")
    first = rated(again, "lexicon")[0]
    assert first[0] == "disaster" and "uses three times" not in reason_once
    assert first[1] == pytest.approx(conf_once + NUDGES["topic_word"][0])
    assert "rated down: a word the article uses three times or more" in first[2]


def test_the_threshold_keeps_the_drafts_rated_at_least_it():
    every = flag_text(TEXT)
    assert {f.rule for f in every} >= {"reporting", "lexicon", "quote"}
    for threshold in (0.0, 0.1, DEFAULT_MIN_CONFIDENCE, 0.3, 0.5):
        assert flag_text(TEXT, min_confidence=threshold) == [f for f in every if f.confidence >= threshold]
    # reporting verbs rarely mark a technique by themselves: below the default, kept at 0
    assert all(f.confidence < DEFAULT_MIN_CONFIDENCE for f in every if f.rule == "reporting")


@pytest.mark.parametrize("text, rule, found", [
    ("The far-right group and anti-Muslim leftists marched.", "camp_label", ["far-right", "anti-Muslim", "leftists"]),
    ("The artists and the list of journalists were there.", "camp_label", []),
    ("God bless our troops, said the patriots.", "flag_waving", ["God bless", "our troops", "patriots"]),
    ("We will win this fight!", "exclamation", ["We will win this fight!"]),
    ("Stop!", "exclamation", []),
    ("Then the crowd chanted BUILD THE WALL at the rally.", "shouting", ["BUILD THE WALL"]),
    ("The FBI and the CIA said nothing.", "shouting", []),
    ("The plan will clearly fail. It was approved.", "certainty", ["The plan will clearly fail."]),
    ("Of course, they lied. It rained.", "certainty", ["Of course, they lied."]),
    ("The court was clear. Mr Clearly spoke.", "certainty", []),
    ("Prices rose because of the tariffs. It rained.", "causal", ["Prices rose because of the tariffs."]),
    ("That's why the plan failed.", "causal", ["That's why the plan failed."]),
    ("The blameless clerk led the tour.", "causal", []),
])
def test_new_rules_fire_and_miss(text, rule, found):
    assert [text[f.start:f.end] for f in flag_text(text) if f.rule == rule] == found


@pytest.fixture
def folder(tmp_path, resources):
    target = tmp_path / "seeds" / "mini-article"
    shutil.copytree(resources / "mini-article", target, ignore=shutil.ignore_patterns("quizzes.yaml"))
    return target


def test_cli_threshold_option(folder, capsys, monkeypatch):
    monkeypatch.setenv("MEDIALIT_PROGRESS", "off")
    assert main(["flag", str(folder)]) == 0
    default = yaml.safe_load((folder / "drafts.yaml").read_text(encoding="utf-8"))
    assert f"rated at least {DEFAULT_MIN_CONFIDENCE:.2f}" in capsys.readouterr().out
    assert main(["flag", str(folder), "--force", "--min-confidence", "0"]) == 0
    every = yaml.safe_load((folder / "drafts.yaml").read_text(encoding="utf-8"))
    assert len(every) > len(default)
    assert all(confidence_of(d) >= DEFAULT_MIN_CONFIDENCE for d in default)
    assert any(confidence_of(d) < DEFAULT_MIN_CONFIDENCE for d in every)
    assert main(["flag", str(folder), "--force", "--min-confidence", "2"]) == 2


def test_review_shows_the_most_confident_first(folder, monkeypatch):
    monkeypatch.setenv("MEDIALIT_PROGRESS", "off")
    assert main(["flag", str(folder), "--min-confidence", "0"]) == 0
    drafts = yaml.safe_load((folder / "drafts.yaml").read_text(encoding="utf-8"))
    confidences = [confidence_of(d) for d in drafts]
    assert confidences != sorted(confidences, reverse=True)      # the file is in text order ...
    ordered = by_confidence(drafts)
    assert [confidence_of(d) for d in ordered] == sorted(confidences, reverse=True)
    listing = command(folder)                                    # ... the review lists by confidence
    positions = [listing.index(f"{d['id']}  ") for d in ordered]
    assert positions == sorted(positions)
    assert f"confidence {confidence_of(ordered[0]):.2f}" in listing and "why: " in listing
    panel = review(folder)                                       # ... and so does the widget
    assert [str(d["id"]) for d in panel.drafts] == [str(d["id"]) for d in ordered]
    first = panel.row(str(ordered[0]["id"]))
    assert "Draft 1" in first.head.value and f"confidence {confidence_of(ordered[0]):.2f}" in first.head.value


def test_drafts_without_a_confidence_go_last_in_file_order():
    drafts = [{"id": "a", "note": "x"}, {"id": "b", "note": "DRAFT: y [rule: quote, confidence 0.30]"},
              {"id": "c", "note": "DRAFT: z [rule: quote]"}, {"id": "d", "note": "[rule: lexicon, confidence 0.45]"}]
    assert [d["id"] for d in by_confidence(drafts)] == ["d", "b", "a", "c"]
