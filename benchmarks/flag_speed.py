"""How fast `medialit flag` drafts candidates: time per 1,000 words, against a baseline.

    .venv/bin/python benchmarks/flag_speed.py [--ptc DIR] [--runs N]

For the Raqqa article and a few PTC articles (when a PTC-layout folder is found,
by default ../shared/data/ptc-train beside the checkout), prints the median over
``--runs`` runs of :func:`medialit.authoring.flagging.drafts.flag_text`, per 1,000 words, next to the
median of a plain ``re.findall(r"\\w+", text)`` pass over the same text measured
in the same run, and their ratio. The target: well under a second per 1,000 words.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medialit._io.reading import read_text  # noqa: E402
from medialit.authoring.flagging.drafts import flag_text  # noqa: E402
from medialit.authoring.flagging.wordlists import load_lexicon  # noqa: E402

WORD = re.compile(r"\w+")


def median_seconds(func, text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def texts(ptc_dir: Path | None, count: int) -> list[tuple[str, str]]:
    out = [("raqqa-exodus", read_text(ROOT / "seeds" / "raqqa-exodus" / "article.txt"))]
    if ptc_dir is not None and (ptc_dir / "articles").is_dir():
        from medialit.authoring.flagging.ptc import read_article

        files = sorted((ptc_dir / "articles").glob("article*.txt"))[:count]
        out += [(f"ptc {path.stem}", read_article(path)) for path in files]
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=ROOT.parent / "shared" / "data" / "ptc-train")
    parser.add_argument("--articles", type=int, default=5, help="how many PTC articles")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    load_lexicon()  # read once, as a long-lived session would
    rows = []
    print(f"{'text':24s} {'words':>6s} {'flag ms/1k words':>17s} {'baseline ms/1k':>15s} {'ratio':>7s}")
    for name, text in texts(args.ptc, args.articles):
        words = len(WORD.findall(text))
        flag_s = median_seconds(flag_text, text, args.runs)
        base_s = median_seconds(WORD.findall, text, args.runs)
        per_k = 1000 / max(words, 1)
        rows.append((flag_s * per_k, base_s * per_k))
        print(f"{name:24s} {words:6d} {flag_s * per_k * 1e3:17.2f} {base_s * per_k * 1e3:15.3f} "
              f"{flag_s / base_s:7.0f}x")
    flag_med = statistics.median(r[0] for r in rows)
    base_med = statistics.median(r[1] for r in rows)
    print(f"{'median':24s} {'':6s} {flag_med * 1e3:17.2f} {base_med * 1e3:15.3f} {flag_med / base_med:7.0f}x")
    print(f"(median of {args.runs} runs each; baseline: re.findall(r'\\w+', text) over the same text)")
    return 0 if flag_med < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
