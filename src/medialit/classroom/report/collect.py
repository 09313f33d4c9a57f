"""Reading a folder of hand-ins: each file read, checked against its quiz bank and re-graded, duplicates dropped.

What is checked before a file counts (anything else is listed as skipped with the reason):
it is a readable ``medialit.handin/1`` file under the size limit, with sensible times
(:func:`medialit.classroom.handin.read_handin`); its name is a UTF-8 ``*.json`` name; its
article's quiz bank is found; every question is in that bank with the same type; every
answer fits its question; the last answer, score and verdict are those of the last check in
its history (so a score edited by hand shows up as *tampered*); and only the latest hand-in
of each student (by its ``created`` time, compared as a time) is used, the others listed as
duplicates. Names that differ only in capitals or spacing are one student, and the
duplicate's reason says so.

Scores are the current quiz bank's: an answer whose recorded score differs from what the
bank gives it now (the teacher fixed a key after hand-ins) is re-graded, and the hand-in
keeps both scores (:attr:`_Accepted.regraded`). The first try is re-graded the same way
(:attr:`_Accepted.regraded_first`, listed when its answer is not the last one). The first
try is the hand-in's ``first_try`` (the first check, kept once by the student's store),
never ``history[0]``: the history keeps only the latest checks. A hand-in without it (an
earlier kit's) has an unknown first try. A student checking in two notebooks at once may
record more checks than attempts: that is allowed, and the larger count is used.
Open answers (the student's own words) are never scored here: they must carry no score,
and the teacher's rubric levels come from the scores file (:mod:`medialit.classroom.scores`).
One bad file never stops the report: whatever goes wrong while checking it, it is skipped
with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from medialit.article.model import load_article
from medialit.article.seeds import ARTICLE_FILE
from medialit.classroom.handin import parse_time, read_handin
from medialit.classroom.names import identity
from medialit.errors import ArticleError, HandinError, MedialitError, SeedError
from medialit.quizzes.bank import load_bank
from medialit.quizzes.scoring import grade

PROGRESS_EVERY = 1000
TOLERANCE = 1e-6


@dataclass
class Skipped:
    file: str
    reason: str


def shown_name(path: Path) -> str:
    """A file name as text that can be printed and written to a CSV (a byte that is not
    UTF-8 becomes U+FFFD)."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _name_problem(path: Path) -> str | None:
    """Why a file in the hand-in folder is not read as a hand-in by its name (None: it is)."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8: rename the file"
    if path.name.startswith("."):
        return "a hidden file (its name starts with a dot): rename it if it is a hand-in"
    if path.suffix.lower() != ".json":
        return "not a .json file"
    return None


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
        graded = sum(1 for q in questions.values() if not q.key_withheld and q.type != "open")
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
    first_correct: bool | None     # right at the first try (None: not known, or not graded)
    checks: tuple[str, ...]        # keys of every checked answer: the last, the history, the first try
    first_score: float | None = None   # the first try's score by today's bank (None: not known / not graded)
    first_known: bool = False      # the hand-in carries this question's first try
    first_hint: bool | None = None     # the hint was shown before the first try (None: not known)
    hint_used: bool | None = None      # the hint was shown before some check (None: not known)


def _two(score) -> str:
    return "none" if score is None else f"{float(score):.2f}"


def _check(doc: dict, bank: _Bank, pool: dict, regraded: list,
           regraded_first: list | None = None) -> tuple[str | None, tuple[_Row, ...]]:
    """Why a structurally valid hand-in cannot be trusted against its bank (None if it can),
    and its answers as compact rows; answers re-graded by today's keys are added to ``regraded``
    and first tries re-graded to ``regraded_first`` (see :attr:`_Accepted.regraded`)."""
    rows = []
    regraded_first = [] if regraded_first is None else regraded_first
    for ans in doc["answers"]:
        qid = ans["question"]
        question = bank.questions.get(qid)
        if question is None:
            return f"tampered: question {qid!r} is not in the quiz bank of {doc['article']!r}", ()
        if ans["type"] != question.type:
            return f"tampered: {qid} is a {question.type} question, not {ans['type']}", ()
        if ans["history"] and ans["history"][-1]["answer"] != ans["answer"]:
            return f"tampered: the answer to {qid} is not the last one checked", ()
        if ans["history"] and (ans["score"], ans["correct"]) != (ans["history"][-1]["score"],
                                                                 ans["history"][-1]["correct"]):
            recorded = ans["history"][-1]["score"]
            return (f"tampered: the score of {qid} ({_two(ans['score'])}) does not match its answer "
                    f"({_two(recorded)})"), ()
        first_try = ans.get("first_try")
        checks = [(ans["answer"], ans["score"], ans["correct"], "")] + \
                 [(h["answer"], h["score"], h["correct"], " (in its history)") for h in ans["history"]]
        if first_try is not None:
            checks.append((first_try["answer"], first_try["score"], first_try["correct"], " (its first try)"))
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
            if question.type == "open":
                if score is not None or correct is not None:
                    return (f"tampered: the open answer {qid}{where} carries a score, but open answers "
                            "are only scored by the teacher, with the rubric"), ()
                continue
            if question.summative:
                if score is not None or correct is not None:
                    return (f"tampered: the exit ticket {qid}{where} carries a score, but exit tickets "
                            "are only scored by the teacher"), ()
                continue
            if score is None:
                return f"tampered: {qid}{where} has no score, but it is a graded question", ()
        # Scores are the bank's as it is now: a key fixed after the hand-ins re-grades the answer
        # and the first try.
        result = bank.grades[(qid, keys[0])][1]
        first = bank.grades[(qid, keys[-1])][1] if first_try is not None else None
        if question.key_withheld or question.type == "open":     # never re-graded here
            score = correct = first_correct = first_score = None
        else:
            score, correct = result.score, result.correct
            first_score = first.score if first is not None else None
            first_correct = first.correct if first is not None else None
        if not question.summative and question.type != "open" and (not _close(ans["score"], result.score)
                                       or bool(ans["correct"]) != result.correct):
            regraded.append((qid, float(ans["score"]), float(result.score), bool(ans["correct"]),
                             bool(result.correct)))
        # A first try with the last answer is re-graded with it (listed once, above).
        if first is not None and not question.summative and keys[-1] != keys[0] and (
                not _close(first_try["score"], first.score) or bool(first_try["correct"]) != first.correct):
            regraded_first.append((qid, float(first_try["score"]), float(first.score),
                                   bool(first_try["correct"]), bool(first.correct)))
        hint_used = ans.get("hint_used")
        rows.append(_Row(qid, keys[0], score, correct, max(ans["attempts"], len(ans["history"])),
                         first_correct, tuple(keys), first_score, first_try is not None,
                         first_try["hint_used"] if first_try is not None else None,
                         hint_used if isinstance(hint_used, bool) else None))
    return None, tuple(rows)


@dataclass
class _Accepted:
    path: Path
    student: str
    article: str
    created: str
    bank: _Bank
    rows: tuple[_Row, ...]
    #: (question, recorded score, score now, recorded verdict, verdict now) of each re-graded answer
    regraded: tuple[tuple[str, float, float, bool, bool], ...] = ()
    #: the same for each first try whose recorded score differs from today's bank's
    regraded_first: tuple[tuple[str, float, float, bool, bool], ...] = ()
    also_named: tuple[str, ...] = ()                       # other spellings of the name, merged

    @property
    def recorded_total(self) -> float:
        """The sum of the scores as the student's kernel recorded them (before any re-grade)."""
        now = {entry[0]: entry[1:3] for entry in self.regraded}
        return sum(now[r.question][0] if r.question in now else r.score
                   for r in self.rows if r.score is not None)


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
    entries = sorted(folder.iterdir())
    total = len(entries)
    for n, path in enumerate(entries, 1):
        if progress is not None and (n % PROGRESS_EVERY == 0):
            print(f"read {n:,} of {total:,} files", file=progress, flush=True)
        if path.is_dir():
            continue
        try:
            item = _one(path, banks, pool)
        except (MedialitError, ValueError, TypeError, LookupError, ArithmeticError, RecursionError,
                MemoryError) as exc:          # one file never stops the report for the others
            item = f"could not be checked ({type(exc).__name__}: {str(exc)[:80]})"
        if isinstance(item, str):
            skipped.append(Skipped(shown_name(path), item))
        else:
            good.append(item)
    if progress is not None and total >= PROGRESS_EVERY and total % PROGRESS_EVERY:
        print(f"read {total:,} of {total:,} files", file=progress, flush=True)
    # Duplicates: keep each student's latest hand-in per article (one student per identity).
    latest: dict[tuple[str, str], _Accepted] = {}
    for item in sorted(good, key=lambda a: (parse_time(a.created), a.path.name)):
        key = (identity(item.student), item.article)
        if key in latest:
            older = latest[key]
            same = "" if older.student == item.student else (
                f" as {item.student!r} (the same student as {older.student!r}: names that differ only in "
                "capitals or spaces are one student)")
            skipped.append(Skipped(older.path.name, f"duplicate: {older.student} handed in again{same} "
                                                    f"({item.path.name}, newer), which is used"))
            spellings = {*older.also_named, older.student} - {item.student}
            item.also_named = tuple(sorted(spellings))
        latest[key] = item
    skipped.sort(key=lambda s: s.file)
    return sorted(latest.values(), key=lambda a: (a.article, a.student)), skipped


def _one(path: Path, banks: _Banks, pool: dict) -> _Accepted | str:
    """One file of the folder: the accepted hand-in, or why it is skipped."""
    problem = _name_problem(path)
    if problem:
        return problem
    try:
        doc = read_handin(path)
    except HandinError as exc:
        return exc.reason
    bank = banks.get(doc["article"])
    if isinstance(bank, str):
        return bank
    regraded: list = []
    regraded_first: list = []
    reason, rows = _check(doc, bank, pool, regraded, regraded_first)
    if reason:
        return reason
    return _Accepted(path, doc["student"], doc["article"], doc["created"], bank, rows, tuple(regraded),
                     tuple(regraded_first))
