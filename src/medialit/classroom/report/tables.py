"""The class report's tables: hand-ins that passed the checks, aggregated into pandas DataFrames.

- ``students``: one row per student: questions answered, right, attempts, and
  ``score`` (sum of scores over the bank's graded questions; unanswered count 0), scored
  by the quiz bank as it is now; beside it the first try: ``first_try_score`` (the same
  sum with each question's first check, so a share like ``score``), ``first_try_right``
  (how many questions were right at the first check, a count: compare with ``answered``)
  and ``hints_used`` (questions whose hint was shown before a check). The three are left
  empty when a hand-in does not say (an earlier kit's: never guessed from the history);
  ``first_try_unknown`` counts the answers without a first try; ``recorded_score`` is the same sum with the scores the
  student's kernel recorded, ``regraded`` lists the questions whose score changed (a key
  fixed after the hand-ins), ``also_named`` other spellings of the name that were merged;
- ``questions``: per question: answered, mean score, share right, share right at the
  first check (``right_first_time``, over the ``first_tries`` answers whose first try is
  known; empty if none is), mean attempts, ``difficulty`` = 1 - mean score (hardest first);
- ``wrong_answers``: per question, what students got wrong (an option picked, an
  excerpt sorted into the wrong bin, a phrase over-flagged or missed, a number), with
  how many students gave it at any of their checks;
- ``categories``: per category, the class's mean span precision, recall and F1 on
  highlight questions, each answer scored against the key spans of that category
  (:func:`medialit.quizzes.scoring.category_evidence`; over-flagged words count against
  every category the question asks for), plus the share of sorting-question excerpts of
  that category sorted right. The lowest recall is the category the class misses most.
- ``growth``: the pre/post growth measure (:mod:`.growth`), when ``growth.yaml`` sits beside
  the article folders: per category, the students with both tests, pre and post mean (%),
  mean gain in percentage points and its 95% paired t interval;
- ``responses``: one row per open answer (the student's own words): article, student,
  question, lesson, text, and the teacher's rubric ``level`` (and its number), ``scored_by``
  and ``scored_at`` from the scores file (:mod:`medialit.classroom.scores`), empty until
  scored; ``note`` says when the answer changed after it was scored. Never re-graded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medialit.classroom.names import identity
from medialit.classroom.report.collect import collect
from medialit.classroom.report.growth import check_against, find_pairing, growth_table
from medialit.classroom.scores import ScoreBook, text_sha
from medialit.quizzes.questions import BINS
from medialit.quizzes.scoring import category_evidence, grade, highlight_marks
from medialit.vocabulary import CATEGORIES

TOP_WRONG = 5


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrong_bits(question, answer) -> list[str]:
    """What is wrong in one canonical answer, as short phrases a teacher can count."""
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
        out = []
        for mark in highlight_marks(question, answer):
            if mark["kind"] == "extra":
                out.append(f"over-flagged “{_short(question.excerpt(mark['start'], mark['end']), 40)}”")
            elif mark["kind"] == "missed":
                text = next((k.text for k in question.key if k.id == mark["id"]), "")
                out.append(f"missed “{_short(text, 40)}”")
        return out
    if kind == "numeric":
        if grade(question, answer).correct:
            return []
        unit = f" {question.unit}" if question.unit else ""
        return [f"answered {answer:g}{unit}"]
    return []


def regrade_text(question: str, old: float, new: float, was_right: bool, is_right: bool,
                 what: str = "") -> str:
    """One re-graded answer for a teacher: ``q (0.67 -> 0.27)``, with more digits or the
    verdict when two decimals would show no change; ``what="first try"`` gives
    ``q (first try: 0.00 -> 1.00)``."""
    digits = 2 if round(old, 2) != round(new, 2) else 3
    change = f"{old:.{digits}f} -> {new:.{digits}f}"
    if round(old, digits) == round(new, digits) or was_right != is_right:
        change += f", {'right' if was_right else 'not right'} -> {'right' if is_right else 'not right'}"
    return f"{question} ({what + ': ' if what else ''}{change})"


#: Re-graded students named one by one in the summary (the rest: students.csv).
REGRADED_SHOWN = 5
_REGRADED_ID = re.compile(r"(?:^|\), )([^\s(]+) \(")     # the question ids in a ``regraded`` cell


@dataclass
class ClassReport:
    folder: str
    students: object        # DataFrames
    questions: object
    wrong_answers: object
    categories: object
    skipped: object
    answers: object         # one row per student x question
    responses: object = None   # one row per open answer, with the teacher's rubric level
    growth: object = None      # the pre/post growth measure, per category

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
            known = self.students[self.students["first_try_score"].notna()]
            if len(known):
                lines.append(f"class mean first-try score: {known['first_try_score'].mean():.0%} "
                             f"(final score of the same {len(known)} student(s): {known['score'].mean():.0%})")
            unknown = len(self.students) - len(known)
            if unknown:
                lines.append(f"first try not known for {unknown} student(s): their hand-ins do not say "
                             "(an earlier kit)")
        if len(self.questions) and self.questions["answered"].sum():
            hardest = self.questions.iloc[0]
            lines.append(f"hardest question: {hardest['question']} (mean score {hardest['mean_score']:.0%})")
        missed = self.missed_most
        if missed:
            row = self.categories.set_index("category").loc[missed]
            lines.append(f"missed most: {CATEGORIES[missed]} (recall {row['recall']:.2f}, "
                         f"precision {row['precision']:.2f})")
        growth = self.growth
        if growth is not None and len(growth) and growth.iloc[-1]["students"]:
            row = growth.iloc[-1]
            ends = "" if row["ci_low"] != row["ci_low"] else \
                f", 95% interval {row['ci_low']:+.1f} to {row['ci_high']:+.1f}"
            lines.append(f"growth (pre-test to post-test, {row['students']} student(s) with both): {row['name']} "
                         f"{row['pre_mean']:.0f}% to {row['post_mean']:.0f}%, gain {row['gain_pp']:+.1f} points{ends}")
        regraded = self.students[self.students["regraded"] != ""]
        if len(regraded):
            questions = sorted({q for cell in regraded["regraded"] for q in _REGRADED_ID.findall(cell)})
            lines.append(f"re-graded with today's quiz bank: {', '.join(questions)} ({len(regraded)} student(s)): "
                         "the recorded score differs from the key's (a key fixed after the hand-ins, a kit "
                         "that scores differently, or a file edited by hand); students.csv has both")
            for item in list(regraded.itertuples())[:REGRADED_SHOWN]:
                lines.append(f"re-graded {item.student} ({item.file}): score {item.recorded_score:.0%} as "
                             f"recorded, {item.score:.0%} now ({item.regraded})")
            if len(regraded) > REGRADED_SHOWN:
                lines.append(f"re-graded {len(regraded) - REGRADED_SHOWN} more student(s): see students.csv")
        for item in self.students[self.students["also_named"] != ""].itertuples():
            lines.append(f"one student under two spellings: {item.student} (also handed in as "
                         f"{item.also_named}); the latest hand-in is used")
        for item in self.skipped.itertuples():
            lines.append(f"skipped {item.file}: {item.reason}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ClassReport {self.folder}: " + self.summary().splitlines()[0] + ">"


RESPONSE_COLUMNS = ["article", "student", "question", "lesson", "text", "level", "level_number", "scored_by",
                    "scored_at", "note"]


def build(folder, *, seeds=None, progress=None, scores=None) -> ClassReport:
    """Aggregate a folder of hand-ins (see the module docstring for what each table holds).

    ``scores``: the teacher's scores file for open answers (a path; missing: nothing scored yet).
    """
    import pandas as pd

    accepted, skipped = collect(folder, seeds=seeds, progress=progress)
    given = ScoreBook(scores).scores() if scores is not None else {}
    answer_rows, student_rows, wrong_rows, cat_rows, response_rows = [], [], [], [], []
    questions_seen: dict[tuple[str, str], object] = {}
    bit_cache: dict = {}
    for item in accepted:
        bank, article, student = item.bank, item.article, item.student
        total = answered = right = attempts = 0
        first_total = first_right = hints = unknown = 0
        hints_known = True
        for qid, q in bank.questions.items():
            questions_seen[(article, qid)] = q
        for row in item.rows:
            q = bank.questions[row.question]
            answered += 1
            attempts += row.attempts
            if row.score is not None:
                total += row.score
                right += bool(row.correct)
            if not row.first_known:
                unknown += 1
            elif row.first_score is not None:
                first_total += row.first_score
                first_right += bool(row.first_correct)
            if row.hint_used is None:
                hints_known = False
            hints += bool(row.hint_used)
            answer_rows.append((article, student, q.id, q.lesson, q.type, row.score, row.correct,
                                row.first_correct, row.attempts, q.summative, row.first_score,
                                row.first_known, row.first_hint, row.hint_used))
            if q.type == "open":
                response_rows.append(_response(article, student, q, bank.grades[(q.id, row.key)][0], given))
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
        regraded = [regrade_text(*entry) for entry in item.regraded] + \
                   [regrade_text(*entry, what="first try") for entry in item.regraded_first]
        student_rows.append((article, student, answered, len(bank.questions), right, attempts,
                             total / bank.graded if bank.graded else 0.0,
                             None if unknown else (first_total / bank.graded if bank.graded else 0.0),
                             None if unknown else first_right, hints if hints_known else None,
                             (total / answered) if answered else 0.0, item.created, item.path.name,
                             item.recorded_total / bank.graded if bank.graded else 0.0,
                             ", ".join(regraded), ", ".join(item.also_named), unknown))

    students = pd.DataFrame(student_rows, columns=["article", "student", "answered", "questions", "right",
                                                   "attempts", "score", "first_try_score", "first_try_right",
                                                   "hints_used", "mean_answered", "created", "file",
                                                   "recorded_score", "regraded", "also_named", "first_try_unknown"])
    students["first_try_score"] = students["first_try_score"].astype(float)
    for column in ("first_try_right", "hints_used"):
        students[column] = students[column].astype("Int64")
    answers = pd.DataFrame(answer_rows, columns=["article", "student", "question", "lesson", "type", "score",
                                                 "correct", "first_correct", "attempts", "summative",
                                                 "first_score", "first_known", "first_hint", "hint_used"])
    questions = _question_table(answers, questions_seen)
    wrong = _wrong_table(wrong_rows, questions)
    categories = _category_table(cat_rows)
    skipped_frame = pd.DataFrame([{"file": s.file, "reason": s.reason} for s in skipped], columns=["file", "reason"])
    responses = pd.DataFrame(response_rows, columns=RESPONSE_COLUMNS)
    responses["level_number"] = responses["level_number"].astype("Int64")
    pairing = find_pairing(dict.fromkeys(item.bank.article.folder for item in accepted))
    handed_in: dict[str, set[str]] = {}
    for item in accepted:
        handed_in.setdefault(item.article, set()).add(item.student)
    if pairing is not None:
        check_against(pairing, {item.article: item.bank.questions for item in accepted})
    growth = growth_table(answers, pairing, handed_in)
    return ClassReport(str(folder), students, questions, wrong, categories, skipped_frame, answers, responses,
                       growth)


def _response(article: str, student: str, question, text: str, given: dict) -> tuple:
    """One open answer as a ``responses`` row, with the teacher's score if there is one."""
    entry = given.get((article, identity(student), question.id))
    if entry is None:
        return (article, student, question.id, question.lesson, text, "", None, "", "", "")
    level = question.level(entry["number"])
    note = "" if entry["text"] == text_sha(text) else "the answer changed after it was scored: score it again"
    if level is None or level.name != entry["level"]:
        note = (note + "; " if note else "") + "the rubric changed after it was scored: score it again"
    return (article, student, question.id, question.lesson, text, entry["level"], entry["number"],
            entry["scorer"], entry["at"], note)


def _question_table(answers, questions_seen):
    import pandas as pd

    base = pd.DataFrame([{"article": a, "question": qid, "lesson": q.lesson, "type": q.type,
                          "summative": q.summative} for (a, qid), q in questions_seen.items()],
                        columns=["article", "question", "lesson", "type", "summative"])
    if len(answers):
        graded = answers[answers["score"].notna()].copy()
        graded["correct"] = graded["correct"].astype(bool)
        # Right first time: over the answers whose first try is known (never history[0]).
        graded["first_correct"] = graded["first_correct"].map(
            lambda v: float(v) if isinstance(v, bool) else float("nan")).astype(float)
        stats = graded.groupby(["article", "question"]).agg(
            mean_score=("score", "mean"), right=("correct", "mean"), right_first_time=("first_correct", "mean"),
            first_tries=("first_correct", "count"))
        counts = answers.groupby(["article", "question"]).agg(answered=("student", "size"),
                                                              mean_attempts=("attempts", "mean"))
        base = base.merge(counts, on=["article", "question"], how="left").merge(
            stats, on=["article", "question"], how="left")
    else:
        for col in ("answered", "mean_attempts", "mean_score", "right", "right_first_time", "first_tries"):
            base[col] = pd.Series(dtype=float)
    base["answered"] = base["answered"].fillna(0).astype(int)
    base["first_tries"] = base["first_tries"].fillna(0).astype(int)
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
