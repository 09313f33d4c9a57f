"""The class dashboard: a folder of hand-in files turned into tables, charts and one HTML page.

    medialit report handins/ --out class-report/

    from medialit.classroom import report
    rep = report.build("handins/")          # tables as pandas DataFrames
    report.write(rep, "class-report/")      # CSVs, PNG charts, report.html (self-contained)

What is checked before a file counts (anything else is listed in ``rep.skipped`` with
the reason): it is a readable ``medialit.classroom.handin/1`` file under the size limit
(:func:`medialit.classroom.handin.read_handin`); its article's quiz bank is found; every
question is in that bank with the same type; every answer fits its question; every
recorded score and verdict is what the bank's scoring gives that answer (so an edited
score shows up as *tampered*); and only the latest hand-in of each student (by its
``created`` time) is used, the others listed as duplicates.

Tables:

- ``students``: one row per student: questions answered, right, attempts, and
  ``score`` (sum of scores over the bank's graded questions; unanswered count 0);
- ``questions``: per question: answered, mean score, share right, share right at the
  first check, mean attempts, ``difficulty`` = 1 - mean score (hardest first);
- ``wrong_answers``: per question, what students got wrong (an option picked, an
  excerpt sorted into the wrong bin, a phrase over-flagged or missed, a number), with
  how many students gave it at any of their checks;
- ``categories``: per category, the class's mean span precision, recall and F1 on
  highlight questions, each answer scored against the key spans of that category
  (:func:`medialit.text.spans.score`; over-flagged words count against every category the
  question asks for), plus the share of sorting-question excerpts of that category
  sorted right. The lowest recall is the category the class misses most.
"""

from __future__ import annotations

import base64
import html
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from medialit.classroom.handin import HandinError, read_handin
from medialit.vocabulary import CATEGORIES

PROGRESS_EVERY = 1000
TOLERANCE = 1e-6
TOP_WRONG = 5


# -- per-answer pieces shared with medialit.classroom.progress.my_progress ----------------------------------

def category_evidence(question, answer) -> list[tuple[str, str, float]]:
    """``(category, metric, value)`` figures one canonical answer gives about each category.

    Highlight: ``precision``, ``recall`` and ``f1`` for each category in the key, the
    answer's spans (minus those lying only on other categories' key spans) scored
    against that category's key spans. Categorize: ``sorted`` 1/0 for each excerpt
    whose right bin is a category.
    """
    from medialit.text.spans import overlap, score

    if answer is None:
        return []
    out = []
    if question.type == "highlight":
        spans = list(answer)
        by_cat: dict[str, list[tuple[int, int]]] = {}
        for k in question.key:
            by_cat.setdefault(k.category, []).append((k.start, k.end))
        for category, gold in by_cat.items():
            others = [(k.start, k.end) for k in question.key if k.category != category]
            mine = [s for s in spans if any(overlap(s, g) for g in gold)
                    or not any(overlap(s, o) for o in others)]
            result = score(mine, gold)
            out += [(category, "precision", result.precision), (category, "recall", result.recall),
                    (category, "f1", result.f1)]
    elif question.type == "categorize":
        for item in question.items:
            expected = question.answer.get(item.id)
            if expected in CATEGORIES:
                out.append((expected, "sorted", 1.0 if answer.get(item.id) == expected else 0.0))
    return out


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrong_bits(question, answer) -> list[str]:
    """What is wrong in one canonical answer, as short phrases a teacher can count."""
    from medialit.quizzes.questions import BINS

    if answer is None:
        return []
    kind = question.type
    if kind == "single_choice":
        if answer == question.answer:
            return []
        option = next((o for o in question.options if o.id == answer), None)
        return [f"chose “{_short(option.text if option else answer)}”"]
    if kind == "multi_choice":
        texts = {o.id: _short(o.text) for o in question.options}
        picked, key = set(answer), set(question.answer)
        return ([f"picked “{texts[o]}”" for o in texts if o in picked - key]
                + [f"left out “{texts[o]}”" for o in texts if o in key - picked])
    if kind == "categorize":
        out = []
        for item in question.items:
            given, expected = answer.get(item.id), question.answer.get(item.id)
            if given is None:
                out.append(f"left “{_short(item.text, 40)}” unsorted")
            elif given != expected:
                out.append(f"sorted “{_short(item.text, 40)}” as {BINS[given].lower()}")
        return out
    if kind == "highlight":
        from medialit.quizzes.scoring import highlight_marks

        out = []
        for mark in highlight_marks(question, answer):
            if mark["kind"] == "extra":
                out.append(f"over-flagged “{_short(question.excerpt(mark['start'], mark['end']), 40)}”")
            elif mark["kind"] == "missed":
                text = next((k.text for k in question.key if k.id == mark["id"]), "")
                out.append(f"missed “{_short(text, 40)}”")
        return out
    if kind == "numeric":
        from medialit.quizzes.scoring import grade

        if grade(question, answer).correct:
            return []
        unit = f" {question.unit}" if question.unit else ""
        return [f"answered {answer:g}{unit}"]
    return []


# -- loading a folder ---------------------------------------------------------------------------------

@dataclass
class Skipped:
    file: str
    reason: str


@dataclass
class _Bank:
    article: object
    questions: dict
    graded: int
    grades: dict = field(default_factory=dict)     # (qid, repr(answer)) -> (canonical, result) | error


class _Banks:
    """Articles' quiz banks by slug, looked up once (in ``seeds`` first, then the seed folders)."""

    def __init__(self, seeds=None):
        self.seeds = [Path(s) for s in (seeds or [])]
        self.cache: dict[str, _Bank | str] = {}

    def get(self, slug: str) -> _Bank | str:
        if slug not in self.cache:
            self.cache[slug] = self._load(slug)
        return self.cache[slug]

    def _load(self, slug: str) -> _Bank | str:
        from medialit.article.model import ArticleError, load_article
        from medialit.article.seeds import ARTICLE_FILE
        from medialit.errors import SeedError
        from medialit.quizzes.bank import load_bank

        try:
            folder = next((s / slug for s in self.seeds if (s / slug / ARTICLE_FILE).exists()), None)
            if folder is None and any((s / ARTICLE_FILE).exists() and s.name == slug for s in self.seeds):
                folder = next(s for s in self.seeds if s.name == slug)
            article = load_article(folder if folder is not None else slug)
            questions = load_bank(article, teacher_keys=True)   # exit tickets scored here, not in class
        except FileNotFoundError:
            return f"article {slug!r} not found (give its seeds folder with --seeds)"
        except (ArticleError, SeedError, ValueError) as exc:
            return f"the quiz bank of {slug!r} cannot be read: {str(exc).splitlines()[0]}"
        if not questions:
            return f"article {slug!r} has no quiz bank"
        graded = sum(1 for q in questions.values() if not q.key_withheld)
        return _Bank(article, questions, graded)


def _grade(bank: _Bank, question, answer, key: str | None = None):
    """(canonical answer, Result) for a raw answer, memoised by ``repr``; raises ValueError if it does not fit."""
    from medialit.quizzes.scoring import grade

    memo = (question.id, repr(answer) if key is None else key)
    hit = bank.grades.get(memo)
    if hit is None:
        try:
            canonical = question.coerce(answer)
            hit = (canonical, grade(question, canonical))
        except ValueError as exc:
            hit = exc
        bank.grades[memo] = hit
    if isinstance(hit, Exception):
        raise hit
    return hit


def _close(a, b) -> bool:
    return abs(float(a) - float(b)) <= TOLERANCE


@dataclass(frozen=True)
class _Row:
    """One answer of an accepted hand-in, kept small: answers as (interned) ``repr`` keys
    into the bank's grading memo, not as parsed JSON."""

    question: str
    key: str
    score: float | None
    correct: bool | None
    attempts: int
    first_correct: bool | None
    checks: tuple[str, ...]        # keys of every checked answer: the last, then the history


def _check(doc: dict, bank: _Bank, pool: dict) -> tuple[str | None, tuple[_Row, ...]]:
    """Why a structurally valid hand-in cannot be trusted against its bank (None if it can),
    and its answers as compact rows."""
    rows = []
    for ans in doc["answers"]:
        qid = ans["question"]
        question = bank.questions.get(qid)
        if question is None:
            return f"tampered: question {qid!r} is not in the quiz bank of {doc['article']!r}", ()
        if ans["type"] != question.type:
            return f"tampered: {qid} is a {question.type} question, not {ans['type']}", ()
        if ans["history"] and ans["history"][-1]["answer"] != ans["answer"]:
            return f"tampered: the answer to {qid} is not the last one checked", ()
        if ans["attempts"] < len(ans["history"]):
            return f"tampered: {qid} records {len(ans['history'])} checks but {ans['attempts']} attempt(s)", ()
        checks = [(ans["answer"], ans["score"], ans["correct"], "")] + \
                 [(h["answer"], h["score"], h["correct"], " (in its history)") for h in ans["history"]]
        keys = []
        for answer, score, correct, where in checks:
            key = repr(answer)
            key = pool.setdefault(key, key)
            keys.append(key)
            try:
                canonical, result = _grade(bank, question, answer, key)
            except ValueError:
                return f"tampered: the answer to {qid}{where} does not fit the question", ()
            if canonical is None:
                return f"tampered: {qid}{where} has an empty answer", ()
            if question.summative:
                if score is not None or correct is not None:
                    return (f"tampered: the exit ticket {qid}{where} carries a score, but exit tickets "
                            "are only scored by the teacher"), ()
                continue
            if score is None:
                return f"tampered: {qid}{where} has no score, but it is a graded question", ()
            if not _close(score, result.score) or bool(correct) != result.correct:
                return (f"tampered: the score of {qid}{where} ({float(score):.2f}) does not match "
                        f"its answer ({result.score:.2f})"), ()
        first = ans["history"][0] if ans["history"] else ans
        score, correct, first_correct = ans["score"], ans["correct"], first["correct"]
        if question.summative and not question.key_withheld:
            # The teacher's keys score the exit ticket: the student's kernel never could.
            result = bank.grades[(qid, keys[0])][1]
            score, correct, first_correct = result.score, result.correct, result.correct
        rows.append(_Row(qid, keys[0], score, correct, ans["attempts"], first_correct, tuple(keys)))
    return None, tuple(rows)


@dataclass
class _Accepted:
    path: Path
    student: str
    article: str
    created: str
    bank: _Bank
    rows: tuple[_Row, ...]


def collect(folder, *, seeds=None, progress=None) -> tuple[list[_Accepted], list[Skipped]]:
    """Read every ``*.json`` file in ``folder``: the hand-ins used, and the files skipped with why.

    ``progress`` is a stream (e.g. ``sys.stderr``) that gets a line per
    :data:`PROGRESS_EVERY` files, or None.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}")
    banks = _Banks(seeds)
    pool: dict[str, str] = {}                     # one string object per distinct answer
    skipped: list[Skipped] = []
    good: list[_Accepted] = []
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    total = len(entries)
    for n, path in enumerate(entries, 1):
        if progress is not None and (n % PROGRESS_EVERY == 0):
            print(f"read {n:,} of {total:,} files", file=progress, flush=True)
        if path.is_dir():
            continue
        if path.suffix.lower() != ".json":
            skipped.append(Skipped(path.name, "not a .json file"))
            continue
        try:
            doc = read_handin(path)
        except HandinError as exc:
            skipped.append(Skipped(path.name, exc.reason))
            continue
        bank = banks.get(doc["article"])
        if isinstance(bank, str):
            skipped.append(Skipped(path.name, bank))
            continue
        reason, rows = _check(doc, bank, pool)
        if reason:
            skipped.append(Skipped(path.name, reason))
            continue
        good.append(_Accepted(path, doc["student"], doc["article"], doc["created"], bank, rows))
        del doc                                   # keep only the compact rows
    if progress is not None and total >= PROGRESS_EVERY and total % PROGRESS_EVERY:
        print(f"read {total:,} of {total:,} files", file=progress, flush=True)
    # Duplicates: keep each student's latest hand-in per article.
    latest: dict[tuple[str, str], _Accepted] = {}
    for item in sorted(good, key=lambda a: (a.created, a.path.name)):
        key = (item.student, item.article)
        if key in latest:
            older = latest[key]
            skipped.append(Skipped(older.path.name, f"duplicate: {item.student} handed in again "
                                                    f"({item.path.name}, newer), which is used"))
        latest[key] = item
    skipped.sort(key=lambda s: s.file)
    return sorted(latest.values(), key=lambda a: (a.article, a.student)), skipped


# -- the report ----------------------------------------------------------------------------------------

@dataclass
class ClassReport:
    folder: str
    students: object        # DataFrames
    questions: object
    wrong_answers: object
    categories: object
    skipped: object
    answers: object         # one row per student x question

    @property
    def missed_most(self) -> str | None:
        """The category with the lowest mean highlight recall (None without highlight answers)."""
        frame = self.categories[self.categories["highlight_answers"] > 0]
        if not len(frame):
            return None
        return str(frame.sort_values("recall", kind="stable").iloc[0]["category"])

    def summary(self) -> str:
        lines = [f"{len(self.students)} student(s), {len(self.questions)} question(s), "
                 f"{len(self.skipped)} file(s) skipped"]
        if len(self.students):
            lines.append(f"class mean score: {self.students['score'].mean():.0%}")
        if len(self.questions) and self.questions["answered"].sum():
            hardest = self.questions.iloc[0]
            lines.append(f"hardest question: {hardest['question']} (mean score {hardest['mean_score']:.0%})")
        missed = self.missed_most
        if missed:
            row = self.categories.set_index("category").loc[missed]
            lines.append(f"missed most: {CATEGORIES[missed]} (recall {row['recall']:.2f}, "
                         f"precision {row['precision']:.2f})")
        for item in self.skipped.itertuples():
            lines.append(f"skipped {item.file}: {item.reason}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ClassReport {self.folder}: " + self.summary().splitlines()[0] + ">"


def build(folder, *, seeds=None, progress=None) -> ClassReport:
    """Aggregate a folder of hand-ins (see the module docstring for what each table holds)."""
    import pandas as pd

    accepted, skipped = collect(folder, seeds=seeds, progress=progress)
    answer_rows, student_rows, wrong_rows, cat_rows = [], [], [], []
    questions_seen: dict[tuple[str, str], object] = {}
    bit_cache: dict = {}
    for item in accepted:
        bank, article, student = item.bank, item.article, item.student
        total = answered = right = attempts = 0
        for qid, q in bank.questions.items():
            questions_seen[(article, qid)] = q
        for row in item.rows:
            q = bank.questions[row.question]
            answered += 1
            attempts += row.attempts
            if row.score is not None:
                total += row.score
                right += bool(row.correct)
            answer_rows.append((article, student, q.id, q.lesson, q.type, row.score, row.correct,
                                row.first_correct, row.attempts, q.summative))
            bits: set[str] = set()
            for key in row.checks:
                memo = (q.id, key)
                if memo not in bit_cache:
                    bit_cache[memo] = wrong_bits(q, bank.grades[memo][0])
                bits.update(bit_cache[memo])
            for bit in bits:
                wrong_rows.append((article, q.id, bit))
            memo = ("evidence", q.id, row.key)
            if memo not in bit_cache:
                bit_cache[memo] = category_evidence(q, bank.grades[(q.id, row.key)][0])
            cat_rows.extend(bit_cache[memo])
        student_rows.append((article, student, answered, len(bank.questions), right, attempts,
                             total / bank.graded if bank.graded else 0.0,
                             (total / answered) if answered else 0.0, item.created, item.path.name))

    students = pd.DataFrame(student_rows, columns=["article", "student", "answered", "questions", "right",
                                                   "attempts", "score", "mean_answered", "created", "file"])
    answers = pd.DataFrame(answer_rows, columns=["article", "student", "question", "lesson", "type", "score",
                                                 "correct", "first_correct", "attempts", "summative"])
    questions = _question_table(answers, questions_seen)
    wrong = _wrong_table(wrong_rows, questions)
    categories = _category_table(cat_rows)
    skipped_frame = pd.DataFrame([{"file": s.file, "reason": s.reason} for s in skipped], columns=["file", "reason"])
    return ClassReport(str(folder), students, questions, wrong, categories, skipped_frame, answers)


def _question_table(answers, questions_seen):
    import pandas as pd

    base = pd.DataFrame([{"article": a, "question": qid, "lesson": q.lesson, "type": q.type,
                          "summative": q.summative} for (a, qid), q in questions_seen.items()],
                        columns=["article", "question", "lesson", "type", "summative"])
    if len(answers):
        graded = answers[answers["score"].notna()].copy()
        graded["correct"] = graded["correct"].astype(bool)
        graded["first_correct"] = graded["first_correct"].fillna(False).astype(bool)
        stats = graded.groupby(["article", "question"]).agg(
            mean_score=("score", "mean"), right=("correct", "mean"), right_first_time=("first_correct", "mean"))
        counts = answers.groupby(["article", "question"]).agg(answered=("student", "size"),
                                                              mean_attempts=("attempts", "mean"))
        base = base.merge(counts, on=["article", "question"], how="left").merge(
            stats, on=["article", "question"], how="left")
    else:
        for col in ("answered", "mean_attempts", "mean_score", "right", "right_first_time"):
            base[col] = pd.Series(dtype=float)
    base["answered"] = base["answered"].fillna(0).astype(int)
    base["difficulty"] = 1 - base["mean_score"]
    base = base.sort_values(["difficulty", "article", "question"], ascending=[False, True, True],
                            na_position="last", kind="stable").reset_index(drop=True)
    return base


def _wrong_table(rows, questions):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["article", "question", "wrong_answer"])
    if not len(frame):
        return pd.DataFrame(columns=["article", "question", "wrong_answer", "students", "share"])
    counts = frame.groupby(["article", "question", "wrong_answer"]).size().rename("students").reset_index()
    answered = questions.set_index(["article", "question"])["answered"]
    counts["share"] = [n / max(1, answered.get((a, q), 0)) for a, q, n in
                       zip(counts["article"], counts["question"], counts["students"])]
    counts = counts.sort_values(["article", "question", "students", "wrong_answer"],
                                ascending=[True, True, False, True], kind="stable")
    return counts.groupby(["article", "question"]).head(TOP_WRONG).reset_index(drop=True)


def _category_table(rows):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["category", "metric", "value"])
    out = []
    for category, name in CATEGORIES.items():
        mine = frame[frame["category"] == category]
        mean = mine.groupby("metric")["value"].mean()
        count = mine.groupby("metric")["value"].size()
        out.append({"category": category, "name": name,
                    "precision": float(mean.get("precision", float("nan"))),
                    "recall": float(mean.get("recall", float("nan"))),
                    "f1": float(mean.get("f1", float("nan"))),
                    "highlight_answers": int(count.get("recall", 0)),
                    "sorted_right": float(mean.get("sorted", float("nan"))),
                    "sorted_excerpts": int(count.get("sorted", 0))})
    return pd.DataFrame(out)


# -- charts -------------------------------------------------------------------------------------------

_RC = {"font.size": 16, "axes.titlesize": 20, "axes.labelsize": 17, "xtick.labelsize": 15,
       "ytick.labelsize": 15, "legend.fontsize": 15, "hatch.linewidth": 1.5, "figure.dpi": 100}
_BLUE, _ORANGE, _GREEN = "#0072B2", "#E69F00", "#009E73"   # Okabe-Ito


def _figure(width=11, height=6.5):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def figure_scores(rep: ClassReport):
    """Histogram of student scores, bars labelled with their counts."""
    import matplotlib as mpl

    with mpl.rc_context(_RC):
        fig = _figure()
        ax = fig.add_subplot()
        edges = [i / 10 for i in range(11)]
        scores = rep.students["score"].clip(0, 1).tolist()
        counts = [0] * 10
        for s in scores:
            counts[min(9, int(s * 10))] += 1
        bars = ax.bar([f"{int(e*100)}–{int(e*100)+10}" for e in edges[:-1]], counts, color=_BLUE,
                      edgecolor="black", hatch="//", label="students")
        ax.bar_label(bars, labels=[str(c) if c else "" for c in counts], padding=3)
        ax.set_title("How the class scored")
        ax.set_xlabel("score (%)")
        ax.set_ylabel("number of students")
        ax.margins(y=0.15)
        ax.tick_params(axis="x", labelrotation=30)
        return fig


def figure_difficulty(rep: ClassReport, limit: int = 25):
    """Mean score per question, hardest at the top, each bar labelled."""
    import matplotlib as mpl

    frame = rep.questions[rep.questions["mean_score"].notna()].head(limit)
    with mpl.rc_context(_RC):
        fig = _figure(11, max(4.5, 0.55 * len(frame) + 2))
        ax = fig.add_subplot()
        labels = [str(q) for q in frame["question"]][::-1]
        values = frame["mean_score"].tolist()[::-1]
        bars = ax.barh(labels, values, color=_ORANGE, edgecolor="black", hatch="..")
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in values], padding=4)
        ax.set_xlim(0, 1.15)
        ax.set_title("Mean score per question (hardest at the top)")
        ax.set_xlabel("mean score (0 = all wrong, 1 = all right)")
        ax.set_ylabel("question")
        return fig


def figure_categories(rep: ClassReport):
    """Highlight precision (filled) and recall (hatched, white) per category, labelled."""
    import matplotlib as mpl
    from matplotlib.patches import Patch

    from medialit.render.palette import STYLE

    frame = rep.categories
    with mpl.rc_context(_RC):
        fig = _figure()
        ax = fig.add_subplot()
        xs = range(len(frame))
        for i, row in enumerate(frame.itertuples()):
            style = STYLE[row.category]
            p = 0.0 if row.precision != row.precision else row.precision
            r = 0.0 if row.recall != row.recall else row.recall
            b1 = ax.bar(i - 0.2, p, 0.38, color=style["color"], edgecolor="black")
            b2 = ax.bar(i + 0.2, r, 0.38, color="white", edgecolor=style["color"], hatch=style["hatch"] * 2,
                        linewidth=2)
            none = row.highlight_answers == 0
            ax.bar_label(b1, labels=["n/a" if none else f"P {p:.2f}"], padding=3)
            ax.bar_label(b2, labels=["" if none else f"R {r:.2f}"], padding=3)
        ax.set_xticks(list(xs), [f"{n}\n({c} answers)" for n, c in zip(frame["name"], frame["highlight_answers"])])
        ax.set_ylim(0, 1.2)
        ax.set_title("Highlighting per category: precision and recall")
        ax.set_xlabel("category")
        ax.set_ylabel("mean over highlight answers")
        ax.legend(handles=[Patch(facecolor="grey", edgecolor="black", label="precision (filled)"),
                           Patch(facecolor="white", edgecolor="black", hatch="//", label="recall (hatched)")],
                  loc="upper right")
        return fig


def _chart(make):
    import matplotlib as mpl

    def png(rep: ClassReport) -> bytes:
        with mpl.rc_context(_RC):
            return _png(make(rep))

    png.__doc__ = f"PNG bytes of :func:`{make.__name__}`."
    return png


chart_scores = _chart(figure_scores)
chart_difficulty = _chart(figure_difficulty)
chart_categories = _chart(figure_categories)

CHARTS = {"scores.png": (chart_scores, "Histogram of student scores"),
          "difficulty.png": (chart_difficulty, "Mean score per question, hardest first"),
          "categories.png": (chart_categories, "Highlight precision and recall per category")}


# -- HTML ---------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:18px;line-height:1.45;color:#111;
 max-width:72em;margin:1em auto;padding:0 1em}
h1{font-size:1.7em} h2{font-size:1.35em;margin-top:1.6em;border-bottom:2px solid #0072B2}
table{border-collapse:collapse;margin:.5em 0;font-size:.95em} caption{text-align:left;font-weight:600}
th,td{border:1px solid #999;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eef3f8} td.num{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;height:auto;border:1px solid #ccc;margin:.5em 0}
.skipped td{background:#fdf4e3} .note{color:#333}
"""


def _cell(value, fmt: str | None = None) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "<td>—</td>"
    if fmt == "pct":
        return f'<td class="num">{float(value):.0%}</td>'
    if fmt == "num":
        return f'<td class="num">{float(value):.2f}</td>'
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return f'<td class="num">{value}</td>'
    return f"<td>{html.escape(str(value))}</td>"


def _table(frame, columns: list[tuple[str, str, str | None]], caption: str, cls: str = "") -> str:
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for _, label, _ in columns)
    rows = []
    for record in frame.to_dict("records"):
        rows.append("<tr>" + "".join(_cell(record.get(col), fmt) for col, _, fmt in columns) + "</tr>")
    body = "".join(rows) or f'<tr><td colspan="{len(columns)}">none</td></tr>'
    klass = f' class="{cls}"' if cls else ""
    return (f"<table{klass}><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def to_html(rep: ClassReport, images: dict[str, bytes] | None = None) -> str:
    """One self-contained page: no scripts, no external files, images inlined as base64."""
    images = images if images is not None else {name: func(rep) for name, (func, _) in CHARTS.items()}
    esc = html.escape
    summary = "".join(f"<li>{esc(line)}</li>" for line in rep.summary().splitlines()
                      if not line.startswith("skipped "))
    figs = "".join(f'<figure><img alt="{esc(CHARTS[name][1])}" src="data:image/png;base64,'
                   f'{base64.b64encode(data).decode("ascii")}"><figcaption>{esc(CHARTS[name][1])}'
                   f"</figcaption></figure>" for name, data in images.items())
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>medialit class report</title><style>{_CSS}</style></head><body>",
        "<h1>medialit class report</h1>",
        f'<p class="note">From the hand-ins in {esc(rep.folder)}.</p>',
        f"<ul>{summary}</ul>", "<h2>Charts</h2>", figs,
        "<h2>Students</h2>",
        _table(rep.students, [("student", "student", None), ("article", "article", None),
                              ("answered", "answered", None), ("questions", "questions", None),
                              ("right", "right", None), ("attempts", "attempts", None),
                              ("score", "score", "pct"), ("created", "handed in", None), ("file", "file", None)],
               "Per student (score: over the bank's graded questions; unanswered count 0)"),
        "<h2>Questions, hardest first</h2>",
        _table(rep.questions, [("question", "question", None), ("lesson", "lesson", None), ("type", "type", None),
                               ("answered", "answered", None), ("mean_score", "mean score", "pct"),
                               ("right", "right", "pct"), ("right_first_time", "right at first check", "pct"),
                               ("mean_attempts", "mean attempts", "num")], "Per question"),
        "<h2>Most common wrong answers</h2>",
        _table(rep.wrong_answers, [("question", "question", None), ("wrong_answer", "wrong answer", None),
                                   ("students", "students", None), ("share", "share of those answering", "pct")],
               f"Up to {TOP_WRONG} per question; each student counted once per wrong answer, at any check"),
        "<h2>Categories</h2>",
        _table(rep.categories, [("name", "category", None), ("precision", "precision", "num"),
                                ("recall", "recall", "num"), ("f1", "F1", "num"),
                                ("highlight_answers", "highlight answers", None),
                                ("sorted_right", "sorting: excerpts right", "pct"),
                                ("sorted_excerpts", "excerpts sorted", None)],
               "Highlight span scores per category (medialit.text.spans.score) and sorting results"),
        "<h2>Skipped files</h2>",
        _table(rep.skipped, [("file", "file", None), ("reason", "reason", None)],
               "Files not counted, and why", "skipped"),
        "</body></html>",
    ]
    return "\n".join(parts)


def write(rep: ClassReport, out) -> list[Path]:
    """Write CSV tables, PNG charts and ``report.html`` into ``out``; returns the paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("students", "questions", "wrong_answers", "categories", "skipped"):
        path = out / f"{name}.csv"
        getattr(rep, name).to_csv(path, index=False)
        written.append(path)
    images = {}
    for name, (func, _) in CHARTS.items():
        images[name] = func(rep)
        (out / name).write_bytes(images[name])
        written.append(out / name)
    page = out / "report.html"
    page.write_text(to_html(rep, images), encoding="utf-8")
    written.append(page)
    return written


def run(folder, out=None, *, seeds=None, progress=sys.stderr) -> tuple[ClassReport, list[Path]]:
    """Build the report (with progress lines on ``progress``) and write it if ``out`` is given."""
    rep = build(folder, seeds=seeds, progress=progress)
    return rep, (write(rep, out) if out is not None else [])


__all__ = ["ClassReport", "Skipped", "build", "collect", "write", "to_html", "run", "category_evidence",
           "wrong_bits"]
