"""The growth measure: matched pre/post-test items, each student's gain per category, and its 95% interval.

The pairs live in ``growth.yaml`` beside the article folders (``seeds/growth.yaml``)::

    pre: pretest-cycle-lane            # the pre-test's article (its quizzes.yaml holds the items)
    post: posttest-phone-ban           # the post-test's article
    pairs:                             # matched items: same type, same category
      - {pre: pre-hl-quotes, post: post-hl-quotes, category: quoted_reporting}

:func:`growth_table` turns the report's ``answers`` into ``growth.csv``: one row per category
and one for all items. A student's score in a category is the mean of their scores on its
items, as a percentage (an item not answered in a handed-in test counts 0). Only students
who handed in **both** tests count (paired by :func:`~medialit.classroom.names.identity`);
the others are counted apart. ``gain_pp`` is the mean over those students of post minus pre,
in percentage points, with a paired t interval: mean ± t(0.975, n - 1) · sd / √n
(:func:`t_quantile`; no interval for fewer than two students).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from medialit._io.reading import present, read_yaml, shorten
from medialit._io.records import Field, Spec, check_record, is_text, line_of
from medialit.classroom.names import identity
from medialit.errors import ArticleError, Problem
from medialit.vocabulary import CATEGORIES

FILE_NAME = "growth.yaml"
ALL = "all"
COLUMNS = ["category", "name", "items", "students", "pre_mean", "post_mean", "gain_pp", "ci_low", "ci_high",
           "only_pre", "only_post", "note"]
_TOP = Spec(fields=(Field("pre", True, is_text, "must be an article slug"),
                    Field("post", True, is_text, "must be an article slug"),
                    Field("pairs", True, lambda v: isinstance(v, list) and bool(v), "must be a list of pairs")),
            noun="growth file", unique=None)
_PAIR = Spec(fields=(Field("pre", True, is_text, "must be a question id"),
                     Field("post", True, is_text, "must be a question id"),
                     Field("category", True, choices=tuple(CATEGORIES))),
             noun="pair", unique=None)


@dataclass(frozen=True)
class Pairing:
    """The two tests and their matched items ``(pre id, post id, category)``."""

    file: str
    pre: str
    post: str
    pairs: tuple[tuple[str, str, str], ...]


def read_pairing(path) -> Pairing:
    """Read and check ``growth.yaml``; raises :class:`~medialit.errors.ArticleError` naming
    file, line and field for every problem (a missing file is a ``SeedError``)."""
    path = Path(path)
    raw, file = read_yaml(path), str(path)
    if not isinstance(raw, dict):
        raise ArticleError([Problem(file, line_of(raw) or 1, None,
                                    "must be a mapping with pre:, post: and pairs: (see medialit.classroom."
                                    "report.growth)")])
    problems = check_record(raw, _TOP, file)
    pairs, seen = [], {"pre": {}, "post": {}}
    for n, rec in enumerate(raw.get("pairs") if isinstance(raw.get("pairs"), list) else []):
        if not isinstance(rec, dict):
            problems.append(Problem(file, line_of(raw, "pairs"), f"pairs[{n}]", "must be {pre: ..., post: ..., "
                                                                               "category: ...}"))
            continue
        mine = check_record(rec, _PAIR, file, prefix=f"pairs[{n}].")
        problems += mine
        for side in ("pre", "post"):
            qid = rec.get(side)
            if is_text(qid) and qid in seen[side]:
                problems.append(Problem(file, line_of(rec, side), f"pairs[{n}].{side}",
                                        f"{shorten(qid)} is already paired (line {seen[side][qid]}): each item "
                                        "is matched once"))
            elif is_text(qid):
                seen[side][qid] = line_of(rec, side)
        if not mine:
            pairs.append((rec["pre"], rec["post"], rec["category"]))
    if is_text(raw.get("pre")) and raw.get("pre") == raw.get("post"):
        problems.append(Problem(file, line_of(raw, "post"), "post", "must be a different article from pre: the "
                                                                    "growth measure uses two unseen articles"))
    if problems:
        raise ArticleError(problems)
    return Pairing(file, raw["pre"], raw["post"], tuple(pairs))


def find_pairing(folders) -> Pairing | None:
    """The ``growth.yaml`` in the folder holding any of these article folders (None: no growth measure)."""
    for folder in folders:
        path = Path(folder).parent / FILE_NAME
        if present(path):
            return read_pairing(path)
    return None


def check_against(pairing: Pairing, banks: dict[str, dict]) -> None:
    """Each paired id is a question of its test's bank, and the two items of a pair have one
    type; ``banks`` maps an article slug to its questions (an article not handed in is skipped)."""
    problems = []
    for n, (pre, post, _) in enumerate(pairing.pairs):
        found = {}
        for side, slug, qid in (("pre", pairing.pre, pre), ("post", pairing.post, post)):
            if slug in banks:
                if qid not in banks[slug]:
                    problems.append(Problem(pairing.file, None, f"pairs[{n}].{side}",
                                            f"no question {shorten(qid)} in {slug}'s quizzes.yaml"))
                else:
                    found[side] = banks[slug][qid].type
        if len(found) == 2 and found["pre"] != found["post"]:
            problems.append(Problem(pairing.file, None, f"pairs[{n}]", f"{pre} is a {found['pre']} question but "
                                    f"{post} is a {found['post']} question: matched items have one type"))
    if problems:
        raise ArticleError(problems)


def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile (0.5 < p < 1) of Student's t with ``df`` degrees of freedom.

    The density is integrated by Simpson's rule and the quantile found by bisection
    (no SciPy); t(0.975, 29) = 2.0452 to four decimals.
    """
    if not 0.5 < p < 1 or df < 1:
        raise ValueError(f"t_quantile needs 0.5 < p < 1 and df >= 1, not p={p}, df={df}")
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)

    def density(x: float) -> float:
        return math.exp(log_c - (df + 1) / 2 * math.log1p(x * x / df))

    def below(x: float, steps: int = 2000) -> float:       # P(0 < T < x), Simpson's rule
        h = x / steps
        inner = sum((4 if i % 2 else 2) * density(i * h) for i in range(1, steps))
        return h / 3 * (density(0) + inner + density(x))

    target, low, high = p - 0.5, 0.0, 1.0
    while below(high) < target:
        high *= 2
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if below(mid) < target else (low, mid)
    return (low + high) / 2


def interval(gains: list[float]) -> tuple[float, float, float]:
    """Mean of paired gains and its 95% t interval (NaN ends for fewer than two gains)."""
    n = len(gains)
    if n == 0:
        return math.nan, math.nan, math.nan
    mean = sum(gains) / n
    if n < 2:
        return mean, math.nan, math.nan
    sd = math.sqrt(sum((g - mean) ** 2 for g in gains) / (n - 1))
    half = t_quantile(0.975, n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def growth_table(answers, pairing: Pairing | None, handed_in: dict[str, set[str]]):
    """``growth.csv``: per category (and all items) the paired students' pre and post means (%),
    the mean gain in percentage points and its 95% interval.

    ``answers`` is :attr:`ClassReport.answers`; ``handed_in`` maps an article slug to the
    students who handed it in (by name as in ``answers``), so a test handed in blank counts 0.
    """
    import pandas as pd

    if pairing is None:
        return pd.DataFrame(columns=COLUMNS)
    pre_ids = {pre: cat for pre, _, cat in pairing.pairs}
    post_ids = {post: cat for _, post, cat in pairing.pairs}
    scores: dict[tuple[str, str], dict[str, float]] = {}     # (side, identity) -> question -> score
    missing_keys: set[str] = set()
    for row in answers.itertuples():
        side = "pre" if row.article == pairing.pre else "post" if row.article == pairing.post else None
        ids = pre_ids if side == "pre" else post_ids if side == "post" else {}
        if row.question not in ids:
            continue
        if row.score is None or row.score != row.score:
            missing_keys.add(row.question)
            continue
        scores.setdefault((side, identity(row.student)), {})[row.question] = float(row.score)
    pre_students = {identity(s) for s in handed_in.get(pairing.pre, ())}
    post_students = {identity(s) for s in handed_in.get(pairing.post, ())}
    both = sorted(pre_students & post_students)
    only_pre, only_post = len(pre_students - post_students), len(post_students - pre_students)
    note = (f"paired: only the {len(both)} student(s) who handed in both tests; {only_pre} with only the pre-test "
            f"and {only_post} with only the post-test are left out; 95% interval: paired t")
    if missing_keys:
        note += f"; no teacher's key for {', '.join(sorted(missing_keys))}: those pairs are left out"
    rows = []
    for category in [*CATEGORIES, ALL]:
        chosen = [(pre, post) for pre, post, cat in pairing.pairs if category in (cat, ALL)
                  and pre not in missing_keys and post not in missing_keys]
        if not chosen:
            continue
        pre_pct, post_pct = [], []
        for student in both:
            mine_pre, mine_post = scores.get(("pre", student), {}), scores.get(("post", student), {})
            pre_pct.append(100 * sum(mine_pre.get(p, 0.0) for p, _ in chosen) / len(chosen))
            post_pct.append(100 * sum(mine_post.get(q, 0.0) for _, q in chosen) / len(chosen))
        gain, low, high = interval([b - a for a, b in zip(pre_pct, post_pct)])
        rows.append({"category": category, "name": CATEGORIES.get(category, "all items"), "items": len(chosen),
                     "students": len(both), "pre_mean": sum(pre_pct) / len(both) if both else math.nan,
                     "post_mean": sum(post_pct) / len(both) if both else math.nan, "gain_pp": gain,
                     "ci_low": low, "ci_high": high, "only_pre": only_pre, "only_post": only_post, "note": note})
    return pd.DataFrame(rows, columns=COLUMNS)
