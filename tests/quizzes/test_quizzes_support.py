"""Helpers shared by the quiz tests (no tests here): the mini-article fixture and copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

from medialit import load_article
from medialit.quizzes.bank import check_bank, load_bank
from tests.conftest import RESOURCES

MINI = RESOURCES / "mini-article"


def mini():
    return load_article(MINI)


def mini_bank():
    """The fixture's bank as the teacher sees it: the exit ticket carries its key."""
    return load_bank(mini(), teacher_keys=True)


def article_with_bank(tmp_path: Path, bank_yaml: str):
    """A copy of the mini-article whose quizzes.yaml is ``bank_yaml``."""
    folder = tmp_path / "mini-copy"
    if not folder.exists():
        shutil.copytree(MINI, folder)
    (folder / "quizzes.yaml").write_text(bank_yaml, encoding="utf-8")
    return load_article(folder, reload=True)


def problems_for(tmp_path: Path, bank_yaml: str):
    return check_bank(article_with_bank(tmp_path, bank_yaml))


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the YAML under test")
