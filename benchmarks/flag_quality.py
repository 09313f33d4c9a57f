"""How good the draft flags are on a PTC-layout corpus: training and held-out figures, and the trade-off.

    .venv/bin/python benchmarks/flag_quality.py [--ptc DIR] [--plot FILE.png]
    .venv/bin/python benchmarks/flag_quality.py --training-only [--ptc DIR]

Flags every article of the corpus (by default ../shared/data/ptc-train beside the
checkout), then prints, as Markdown tables ready for the README:

- the span precision, recall and F1 (SemEval-2020, partial credit, the kit's own
  scorer :func:`medialit.text.spans.score_many`) of the drafts `medialit flag` keeps by
  default, for the training part and the held-out part (ids ending in 0 or 5,
  :data:`medialit.authoring.flagging.ptc.HELD_OUT_DIGITS`) separately;
- the precision/recall trade-off at the thresholds of
  :data:`medialit.authoring.flagging.evaluate.TRADE_OFF`, for both parts.

Span counts are after overlapping spans are merged, as the scorer counts them.

Rules, cue lists, confidence levels and the default threshold are chosen by looking
at the training part only; the held-out part is for reporting. ``--training-only`` is
for that tuning: it drops the held-out articles and their labels as soon as the folder
is read, so they are never flagged or scored, and prints the training figures alone.
``--plot`` also draws precision against recall for both parts (matplotlib).

Tried on the training part in December 2026 and not kept (training F1 0.367 at the default; each
change's training F1 at the default threshold): widening word drafts by one to three words each
side (0.359 .. 0.344) or to their clause (0.336); cutting sentence drafts to the clause of their
cue (0.003 .. 0.007 below the same run without it); dropping sentence or quote drafts that hold
word drafts (0.325 .. 0.366); sentence drafts for sentences with two or more charged words
(0.353 .. 0.365); joining word drafts across one or two words (0.365 .. 0.366); a nudge for how
charged the whole article is (<= 0.367), for co-occurring rules in a sentence (<= 0.367), for
valence strength (0.367); the AFINN lexicon's extra words (0.366, 0.367); other VADER and
pattern thresholds (<= 0.366); repeated charged n-grams for PTC Repetition (drafts' precision
0.13 .. 0.24: below the operating point); a higher or opposite topic-word nudge (<= 0.364). Two
changes helped a little and were left for a decision: cutting quotation marks off quote drafts
(0.370: PTC annotators mark the words without the marks, but the kit's own annotation layer
keeps the marks, and its Raqqa recall falls slightly), and sentence drafts for comparisons with
Hitler or the Nazis and for "no evidence" / "baseless" (0.368 together).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medialit.authoring.flagging.confidence import DEFAULT_MIN_CONFIDENCE  # noqa: E402
from medialit.authoring.flagging.evaluate import ptc_predictions, score_ptc  # noqa: E402
from medialit.authoring.flagging.ptc import HELD_OUT_DIGITS, Corpus, is_held_out, read_corpus  # noqa: E402


def markdown(report) -> str:
    n_train, n_held = report.parts
    lines = [
        f"| part ({report.articles} articles) | precision | recall | F1 | draft spans | gold spans |",
        "|---|---|---|---|---|---|",
    ]
    for name, sc in ((f"training ({n_train})", report.train),
                     (f"held-out ({n_held}, ids ending in {' or '.join(HELD_OUT_DIGITS)})", report.held_out)):
        lines.append(f"| {name} | {sc.precision:.3f} | {sc.recall:.3f} | **{sc.f1:.3f}** | {sc.predicted} | "
                     f"{sc.gold} |")
    lines += ["", "| keep drafts rated at least | training P / R / F1 | held-out P / R / F1 | draft spans |",
              "|---|---|---|---|"]
    for threshold, overall, train, held in report.trade_off:
        mark = " (default)" if threshold == report.min_confidence else ""
        lines.append(f"| {threshold:.2f}{mark} | {train.precision:.3f} / {train.recall:.3f} / {train.f1:.3f} | "
                     f"{held.precision:.3f} / {held.recall:.3f} / {held.f1:.3f} | {overall.predicted} |")
    return "\n".join(lines)


def training_part(corpus: Corpus) -> Corpus:
    """The corpus without its held-out articles and their labels."""
    texts = {aid: text for aid, text in corpus.texts.items() if not is_held_out(aid)}
    labels = [item for item in corpus.labels if not is_held_out(item.article_id)]
    return Corpus(corpus.folder, texts, labels, corpus.labels_file)


def training_markdown(report) -> str:
    """The training figures and trade-off alone (the held-out part was never read)."""
    sc = report.train
    lines = [f"| training part ({report.articles} articles) | precision | recall | F1 | draft spans | gold spans |",
             "|---|---|---|---|---|---|",
             f"| drafts rated at least {report.min_confidence:.2f} | {sc.precision:.3f} | {sc.recall:.3f} | "
             f"**{sc.f1:.3f}** | {sc.predicted} | {sc.gold} |",
             "", "| keep drafts rated at least | training P / R / F1 | draft spans |", "|---|---|---|"]
    for threshold, _overall, train, _held in report.trade_off:
        mark = " (default)" if threshold == report.min_confidence else ""
        lines.append(f"| {threshold:.2f}{mark} | {train.precision:.3f} / {train.recall:.3f} / {train.f1:.3f} | "
                     f"{train.predicted} |")
    return "\n".join(lines)


def plot(report, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 4))
    for index, name in ((2, "training"), (3, "held-out")):
        points = [(row[index].recall, row[index].precision, row[0]) for row in report.trade_off]
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
        for recall, precision, threshold in points:
            ax.annotate(f"{threshold:.2f}", (recall, precision), fontsize=7, xytext=(3, 3),
                        textcoords="offset points")
    ax.set_xlabel("span recall")
    ax.set_ylabel("span precision")
    ax.set_title("Draft flags: precision against recall by threshold")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=ROOT.parent / "shared" / "data" / "ptc-train")
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    parser.add_argument("--plot", type=Path, default=None, metavar="FILE.png")
    parser.add_argument("--training-only", action="store_true",
                        help="flag and score the training part only (for tuning: no held-out figure)")
    args = parser.parse_args(argv)
    if not (args.ptc / "articles").is_dir():
        print(f"no PTC-layout folder at {args.ptc}", file=sys.stderr)
        return 1
    corpus = read_corpus(args.ptc)
    if args.training_only:
        corpus = training_part(corpus)
        report = score_ptc(ptc_predictions(corpus), corpus, args.min_confidence)
        if report.train is None:
            print("the corpus has no training-part article", file=sys.stderr)
            return 1
        print(training_markdown(report))
        return 0
    report = score_ptc(ptc_predictions(corpus), corpus, args.min_confidence)
    if report.train is None or report.held_out is None:
        print("the corpus needs articles in both parts to compare them", file=sys.stderr)
        return 1
    print(markdown(report))
    if args.plot:
        plot(report, args.plot)
        print(f"\nwrote {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
