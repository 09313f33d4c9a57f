"""Each lesson, practice and solutions notebook run headless: seconds and quiz count.

    .venv/bin/python benchmarks/notebook_times.py

Runs a temporary copy of every notebook in notebooks/, solutions/ and exercises/ in a
fresh kernel (nbclient, the same path as ``medialit build --execute``), with progress
saving off and HOME in a temporary folder, and prints a table. Prints figures; asserts
nothing. The quiz count is the number of ``medialit.quiz(...)`` widgets the notebook
shows; ``verify_key`` counts the teacher's answer-key checks.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path, scratch: Path) -> float:
    from nbclient import NotebookClient

    copy = scratch / path.parent.name / path.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, copy)
    nb = nbformat.read(copy, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    began = time.perf_counter()
    client.execute()
    return time.perf_counter() - began


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="medialit-times-"))
    os.environ.update(HOME=str(scratch), MEDIALIT_HOME=str(scratch / "medialit"),
                      MPLCONFIGDIR=str(scratch / "mpl"), MEDIALIT_PROGRESS="off")
    print(f"{'notebook':58} {'seconds':>8} {'quizzes':>8} {'verify_key':>10}")
    total = 0.0
    for folder in ("notebooks", "solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            text = path.read_text(encoding="utf-8")
            quizzes = len(re.findall(r"quiz\(\\\"", text))
            keys = len(re.findall(r"verify_key\(\\\"", text))
            seconds = run(path, scratch)
            total += seconds
            print(f"{folder + '/' + path.name:58} {seconds:8.2f} {quizzes:8d} {keys:10d}", flush=True)
    print(f"{'total':58} {total:8.2f}")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
