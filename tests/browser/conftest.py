"""Fixtures for real-browser tests: a JupyterLab server in a sandbox and headless Chromium.

A missing Chromium or playwright skips these tests with the reason, unless
``MEDIALIT_REQUIRE_BROWSER=1`` (as in CI), where it fails them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .harness import browser_missing, jupyter_server, launch_chromium

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "tests" / "resources"
ARTIFACTS = ROOT / "test-artifacts"


def need(reason: str | None) -> None:
    """Skip (or, with MEDIALIT_REQUIRE_BROWSER=1 as in CI, fail) when ``reason`` says something is missing."""
    if reason is None:
        return
    if os.environ.get("MEDIALIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser test required (MEDIALIT_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


def _need_browser() -> None:
    need(browser_missing())


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def notebook_root(tmp_path_factory) -> Path:
    """The folder the server serves: the fixture notebooks and the mini-article beside them."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(RESOURCES / "mini-article", root / "mini-article")
    for notebook in RESOURCES.glob("*.ipynb"):
        shutil.copy(notebook, root / notebook.name)
    return root


@pytest.fixture(scope="session")
def lab_url(notebook_root, tmp_path_factory) -> str:
    """Base URL of a JupyterLab server (also serving Notebook 7 pages) over ``notebook_root``."""
    _need_browser()
    home = tmp_path_factory.mktemp("home")
    # The progress store would put one test's answers back into the next test's quizzes.
    with jupyter_server(notebook_root, home, extra_env={"MEDIALIT_PROGRESS": "off"}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    _need_browser()
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
