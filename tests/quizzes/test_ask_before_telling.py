"""Ask before telling (issue 19): no lesson shows a passage's flags and notes just above a quiz on it.

A flag's note often states the answer ("The author retells the BBC in his own words"), so a
lesson shows the passage plain (``art.show(..., flags=False)``) before its quiz and the flags
after. This test reads every lesson notebook: for each quiz on a passage, it looks at the cells
between the section's heading and the quiz, and fails if one of them shows overlapping
paragraphs with their flags.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.conftest import ROOT

LESSONS = sorted((ROOT / "notebooks").glob("0[0-7]*-*.ipynb"))   # 00b and 03b too
QUIZ = re.compile(r'medialit\.quiz\("([^"]+)"[,)]')
SHOW = re.compile(r"art\.show\(paragraphs=\((\d+), (\d+)\)([^)]*)\)")


def flagged_shows_before_quizzes(cells: list[dict], bank) -> list[str]:
    """'<quiz id> after a flagged show of paragraphs a-b' for every quiz told before it is asked."""
    found, section = [], []
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and text.lstrip().startswith("#"):
            section = []                                  # a new section starts
        for qid in QUIZ.findall(text) if cell["cell_type"] == "code" else []:
            paragraphs = (bank.get(qid, {}).get("passage") or {}).get("paragraphs")
            if not paragraphs:
                continue
            first, last = paragraphs
            for shown in section:
                for a, b, rest in SHOW.findall(shown):
                    if "flags=False" not in rest and int(a) <= last and first <= int(b):
                        found.append(f"{qid} after a flagged show of paragraphs {a}-{b}")
        section.append(text)
    return found


@pytest.fixture(scope="module")
def bank():
    """The bank's records as written (a passage is given in paragraphs there)."""
    records = yaml.safe_load((ROOT / "seeds" / "raqqa-exodus" / "quizzes.yaml").read_text(encoding="utf-8"))
    return {record["id"]: record for record in records}


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_no_quiz_comes_after_its_passage_shown_with_flags(lesson, bank):
    cells = json.loads(lesson.read_text(encoding="utf-8"))["cells"]
    assert flagged_shows_before_quizzes(cells, bank) == []


def test_a_flagged_show_above_a_quiz_is_caught(bank):
    cell = lambda kind, text: {"cell_type": kind, "source": [text]}  # noqa: E731
    cells = [cell("markdown", "## Whose words now?"),
             cell("code", 'art.show(paragraphs=(29, 29), categories="quoted_reporting")'),
             cell("code", 'medialit.quiz("l2-monitoring-voice")')]
    assert flagged_shows_before_quizzes(cells, bank) == ["l2-monitoring-voice after a flagged show of paragraphs 29-29"]
    cells[1] = cell("code", "art.show(paragraphs=(29, 29), flags=False)")
    assert flagged_shows_before_quizzes(cells, bank) == []
