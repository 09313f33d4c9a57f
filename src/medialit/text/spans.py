"""Character spans and the SemEval-2020 Task 11 span score with partial credit.

For predicted spans S and gold spans T of one text (overlapping spans merged
first on each side)::

    P = (1/|S|) * sum_{s in S, t in T} |s & t| / |s|
    R = (1/|T|) * sum_{s in S, t in T} |s & t| / |t|
    F1 = 2PR / (P + R)

Both sets empty scores 1. A half-right highlight earns half credit.
Over many texts the sums and counts are added up before dividing
(:func:`score_many`), as the official scorer does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Span = tuple[int, int]


def as_spans(spans: Iterable) -> list[Span]:
    """Validate and normalise ``(start, end)`` pairs; a clear error for anything else."""
    out: list[Span] = []
    for item in spans:
        try:
            start, end = item
        except (TypeError, ValueError):
            raise ValueError(f"a span must be a (start, end) pair of offsets, not {item!r}") from None
        for value in (start, end):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"span offsets must be whole numbers, not {value!r} in {item!r}")
        if start < 0 or end <= start:
            raise ValueError(f"a span needs 0 <= start < end, not {item!r}")
        out.append((start, end))
    return out


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping ones joined (spans that only touch stay apart)."""
    merged: list[list[int]] = []
    for start, end in sorted(as_spans(spans)):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass(frozen=True)
class SpanScore:
    precision: float
    recall: float
    f1: float
    predicted: int = 0
    gold: int = 0

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} (|S|={self.predicted}, |T|={self.gold})"


def _sums(predicted: list[Span], gold: list[Span]) -> tuple[float, float]:
    p_sum = r_sum = 0.0
    j0 = 0
    for s in predicted:  # both sorted and merged: sweep
        while j0 < len(gold) and gold[j0][1] <= s[0]:
            j0 += 1
        j = j0
        while j < len(gold) and gold[j][0] < s[1]:
            inter = overlap(s, gold[j])
            p_sum += inter / (s[1] - s[0])
            r_sum += inter / (gold[j][1] - gold[j][0])
            j += 1
    return p_sum, r_sum


def _finish(p_sum, r_sum, n_pred, n_gold) -> SpanScore:
    if n_pred == 0 and n_gold == 0:
        return SpanScore(1.0, 1.0, 1.0, 0, 0)
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SpanScore(precision, recall, f1, n_pred, n_gold)


def score(predicted: Iterable[Span], gold: Iterable[Span]) -> SpanScore:
    """Span precision, recall and F1 of ``predicted`` against ``gold`` in one text."""
    pred, true = merge(predicted), merge(gold)
    p_sum, r_sum = _sums(pred, true)
    return _finish(p_sum, r_sum, len(pred), len(true))


def score_many(predicted: Mapping[str, Iterable[Span]], gold: Mapping[str, Iterable[Span]]) -> SpanScore:
    """The corpus-level score: sums and counts over every text, then divided."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for key in set(predicted) | set(gold):
        pred, true = merge(predicted.get(key, ())), merge(gold.get(key, ()))
        ps, rs = _sums(pred, true)
        p_sum, r_sum = p_sum + ps, r_sum + rs
        n_pred, n_gold = n_pred + len(pred), n_gold + len(true)
    return _finish(p_sum, r_sum, n_pred, n_gold)
