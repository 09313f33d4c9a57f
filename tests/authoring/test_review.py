"""Review step: accept / reject / edit drafts; backups, id clashes, refusals, drafts.yaml, CLI, widget."""

import shutil

import pytest
import yaml

from medialit.authoring.check import validate
from medialit.authoring.flagging.drafts import DRAFTS_HEADER, write_drafts
from medialit.authoring.new import new_article
from medialit.authoring.review import accept, clean_note, decide, reject, review
from medialit.authoring.review.decisions import new_id
from medialit.cli import main
from medialit.errors import ReviewError

# The drafts `medialit flag` writes for tests/resources/mini-article (checked below).
QUOTE, SAID, TOLD, RECKLESS, EVERYONE, NEVER, WROTE = (
    "draft-001-quote", "draft-002-reporting", "draft-003-reporting", "draft-004-lexicon",
    "draft-005-quantifier", "draft-006-quantifier", "draft-007-reporting")


@pytest.fixture(autouse=True)
def no_progress_store(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALIT_PROGRESS", "off")
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "medialit-home"))


@pytest.fixture
def folder(tmp_path, resources):
    """A copy of the mini article (its text, layer and sources; the quiz bank is not
    reviewed here) with the drafts `medialit flag` makes for it."""
    target = tmp_path / "seeds" / "mini-article"
    shutil.copytree(resources / "mini-article", target, ignore=shutil.ignore_patterns("quizzes.yaml"))
    write_drafts(target)
    return target


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def ids(path):
    return [r["id"] for r in load(path)]


def backups(folder):
    return sorted(folder.glob("annotations.yaml.bak-*"))


def test_the_fixture_drafts(folder):
    assert ids(folder / "drafts.yaml") == [QUOTE, SAID, TOLD, RECKLESS, EVERYONE, NEVER, WROTE]
    assert validate(folder) == []


# ------------------------------------------------------------------------------ accept
def test_accept_appends_records_with_new_ids_anchored_offsets_and_clean_notes(folder):
    before = (folder / "annotations.yaml").read_text(encoding="utf-8")
    old_ids = ids(folder / "annotations.yaml")
    result = accept(folder, [QUOTE, EVERYONE])
    after = (folder / "annotations.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)                       # append only: the teacher's file is kept as it was
    records = load(folder / "annotations.yaml")
    assert [r["id"] for r in records[:len(old_ids)]] == old_ids
    new = records[len(old_ids):]
    assert [r["id"] for r in new] == list(result.accepted.values()) == result.written
    assert [r["id"] for r in new] == ["q-we-will-fix", "g-everyone-millbrook-knows"]
    text = (folder / "article.txt").read_text(encoding="utf-8")
    for rec in new:
        assert text[rec["start"]:rec["end"]] == rec["text"]
        assert not rec["id"].startswith("draft-")
        assert "DRAFT" not in rec["note"] and "[rule:" not in rec["note"] and rec["note"]
    assert new[0]["note"].startswith("words in quotation marks")
    assert validate(folder) == [] and result.check_problems == []
    assert "wrote 2 record(s)" in result.summary() and "medialit check: OK" in result.summary()


def test_clean_note():
    assert clean_note("DRAFT: a word [rule: x]") == "a word"
    assert clean_note("DRAFT: a word\n  [rule: quote]\n") == "a word"
    assert clean_note("  draft:DRAFT:  twice") == "twice"
    assert clean_note(None) == ""
    assert clean_note("A DRAFT: in the middle stays") == "A DRAFT: in the middle stays"


def test_edits_change_label_note_source_and_text(folder):
    result = accept(folder, [QUOTE, SAID], edits={
        QUOTE: {"note": "DRAFT: The mayor's promise, in her own words.", "source_id": "mayor"},
        SAID: {"text": "said the mayor, Ana Ruiz", "note": "Who is speaking, and in what role.",
               "id": "q-said-mayor"},
    })
    records = {r["id"]: r for r in load(folder / "annotations.yaml")}
    quote = records[result.accepted[QUOTE]]
    assert quote["note"] == "The mayor's promise, in her own words." and quote["source_id"] == "mayor"
    said = records["q-said-mayor"]
    text = (folder / "article.txt").read_text(encoding="utf-8")
    assert said["text"] == "said the mayor, Ana Ruiz" and text[said["start"]:said["end"]] == said["text"]
    assert validate(folder) == []


def test_edit_category_and_label(folder):
    result = accept(folder, [EVERYONE], edits={EVERYONE: {"category": "generalization",
                                                          "label": "hasty_generalization"}})
    rec = load(folder / "annotations.yaml")[-1]
    assert rec["id"] == result.accepted[EVERYONE] and rec["label"] == "hasty_generalization"


def test_a_draft_edited_in_the_file_is_accepted_as_edited(folder):
    path = folder / "drafts.yaml"
    content = path.read_text(encoding="utf-8").replace("id: draft-004-lexicon", "id: f-reckless-plan")
    content = content.replace("text: reckless\n", "text: reckless gamble\n")
    path.write_text(content, encoding="utf-8")
    result = accept(folder, ["f-reckless-plan"])
    rec = load(folder / "annotations.yaml")[-1]
    assert result.accepted == {"f-reckless-plan": "f-reckless-plan"}
    assert rec["text"] == "reckless gamble" and rec["end"] - rec["start"] == len("reckless gamble")


# --------------------------------------------------------------------------- backups
def test_backup_of_the_previous_file_is_kept_and_never_overwritten(folder):
    original = (folder / "annotations.yaml").read_text(encoding="utf-8")
    first = accept(folder, [QUOTE])
    assert backups(folder) == [first.backup]
    assert first.backup.read_text(encoding="utf-8") == original
    between = (folder / "annotations.yaml").read_text(encoding="utf-8")
    second = accept(folder, [EVERYONE])                  # same second: a second, distinct backup
    assert len(backups(folder)) == 2 and second.backup != first.backup
    assert first.backup.read_text(encoding="utf-8") == original
    assert second.backup.read_text(encoding="utf-8") == between
    assert first.backup.name in first.summary()


def test_reject_only_leaves_annotations_alone(folder):
    before = (folder / "annotations.yaml").read_text(encoding="utf-8")
    result = reject(folder, [SAID, TOLD])
    assert (folder / "annotations.yaml").read_text(encoding="utf-8") == before
    assert backups(folder) == [] and result.backup is None
    assert result.rejected == [SAID, TOLD] and result.accepted == {}
    assert ids(folder / "drafts.yaml") == [QUOTE, RECKLESS, EVERYONE, NEVER, WROTE]


# ------------------------------------------------------------------------ drafts.yaml
def test_decided_drafts_leave_drafts_yaml_and_the_rest_stay_unchanged(folder):
    path = folder / "drafts.yaml"
    before = {r["id"]: r for r in load(path)}
    result = decide(folder, accept=[QUOTE], reject=[WROTE, SAID])
    after = load(path)
    assert [r["id"] for r in after] == [TOLD, RECKLESS, EVERYONE, NEVER]
    assert all(r == before[r["id"]] for r in after)
    assert path.read_text(encoding="utf-8").startswith(DRAFTS_HEADER)
    assert result.remaining == 4 and "4 left to review" in result.summary()
    decide(folder, accept=[TOLD, RECKLESS, EVERYONE, NEVER])
    assert load(path) == [] and path.read_text(encoding="utf-8").startswith(DRAFTS_HEADER)


# ------------------------------------------------------------------------- id clashes
def test_a_generated_id_that_clashes_is_renamed_and_reported(folder):
    assert new_id({"category": "framing", "text": "reckless"}) == "f-reckless"   # taken in the fixture
    result = accept(folder, [RECKLESS])
    assert result.accepted == {RECKLESS: "f-reckless-2"}
    assert result.renamed == {RECKLESS: ("f-reckless", "f-reckless-2")}
    assert "'f-reckless' is already taken" in result.summary()
    assert ids(folder / "annotations.yaml").count("f-reckless") == 1
    assert validate(folder) == []


def test_a_teachers_id_that_clashes_is_renamed_and_the_old_record_kept(folder):
    old = {r["id"]: r for r in load(folder / "annotations.yaml")}
    result = accept(folder, [QUOTE, EVERYONE], edits={QUOTE: {"id": "q-mayor"}, EVERYONE: {"id": "q-mayor"}})
    assert result.accepted == {QUOTE: "q-mayor-2", EVERYONE: "q-mayor-3"}
    assert set(result.renamed) == {QUOTE, EVERYONE}
    records = {r["id"]: r for r in load(folder / "annotations.yaml")}
    assert records["q-mayor"] == old["q-mayor"]
    assert validate(folder) == []


# --------------------------------------------------------------------------- refusals
@pytest.mark.parametrize("edit, field, words", [
    ({"label": "direct_quote"}, "label", "unknown label 'direct_quote' for framing"),
    ({"category": "opinion"}, "category", "unknown category 'opinion'"),
    ({"source_id": "nobody"}, "source_id", "no source with id 'nobody'"),
    ({"text": "words the article never had"}, "text", "is not in article.txt"),
    ({"note": "DRAFT: "}, "note", "missing"),
    ({"colour": "red"}, "colour", "cannot be edited"),
])
def test_an_invalid_accepted_record_is_refused_naming_draft_and_field(folder, edit, field, words):
    files = {name: (folder / name).read_text(encoding="utf-8") for name in ("annotations.yaml", "drafts.yaml")}
    with pytest.raises(ReviewError) as caught:
        accept(folder, [QUOTE, RECKLESS], edits={RECKLESS: edit})
    message = str(caught.value)
    assert f"draft {RECKLESS} [{field}]" in message and words in message
    assert "nothing was saved" in message
    assert QUOTE not in message                             # the valid one is not blamed
    for name, content in files.items():                    # nothing written, no backup
        assert (folder / name).read_text(encoding="utf-8") == content
    assert backups(folder) == []


def test_a_label_made_invalid_in_the_file_is_refused(folder):
    path = folder / "drafts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: loaded_language", "label: sweeping_claim"),
                    encoding="utf-8")
    with pytest.raises(ReviewError, match=rf"draft {RECKLESS} \[label\]: unknown label 'sweeping_claim' for framing"):
        accept(folder, [RECKLESS])


def test_skip_invalid_saves_the_valid_ones_and_keeps_the_others(folder):
    result = decide(folder, accept=[QUOTE, RECKLESS], edits={RECKLESS: {"label": "nonsense"}}, skip_invalid=True)
    assert list(result.accepted) == [QUOTE] and list(result.refused) == [RECKLESS]
    assert "[label]" in result.refused[RECKLESS][0]
    assert RECKLESS in ids(folder / "drafts.yaml") and QUOTE not in ids(folder / "drafts.yaml")
    assert f"not saved: draft {RECKLESS} [label]" in result.summary()


def test_unknown_and_contradictory_ids_are_refused(folder):
    with pytest.raises(ReviewError, match=r"draft draft-999 \[id\]: no draft with this id"):
        accept(folder, ["draft-999"])
    with pytest.raises(ReviewError, match="both accepted and rejected"):
        decide(folder, accept=[QUOTE], reject=[QUOTE])
    with pytest.raises(ReviewError, match="has edits but is not accepted"):
        decide(folder, accept=[QUOTE], edits={SAID: {"note": "x"}})


def test_no_drafts_file(tmp_path, resources):
    target = tmp_path / "mini"
    shutil.copytree(resources / "mini-article", target)
    with pytest.raises(ReviewError, match="run `medialit flag"):
        accept(target, [QUOTE])


def test_a_broken_annotations_file_is_not_appended_to(folder):
    (folder / "annotations.yaml").write_text("- id: x\n  start: [\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="not valid YAML"):
        accept(folder, [QUOTE])
    assert QUOTE in ids(folder / "drafts.yaml")


def test_accepting_into_the_scaffolded_empty_file_keeps_its_comments(tmp_path, resources):
    folder = new_article("bridge", resources / "mini-article" / "article.txt", seeds=tmp_path)
    template = (folder / "annotations.yaml").read_text(encoding="utf-8")
    write_drafts(folder)
    first = ids(folder / "drafts.yaml")[0]
    result = accept(folder, [first])
    content = (folder / "annotations.yaml").read_text(encoding="utf-8")
    comments = [line for line in template.splitlines() if line.startswith("#")]
    assert all(line in content for line in comments)
    assert [r["id"] for r in load(folder / "annotations.yaml")] == result.written
    assert result.backup.read_text(encoding="utf-8") == template


# --------------------------------------------------------------------------------- CLI
def test_cli_lists_accepts_and_rejects(folder, capsys):
    assert main(["review", str(folder)]) == 0
    out = capsys.readouterr().out
    assert QUOTE in out and "7 draft(s)" in out and "DRAFT:" not in out
    assert main(["review", str(folder), "--accept", QUOTE, EVERYONE, "--reject", WROTE]) == 0
    out = capsys.readouterr().out
    assert "wrote 2 record(s) to annotations.yaml" in out and "rejected 1 draft(s)" in out
    assert "medialit check: OK" in out
    assert ids(folder / "drafts.yaml") == [SAID, TOLD, RECKLESS, NEVER]
    assert main(["review", str(folder), "--reject", SAID]) == 0
    assert main(["check", str(folder)]) == 0


def test_cli_accept_all_except_rejected(folder, capsys):
    assert main(["review", str(folder), "--accept-all", "--reject", SAID, TOLD]) == 0
    out = capsys.readouterr().out
    assert "wrote 5 record(s)" in out and "renamed" in out        # f-reckless was taken
    assert load(folder / "drafts.yaml") == []
    assert main(["check", str(folder)]) == 0


def test_cli_refusal_exits_1_naming_draft_and_field(folder, capsys):
    path = folder / "drafts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: loaded_language", "label: epithets"),
                    encoding="utf-8")
    before = (folder / "annotations.yaml").read_text(encoding="utf-8")
    assert main(["review", str(folder), "--accept-all"]) == 1
    err = capsys.readouterr().err
    assert f"draft {RECKLESS} [label]: unknown label 'epithets'" in err and "nothing was saved" in err
    assert (folder / "annotations.yaml").read_text(encoding="utf-8") == before
    assert main(["review", str(folder), "--accept", "nope"]) == 1
    assert "no draft with this id" in capsys.readouterr().err


# ------------------------------------------------------------------------------ widget
def test_widget_rows_controls_and_accessible_labels(folder):
    import ipywidgets as W

    panel = review(folder)
    assert isinstance(panel, W.VBox)
    assert repr(panel) == "<review of mini-article: 7 draft(s) in drafts.yaml>"
    assert len(panel.list_box.children) == 7
    row = panel.row(RECKLESS)
    assert row.menu.value == "framing/loaded_language" and row.menu.description == "Label"
    assert row.note.value.startswith("strongly charged word") and row.note.description == "Note"
    assert "DRAFT" not in row.note.value and "[rule:" not in row.note.value
    assert "<mark" in row.head.value and "reckless" in row.head.value
    assert "Why it was flagged" in row.head.value and "rule: lexicon" in row.head.value
    assert row.accept_button.description == "Accept" and RECKLESS in row.accept_button.tooltip
    assert row.reject_button.description == "Reject" and RECKLESS in row.reject_button.tooltip
    assert "not decided" in row.state.value
    row.accept_button.value = True                         # a click (or Space/Enter on the focused button)
    assert row.accept_button.description == "✓ Accepted" and "ACCEPT" in row.state.value
    row.reject_button.value = True                         # exclusive, and the state is said in words
    assert row.accept_button.value is False and row.reject_button.description == "✗ Rejected"
    assert "REJECT" in row.state.value
    row.decide(None)
    assert row.decision is None and row.accept_button.description == "Accept"


def test_widget_save_writes_accepted_edits_and_removes_decided(folder):
    panel = review(folder)
    assert panel.save() is None and "Nothing to save" in panel.status.value
    panel.decide(QUOTE, "accept")
    panel.row(QUOTE).note.value = "The mayor's promise, quoted and credited."
    panel.decide(EVERYONE, "accept")
    panel.row(EVERYONE).menu.value = "generalization/hasty_generalization"
    panel.decide(WROTE, "reject")
    panel.save_button.click()
    result = panel.last_result
    assert result is not None and list(result.accepted) == [QUOTE, EVERYONE]
    assert "wrote 2 record(s)" in panel.status.value and "medialit check: OK" in panel.status.value
    records = {r["id"]: r for r in load(folder / "annotations.yaml")}
    assert records[result.accepted[QUOTE]]["note"] == "The mayor's promise, quoted and credited."
    assert records[result.accepted[EVERYONE]]["label"] == "hasty_generalization"
    assert ids(folder / "drafts.yaml") == [SAID, TOLD, RECKLESS, NEVER]
    assert len(panel.list_box.children) == 4 and repr(panel).endswith("4 draft(s) in drafts.yaml>")
    heads = [child.children[0].value for child in panel.list_box.children]
    assert [h.split("</b>")[0].split("<b>")[1] for h in heads] == ["Draft 1", "Draft 2", "Draft 3", "Draft 4"]
    assert len(backups(folder)) == 1 and validate(folder) == []


def test_widget_keeps_an_invalid_draft_with_its_reason(folder):
    path = folder / "drafts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: loaded_language", "label: epithets"),
                    encoding="utf-8")
    panel = review(folder)
    row = panel.row(RECKLESS)
    assert row.menu.value == "framing/epithets" and "not in the vocabulary" in row.menu.options[0][0]
    panel.decide(RECKLESS, "accept")
    panel.decide(QUOTE, "accept")
    result = panel.save()
    assert list(result.accepted) == [QUOTE] and RECKLESS in result.refused
    assert f"draft {RECKLESS} [label]" in panel.status.value and 'role="alert"' in panel.status.value
    assert "[label]" in row.problem.value and RECKLESS in ids(folder / "drafts.yaml")
    row.menu.value = "framing/loaded_language"             # fix it in the widget and save again
    result = panel.save()
    assert list(result.accepted) == [RECKLESS] and result.accepted[RECKLESS] == "f-reckless-2"
    assert validate(folder) == []


def test_widget_pages_through_many_drafts(folder):
    panel = review(folder, page_size=3)
    assert len(panel.list_box.children) == 3 and panel.prev_button.disabled
    assert "drafts 1-3 of 7" in panel.page_label.value
    panel.decide(QUOTE, "accept")
    panel.next_button.click()
    panel.next_button.click()
    assert "drafts 7-7 of 7" in panel.page_label.value and panel.next_button.disabled
    panel.decide(WROTE, "reject")
    panel.prev_button.click()
    panel.prev_button.click()
    assert panel.row(QUOTE).decision == "accept"          # decisions survive turning pages
    result = panel.save()
    assert list(result.accepted) == [QUOTE] and result.rejected == [WROTE]


def test_widget_without_drafts_says_what_to_do(tmp_path, resources):
    target = tmp_path / "mini"
    shutil.copytree(resources / "mini-article", target)
    panel = review(target)
    assert "medialit flag" in panel.intro.value and panel.list_box.children == ()
