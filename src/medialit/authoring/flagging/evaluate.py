"""How good the drafts are: recall against an article's own annotations, and scores on a PTC corpus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from medialit._io.reading import read_text, read_yaml
from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE
from medialit.authoring.flagging.confidence import DEFAULT_MIN_CONFIDENCE
from medialit.authoring.flagging.drafts import flag_text
from medialit.authoring.flagging.ptc import HELD_OUT_DIGITS, split_ids
from medialit.errors import SeedError
from medialit.text.spans import SpanScore, score, score_many
from medialit.vocabulary import CATEGORIES


def against_annotations(folder: Path | str, min_confidence: float = 0.0) -> dict[str, dict]:
    """Per category: how much of the article's own annotation layer the drafts cover.

    Gold is ``annotations.yaml`` (records with usable offsets); predictions are the
    drafts of the same category rated at least ``min_confidence``. Returns ``{category: {"score": SpanScore, "gold": n,
    "drafts": m, "skipped": k}}`` plus an ``"all"`` entry over every category.
    """
    folder = Path(folder)
    text = read_text(folder / ARTICLE_FILE)
    records = read_yaml(folder / ANNOTATIONS_FILE) or []
    if not isinstance(records, list):
        raise SeedError(folder / ANNOTATIONS_FILE, "must be a YAML list of records (each starting '- id: ...')",
                        getattr(records, "line", None))
    gold: dict[str, list] = {c: [] for c in CATEGORIES}
    skipped = 0
    for rec in records:
        if not isinstance(rec, dict):
            skipped += 1
            continue
        s, e, cat = rec.get("start"), rec.get("end"), rec.get("category")
        if cat not in gold or not isinstance(s, int) or not isinstance(e, int) \
                or isinstance(s, bool) or isinstance(e, bool) or not 0 <= s < e <= len(text):
            skipped += 1
            continue
        gold[cat].append((s, e))
    flags = flag_text(text, min_confidence=min_confidence)
    result: dict[str, dict] = {}
    all_pred, all_gold = [], []
    for cat in CATEGORIES:
        pred = [(f.start, f.end) for f in flags if f.category == cat]
        all_pred += pred
        all_gold += gold[cat]
        result[cat] = {"score": score(pred, gold[cat]), "gold": len(gold[cat]), "drafts": len(pred),
                       "skipped": 0}
    result["all"] = {"score": score(all_pred, all_gold), "gold": len(all_gold), "drafts": len(all_pred),
                     "skipped": skipped}
    return result


# ------------------------------------------------------------------ PTC evaluation
#: Thresholds shown in the precision/recall trade-off table.
TRADE_OFF = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35)

#: A draft on a corpus: (article id, label, start, end, confidence).
Row = tuple[str, str, int, int, float]


def ptc_predictions(corpus, progress: Callable[[int, int], None] | None = None) -> list[Row]:
    """Every draft (any confidence) for every article of a :class:`~.ptc.Corpus`, with its confidence."""
    rows: list[Row] = []
    ids = list(corpus.texts)
    for n, aid in enumerate(ids, start=1):
        for flag in flag_text(corpus.texts[aid]):
            rows.append((aid, flag.label, flag.start, flag.end, flag.confidence))
        if progress is not None:
            progress(n, len(ids))
    return rows


def kept(rows: Iterable[Row], min_confidence: float) -> list[tuple[str, str, int, int]]:
    """The ``(id, label, start, end)`` rows of the drafts rated at least ``min_confidence``."""
    return [(aid, label, start, end) for aid, label, start, end, conf in rows if conf >= min_confidence]


def score_rows(rows: Iterable[tuple], corpus, ids: Iterable[str] | None = None) -> SpanScore:
    """The SemEval span score of ``(id, label, start, end, ...)`` rows against every gold span.

    Labels play no part (a span counts wherever it lies); only the articles ``ids``
    (default: every article of the corpus) are scored, summed over articles.
    """
    ids = list(corpus.texts) if ids is None else list(ids)
    gold = corpus.gold()
    pred: dict[str, list] = {aid: [] for aid in ids}
    for row in rows:
        if row[0] in pred:
            pred[row[0]].append((int(row[2]), int(row[3])))
    return score_many(pred, {aid: gold[aid] for aid in ids})


@dataclass
class PTCReport:
    """Scores of the drafts written for a PTC-layout corpus at one threshold, and at others."""

    min_confidence: float
    written: list                   # the (id, label, start, end) rows that --out writes
    overall: SpanScore              # the written rows against every gold span of every article read
    train: SpanScore | None         # the same, training part only (None: no such article read)
    held_out: SpanScore | None      # the same, held-out part only
    parts: tuple[int, int]          # articles in the training and held-out parts
    trade_off: list                 # [(threshold, overall, train, held_out)]
    coverage: dict                  # technique -> recall of its gold spans by the written rows
    per_label: dict                 # label -> rows written
    articles: int


def score_ptc(rows: list[Row], corpus, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> PTCReport:
    """Score the drafts rated at least ``min_confidence`` (exactly the rows --out writes)."""
    train_ids, held_ids = split_ids(corpus.texts)

    def scores(chosen):
        return (score_rows(chosen, corpus),
                score_rows(chosen, corpus, train_ids) if train_ids else None,
                score_rows(chosen, corpus, held_ids) if held_ids else None)

    written = kept(rows, min_confidence)
    overall, train, held_out = scores(written)
    trade_off = [(t, *scores(kept(rows, t))) for t in sorted({*TRADE_OFF, min_confidence})]
    by_article: dict[str, list] = {}
    for aid, _label, start, end in written:
        by_article.setdefault(aid, []).append((start, end))
    coverage = {tech: score_many(by_article, corpus.gold(tech)).recall for tech in corpus.techniques}
    return PTCReport(min_confidence, written, overall, train, held_out, (len(train_ids), len(held_ids)),
                     trade_off, coverage, dict(Counter(r[1] for r in written)), len(corpus.texts))


def _figures(sc: SpanScore | None) -> str:
    if sc is None:
        return f"{'-':>6s} {'-':>6s} {'-':>6s} {'-':>6s} {'-':>6s}"
    return f"{sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f} {sc.predicted:6d} {sc.gold:6d}"


def format_ptc_report(report: PTCReport) -> str:
    """The PTC scores as plain text: the figures of the written spans, then the trade-off table."""
    n_train, n_held = report.parts
    lines = [
        f"Drafts rated at least {report.min_confidence:.2f} on {report.articles} articles "
        f"({n_train} training, {n_held} held-out: ids ending in {' or '.join(HELD_OUT_DIGITS)}).",
        "SemEval-2020 span score with partial credit (medialit.text.spans.score_many) of exactly the",
        "spans written, against every gold span of any technique; labels play no part. |S| and |T|",
        "count spans after overlapping ones are merged, as the scorer does.",
        "",
        f"{'':18s} {'P':>6s} {'R':>6s} {'F1':>6s} {'|S|':>6s} {'|T|':>6s}",
        f"{'all articles':18s} {_figures(report.overall)}",
        f"{'training part':18s} {_figures(report.train)}",
        f"{'held-out part':18s} {_figures(report.held_out)}",
        "",
        "Precision/recall trade-off (--min-confidence; * the threshold written):",
        f"{'min conf':>9s} | {'training P':>10s} {'R':>6s} {'F1':>6s} | {'held-out P':>10s} {'R':>6s} {'F1':>6s}"
        f" | {'|S| all':>7s}",
    ]
    for threshold, overall, train, held in report.trade_off:
        mark = "*" if threshold == report.min_confidence else " "

        def part(sc):
            return f"{'-':>10s} {'-':>6s} {'-':>6s}" if sc is None else \
                f"{sc.precision:10.3f} {sc.recall:6.3f} {sc.f1:6.3f}"

        lines.append(f"{threshold:8.2f}{mark} | {part(train)} | {part(held)} | {overall.predicted:7d}")
    lines.append("")
    lines.append("Share of each technique's gold spans the written drafts cover (recall): "
                 + ", ".join(f"{tech} {rec:.2f}" for tech, rec in report.coverage.items()))
    lines.append("Drafts written per label: "
                 + (", ".join(f"{k} {v}" for k, v in sorted(report.per_label.items())) or "none"))
    return "\n".join(lines)


def format_against(result: dict, folder) -> str:
    """:func:`against_annotations` as a plain-text table."""
    lines = [f"Draft flags against the annotation layer of {folder} (annotations.yaml as gold),",
             "SemEval-2020 span score with partial credit (medialit.text.spans.score):",
             f"{'category':20s} {'recall':>7s} {'precision':>9s} {'gold':>5s} {'drafts':>7s}"]
    for key, item in result.items():
        sc = item["score"]
        recall = f"{sc.recall:7.3f}" if item["gold"] else "    n/a"
        lines.append(f"{key:20s} {recall} {sc.precision:9.3f} {item['gold']:5d} {item['drafts']:7d}")
    skipped = result["all"]["skipped"]
    if skipped:
        lines.append(f"({skipped} record(s) without usable offsets or category were left out)")
    lines.append("Recall: how much of each annotation the drafts of its category cover; precision: how much "
                 "of each draft lies in an annotation (drafts over-flag by design).")
    return "\n".join(lines)
