"""colab_setup() with a stand-in ``google.colab`` module (this fakes Colab, not Jupyter).

The stand-in's ``drive.mount`` makes the mount point's ``MyDrive`` folder, as Colab does
once the student allows it, or raises as Colab does when they do not. Never run on Colab.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

import medialit
from medialit.classroom import colab, notices
from medialit.classroom.names import home
from medialit.classroom.store import Store


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    monkeypatch.delenv("MEDIALIT_HOME", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    notices.reset()


def _fake_colab(monkeypatch, tmp_path, allow: bool) -> list[str]:
    mounted: list[str] = []

    def mount(point):
        if not allow:
            raise ValueError("mount failed: the user did not grant access")
        mounted.append(point)
        (tmp_path / "drive" / "MyDrive").mkdir(parents=True, exist_ok=True)

    google = types.ModuleType("google")
    package = types.ModuleType("google.colab")
    package.drive = types.SimpleNamespace(mount=mount)
    package.output = types.SimpleNamespace(enable_custom_widget_manager=lambda: mounted.append("widgets"))
    google.colab = package
    monkeypatch.setitem(sys.modules, "google", google)
    monkeypatch.setitem(sys.modules, "google.colab", package)
    monkeypatch.setattr(colab, "MOUNT_POINT", str(tmp_path / "drive"))
    return mounted


def test_allowed_drive_takes_the_answers(monkeypatch, tmp_path, capsys):
    mounted = _fake_colab(monkeypatch, tmp_path, allow=True)
    folder = medialit.colab_setup()
    assert mounted == ["widgets", str(tmp_path / "drive")]
    assert folder == tmp_path / "drive" / "MyDrive" / "medialit" == home()
    Store("Ana").save("raqqa-exodus", "l1-a", "a", score=1.0, correct=True, attempts=1, lesson=1,
                      qtype="single_choice")
    assert list(folder.glob("students/*.json"))
    assert "saved on your Google Drive" in capsys.readouterr().out


def test_refused_drive_warns_that_answers_last_only_as_long_as_the_runtime(monkeypatch, tmp_path, capsys):
    _fake_colab(monkeypatch, tmp_path, allow=False)
    assert colab.colab_setup() is None
    err = capsys.readouterr().err
    assert "was not mounted" in err and "until this Colab runtime resets" in err
    assert home() == Path.home() / ".medialit"


def test_without_drive_it_warns_and_mounts_nothing(monkeypatch, tmp_path, capsys):
    mounted = _fake_colab(monkeypatch, tmp_path, allow=True)
    assert colab.colab_setup(use_drive=False) is None
    assert mounted == ["widgets"] and "until this Colab runtime resets" in capsys.readouterr().err


def test_outside_colab_nothing_changes(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "google.colab", None)      # import fails, as off Colab
    assert colab.colab_setup() is None
    assert "not running in Google Colab" in capsys.readouterr().out
    assert home() == Path.home() / ".medialit"
