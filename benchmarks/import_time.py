"""How long ``import medialit`` (and the quiz engine, and the store) takes, against ``python -c pass``.

    .venv/bin/python benchmarks/import_time.py [--runs 15] [--src DIR]

Prints figures, asserts nothing. Each row is the median over ``--runs`` fresh interpreters
(``python -c "<import>"``, start-up included: what a kernel or a command pays), wall time
and CPU time (user + system of the child), interleaved with the floor, ``python -c pass``,
measured in the same run; the ratio is each row's median over the floor's. Also which of
pandas, matplotlib, numpy and PyYAML each import loaded.

``--src DIR`` measures another checkout's package (``DIR`` is its ``src/`` folder, put
first on ``PYTHONPATH``), e.g. the main branch before a change: ``--src ../main/src``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

CASES = [
    ("python -c pass (floor)", "pass"),
    ("import medialit", "import medialit"),
    ("import medialit.quizzes", "import medialit.quizzes"),
    ("import medialit.classroom.store", "import medialit.classroom.store"),
]
HEAVY = ("pandas", "matplotlib", "numpy", "yaml")


def _run(code: str, env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _heavy(code: str, env: dict) -> list[str]:
    probe = f"{code}\nimport sys, json; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--src", help="a checkout's src/ folder to measure instead of the installed package")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = os.path.abspath(args.src) + os.pathsep + env.get("PYTHONPATH", "")
    for _, code in CASES:          # one discarded warm-up each (bytecode, file cache)
        _run(code, env)
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in CASES}
    for _ in range(args.runs):
        for label, code in CASES:
            times[label].append(_run(code, env))
    floor_wall = statistics.median(w for w, _ in times[CASES[0][0]])
    floor_cpu = statistics.median(c for _, c in times[CASES[0][0]])
    print(f"python {sys.version.split()[0]}, {args.runs} runs each, medians; package from "
          f"{args.src or 'the installed medialit'}")
    print(f"| {'what':34} | wall s | x floor | CPU s | x floor | loads |")
    print(f"|{'-' * 36}|--------|---------|-------|---------|-------|")
    for label, code in CASES:
        wall = statistics.median(w for w, _ in times[label])
        cpu = statistics.median(c for _, c in times[label])
        loads = ", ".join(_heavy(code, env)) or "none of them"
        print(f"| {label:34} | {wall:6.3f} | {wall / floor_wall:6.2f}x | {cpu:5.3f} | {cpu / floor_cpu:6.2f}x "
              f"| {loads} |")


if __name__ == "__main__":
    main()
