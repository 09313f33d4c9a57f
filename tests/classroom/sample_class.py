"""The sample class shipped for the teacher dashboard: 12 synthetic students' hand-ins on the kit's article.

``seeds/raqqa-exodus/sample-class/`` holds what this module makes: one hand-in per student
(answers drawn with a seeded random generator, each student with their own skill, graded by
the article's quiz bank through :func:`medialit.classroom.handin.make_handin`; a question
right only at the second check has a wrong first try, and weaker students sometimes open
the hint first, so the dashboard shows first-try and final scores apart), plus three
problem files the report lists instead of counting (an earlier hand-in of the same student,
an upload cut short, a copy with an edited score). Exit tickets are left unanswered: the
folder ships in students' copies of the kit, and exit-ticket answers would give their keys away.
Open questions are left unanswered too: the kit writes no made-up student texts.

Rewrite the folder after the quiz bank changes (tests/classroom/test_sample_class.py says when)::

    .venv/bin/python -m tests.classroom.sample_class
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

from medialit.article.model import load_article
from medialit.classroom.handin import handin_name, make_handin
from medialit.quizzes.bank import load_bank
from medialit.quizzes.questions import BINS

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "seeds" / "raqqa-exodus" / "sample-class"
SLUG = "raqqa-exodus"
STUDENTS = {"Amira": 0.9, "Bruno": 0.55, "Chen": 0.75, "Dana": 0.4, "Emil": 0.65, "Fatou": 0.85,
            "Gustav": 0.5, "Hiroko": 0.7, "Ines": 0.6, "Jamal": 0.8, "Katja": 0.45, "Luis": 0.35}


def _right(question):
    if question.type == "highlight":
        return [[k.start, k.end] for k in question.key]
    if question.type == "categorize":
        return dict(question.answer)
    return copy.deepcopy(question.answer)


def _wrong(question, rng: random.Random):
    """A plausible wrong answer: another option, one option too few, one excerpt mis-sorted, half the spans."""
    kind = question.type
    if kind == "single_choice":
        return rng.choice([o.id for o in question.options if o.id != question.answer])
    if kind == "multi_choice":
        picked = list(question.answer)[: max(1, len(question.answer) - 1)]
        others = [o.id for o in question.options if o.id not in question.answer]
        return picked + ([rng.choice(others)] if others else [])
    if kind == "categorize":
        answer = dict(question.answer)
        item = rng.choice(sorted(answer))
        answer[item] = rng.choice([b for b in BINS if b != answer[item]])
        return answer
    if kind == "highlight":
        spans = _right(question)
        return spans[: max(1, len(spans) // 2)] if len(spans) > 1 else [[spans[0][0], (spans[0][0] + spans[0][1]) // 2]]
    return question.answer * 2 + 1                      # numeric


def documents() -> dict[str, str]:
    """File name -> content of every file in the sample folder."""
    article = load_article(SLUG)
    bank = load_bank(article)
    files: dict[str, str] = {}
    docs = {}
    for n, (student, skill) in enumerate(STUDENTS.items()):
        rng = random.Random(f"sample-class/{student}")
        answers, earlier, hints = {}, {}, set()
        for qid, question in bank.items():
            if question.type == "open" or question.summative or rng.random() > 0.9:   # open: no synthetic texts
                continue
            if question.hint and rng.random() < (1 - skill) / 2:   # opened the hint before the first check
                hints.add(qid)
            if rng.random() < skill:
                answers[qid] = _right(question)
                if rng.random() > skill:                 # right only at the second check
                    earlier[qid] = [_wrong(question, rng)]
            else:
                answers[qid] = _wrong(question, rng)
        created = f"2026-05-12T10:{n:02d}:00.000Z"
        doc = make_handin(article, student, answers, created=created, earlier=earlier, source="jupyterhub",
                          hints=hints)
        docs[student] = doc
        files[handin_name(student, SLUG)] = json.dumps(doc, ensure_ascii=False, indent=1)
    first = make_handin(article, "Bruno", {qid: _right(q) for qid, q in list(bank.items())[:3]},
                        created="2026-05-12T09:30:00.000Z", source="jupyterhub")
    files["bruno-first-try.json"] = json.dumps(first, ensure_ascii=False, indent=1)
    whole = files[handin_name("Dana", SLUG)]
    files["dana-upload.json"] = whole[: len(whole) // 2]
    edited = copy.deepcopy(docs["Luis"])
    wrong = next(a for a in edited["answers"] if a["correct"] is False)
    wrong["score"], wrong["correct"] = 1.0, True
    edited["student"] = "Luis (copy)"
    files["luis-edited.json"] = json.dumps(edited, ensure_ascii=False, indent=1)
    return files


def write(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    for name, text in documents().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {len(list(FOLDER.glob('*.json')))} files to {FOLDER}")
