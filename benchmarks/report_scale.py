"""How `medialit report` scales with class size: seconds and peak memory, against a baseline.

    .venv/bin/python benchmarks/report_scale.py [--sizes 30,1000,10000] [--article DIR] [--seed N]

For each size N, writes N synthetic hand-in files (students of varied skill answering
every question of the article's quiz bank, some with an earlier wrong attempt) into a
temporary folder, then measures in the same run:

- baseline: opening and ``json.load``-ing every file, nothing else;
- build:    ``medialit.classroom.report.build`` (read + validate + re-grade + aggregate);
- write:    ``medialit.classroom.report.write`` (3 PNG charts, CSV tables, self-contained HTML);

each as wall-clock seconds (best of ``--runs``) and peak Python memory (tracemalloc,
measured in a separate pass so its overhead does not inflate the times), and prints the
build/baseline ratio. The default article is the quiz-engine fixture
``tests/resources/mini-article`` (10 questions of all five types).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medialit import __version__, load_article  # noqa: E402
from medialit.classroom import report  # noqa: E402
from medialit.classroom.handin import SCHEMA, handin_name  # noqa: E402
from medialit.quizzes.bank import load_bank  # noqa: E402
from medialit.quizzes.questions import BINS  # noqa: E402
from medialit.quizzes.scoring import grade  # noqa: E402

WORD = re.compile(r"\w+(?:[-']\w+)*")


def synthetic_answer(question, rng: random.Random, skill: float):
    """One plausible answer: right parts with probability ``skill``, typical slips otherwise."""
    kind = question.type
    if kind == "single_choice":
        wrong = [o.id for o in question.options if o.id != question.answer]
        return question.answer if rng.random() < skill else rng.choice(wrong)
    if kind == "multi_choice":
        key = set(question.answer)
        picked = [o.id for o in question.options
                  if rng.random() < (skill if o.id in key else (1 - skill) / 2)]
        return picked or [rng.choice(question.options).id]
    if kind == "categorize":
        out = {}
        for item in question.items:
            right = question.answer[item.id]
            out[item.id] = right if rng.random() < skill else rng.choice([b for b in BINS if b != right])
        return out
    if kind == "highlight":
        base = question.passage.start
        words = [(base + m.start(), base + m.end()) for m in WORD.finditer(question.passage_text)]
        spans = []
        for k in question.key:
            if rng.random() < skill:
                inside = [w for w in words if w[0] >= k.start and w[1] <= k.end]
                if inside and rng.random() < 0.3:          # only part of the phrase
                    cut = rng.randint(1, len(inside))
                    spans.append((inside[0][0], inside[cut - 1][1]))
                else:
                    spans.append((k.start, k.end))
        if rng.random() > skill or not spans:                # an over-flagged word or two
            start = rng.randrange(len(words))
            stop = min(len(words) - 1, start + rng.randint(0, 2))
            spans.append((words[start][0], words[stop][1]))
        return [list(s) for s in spans]
    if kind == "numeric":
        if rng.random() < skill:
            return question.answer
        return question.answer + rng.choice([-1, 1]) * max(1, abs(question.answer) * rng.choice([0.1, 0.5, 1]))
    raise ValueError(kind)


class Generator:
    """Synthetic hand-ins for one article, grading each distinct answer once."""

    def __init__(self, article, seed: int = 1):
        self.article = article
        self.bank = load_bank(article)
        self.rng = random.Random(seed)
        self._grades: dict = {}

    def _grade(self, question, answer):
        key = (question.id, repr(answer))
        if key not in self._grades:
            result = grade(question, question.coerce(answer))
            self._grades[key] = (result.score, result.correct)
        return self._grades[key]

    def handin(self, student: str, created: str, skill: float | None = None) -> dict:
        rng = self.rng
        skill = rng.betavariate(4, 2) if skill is None else skill
        rows = []
        for question in self.bank.values():
            if rng.random() < 0.08:             # a question left out
                continue
            checks = []
            if rng.random() > skill:            # an earlier attempt
                checks.append(synthetic_answer(question, rng, skill * 0.6))
            checks.append(synthetic_answer(question, rng, skill))
            history = []
            for answer in checks:
                score, correct = self._grade(question, answer)
                history.append({"at": created, "answer": answer, "score": score, "correct": correct})
            last = history[-1]
            rows.append({"question": question.id, "type": question.type, "lesson": question.lesson,
                         "answer": last["answer"], "score": last["score"], "correct": last["correct"],
                         "attempts": len(history), "first_at": created, "last_at": created,
                         "history": history})
        return {"schema": SCHEMA, "kit_version": __version__, "created": created, "student": student,
                "student_source": "jupyterhub", "article": self.article.slug, "answers": rows}

    def write_class(self, folder: Path, n: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            student = f"student{i:05d}"
            created = f"2026-03-{1 + i % 28:02d}T{8 + i % 10:02d}:{i % 60:02d}:00.000Z"
            doc = self.handin(student, created)
            (folder / handin_name(student, doc["article"])).write_text(json.dumps(doc), encoding="utf-8")


def baseline(folder: Path) -> int:
    count = 0
    for path in sorted(folder.iterdir()):
        with open(path, "rb") as handle:
            json.load(handle)
        count += 1
    return count


def timed(func, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def peak_mib(func) -> float:
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,1000,10000", help="class sizes, comma-separated")
    parser.add_argument("--article", default=str(ROOT / "tests" / "resources" / "mini-article"))
    parser.add_argument("--runs", type=int, default=1, help="timing runs per step (best is kept)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc passes")
    args = parser.parse_args(argv)
    article = load_article(args.article)
    seeds = [str(Path(args.article).resolve().parent)]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
        for n in sizes:
            folder, out = Path(tmp) / f"class-{n}", Path(tmp) / f"report-{n}"
            t0 = time.perf_counter()
            Generator(article, args.seed).write_class(folder, n)
            made = time.perf_counter() - t0
            holder = {}

            def build(folder=folder, holder=holder):
                holder["rep"] = report.build(folder, seeds=seeds)

            t_base = timed(lambda folder=folder: baseline(folder), args.runs)
            t_build = timed(build, args.runs)
            rep = holder["rep"]
            assert len(rep.students) == n and not len(rep.skipped), (len(rep.students), rep.skipped.head())
            t_write = timed(lambda rep=rep, out=out: report.write(rep, out), args.runs)
            if args.no_memory:
                m_base = m_build = m_write = float("nan")
            else:
                m_base = peak_mib(lambda folder=folder: baseline(folder))
                m_build = peak_mib(build)
                m_write = peak_mib(lambda rep=rep, out=out: report.write(rep, out))
            rows.append((n, made, t_base, t_build, t_write, m_base, m_build, m_write))
            print(f"  {n:>6,} students: generated in {made:.1f} s", file=sys.stderr, flush=True)

    questions = len(load_bank(article))
    print(f"\nmedialit report scale ({article.slug}, {questions} questions; Python {sys.version.split()[0]})\n")
    head = (f"{'students':>8} | {'baseline s':>10} | {'build s':>8} | {'write s':>8} | {'build/base':>10} | "
            f"{'base MiB':>8} | {'build MiB':>9} | {'write MiB':>9}")
    print(head)
    print("-" * len(head))
    for n, _made, tb, tbu, tw, mb, mbu, mw in rows:
        print(f"{n:>8,} | {tb:>10.3f} | {tbu:>8.3f} | {tw:>8.3f} | {tbu / tb:>9.1f}x | "
              f"{mb:>8.1f} | {mbu:>9.1f} | {mw:>9.1f}")
    print("\nbaseline = open + json.load of every file; build = read, validate, re-grade, aggregate;"
          "\nwrite = 3 PNG charts + CSV tables + self-contained HTML. Peak MiB from tracemalloc (Python heap).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
