"""`medialit build`: exercises are generated from solutions, stay in sync, leak no answers, and run."""

from pathlib import Path

import nbformat
import pytest

from medialit.authoring.build import BuildError, build, exercise_from_solution, out_of_date, strip_code
from medialit.cli import main
from tests.conftest import ROOT

FIXTURE = Path(__file__).resolve().parent / "resources" / "build"


def test_fixture_solution_builds_to_the_reviewed_exercise(tmp_path):
    build(FIXTURE / "solutions", tmp_path)
    got = (tmp_path / "practice-1.ipynb").read_text(encoding="utf-8")
    assert got == (FIXTURE / "expected" / "practice-1.ipynb").read_text(encoding="utf-8")


def test_markers_and_tags_are_applied():
    nb = nbformat.read(FIXTURE / "solutions" / "practice-1.ipynb", as_version=4)
    text = "\n".join(c.source for c in exercise_from_solution(nb, "practice-1.ipynb").cells)
    assert "pick = 2" not in text and "pick = ...  # your answer here" in text
    assert "print(n * 10)" not in text and "    # YOUR ANSWER HERE" in text
    assert "The coalition allowed" not in text and "*Write your answer here.*" in text
    assert "teacher self-check" not in text
    assert "The answer is **b**" not in text
    assert "# Write the rewritten sentence below" in text


@pytest.mark.parametrize("source, message", [
    ("# BEGIN SOLUTION\nx = 1\n", "never closed"),
    ("x = 1\n# END SOLUTION\n", "without # BEGIN SOLUTION"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION\n", "inside another"),
])
def test_unbalanced_markers_name_the_cell(source, message):
    with pytest.raises(BuildError, match=message) as info:
        strip_code(source, "solutions/x.ipynb, cell 3")
    assert "solutions/x.ipynb, cell 3" in str(info.value)


def test_check_reports_a_stale_exercise(tmp_path, capsys):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "exercises").mkdir()
    (tmp_path / "solutions" / "practice-1.ipynb").write_bytes(
        (FIXTURE / "solutions" / "practice-1.ipynb").read_bytes())
    assert main(["build", "--root", str(tmp_path), "--check"]) == 1
    assert "practice-1.ipynb is missing" in capsys.readouterr().out
    assert main(["build", "--root", str(tmp_path)]) == 0
    assert main(["build", "--root", str(tmp_path), "--check"]) == 0
    (tmp_path / "exercises" / "practice-1.ipynb").write_text("{}", encoding="utf-8")
    assert main(["build", "--root", str(tmp_path), "--check"]) == 1
    (tmp_path / "exercises" / "orphan.ipynb").write_text("{}", encoding="utf-8")
    assert out_of_date(tmp_path / "solutions", tmp_path / "exercises")[-1].endswith("has no solutions notebook")


def test_a_teacher_only_solutions_notebook_has_no_exercise(tmp_path):
    (tmp_path / "solutions").mkdir()
    for name in ("practice-1.ipynb", "growth-tests.ipynb"):
        (tmp_path / "solutions" / name).write_bytes((FIXTURE / "solutions" / "practice-1.ipynb").read_bytes())
    written = build(tmp_path / "solutions", tmp_path / "exercises")
    assert [p.name for p in written] == ["practice-1.ipynb"]


# -- the kit's own notebooks -------------------------------------------------------------

SOLUTIONS = sorted((ROOT / "solutions").glob("practice-*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


def test_exercises_are_in_sync_with_solutions():
    assert out_of_date(ROOT / "solutions", ROOT / "exercises") == [], "run: medialit build"


def _solution_lines(nb) -> set[str]:
    lines, inside = set(), False
    for cell in nb.cells:
        for line in cell.source.splitlines():
            s = line.strip()
            if s in ("# BEGIN SOLUTION", "# END SOLUTION"):
                inside = s == "# BEGIN SOLUTION"
            elif inside and s and not s.startswith("#") and len(s) > 12:
                lines.add(s)
    return lines


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_no_solution_line_leaks_into_the_exercise(path: Path):
    secret = _solution_lines(nbformat.read(path, as_version=4))
    exercise = (ROOT / "exercises" / path.name).read_text(encoding="utf-8")
    leaked = [line for line in secret if line in exercise]
    assert not leaked


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_exercise_runs_top_to_bottom_in_its_blank_state(path: Path, tmp_path, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
