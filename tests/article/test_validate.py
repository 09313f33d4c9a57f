"""`medialit check` / `validate()`: every problem at once, each with file, line and field."""

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialit import ArticleError, load_article, validate
from medialit._io.reading import read_yaml
from medialit.article.annotations import check_records
from medialit.cli import main
from tests.conftest import RESOURCES, ROOT

BROKEN = RESOURCES / "broken-article"


def test_broken_article_lists_every_planted_error():
    """The expected list sits beside the fixture: one line per planted error."""
    expected = (RESOURCES / "broken-article.expected.txt").read_text(encoding="utf-8").splitlines()
    got = [str(p).replace(str(ROOT) + "/", "") for p in validate(BROKEN)]
    assert got == expected


def test_cli_check_exits_1_and_prints_every_problem(capsys):
    assert main(["check", str(BROKEN)]) == 1
    out = capsys.readouterr().out
    assert "16 problem(s)" in out
    for needle in ("meta.yaml:4 [published]", "sources.yaml:5 [id]", "annotations.yaml:13 [category]",
                   "annotations.yaml:22 [source_id]", "annotations.yaml:25 [start]"):
        assert needle in out


def test_cli_check_exits_0_on_the_raqqa_seed(capsys):
    assert main(["check", str(ROOT / "seeds" / "raqqa-exodus")]) == 0
    assert capsys.readouterr().out.strip().endswith("OK")


def test_unknown_folder_is_a_clear_error(capsys, tmp_path):
    assert main(["check", str(tmp_path / "nowhere")]) == 1
    assert "no article" in capsys.readouterr().err


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    dest = tmp_path / "raqqa-copy"
    shutil.copytree(ROOT / "seeds" / "raqqa-exodus", dest)
    return dest


def test_broken_copy_of_the_real_seed_names_each_planted_error(seed_copy):
    path = seed_copy / "annotations.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(records) >= 1
    records[0]["start"] += 1                  # offsets no longer match
    records[0]["category"] = "opinion"        # unknown category
    records.append(dict(records[0], id=records[0]["id"], category="framing", label="sarcasm"))
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = validate(seed_copy)
    fields = [(Path(p.file).name, p.field) for p in problems]
    assert ("annotations.yaml", "text") in fields
    assert ("annotations.yaml", "category") in fields
    assert ("annotations.yaml", "id") in fields        # duplicate
    assert ("annotations.yaml", "label") in fields
    assert all(p.line for p in problems if p.field in {"text", "category", "id", "label"})


def test_unparsable_yaml_names_file_and_line(seed_copy):
    (seed_copy / "sources.yaml").write_text("- id: a\n  who: [unclosed\n  says: x\n", encoding="utf-8")
    problems = validate(seed_copy)
    assert any(p.file.endswith("sources.yaml") and p.line and "not valid YAML" in p.message for p in problems)


def test_non_utf8_and_missing_files_are_named(seed_copy):
    (seed_copy / "meta.yaml").write_bytes(b"title: caf\xe9\n")
    (seed_copy / "sources.yaml").unlink()
    messages = [str(p) for p in validate(seed_copy)]
    assert any("meta.yaml" in m and "not UTF-8" in m for m in messages)
    assert any("sources.yaml" in m and "missing" in m for m in messages)


def test_loading_a_broken_article_raises_with_all_problems():
    article = load_article(BROKEN, reload=True)
    with pytest.raises(ArticleError) as info:
        _ = article.annotations
    assert len(info.value.problems) >= 5
    assert "annotations.yaml" in str(info.value)


TEXT = "Alpha beta gamma. Delta epsilon zeta eta theta."


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(start=st.integers(-5, len(TEXT) + 5), end=st.integers(-5, len(TEXT) + 5))
def test_offsets_are_accepted_exactly_when_they_fit_the_text(start, end):
    """Property: a record is accepted iff 0 <= start < end <= len and its text is text[start:end]."""
    fits = 0 <= start < end <= len(TEXT)
    record = {"id": "x", "start": start, "end": end, "text": TEXT[start:end] if fits else "Alpha",
              "category": "framing", "label": "loaded_language", "note": "n"}
    problems = check_records([record], TEXT, set(), "a.yaml")
    if fits:
        assert problems == []
    else:
        assert [p.field for p in problems] == ["start"]


@given(start=st.integers(0, len(TEXT) - 1), length=st.integers(1, 10), shift=st.integers(1, 5))
def test_shifted_offsets_are_caught(start, length, shift):
    end = min(start + length, len(TEXT))
    record = {"id": "x", "start": start, "end": end, "text": TEXT[start:end],
              "category": "framing", "label": "loaded_language", "note": "n"}
    assert check_records([record], TEXT, set(), "a.yaml") == []
    moved = dict(record, start=start + shift, end=end + shift)
    if moved["end"] <= len(TEXT) and TEXT[moved["start"]:moved["end"]] != record["text"]:
        assert [p.field for p in check_records([moved], TEXT, set(), "a.yaml")] == ["text"]


def test_a_list_used_as_a_key_is_a_clear_error(seed_copy):
    (seed_copy / "meta.yaml").write_text("title: T\n? [1, 2]\n: x\n", encoding="utf-8")
    problems = [p for p in validate(seed_copy) if p.file.endswith("meta.yaml")]
    assert len(problems) == 1 and problems[0].line == 2 and "plain text" in problems[0].message


@pytest.mark.parametrize("written, ok", [("2017-11-13", True), ("'2017-11-13'", True), ("'2017-02-30'", False),
                                         ("27/11/2017", False), ("2017-11-13 10:00", False)])
def test_meta_dates_are_real_days_written_yyyy_mm_dd(tmp_path, written, ok):
    from medialit.article.model import check_meta

    path = tmp_path / "meta.yaml"
    path.write_text(f"title: T\nauthor: A\npublisher: P\npublished: {written}\ncredit: C\nkind: opinion\n",
                    encoding="utf-8")
    problems = check_meta(read_yaml(path), str(path))
    assert [(p.line, p.field) for p in problems] == ([] if ok else [(4, "published")]), problems
