"""Every practice notebook can be done without code: code to write is only ever an optional extension.

In the student's exercises, a cell left for the student's code (``...  # your code here``
or ``# YOUR ANSWER HERE``) must sit under a markdown cell that marks it **If you code**,
and no such cell may come between a task's heading and its quiz: what a quiz needs is
shown by a cell that runs as given. The tables those cells show are tested in
tests/article/test_lookup.py.
"""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = sorted((ROOT / "exercises").glob("practice-0*.ipynb"))
MARK = "If you code"
TO_WRITE = ("# your code here", "# YOUR ANSWER HERE")
COMPUTED = ["p1-body-links", "p2-untraced-share", "p2-kunduz-share", "p3-not-found", "p4-exodus-count",
            "p5-hersh-claims", "p6-ratio", "p6-not-found-count", "p6-only-source",
            "p7-framing-paragraphs", "p7-framing-section"]


def _quiz_id(cell) -> str | None:
    source = cell.source.strip()
    if cell.cell_type == "code" and source.startswith('medialit.quiz("'):
        return source.split('"')[1]
    return None


def route_problems(nb) -> list[str]:
    """What in ``nb`` a student who does not code could not get past."""
    problems, last_markdown, since_heading = [], "", []
    for number, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            last_markdown = cell.source
            if cell.source.lstrip().startswith("## "):
                since_heading = []
            continue
        to_write = any(mark in cell.source for mark in TO_WRITE)
        if to_write and MARK not in last_markdown:
            problems.append(f"cell {number}: code to write, not marked '{MARK}' in the markdown above it")
        qid = _quiz_id(cell)
        if qid and any(any(mark in c.source for mark in TO_WRITE) for c in since_heading):
            problems.append(f"cell {number}: quiz {qid} comes after code the student must write")
        if qid in COMPUTED and not any(_quiz_id(c) is None for c in since_heading):
            problems.append(f"cell {number}: quiz {qid} has no cell before it showing what it asks about")
        since_heading.append(cell)
    return problems


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_the_exercise_can_be_done_without_code(path):
    nb = nbformat.read(path, as_version=4)
    assert route_problems(nb) == []
    assert "Two routes" in nb.cells[1].source + nb.cells[0].source


def test_every_computed_value_quiz_is_in_an_exercise():
    asked = {_quiz_id(c) for path in EXERCISES for c in nbformat.read(path, as_version=4).cells}
    assert set(COMPUTED) <= asked


def _notebook(*cells):
    return new_notebook(cells=list(cells))


def test_unmarked_code_to_write_is_caught():
    nb = _notebook(new_markdown_cell("## Task 1 · Count\n\nCount the links."),
                   new_code_cell("links = ...  # your code here"),
                   new_code_cell('medialit.quiz("p1-body-links")'))
    problems = route_problems(nb)
    assert any("not marked" in p for p in problems)
    assert any("comes after code the student must write" in p for p in problems)


def test_a_computed_quiz_with_nothing_shown_before_it_is_caught():
    nb = _notebook(new_markdown_cell("## Task 1 · Count"), new_code_cell('medialit.quiz("p6-ratio")'))
    assert route_problems(nb) == ["cell 1: quiz p6-ratio has no cell before it showing what it asks about"]


def test_the_route_without_code_passes_when_the_extension_follows_the_quiz():
    nb = _notebook(new_markdown_cell("## Task 1 · Count"), new_code_cell('occurrences(art, "(#)")'),
                   new_code_cell('medialit.quiz("p1-body-links")'),
                   new_markdown_cell(f"**{MARK}** *(optional extension)*: count them in Python."),
                   new_code_cell("links = ...  # your code here"))
    assert route_problems(nb) == []
