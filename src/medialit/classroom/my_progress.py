"""My progress: one student's own page of lessons done, scores, what to review and open answers.

It shows the lessons done, first-try and final scores, the score per category, what to
review, and the open answers written, with the teacher's rubric level once scored.

    medialit.my_progress()      # in any lesson notebook

The teacher's levels come from a scores file (:mod:`medialit.classroom.scores`) given as
``scores=`` or in ``$MEDIALIT_SCORES``; only this student's own scores are shown.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from medialit.classroom.banks import bank_for
from medialit.classroom.names import identity
from medialit.classroom.scores import ScoreBook, text_sha
from medialit.classroom.store import Store, is_first_try
from medialit.errors import ScoresError
from medialit.quizzes.scoring import category_evidence
from medialit.vocabulary import CATEGORIES


def lesson_link(lesson, base: Path | None = None) -> str:
    """A relative link to a lesson notebook: an existing ``notebooks/`` file for that
    lesson number if one is found (``lesson-2*.ipynb``, ``02-*.ipynb``, ...), else
    ``notebooks/lesson-<n>.ipynb`` (without the folder when already in ``notebooks/``)."""
    base = Path.cwd() if base is None else Path(base)
    folder = base if base.name == "notebooks" else base / "notebooks"
    prefix = "" if base.name == "notebooks" else "notebooks/"
    try:
        n = int(lesson)
    except (TypeError, ValueError):
        return f"{prefix}"
    if folder.is_dir():
        patterns = [rf"lesson[-_ ]?0*{n}(?!\d)", rf"0*{n}(?!\d)[-_ ]"]
        for path in sorted(folder.glob("*.ipynb")):
            if any(re.match(p, path.name, re.IGNORECASE) for p in patterns):
                return prefix + path.name
    return f"{prefix}lesson-{n}.ipynb"


#: The plain sentence a student reads beside their first-try and final scores.
WHY_FIRST_TRY = ("Your first try is your first Check on a question, before any feedback: it shows what you "
                 "can do on your own, so your teacher reads it beside your final score. Trying again after "
                 "feedback is how you learn, but it never changes your first try, so read the passage "
                 "before you check.")


class MyProgress:
    """What :func:`my_progress` shows; the tables are pandas DataFrames.

    ``first_try``: ``answered`` (graded questions checked), ``right`` (right now),
    ``right_first_try`` and ``known`` (questions whose first try is kept: checked with
    this kit; an earlier kit did not keep it).
    """

    def __init__(self, student: str, lessons, categories, review, notes: list[str],
                 first_try: dict | None = None, open_answers=None):
        self.student = student
        self.lessons = lessons
        self.categories = categories
        self.review = review
        self.notes = notes
        self.first_try = first_try or {"answered": 0, "right": 0, "right_first_try": 0, "known": 0}
        self.open_answers = open_answers if open_answers is not None else []

    def __repr__(self) -> str:
        done = int(self.lessons["done"].sum()) if len(self.lessons) else 0
        return (f"My progress ({self.student}): {done} of {len(self.lessons)} lesson(s) done, "
                f"{len(self.review)} question(s) worth reviewing")

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = ['<div class="medialit-progress" style="font-family:system-ui,sans-serif;max-width:56em">',
                 f"<h3>My progress — {esc(self.student)}</h3>"]
        if not len(self.lessons):
            parts.append("<p>No answers saved yet: check a quiz answer and come back.</p>")
        else:
            ft = self.first_try
            if ft["answered"]:
                first = (f"{ft['right_first_try']} right at your first try" if ft["known"] == ft["answered"] else
                         f"{ft['right_first_try']} right at your first try (of the {ft['known']} whose first "
                         "try was kept)")
                parts.append(f'<p class="medialit-first-try"><strong>{ft["right"]} of {ft["answered"]} '
                             f"questions right now; {first}.</strong> {esc(WHY_FIRST_TRY)}</p>")
            parts.append("<h4>Lessons</h4><table><thead><tr><th scope=col>Lesson</th><th scope=col>Answered</th>"
                         "<th scope=col>First try</th><th scope=col>Average score now</th>"
                         "<th scope=col>Done</th></tr></thead><tbody>")
            for row in self.lessons.itertuples():
                first = "—" if row.first_try_score != row.first_try_score else f"{row.first_try_score:.0%}"
                parts.append(f'<tr><td><a href="{esc(row.link)}">Lesson {esc(str(row.lesson))}</a></td>'
                             f"<td>{row.answered} of {row.questions}</td><td>{first}</td><td>{row.score:.0%}</td>"
                             f"<td>{'✓ done' if row.done else '… not yet'}</td></tr>")
            parts.append("</tbody></table>")
            parts.append("<h4>Score per category</h4><table><thead><tr><th scope=col>Category</th>"
                         "<th scope=col>Score</th><th scope=col>Based on</th></tr></thead><tbody>")
            for row in self.categories.itertuples():
                score = "—" if row.evidence == 0 else f"{row.score:.0%}"
                parts.append(f"<tr><td>{esc(row.name)}</td><td>{score}</td>"
                             f"<td>{row.evidence} answer part(s)</td></tr>")
            parts.append("</tbody></table>")
            parts.append("<h4>Worth reviewing</h4>")
            if not len(self.review):
                parts.append("<p>Nothing: every answer you checked was right first or second time.</p>")
            else:
                parts.append("<ul>")
                for row in self.review.itertuples():
                    parts.append(f'<li><a href="{esc(row.link)}">Lesson {esc(str(row.lesson))}</a>: '
                                 f"{esc(row.question)} — {esc(row.why)}</li>")
                parts.append("</ul>")
        if len(self.open_answers):
            parts.append("<h4>My written answers</h4><table><thead><tr><th scope=col>Lesson</th>"
                         "<th scope=col>Question</th><th scope=col>Words</th><th scope=col>Teacher's level</th>"
                         "</tr></thead><tbody>")
            for row in self.open_answers.itertuples():
                level = (f"<b>{esc(row.level)}</b>: {esc(row.descriptor)}" if row.level
                         else "not scored yet")
                parts.append(f'<tr><td><a href="{esc(row.link)}">Lesson {esc(str(row.lesson))}</a></td>'
                             f"<td>{esc(row.prompt)}</td><td>{row.words}</td><td>{level}</td></tr>")
            parts.append("</tbody></table>")
        for note in self.notes:
            parts.append(f"<p><em>{esc(note)}</em></p>")
        parts.append("</div>")
        return "".join(parts)


def _own_scores(student: str, scores, notes: list[str]) -> dict:
    """This student's scores from the teacher's scores file, by (article, question)."""
    path = scores if scores is not None else os.environ.get("MEDIALIT_SCORES", "").strip() or None
    if path is None:
        return {}
    try:
        given = ScoreBook(path).scores()
    except ScoresError as exc:
        notes.append(f"Your teacher's scores could not be read: {exc}")
        return {}
    me = identity(student)
    return {(article, question): entry for (article, who, question), entry in given.items() if who == me}


def my_progress(student: str | None = None, *, base: Path | None = None, scores=None) -> MyProgress:
    """Lessons done, first-try and final scores, score per category and the questions worth reviewing.

    A lesson is done when every question of it in the quiz bank has a checked answer. Its
    ``first_try_score`` is the average score of the first checks (questions whose first
    try was kept; empty if none was), beside ``score``, the average of the last checks.
    Category scores: a highlight answer's F1 against that category's spans in its key
    and a sorting answer's share of that category's excerpts put right (choice and
    numeric questions belong to no category). Worth reviewing: not correct, or correct
    only after three or more attempts. Written (open) answers: each one saved, with the
    teacher's rubric level and its descriptor once scored (``scores``: the teacher's scores
    file, default ``$MEDIALIT_SCORES``).
    """
    import pandas as pd

    store = Store(student)
    records = store.records()
    notes: list[str] = []
    lesson_rows: dict = {}
    evidence: dict[str, list[float]] = {c: [] for c in CATEGORIES}
    review = []
    first_try = {"answered": 0, "right": 0, "right_first_try": 0, "known": 0}
    written = []
    mine = _own_scores(store.student, scores, notes)
    by_article: dict[str, list[dict]] = {}
    for rec in records:
        by_article.setdefault(rec["article"], []).append(rec)
    for slug, recs in sorted(by_article.items()):
        bank = bank_for(slug)
        if bank is None:
            notes.append(f"The quiz bank of {slug} was not found, so its lessons cannot be counted in full.")
        saved = {r["question"]: r for r in recs}
        questions = list(bank.values()) if bank else []
        lessons_seen = {q.lesson for q in questions} | {r.get("lesson") for r in recs}
        for lesson in sorted(x for x in lessons_seen if x is not None):
            in_lesson = [q.id for q in questions if q.lesson == lesson] or \
                        [r["question"] for r in recs if r.get("lesson") == lesson]
            answered = [saved[q] for q in in_lesson if q in saved]
            scores = [r["score"] for r in answered if isinstance(r.get("score"), (int, float))]
            firsts = [r["first_try"]["score"] for r in answered if is_first_try(r.get("first_try"))
                      and isinstance(r["first_try"].get("score"), (int, float))]
            row = lesson_rows.setdefault(lesson, {"lesson": lesson, "questions": 0, "answered": 0, "scores": [],
                                                  "firsts": []})
            row["questions"] += len(in_lesson)
            row["answered"] += len(answered)
            row["scores"] += scores
            row["firsts"] += firsts
        for rec in recs:
            if isinstance(rec.get("score"), (int, float)):
                first_try["answered"] += 1
                first_try["right"] += bool(rec.get("correct"))
                if is_first_try(rec.get("first_try")):
                    first_try["known"] += 1
                    first_try["right_first_try"] += rec["first_try"].get("correct") is True
            question = bank.get(rec["question"]) if bank else None
            if question is not None:
                try:
                    for category, _metric, value in category_evidence(question, question.coerce(rec["answer"])):
                        if _metric in ("f1", "sorted"):
                            evidence[category].append(value)
                except ValueError:
                    pass
            if question is not None and question.type == "open" and isinstance(rec.get("answer"), str):
                entry = mine.get((slug, question.id))
                level = question.level(entry["number"]) if entry else None
                if level is not None and entry["text"] != text_sha(rec["answer"]):
                    level = None               # scored an earlier text: the new one is not scored yet
                written.append({"article": slug, "question": question.id, "lesson": question.lesson,
                                "prompt": question.prompt, "words": len(rec["answer"].split()),
                                "level": level.name if level else "", "descriptor": level.descriptor if level else "",
                                "link": lesson_link(question.lesson, base)})
            why = None
            if rec.get("correct") is False:
                score = rec.get("score")
                why = "not right yet" + (f" (score {score:.0%})" if isinstance(score, (int, float)) else "")
            elif rec.get("correct") and (rec.get("attempts") or 0) >= 3:
                why = f"right after {rec['attempts']} attempts"
            if why:
                lesson = rec.get("lesson") if question is None else question.lesson
                review.append({"article": slug, "question": rec["question"], "lesson": lesson,
                               "score": rec.get("score"), "why": why,
                               "prompt": question.prompt if question is not None else "",
                               "link": lesson_link(lesson, base)})
    lessons = pd.DataFrame(
        [{"lesson": r["lesson"], "questions": r["questions"], "answered": r["answered"],
          "score": (sum(r["scores"]) / len(r["scores"])) if r["scores"] else 0.0,
          "first_try_score": (sum(r["firsts"]) / len(r["firsts"])) if r["firsts"] else float("nan"),
          "done": r["questions"] > 0 and r["answered"] >= r["questions"], "link": lesson_link(r["lesson"], base)}
         for _, r in sorted(lesson_rows.items())],
        columns=["lesson", "questions", "answered", "score", "first_try_score", "done", "link"])
    categories = pd.DataFrame(
        [{"category": c, "name": name, "score": (sum(evidence[c]) / len(evidence[c])) if evidence[c] else 0.0,
          "evidence": len(evidence[c])} for c, name in CATEGORIES.items()],
        columns=["category", "name", "score", "evidence"])
    review_frame = pd.DataFrame(review, columns=["article", "question", "lesson", "score", "why", "prompt", "link"])
    if len(review_frame):
        review_frame = review_frame.sort_values(["lesson", "question"], kind="stable").reset_index(drop=True)
    open_frame = pd.DataFrame(written, columns=["article", "question", "lesson", "prompt", "words", "level",
                                                "descriptor", "link"])
    if len(open_frame):
        open_frame = open_frame.sort_values(["lesson", "question"], kind="stable").reset_index(drop=True)
    return MyProgress(store.student, lessons, categories, review_frame, notes, first_try, open_frame)
