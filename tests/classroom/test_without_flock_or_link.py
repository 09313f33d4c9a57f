"""The store and the hand-in writer on a platform with no ``fcntl.flock`` and no ``os.link``.

That is Pyodide, the browser's Python under JupyterLite: both are missing there and raise
``AttributeError`` where other platforms raise ``OSError``. Here both are removed with
monkeypatch and the whole path is taken: save, save again, a damaged store set aside, a
hand-in written, a second hand-in kept beside the first. Nothing may be lost.
"""

from __future__ import annotations

import fcntl
import json
import os

import pytest

from medialit.classroom import notices
from medialit.classroom.handin import export
from medialit.classroom.store import Store


@pytest.fixture(autouse=True)
def pyodide_like(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    for name in ("JUPYTERHUB_USER", "MEDIALIT_PROGRESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delattr(fcntl, "flock")
    monkeypatch.delattr(os, "link")
    notices.reset()


def _save(store, question, answer, correct):
    return store.save("raqqa-exodus", question, answer, score=1.0 if correct else 0.0, correct=correct,
                      attempts=1, lesson=1, qtype="single_choice")


def test_the_platform_really_lacks_both():
    assert not hasattr(fcntl, "flock") and not hasattr(os, "link")


def test_answers_are_saved_and_read_back_by_a_new_store(tmp_path):
    _save(Store("Ana"), "l1-a", "b", False)
    _save(Store("Ana"), "l1-a", "a", True)
    _save(Store("Ana"), "l1-b", "c", True)
    again = Store("Ana")
    assert again.get("raqqa-exodus", "l1-a")["answer"] == "a"
    assert [h["answer"] for h in again.get("raqqa-exodus", "l1-a")["history"]] == ["b", "a"]
    assert again.get("raqqa-exodus", "l1-b")["answer"] == "c"
    assert not list((tmp_path / "home").rglob("*.tmp"))


def test_a_damaged_store_is_set_aside_whole_and_the_answer_saved(tmp_path, capsys):
    store = Store("Ana")
    _save(store, "l1-a", "a", True)
    store.path.write_text("{not json", encoding="utf-8")
    _save(Store("Ana"), "l1-b", "c", True)
    [kept] = list(store.path.parent.glob("*.damaged-*"))
    assert kept.read_text(encoding="utf-8") == "{not json"
    assert Store("Ana").get("raqqa-exodus", "l1-b")["answer"] == "c"


def test_hand_ins_are_written_whole_and_a_second_never_replaces_the_first(tmp_path):
    _save(Store("Ana"), "l1-a", "a", True)
    [first] = export(tmp_path / "handins", student="Ana")
    _save(Store("Ana"), "l1-b", "c", True)
    [second] = export(tmp_path / "handins", student="Ana")
    assert first.path != second.path and second.path.name.endswith("-2.json")
    one, two = (json.loads(w.path.read_text(encoding="utf-8")) for w in (first, second))
    assert [a["question"] for a in one["answers"]] == ["l1-a"]
    assert [a["question"] for a in two["answers"]] == ["l1-a", "l1-b"]
    assert sorted(p.name for p in (tmp_path / "handins").iterdir()) == sorted([first.path.name, second.path.name])
