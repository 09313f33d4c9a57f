"""Reading a folder of hand-ins: each file read, checked against its quiz bank and re-graded, duplicates dropped.

What is checked before a file counts (anything else is listed as skipped with the reason):
it is a readable ``medialit.handin/1`` file under the size limit
(:func:`medialit.classroom.handin.read_handin`); its article's quiz bank is found; every
question is in that bank with the same type; every answer fits its question; every
recorded score and verdict is what the bank's scoring gives that answer (so an edited
score shows up as *tampered*); and only the latest hand-in of each student (by its
``created`` time) is used, the others listed as duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from medialit.article.model import load_article
from medialit.article.seeds import ARTICLE_FILE
from medialit.classroom.handin import read_handin
from medialit.errors import ArticleError, HandinError, SeedError
from medialit.quizzes.bank import load_bank
from medialit.quizzes.scoring import grade

PROGRESS_EVERY = 1000
TOLERANCE = 1e-6


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
