"""What medialit costs one student: import time, lesson time, kernel memory, against the floor.

    .venv/bin/python benchmarks/classroom.py [--runs 7] [--lesson-runs 3] [--markdown] [--suite]

Prints figures, asserts nothing. Every figure is a median over fresh processes or
kernels, next to the *floor*: the same measurement without medialit.

- **import**: seconds spent in ``import ...`` inside a fresh interpreter (interpreter
  start-up excluded), wall and CPU time, ``--runs`` processes each, interleaved; each
  round's ratio to the floor run beside it, then the median of those ratios. The floor
  imports only medialit's dependencies (``ipywidgets, pandas, matplotlib.pyplot, yaml,
  anywidget``). Rows: ``import medialit`` alone, the floor plus medialit (what medialit
  *adds* to a kernel that loads its stack anyway), and building a first quiz. Aim: floor
  + medialit at most 1.15x the floor (judged on CPU time, which other processes on a
  shared machine disturb far less than wall time). Then ``python -X importtime`` of the
  floor followed by ``import medialit``: what medialit adds, and its heaviest modules.
- **lessons**: each ``notebooks/0*.ipynb`` (whatever exists; with none yet, the quiz
  engine's fixture ``tests/resources/quiz-types.ipynb`` stands in and is labelled so),
  run headless with nbclient in a fresh kernel, ``--lesson-runs`` times. Timed from a
  ready kernel to the last cell done, against a floor notebook holding one cell with the
  dependency imports plus the lesson's own non-medialit imports. Aim: at most 2x.
  Lessons that show figures are also compared with that floor plus one plain inline
  chart ("x chart floor"): drawing a first matplotlib figure costs more than importing.
  Also the kernel's RSS (psutil) after the last cell (aim: at most 180 MB), the
  kernel's CPU seconds (user + system, start-up included) and the two slowest cells.
- **suite** (``--suite``, slow): wall time of the full ``python -m pytest``.

Everything runs with HOME, MEDIALIT_HOME, MPLCONFIGDIR and the Jupyter folders in a
temporary directory (one discarded warm-up first), so nothing is written to your home.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "resources" / "quiz-types.ipynb"
FLOOR_IMPORTS = "import ipywidgets, pandas, matplotlib.pyplot, yaml, anywidget"
IMPORT_AIM, LESSON_AIM, RSS_AIM_MB = 1.15, 2.0, 180.0

# Timed snippets for fresh interpreters: (label, setup code (untimed), timed code).
_QUIZ = ("import medialit\n"
         f"q = medialit.quiz('mini-single', article={str(ROOT / 'tests' / 'resources' / 'mini-article')!r})")
IMPORT_CASES = [
    ("floor: " + FLOOR_IMPORTS[len("import "):], FLOOR_IMPORTS),
    ("import medialit", "import medialit"),
    ("floor + import medialit", FLOOR_IMPORTS + "\nimport medialit"),
    ("floor + medialit + first quiz", FLOOR_IMPORTS + "\n" + _QUIZ),
]
_PROBE = """\
import resource, sys, time
t0, c0 = time.perf_counter(), time.process_time()
exec(compile({code!r}, "<timed>", "exec"))
t1, c1 = time.perf_counter(), time.process_time()
sys.stdout.write("%r %r %r" % (t1 - t0, c1 - c0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
"""


def sandbox_env(home: Path) -> dict[str, str]:
    """An environment whose HOME and every per-user folder is under ``home``."""
    for sub in (".jupyter", ".local/share/jupyter/runtime", ".ipython", ".matplotlib", ".medialit"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update(HOME=str(home), MPLCONFIGDIR=str(home / ".matplotlib"), IPYTHONDIR=str(home / ".ipython"),
               JUPYTER_CONFIG_DIR=str(home / ".jupyter"), JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
               JUPYTER_RUNTIME_DIR=str(home / ".local/share/jupyter/runtime"),
               MEDIALIT_HOME=str(home / ".medialit"), PYTHONDONTWRITEBYTECODE="1")
    # The kernel spec's "python" must be this interpreter.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


# -- imports --------------------------------------------------------------------------

def time_import(code: str, env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds inside the timed code, max RSS MB) for one fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", _PROBE.format(code=code)], env=env, cwd=env["HOME"],
                         capture_output=True, text=True, timeout=120, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"timed import failed:\n{code}\n{out.stderr[-2000:]}")
    wall, cpu, rss = out.stdout.split()
    return float(wall), float(cpu), float(rss)


def medialit_share(env: dict[str, str]) -> tuple[float, float, list[tuple[str, float]]]:
    """``python -X importtime`` of the floor then medialit: (floor ms, medialit ms, medialit's modules).

    Cumulative microseconds of the top-level entries: what ``import medialit`` adds once
    its dependencies are loaded, and the self time of each ``medialit.*`` module.
    """
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", FLOOR_IMPORTS + "\nimport medialit"],
                         env=env, cwd=env["HOME"], capture_output=True, text=True, timeout=120, check=True)
    floor_us = medialit_us = 0
    modules = []
    floor_names = {"ipywidgets", "pandas", "matplotlib", "matplotlib.pyplot", "yaml", "anywidget"}
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        head, cumulative, name = line.split("|", 2)
        self_txt, cumulative = head.split(":", 1)[1].strip(), cumulative.strip()
        if not (self_txt.isdigit() and cumulative.isdigit()):
            continue
        top = not name.startswith("   ")  # " name" at the top, two more spaces per level below
        name = name.strip()
        if top and name in floor_names:
            floor_us += int(cumulative)
        elif top and name == "medialit":
            medialit_us = int(cumulative)
        if name.startswith("medialit"):
            modules.append((name, int(self_txt) / 1000))
    return floor_us / 1000, medialit_us / 1000, sorted(modules, key=lambda m: -m[1])


def bench_imports(runs: int, env: dict[str, str]) -> tuple[list[dict], dict]:
    for _, code in IMPORT_CASES:  # warm-up: font cache, OS file cache
        time_import(code, env)
    samples: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _ in IMPORT_CASES}
    for _ in range(runs):  # interleaved, so drift hits every case alike
        for label, code in IMPORT_CASES:
            samples[label].append(time_import(code, env))
    floor = samples[IMPORT_CASES[0][0]]
    rows = []
    for label, _ in IMPORT_CASES:
        mine = samples[label]
        rows.append({
            "what": label,
            "wall": statistics.median(w for w, _, _ in mine),
            "cpu": statistics.median(c for _, c, _ in mine),
            # Each round's ratio to the floor measured beside it, then the median of those.
            "ratio_wall": statistics.median(m[0] / f[0] for m, f in zip(mine, floor)),
            "ratio_cpu": statistics.median(m[1] / f[1] for m, f in zip(mine, floor)),
            "rss_mb": statistics.median(r for _, _, r in mine),
        })
    shares = [medialit_share(env) for _ in range(runs)]
    share = {"floor_ms": statistics.median(f for f, _, _ in shares),
             "medialit_ms": statistics.median(m for _, m, _ in shares),
             "ratio": statistics.median(m / f for f, m, _ in shares if f),
             "modules": shares[len(shares) // 2][2][:6]}
    return rows, share


# -- lessons ----------------------------------------------------------------------------

def lesson_paths(given: list[Path] | None) -> tuple[list[Path], bool]:
    """The lessons to run and whether they are a stand-in (no lesson written yet)."""
    if given:
        return given, False
    lessons = sorted((ROOT / "notebooks").glob("0*.ipynb"))
    return (lessons, False) if lessons else ([FIXTURE], True)


def non_medialit_imports(nb) -> list[str]:
    """Top-level import statements of the notebook's code cells that do not import medialit."""
    found: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            if any(n.split(".")[0] == "medialit" for n in names):
                continue
            stmt = ast.unparse(node)
            if stmt not in found:
                found.append(stmt)
    return found


# A plain chart, shown inline: the floor for lessons that draw figures.
CHART_CELL = ("fig, ax = matplotlib.pyplot.subplots(figsize=(8, 4))\n"
              "ax.barh(range(10), range(10)); ax.set_title('floor chart')\n"
              "matplotlib.pyplot.show()")


def floor_notebook(nb, chart: bool = False):
    import nbformat

    floor = nbformat.v4.new_notebook()
    floor.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    floor.cells = [nbformat.v4.new_code_cell("\n".join([FLOOR_IMPORTS, *non_medialit_imports(nb)]))]
    if chart:
        floor.cells.append(nbformat.v4.new_code_cell(CHART_CELL))
    return floor


def draws_images(nb) -> bool:
    return any(out.get("output_type") in ("display_data", "execute_result") and "image/png" in out.get("data", {})
               for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", []))


@dataclass
class KernelRun:
    seconds: float          # ready kernel -> last cell done
    rss_mb: float           # kernel RSS after the last cell
    cpu_s: float            # kernel user + system CPU seconds, start-up included
    errors: list[str] = field(default_factory=list)
    cells: list[tuple[int, float]] = field(default_factory=list)   # (cell index, seconds)
    images: bool = False    # the run displayed PNG figures
    cells_cpu_s: float = 0.0  # kernel CPU seconds spent from a ready kernel to the last cell


def run_notebook(nb, cwd: Path, env: dict[str, str], timeout: float = 300) -> KernelRun:
    """Execute a notebook's code cells in a fresh kernel; time, memory and CPU of that kernel."""
    import psutil
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = copy.deepcopy(nb)
    km = KernelManager(kernel_name="python3")
    client = NotebookClient(nb, km=km, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(cwd)}})
    errors: list[str] = []
    cells: list[tuple[int, float]] = []
    with client.setup_kernel(cwd=str(cwd), env=env, stderr=subprocess.DEVNULL):
        proc = psutil.Process(km.provisioner.pid)
        cpu0 = sum(proc.cpu_times()[:2])
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            began = time.perf_counter()
            try:
                client.execute_cell(cell, index)
                cells.append((index, time.perf_counter() - began))
            except CellExecutionError as exc:
                errors.append(f"cell {index}: {str(exc).strip().splitlines()[-1]}")
                break
        seconds = time.perf_counter() - start
        rss = proc.memory_info().rss / 2**20
        cpu = proc.cpu_times()
        cpu_s = cpu.user + cpu.system
    return KernelRun(seconds, rss, cpu_s, errors, cells, draws_images(nb), cpu_s - cpu0)


def bench_lessons(paths: list[Path], runs: int, env: dict[str, str], work: Path) -> list[dict]:
    import nbformat

    rows = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        # Run a copy beside copies of what lies next to it (seeds found by relative path).
        cwd = work / f"run-{path.stem}"
        if not cwd.exists():
            shutil.copytree(path.parent, cwd, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
        floor = floor_notebook(nb)
        run_notebook(floor, cwd, env)  # warm-ups; the lesson's tells whether it draws figures
        chart_floor = floor_notebook(nb, chart=True) if run_notebook(nb, cwd, env).images else None
        lesson_runs, floor_runs, chart_runs = [], [], []
        for _ in range(runs):  # interleaved, so drift hits each alike
            floor_runs.append(run_notebook(floor, cwd, env))
            if chart_floor is not None:
                chart_runs.append(run_notebook(chart_floor, cwd, env))
            lesson_runs.append(run_notebook(nb, cwd, env))
        errors = sorted({e for r in lesson_runs for e in r.errors})
        typical = sorted(lesson_runs, key=lambda r: r.seconds)[len(lesson_runs) // 2]
        slowest = sorted(typical.cells, key=lambda c: -c[1])[:2]

        def med(runs_, attr):
            return statistics.median(getattr(r, attr) for r in runs_)

        rows.append({"lesson": path.name, "seconds": med(lesson_runs, "seconds"),
                     "floor_s": med(floor_runs, "seconds"),
                     # each round's ratio to the floor run just before it, then their median
                     "ratio": statistics.median(a.seconds / b.seconds for a, b in zip(lesson_runs, floor_runs)),
                     "cpu_ratio": statistics.median(a.cells_cpu_s / max(b.cells_cpu_s, 1e-3)
                                                    for a, b in zip(lesson_runs, floor_runs)),
                     "chart_ratio": statistics.median(a.seconds / b.seconds for a, b in zip(lesson_runs, chart_runs))
                     if chart_runs else None,
                     "rss_mb": med(lesson_runs, "rss_mb"), "floor_rss_mb": med(floor_runs, "rss_mb"),
                     "max_rss_mb": max(r.rss_mb for r in lesson_runs),
                     "cpu_s": med(lesson_runs, "cpu_s"), "floor_cpu_s": med(floor_runs, "cpu_s"),
                     "errors": errors, "floor_imports": floor.cells[0].source,
                     "slowest": ", ".join(f"cell {i} {t:.2f}s" for i, t in slowest)})
    return rows


def bench_suite(env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                         capture_output=True, text=True, timeout=3600, check=False)
    tail = (out.stdout.strip().splitlines() or ["(no output)"])[-1]
    return time.perf_counter() - start, tail


# -- printing -------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER"


def table(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    fmt = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*headers), fmt.format(*("-" * w for w in widths))]
                     + [fmt.format(*r) for r in rows])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh interpreters per import case (>= 5)")
    parser.add_argument("--lesson-runs", type=int, default=3, help="fresh kernels per lesson and its floor")
    parser.add_argument("--notebook", type=Path, action="append",
                        help="a notebook to run instead of notebooks/0*.ipynb (repeatable)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for the README)")
    parser.add_argument("--suite", action="store_true", help="also time the full test suite (slow)")
    parser.add_argument("--skip-imports", action="store_true")
    parser.add_argument("--skip-lessons", action="store_true")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="medialit-bench-"))
    env = sandbox_env(work / "home")
    md = args.markdown
    try:
        import platform

        print(f"medialit classroom benchmark: Python {platform.python_version()}, {os.cpu_count()} cores, "
              f"{time.strftime('%Y-%m-%d')}")
        if not args.skip_imports:
            rows, share = bench_imports(max(args.runs, 1), env)
            floor_plus = next(r for r in rows if r["what"] == "floor + import medialit")
            print(f"\nImport time, median of {args.runs} fresh processes, interleaved; 'x floor' is the "
                  f"median of each round's ratio to the floor run beside it (aim: floor + medialit "
                  f"<= {IMPORT_AIM:.2f}x floor, in CPU time: {verdict(floor_plus['ratio_cpu'] <= IMPORT_AIM)})\n")
            print(table(["what is imported", "wall s", "CPU s", "x floor (wall)", "x floor (CPU)", "max RSS MB"],
                        [[r["what"], f"{r['wall']:.3f}", f"{r['cpu']:.3f}", f"{r['ratio_wall']:.2f}",
                          f"{r['ratio_cpu']:.2f}", f"{r['rss_mb']:.0f}"] for r in rows], md))
            print(f"\npython -X importtime, floor then 'import medialit' (median of {args.runs}): the floor's "
                  f"modules {share['floor_ms']:.0f} ms, medialit on top {share['medialit_ms']:.0f} ms "
                  f"(+{100 * share['ratio']:.0f}%); heaviest medialit modules (self ms): "
                  + ", ".join(f"{n} {ms:.1f}" for n, ms in share["modules"]))
        if not args.skip_lessons:
            paths, stand_in = lesson_paths(args.notebook)
            print(f"\nLessons, headless (nbclient), median of {args.lesson_runs} fresh kernels each "
                  f"(aims: <= {LESSON_AIM:.0f}x the floor notebook, <= {RSS_AIM_MB:.0f} MB kernel RSS)")
            if stand_in:
                print("(no notebooks/0*.ipynb yet: the quiz fixture tests/resources/quiz-types.ipynb stands in)")
            print()
            rows = bench_lessons(paths, max(args.lesson_runs, 1), env, work)
            print(table(["lesson", "run s", "floor s", "x floor", "x floor (CPU)", "x chart floor",
                         "kernel RSS MB", "floor RSS MB", "kernel CPU s", "slowest cells", "verdict"],
                        [[r["lesson"], f"{r['seconds']:.2f}", f"{r['floor_s']:.2f}", f"{r['ratio']:.2f}",
                          f"{r['cpu_ratio']:.2f}", f"{r['chart_ratio']:.2f}" if r["chart_ratio"] else "-",
                          f"{r['rss_mb']:.0f}", f"{r['floor_rss_mb']:.0f}",
                          f"{r['cpu_s']:.2f}", r["slowest"], ("ERROR " if r["errors"] else "")
                          + verdict(r["ratio"] <= LESSON_AIM and r["max_rss_mb"] <= RSS_AIM_MB)]
                         for r in rows], md))
            for r in rows:
                for err in r["errors"]:
                    print(f"  {r['lesson']}: {err}")
            print(f"\nfloor notebook cell: {rows[0]['floor_imports']!r}" if rows else "")
            print(f"x chart floor: for lessons that show figures, against the floor notebook plus one cell "
                  f"drawing a plain 10-bar chart inline: {CHART_CELL!r}")
        if args.suite:
            seconds, tail = bench_suite(env)
            print(f"\nfull test suite (python -m pytest): {seconds:.0f} s  [{tail}]")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
