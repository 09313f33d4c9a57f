"""Shared fixtures: paths to the project's folders and test resources."""

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = Path(__file__).resolve().parent / "resources"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def resources() -> Path:
    return RESOURCES

# Notebooks under resources/ are fixtures that tests open themselves, not notebooks for nbval.
collect_ignore_glob = ["resources/*"]


def pytest_configure(config):
    """Kernels started by the suite (nbval, nbclient) never touch a real ~/.medialit."""
    os.environ.setdefault("MEDIALIT_HOME", tempfile.mkdtemp(prefix="medialit-test-home-"))
