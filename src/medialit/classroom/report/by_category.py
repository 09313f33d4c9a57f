"""The class's open answers beside its quiz results, per category: the report page's section.

Quizzes and open questions are put in a category by the **lesson** they belong to, the one
thing both carry (an open answer has no key to take a category from): lessons 2 and 3 teach
quoted reporting, lesson 4 framing language, lesson 5 unsupported generalizations
(:data:`LESSON_CATEGORY`). Lesson 3b's and a practice notebook's questions carry their
lesson's number, so they count with it. Lessons that teach no single category (1: the source; 6: numbers; 7: all
three together, with the exit ticket; 0: the start) each get a row of their own, so nothing is
folded into a category it does not teach.

Per row (:func:`by_category`): the lessons' graded quiz answers handed in and their mean
score (the last check, partial credit, as in ``questions.csv``), and the open answers with how
many the teacher put at each rubric level (``scores.json``) and how many are not scored yet.
Summative questions (the exit ticket, the pre- and post-test) are left out: they are tests
on practice texts, not a lesson's checked quizzes, and the growth section reports them.
The practice quizzes built for any article use the same mapping
(:data:`medialit.quizzes.practice.LESSON`: a category's quizzes are its lesson's).
"""

from __future__ import annotations

import html

from medialit.vocabulary import CATEGORIES

#: The category each lesson teaches; a lesson not listed has a row of its own.
LESSON_CATEGORY = {2: "quoted_reporting", 3: "quoted_reporting", 4: "framing", 5: "generalization"}
#: What a lesson without a category is about (its row's label).
LESSON_TOPIC = {0: "getting started", 1: "the source", 6: "numbers", 7: "all three flags together"}
NOT_SCORED = "not scored yet"
COLUMNS = ["area", "label", "lessons", "quiz_answers", "mean_quiz_score", "open_answers", "scored", "levels"]


def _area(lesson) -> str:
    return LESSON_CATEGORY.get(lesson, f"lesson {lesson}")


def _label(area: str, lessons: list) -> str:
    if area in CATEGORIES:
        return CATEGORIES[area]
    topic = LESSON_TOPIC.get(lessons[0], "") if len(lessons) == 1 else ""
    return f"Lesson {lessons[0]}" + (f" ({topic})" if topic else "") + ", no single category"


def _spread(group) -> str:
    """``Beginning 3 · Emerging 9 · Proficient 12 · not scored yet 4``: lowest level first."""
    scored = group[group["level"].astype(str) != ""]
    order = scored.groupby("level")["level_number"].mean().sort_values(kind="stable")
    counts = scored["level"].value_counts()
    parts = [f"{name} {int(counts[name])}" for name in order.index]
    waiting = len(group) - len(scored)
    if waiting:
        parts.append(f"{NOT_SCORED} {waiting}")
    return " · ".join(parts)


def by_category(rep):
    """One row per category (then per lesson without one): quiz answers and mean score, open
    answers and their rubric levels. Rows with neither are left out."""
    import pandas as pd

    answers = rep.answers
    graded = answers[answers["score"].notna() & (answers["type"] != "open") & ~answers["summative"].astype(bool)]
    responses = rep.responses if rep.responses is not None else pd.DataFrame(columns=["lesson", "level"])
    lessons = sorted({int(n) for n in [*graded["lesson"], *responses["lesson"]]})
    areas: dict[str, list] = {category: [] for category in CATEGORIES}
    for lesson in lessons:
        areas.setdefault(_area(lesson), []).append(lesson)
    rows = []
    for area, mine in areas.items():
        quiz = graded[graded["lesson"].isin(mine)] if len(graded) else graded
        open_ = responses[responses["lesson"].isin(mine)] if len(responses) else responses
        if not len(quiz) and not len(open_):
            continue
        scored = int((open_["level"].astype(str) != "").sum()) if len(open_) else 0
        rows.append({"area": area, "label": _label(area, mine), "lessons": ", ".join(str(n) for n in mine),
                     "quiz_answers": len(quiz),
                     "mean_quiz_score": float(quiz["score"].astype(float).mean()) if len(quiz) else None,
                     "open_answers": len(open_), "scored": scored,
                     "levels": _spread(open_) if len(open_) else ""})
    return pd.DataFrame(rows, columns=COLUMNS)


def section_html(rep) -> str:
    """The report page's section: the mapping said in words, then the table (text escaped)."""
    esc = html.escape
    taught = ", ".join(f"lesson {n}: {CATEGORIES[c].lower()}" for n, c in sorted(LESSON_CATEGORY.items()))
    note = ('<p class="note">Each quiz and open question counts toward the category its <strong>lesson</strong> '
            f"teaches ({esc(taught)}); lesson 3b's and a practice notebook's questions count with their lesson. "
            "Lessons that "
            "teach no single category (1: the source, 6: numbers, 7: all three together) have a row each. "
            "<strong>Mean quiz score</strong>: the lessons' graded quizzes handed in, last check, partial credit "
            "(the exit ticket and the pre- and post-test are not in it). "
            "<strong>Open answers</strong>: your rubric levels from scores.json, lowest first. The two measure "
            "different things: a high quiz score beside mostly low levels means students find the flag but "
            "cannot yet explain it in their own words. (The span scores above sort by each key span's "
            "category instead.)</p>")
    frame = by_category(rep)
    if not len(frame):
        return note + '<p class="note">No graded quiz answers or open answers in these hand-ins.</p>'
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in
                   ("category", "lessons", "quiz answers", "mean quiz score", "open answers", "scored",
                    "open-answer levels"))
    body = []
    for r in frame.to_dict("records"):
        score = "—" if r["mean_quiz_score"] is None or r["mean_quiz_score"] != r["mean_quiz_score"] \
            else f"{r['mean_quiz_score']:.0%}"
        body.append(f'<tr><th scope="row">{esc(r["label"])}</th><td>{esc(r["lessons"])}</td>'
                    f'<td class="num">{r["quiz_answers"]}</td><td class="num">{score}</td>'
                    f'<td class="num">{r["open_answers"]}</td><td class="num">{r["scored"]}</td>'
                    f'<td>{esc(r["levels"] or "—")}</td></tr>')
    return (note + "<table><caption>Quiz results and open answers per category (by lesson)</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
