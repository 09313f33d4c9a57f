"""Render-to-interactive time of ten quizzes in JupyterLab, against ten plain Buttons.

    .venv/bin/python benchmarks/quiz_render.py [--runs 3]

Starts a sandboxed JupyterLab (the browser tests' harness) and headless Chromium,
then for each notebook, ``--runs`` times: restart the kernel and clear outputs, press
Run All, and time until

- quizzes: all ten quiz widgets are in the DOM and the first highlighter accepts input
  (focus it, press Space, see a word highlighted);
- floor: all ten ipywidgets Buttons are in the DOM.

Prints the runs, their medians and the ratio. Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.harness import browser_missing, jupyter_server, launch_chromium, open_notebook, restart_and_run_all  # noqa: E402

QUIZ_IDS = ["mini-single", "mini-multi", "mini-sort", "mini-highlight", "mini-weeks",
            "mini-single-2", "mini-multi-2", "mini-sort-2", "mini-highlight-2", "mini-cost"]
SETUP = 'import os\nos.environ.setdefault("MEDIALIT_SEEDS", os.path.abspath("."))\nfrom medialit import quiz'


def _write(path: Path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, path)


def make_notebooks(root: Path) -> None:
    shutil.copytree(ROOT / "tests" / "resources" / "mini-article", root / "mini-article")
    _write(root / "ten-quizzes.ipynb", [SETUP] + [f'quiz("{qid}")' for qid in QUIZ_IDS])
    _write(root / "ten-buttons.ipynb", ["import ipywidgets as W"] + [
        f'b = W.Button(description="Button {n}")\nb.add_class("bench-button")\nb' for n in range(10)])


def time_quizzes(page) -> float:
    started = restart_and_run_all(page)
    page.wait_for_function(
        "document.querySelectorAll('.medialit-quiz').length === 10 && "
        "document.querySelectorAll('.medialit-quiz-highlight .mlh-tok').length > 0", timeout=60_000)
    passage = page.locator(".mlh-passage").first
    passage.focus()
    page.keyboard.press("Space")
    page.wait_for_selector(".mlh-tok.mlh-on", timeout=30_000)
    return time.perf_counter() - started


def time_buttons(page) -> float:
    started = restart_and_run_all(page)
    page.wait_for_function("document.querySelectorAll('.bench-button').length === 10", timeout=60_000)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    reason = browser_missing()
    if reason:
        print(f"cannot run: {reason}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        root, home = Path(tmp) / "root", Path(tmp) / "home"
        root.mkdir()
        home.mkdir()
        make_notebooks(root)
        with jupyter_server(root, home) as url, launch_chromium() as browser:
            figures = {}
            for name, timer in (("ten-quizzes.ipynb", time_quizzes), ("ten-buttons.ipynb", time_buttons)):
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                open_notebook(page, url, name)
                figures[name] = [timer(page) for _ in range(args.runs)]
                page.close()
    quizzes, buttons = figures["ten-quizzes.ipynb"], figures["ten-buttons.ipynb"]
    q_med, b_med = statistics.median(quizzes), statistics.median(buttons)
    runs = lambda xs: ", ".join(f"{x:.2f}" for x in xs)  # noqa: E731
    print(f"10 quizzes  (run-all -> all DOM present + highlighter accepts input): "
          f"median {q_med:.2f} s  [runs {runs(quizzes)}]")
    print(f"10 Buttons  (run-all -> all DOM present, the floor):                  "
          f"median {b_med:.2f} s  [runs {runs(buttons)}]")
    print(f"ratio quizzes / floor: {q_med / b_med:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
