"""How fast `medialit flag` drafts a 1,500-word article: seconds, and the ratio to reading and tokenising it.

    .venv/bin/python benchmarks/flag_speed.py [--ptc DIR] [--articles N] [--runs N]

For 1,500-word articles (the Raqqa article, and PTC articles joined end to end to 1,500
words when a PTC-layout folder is found, by default ../shared/data/ptc-train beside the
checkout), each written to a temporary file, prints the median over ``--runs`` runs of

- reading the file and tokenising it (:func:`medialit._io.reading.read_text`, then every
  word of :func:`medialit.text.split.words`): the baseline;
- reading it and drafting its flags, every confidence rated
  (:func:`medialit.authoring.flagging.drafts.flag_text`);

and their ratio. The target (issue 17): under 1 s per 1,500-word article on this
machine; the exit status is 1 when the median is not.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medialit._io.reading import read_text  # noqa: E402
from medialit.authoring.flagging.drafts import flag_text  # noqa: E402
from medialit.authoring.flagging.wordlists import load_lexicon  # noqa: E402
from medialit.text import split  # noqa: E402

WORDS = 1500


def cut_to_words(text: str, count: int = WORDS) -> str:
    """The text up to its ``count``-th word (all of it if shorter)."""
    found = list(split.words(text))
    return text if len(found) <= count else text[:found[count - 1].end()]


def articles(ptc_dir: Path | None, count: int) -> list[tuple[str, str]]:
    raqqa = read_text(ROOT / "seeds" / "raqqa-exodus" / "article.txt")
    while len(list(split.words(raqqa))) < WORDS:
        raqqa += "\n\n" + raqqa
    out = [("raqqa-exodus", cut_to_words(raqqa))]
    if ptc_dir is not None and (ptc_dir / "articles").is_dir():
        from medialit.authoring.flagging.ptc import read_article

        files = sorted((ptc_dir / "articles").glob("article*.txt"))
        joined, names = "", []
        for path in files:
            joined += read_article(path) + "\n\n"
            names.append(path.stem.removeprefix("article"))
            if len(list(split.words(joined))) >= WORDS:
                out.append((f"ptc {names[0]}..{names[-1]}", cut_to_words(joined)))
                joined, names = "", []
                if len(out) > count:
                    break
    return out


def median_seconds(func, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def read_and_tokenise(path: Path) -> list:
    return list(split.words(read_text(path)))


def read_and_flag(path: Path) -> list:
    return flag_text(read_text(path))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=ROOT.parent / "shared" / "data" / "ptc-train")
    parser.add_argument("--articles", type=int, default=5, help="how many 1,500-word PTC texts")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)

    load_lexicon()  # read once, as a long-lived session would
    print(f"{'1,500-word article':28s} {'read+tokenise ms':>17s} {'read+flag ms':>13s} {'ratio':>7s}")
    flag_times, ratios = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, text) in enumerate(articles(args.ptc, args.articles)):
            path = Path(tmp) / f"article{n}.txt"
            path.write_text(text, encoding="utf-8")
            words = len(re.findall(r"\w+", text))
            base_s = median_seconds(read_and_tokenise, path, args.runs)
            flag_s = median_seconds(read_and_flag, path, args.runs)
            flag_times.append(flag_s)
            ratios.append(flag_s / base_s)
            print(f"{name:28s} {base_s * 1e3:17.2f} {flag_s * 1e3:13.1f} {flag_s / base_s:6.0f}x"
                  f"   ({words} \\w+ runs)")
    median_flag = statistics.median(flag_times)
    print(f"{'median':28s} {'':17s} {median_flag * 1e3:13.1f} {statistics.median(ratios):6.0f}x")
    print(f"(median of {args.runs} runs each; target: under 1 s per 1,500-word article)")
    return 0 if median_flag < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
