"""One way to give a classroom test its own student store: a fresh MEDIALIT_HOME, the test seeds, no notices."""

from __future__ import annotations

from pathlib import Path

from medialit.classroom import notices
from medialit.quizzes import hooks
from tests.conftest import RESOURCES


def isolated_home(tmp_path: Path, monkeypatch, *, os_user: str | None = None, hub_user: str | None = None,
                  own_mpl: bool = False) -> Path:
    """Point the kit at ``tmp_path/medialit-home`` and the test seeds, with saving on; returns the folder.

    ``os_user`` sets USER and LOGNAME; ``hub_user`` sets JUPYTERHUB_USER (else it is removed);
    ``own_mpl`` gives matplotlib a config folder of its own.
    """
    folder = tmp_path / "medialit-home"
    monkeypatch.setenv("MEDIALIT_HOME", str(folder))
    monkeypatch.setenv("MEDIALIT_SEEDS", str(RESOURCES))
    if own_mpl:
        monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    if os_user is not None:
        monkeypatch.setenv("USER", os_user)
        monkeypatch.setenv("LOGNAME", os_user)
    if hub_user is not None:
        monkeypatch.setenv("JUPYTERHUB_USER", hub_user)
    else:
        monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("MEDIALIT_PROGRESS", raising=False)
    notices.reset()
    monkeypatch.setattr(hooks, "_warned", set())
    return folder
