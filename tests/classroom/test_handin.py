"""Hand-in files: the schema, writing without overwriting, reading untrusted files safely, the CLI."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import medialit
from medialit.classroom import handin
from medialit.classroom.handin import MAX_BYTES, SCHEMA, HandinError, read_handin, structure_problems, write_handin
from medialit.classroom.names import safe_name
from medialit.classroom.store import Store
from medialit.cli import main
from medialit.quizzes.scoring import grade
from medialit.version import __version__
from tests.conftest import RESOURCES


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "medialit-home"
    monkeypatch.setenv("MEDIALIT_HOME", str(folder))
    monkeypatch.setenv("MEDIALIT_SEEDS", str(RESOURCES))
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    monkeypatch.delenv("MEDIALIT_PROGRESS", raising=False)
    return folder


def _checked(qid, *answers):
    q = medialit.quiz(qid)
    for answer in answers:
        q.answer(answer)
        q.check()
    return q


@pytest.fixture
def doc(home) -> dict:
    _checked("mini-single", "engineer", "mayor")
    _checked("mini-highlight", [(396, 411)])
    return handin.build_handin(Store(), "mini-article")


def test_a_handin_carries_schema_version_article_student_answers_scores_attempts_times(doc):
    assert doc["schema"] == SCHEMA == "medialit.handin/1"
    assert doc["kit_version"] == __version__ and doc["article"] == "mini-article"
    assert doc["student"] == "ana" and doc["student_source"] == "jupyterhub"
    by_id = {a["question"]: a for a in doc["answers"]}
    single = by_id["mini-single"]
    assert (single["answer"], single["score"], single["correct"], single["attempts"]) == ("mayor", 1.0, True, 2)
    assert [h["answer"] for h in single["history"]] == ["engineer", "mayor"]
    assert [h["score"] for h in single["history"]] == [0.0, 1.0]
    assert single["first_at"] <= single["last_at"] and single["type"] == "single_choice" and single["lesson"] == 1
    high = by_id["mini-highlight"]
    question = medialit.quiz("mini-highlight").question
    assert high["answer"] == [[396, 411]]
    assert high["score"] == pytest.approx(grade(question, question.coerce([(396, 411)])).score)   # the quiz's score
    assert structure_problems(doc) == []


def test_written_and_read_back_unchanged(doc, tmp_path):
    written = write_handin(doc, tmp_path / "out")
    assert written.path.name == f"{safe_name('ana')}--mini-article.json"
    assert read_handin(written.path) == doc
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]   # no temporary left


def test_an_existing_handin_is_never_overwritten_silently(doc, tmp_path):
    out = tmp_path / "out"
    first = write_handin(doc, out)
    original = first.path.read_bytes()
    later = copy.deepcopy(doc)
    later["kit_version"] = "0.0.9-later"
    second = write_handin(later, out)
    third = write_handin(later, out)
    assert first.path.read_bytes() == original
    assert second.path.name.endswith("--mini-article-2.json") and third.path.name.endswith("-3.json")
    assert "already exists and was kept" in second.message and "--force" in second.message
    forced = write_handin(later, out, force=True)
    assert forced.path == first.path and read_handin(first.path)["kit_version"] == "0.0.9-later"
    assert "replaced" in forced.message
    assert len(list(out.glob("*.json"))) == 3


def test_summative_answers_may_have_no_score(doc):
    ungraded = copy.deepcopy(doc)
    ungraded["answers"][0].update(score=None, correct=None)
    ungraded["answers"][0]["history"][-1].update(score=None, correct=None)
    assert structure_problems(ungraded) == []
    ungraded["answers"][0]["correct"] = True
    assert "correct must be null when score is null" in structure_problems(ungraded)[0]


def test_a_handin_that_does_not_validate_is_not_written(doc, tmp_path):
    bad = copy.deepcopy(doc)
    bad["answers"][0]["score"] = 2
    with pytest.raises(HandinError, match="score must be a number from 0 to 1"):
        write_handin(bad, tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.json"))


# -- reading untrusted files ------------------------------------------------------------------------

def _file(tmp_path, content, name="h.json") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _mutated(doc, change):
    out = copy.deepcopy(doc)
    change(out)
    return json.dumps(out)


def test_too_large_is_refused_before_parsing(tmp_path, doc, monkeypatch):
    padded = json.dumps(doc)[:-1] + ', "pad": "' + "x" * MAX_BYTES + '"}'
    path = _file(tmp_path, padded)
    monkeypatch.setattr(json, "loads", lambda *a, **k: pytest.fail("parsed a file over the limit"))
    with pytest.raises(HandinError, match=r"too large: 2,09\d,\d+ bytes \(the limit is 2,097,152\)"):
        read_handin(path)


@pytest.mark.parametrize("content,reason", [
    ("{not json", "not valid JSON (line 1"),
    (b"\xff\xfe{}", "not UTF-8"),
    ("", "not valid JSON"),
    ("[1, 2]", "not a medialit hand-in (the file is not a JSON object)"),
    ('{"schema": "nbgrader/1"}', "not a medialit hand-in (schema is 'nbgrader/1')"),
    ('{"schema": "medialit.handin/2"}', "unsupported schema 'medialit.handin/2'"),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
    ('{"schema": "medialit.handin/1", "x": NaN}', "NaN is not allowed"),
], ids=["truncated", "not-utf8", "empty", "list", "foreign-schema", "future-schema", "deep-nesting", "nan"])
def test_malformed_files_are_refused_with_a_reason(tmp_path, content, reason):
    with pytest.raises(HandinError) as info:
        read_handin(_file(tmp_path, content))
    assert reason in info.value.reason


class _Boom:
    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def test_a_pickle_is_refused_and_never_unpickled(tmp_path):
    marker = tmp_path / "pwned"
    boom = _Boom()
    boom.marker = str(marker)
    path = _file(tmp_path, pickle.dumps(boom), "evil.json")
    with pytest.raises(HandinError):
        read_handin(path)
    assert not marker.exists()


@pytest.mark.parametrize("change,reason", [
    (lambda d: d.pop("student"), "missing field(s): student"),
    (lambda d: d.update(extra=1), "unknown field(s): extra"),
    (lambda d: d.update(student=""), "student must be a name"),
    (lambda d: d.update(article="../etc"), "article is not an article slug"),
    (lambda d: d.update(created="yesterday"), "created is not an ISO 8601 time"),
    (lambda d: d.update(answers={}), "answers must be a list"),
    (lambda d: d["answers"][0].update(score=1.5), "score must be a number from 0 to 1"),
    (lambda d: d["answers"][0].update(score=True), "score must be a number from 0 to 1"),
    (lambda d: d["answers"][0].update(attempts=0), "attempts must be a whole number"),
    (lambda d: d["answers"][0].update(attempts=True), "attempts must be a whole number"),
    (lambda d: d["answers"][0].update(type="essay"), "type must be one of"),
    (lambda d: d["answers"][0].update(question="<b>x</b>"), "question is not a question id"),
    (lambda d: d["answers"].append(copy.deepcopy(d["answers"][0])), "appears twice"),
    (lambda d: d["answers"][0]["history"].append({"at": "x"}), "history entries need"),
])
def test_wrong_shapes_are_refused_with_a_reason(tmp_path, doc, change, reason):
    with pytest.raises(HandinError) as info:
        read_handin(_file(tmp_path, _mutated(doc, change)))
    assert reason in info.value.reason


def test_not_a_regular_file(tmp_path):
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(HandinError, match="not a regular file"):
        read_handin(tmp_path / "dir.json")


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: (st.lists(inner, max_size=4)
                                   | st.dictionaries(st.text(max_size=10), inner, max_size=5)),
                    max_leaves=30)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=JSON, keep=st.booleans())
def test_any_json_either_reads_or_is_refused_with_a_reason(tmp_path, doc, value, keep):
    """Fuzz: arbitrary JSON (alone, or grafted into a real hand-in) never crashes the reader."""
    if keep and isinstance(value, dict):
        target = copy.deepcopy(doc)
        target["answers"][0].update(value)
        value = target
    path = _file(tmp_path, json.dumps(value), "fuzz.json")
    try:
        assert isinstance(read_handin(path), dict)
    except HandinError as exc:
        assert exc.reason


# -- export, from code and from the command line --------------------------------------------------------

def test_export_writes_one_file_per_article_of_the_current_student(home, tmp_path):
    _checked("mini-single", "mayor")
    Store().save("other-article", "q1", "x", score=1.0, correct=True, attempts=1, qtype="single_choice")
    Store().save("mini-article", "mini-weeks", 11, score=1.0, correct=True, attempts=1)   # no type: from the bank
    written = handin.export(tmp_path / "out")
    names = sorted(w.path.name for w in written)
    assert names == [f"{safe_name('ana')}--mini-article.json",
                     f"{safe_name('ana')}--other-article.json"]
    weeks = [a for a in read_handin(written[0].path)["answers"] if a["question"] == "mini-weeks"]
    assert weeks[0]["type"] == "numeric" and weeks[0]["lesson"] == 3


def test_cli_export_then_again_keeps_the_first_then_force_replaces(home, tmp_path, capsys):
    _checked("mini-single", "mayor")
    out = tmp_path / "handins"
    assert main(["export", "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Wrote ")
    _checked("mini-single", "engineer")
    assert main(["export", "--out", str(out)]) == 0
    message = capsys.readouterr().out
    assert "already exists and was kept" in message
    files = sorted(out.glob("*.json"))
    assert [read_handin(p)["answers"][0]["answer"] for p in files] == ["engineer", "mayor"]  # -2 sorts first
    assert main(["export", "--out", str(out), "--force"]) == 0
    assert len(list(out.glob("*.json"))) == 2
    assert read_handin(out / f"{safe_name('ana')}--mini-article.json")["answers"][0]["answer"] == "engineer"


def test_cli_export_all_students_and_nothing_to_export(home, tmp_path, capsys, monkeypatch):
    out = tmp_path / "handins"
    assert main(["export", "--out", str(out)]) == 1
    assert "nothing to hand in" in capsys.readouterr().err
    for student in ("ana", "../bo", "<script>"):
        Store(student).save("mini-article", "mini-single", "mayor", score=1.0, correct=True, attempts=1,
                            lesson=1, qtype="single_choice")
    assert main(["export", "--all", "--out", str(out)]) == 0
    students = sorted(read_handin(p)["student"] for p in out.glob("*.json"))
    assert students == ["../bo", "<script>", "ana"]
    assert all(p.parent == out for p in out.iterdir())
    assert main(["export", "--student", "<script>", "--out", str(tmp_path / "one")]) == 0
    assert [read_handin(p)["student"] for p in (tmp_path / "one").glob("*.json")] == ["<script>"]
