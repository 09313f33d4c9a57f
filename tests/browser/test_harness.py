"""Without Chromium or playwright the browser tests skip with a reason, or fail when required."""

from __future__ import annotations

import pytest

from . import conftest, harness


def test_missing_chromium_skips_with_a_reason(monkeypatch):
    monkeypatch.setattr(harness, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("MEDIALIT_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found at /nonexistent/chromium"):
        conftest._need_browser()


def test_missing_chromium_fails_when_a_browser_is_required(monkeypatch):
    monkeypatch.setattr(harness, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("MEDIALIT_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="MEDIALIT_REQUIRE_BROWSER=1"):
        conftest._need_browser()


def test_server_environment_is_sandboxed(tmp_path):
    env = harness.isolated_env(tmp_path)
    for name in ("HOME", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        assert env[name].startswith(str(tmp_path))
    news = tmp_path / ".jupyter/lab/user-settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
    assert '"fetchNews": "false"' in news.read_text()
