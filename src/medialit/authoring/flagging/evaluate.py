"""How good the drafts are: recall against an article's own annotations, and scores on a PTC corpus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from medialit._io.reading import read_text, read_yaml
from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE
from medialit.authoring.flagging.drafts import flag_text
from medialit.authoring.flagging.ptc import TECHNIQUES
from medialit.errors import SeedError
from medialit.text.spans import score, score_many
from medialit.vocabulary import CATEGORIES


def against_annotations(folder: Path | str) -> dict[str, dict]:
    """Per category: how much of the article's own annotation layer the drafts cover.

    Gold is ``annotations.yaml`` (records with usable offsets); predictions are the
    drafts of the same category. Returns ``{category: {"score": SpanScore, "gold": n,
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
    flags = flag_text(text)
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
#: How draft labels are scored against PTC techniques. A label maps to at most one
#: technique; labels not listed here (quoted reporting, emphasis) are not scored
#: per technique, since the PTC does not mark quotations as such.
PTC_MAPPING: dict[str, str] = {
    "loaded_language": "Loaded_Language",
    "dramatic_label": "Loaded_Language",
    "epithet": "Name_Calling,Labeling",
    "scare_quotes": "Name_Calling,Labeling",
    "doubt_casting": "Doubt",
    "rhetorical_question": "Doubt",
    "sweeping_claim": "Exaggeration,Minimisation",
    "motive_claim": "Causal_Oversimplification",
    "hasty_generalization": "Appeal_to_fear-prejudice",
    "direct_quote": "Appeal_to_Authority",
    "counterfactual": "Causal_Oversimplification",
    "causal_leap": "Causal_Oversimplification",
}


@dataclass
class PTCReport:
    """Scores of draft flags on a PTC-layout corpus."""

    overall: object                 # SpanScore: mapped drafts vs every gold span
    all_drafts: object              # SpanScore: every draft (mapped or not) vs every gold span
    per_technique: dict             # technique -> SpanScore (drafts mapped to it vs its gold)
    per_label: dict                 # label -> number of predicted spans
    predictions: list               # [(article_id, label, start, end)]
    articles: int
    mapping: dict


def ptc_predictions(corpus, progress: Callable[[int, int], None] | None = None) -> list[tuple[str, str, int, int]]:
    """Draft flags for every article of a :class:`medialit.authoring.flagging.ptc.Corpus` as TSV rows."""
    rows: list[tuple[str, str, int, int]] = []
    ids = list(corpus.texts)
    for n, aid in enumerate(ids, start=1):
        for flag in flag_text(corpus.texts[aid]):
            rows.append((aid, flag.label, flag.start, flag.end))
        if progress is not None:
            progress(n, len(ids))
    return rows


def score_ptc(rows, corpus, mapping: dict[str, str] | None = None) -> PTCReport:
    """Score predicted ``(id, label, start, end)`` rows against the corpus gold.

    - overall: predictions whose label maps to a technique, against all gold spans
      of every technique (merged), summed over articles with ``score_many``;
    - per technique T: predictions whose label maps to T, against T's gold spans;
    - all drafts: every prediction, mapped or not, against all gold spans.
    """
    mapping = PTC_MAPPING if mapping is None else mapping
    rows = [tuple(r) for r in rows]
    ids = list(corpus.texts)
    gold_all = corpus.gold()

    def preds(keep) -> dict:
        out = {aid: [] for aid in ids}
        for aid, label, start, end in rows:
            if aid in out and keep(label):
                out[aid].append((int(start), int(end)))
        return out

    overall = score_many(preds(lambda lab: lab in mapping), gold_all)
    all_drafts = score_many(preds(lambda lab: True), gold_all)
    # techniques with gold spans, and any other that a predicted label maps to (scores 0)
    present = set(corpus.techniques) | {mapping[r[1]] for r in rows if r[1] in mapping}
    techniques = [t for t in TECHNIQUES if t in present] + sorted(present - set(TECHNIQUES))
    per_technique = {
        tech: score_many(preds(lambda lab, t=tech: mapping.get(lab) == t), corpus.gold(tech))
        for tech in techniques
    }
    per_label = dict(Counter(r[1] for r in rows))
    return PTCReport(overall, all_drafts, per_technique, per_label, rows, len(ids), dict(mapping))


def format_ptc_report(report: PTCReport) -> str:
    """The PTC scores as a plain-text table, with how labels map to techniques."""
    lines = [
        f"Draft flags against the PTC gold spans ({report.articles} articles), "
        "SemEval-2020 span score with partial credit (medialit.text.spans.score_many).",
        "How labels map to techniques (a draft label counts for at most one technique;",
        "labels not listed - quoted reporting, emphasis - are not mapped):",
    ]
    by_tech: dict[str, list[str]] = {}
    for label, tech in report.mapping.items():
        by_tech.setdefault(tech, []).append(label)
    for tech, labels in by_tech.items():
        lines.append(f"  {', '.join(labels)} -> {tech}")
    lines += [
        "Overall: every mapped draft against every gold span of any technique (merged).",
        "Per technique: the drafts mapped to that technique against its gold spans only.",
        "",
        f"{'':38s} {'P':>6s} {'R':>6s} {'F1':>6s} {'|S|':>7s} {'|T|':>7s}",
    ]

    def row(name, sc, extra=""):
        return (f"{name:38s} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f} "
                f"{sc.predicted:7d} {sc.gold:7d}{extra}")

    lines.append(row("OVERALL (mapped drafts)", report.overall))
    lines.append(row("all drafts incl. unmapped", report.all_drafts))
    for tech, sc in report.per_technique.items():
        extra = "" if tech in by_tech else "   (no rule maps here)"
        lines.append(row(tech, sc, extra))
    lines.append("")
    lines.append("Drafts per label: " + ", ".join(f"{k} {v}" for k, v in sorted(report.per_label.items())))
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
