"""The README's lesson table says how many quizzes each notebook has: it must stay true.

The "quizzes" column counts the quiz cells of the lesson notebook (``medialit.quiz("...")``),
as ``N`` auto-checked, ``M open`` (free-text answers the teacher scores), or ``N + M open``;
the "practice" column counts those of its practice notebook (``solutions/practice-NN-*``).
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.conftest import ROOT

ROW = re.compile(r"^\| \[`([^`]+)`\]\(notebooks/[^)]+\) \| .* \| ([^|]+) \| ([^|]+) \|$")
QUIZ = re.compile(r'medialit\.quiz\("([^"]+)"[,)]')
TYPES = {q["id"]: q["type"] for seed in (ROOT / "seeds").glob("*/quizzes.yaml")
         for q in yaml.safe_load(seed.read_text(encoding="utf-8"))}


def _rows() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows[match[1]] = (match[2].strip(), match[3].strip())
    return rows


def described(path) -> str:
    """How the README writes the quiz cells of the notebook at ``path``."""
    if path is None or not path.exists():
        return "—"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    ids = [qid for c in cells if c["cell_type"] == "code" for qid in QUIZ.findall("".join(c["source"]))]
    open_ = sum(TYPES.get(qid) == "open" for qid in ids)
    checked = len(ids) - open_
    parts = ([str(checked)] if checked else []) + ([f"{open_} open"] if open_ else [])
    return " + ".join(parts) or "—"


NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_lesson_table_counts_each_notebooks_quizzes(name):
    rows = _rows()
    assert name in rows, f"README's lesson table has no row for notebooks/{name}.ipynb"
    quizzes, practice = rows[name]
    if name == "practice-any-article":       # its quizzes are built in a loop from the layer
        return
    assert quizzes == described(ROOT / "notebooks" / f"{name}.ipynb"), name
    number = name[:2] if name[:2].isdigit() and name[2] == "-" else None
    found = sorted((ROOT / "solutions").glob(f"practice-{number}-*.ipynb")) if number else []
    assert practice == described(found[0] if found else None), name


def test_a_wrong_count_is_caught(tmp_path):
    fake = tmp_path / "x.ipynb"
    fake.write_text(json.dumps({"cells": [{"cell_type": "code", "source": ['medialit.quiz("l1-two-dates")\n']},
                                          {"cell_type": "code", "source": ['medialit.quiz("l1-reflection")']}]}))
    assert described(fake) == "1 + 1 open"
