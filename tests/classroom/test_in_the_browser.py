"""Where the store lives and who the student is in the browser's Python (JupyterLite, Pyodide).

Pyodide reports ``sys.platform == "emscripten"`` and every user as ``web_user``; here both
are set with monkeypatch (the kit reads nothing else to tell where it runs).
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import pytest

from medialit.classroom import names, notices, panels
from medialit.classroom.recorder import StoreRecorder
from medialit.classroom.store import Store
from medialit.errors import ProgressError
from medialit.quizzes import quiz
from tests.conftest import RESOURCES


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(getpass, "getuser", lambda: "web_user")
    for name in ("JUPYTERHUB_USER", "MEDIALIT_HOME", "MEDIALIT_PROGRESS"):
        monkeypatch.delenv(name, raising=False)
    notices.reset()


def test_the_store_lives_under_drive_which_persists(browser):
    assert names.home() == Path("/drive/.medialit")


def test_medialit_home_still_decides(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path))
    assert names.home() == tmp_path


def test_off_the_browser_home_is_unchanged(monkeypatch):
    monkeypatch.delenv("MEDIALIT_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert names.home() == Path.home() / ".medialit"


def test_web_user_is_no_ones_name_until_one_is_typed(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path))
    assert names.current_student() == ("", "unnamed")
    with pytest.raises(ProgressError, match="whoami"):
        Store()
    names.set_name("Ana Lopez")
    assert names.current_student() == ("Ana Lopez", "whoami")
    assert Store().student == "Ana Lopez"
    assert not list(tmp_path.rglob("*web*"))


def test_web_user_off_the_browser_is_an_ordinary_login(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(getpass, "getuser", lambda: "web_user")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("MEDIALIT_HOME", "/nonexistent-medialit-home")
    assert names.current_student() == ("web_user", "os")


def test_the_whoami_panel_asks_for_the_name_and_says_nothing_is_saved_before(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path))
    panel = panels.whoami()
    box = panel.widget
    text, status = box.children[0].children[0], box.children[1]
    assert text.value == "" and "nothing is saved until you do" in status.value
    text.value = "Ana Lopez"
    assert "Saved" in status.value and names.saved_name() == "Ana Lopez"


def test_a_check_before_the_name_says_not_saved_and_one_after_is_kept(browser, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path))
    before = quiz("mini-single", article=RESOURCES / "mini-article", recorder=StoreRecorder())
    before.answer(before.question.answer)
    before.check()
    assert "Not saved" in before.feedback_area.value and "whoami" in before.feedback_area.value
    names.set_name("Ana Lopez")
    after = quiz("mini-single", article=RESOURCES / "mini-article", recorder=StoreRecorder())
    after.answer(after.question.answer)
    after.check()
    assert "Not saved" not in after.feedback_area.value
    assert Store().get("mini-article", "mini-single")["correct"] is True
