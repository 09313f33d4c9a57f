"""Answer-key checks for teacher notebooks: a wrong key or a broken checker fails loudly.

A teacher's solutions notebook holds, for every question in the bank, one call::

    verify_key("l3-mattis-venue", right="cbs", wrong=["bbc", "pentagon"])
    verify_key("l4-loaded", right=["phony", "Uncle Sam"], wrong=[["Raqqa"], []])   # highlight: phrases

Highlight answers may be given as phrases of the passage (each must occur once in it)
or as absolute ``(start, end)`` offsets.

An open question has no key to verify; its teacher cell shows the model answer from the
teacher's keys file instead: ``print(model_answer("p4-rewrite-20"))``.

It grades ``right`` and every ``wrong`` answer exactly as a student's Check button
would (no widget, no progress saved) and raises :class:`~medialit.errors.KeyCheckError`
(an :class:`AssertionError`, raised even under ``python -O``) unless the right answer is
correct with full marks and each wrong answer is not correct. nbval runs these cells, so
changing any ``answer`` in ``quizzes.yaml`` fails the tests.
"""

from __future__ import annotations

from medialit.article.model import Article, load_article
from medialit.errors import KeyCheckError
from medialit.quizzes import find_question
from medialit.quizzes.bank import load_bank
from medialit.quizzes.exit_tickets import teacher_keys_file
from medialit.quizzes.questions import Highlight
from medialit.quizzes.scoring import grade


def phrases_to_spans(question: Highlight, phrases) -> list[tuple[int, int]]:
    """For highlight keys written as words: each phrase's offsets in the passage.

    A phrase must occur exactly once in the passage, so the teacher's answer is never
    ambiguous; the error says which phrase and how often it occurs.
    """
    spans = []
    text, base = question.passage_text, question.passage.start
    for phrase in phrases:
        if not isinstance(phrase, str):
            spans.append(phrase)
            continue
        count = text.count(phrase)
        if count != 1:
            raise ValueError(f"{question.id}: {phrase!r} occurs {count} times in the passage "
                             f"({question.passage.label}); give a phrase that occurs once")
        at = text.index(phrase) + base
        spans.append((at, at + len(phrase)))
    return spans


def verify_key(question_id: str, right, wrong, article=None) -> str:
    """Check one question's key both ways; returns (and prints) a one-line summary."""
    if article is None:
        art = load_article(find_question(question_id))
    else:
        art = article if isinstance(article, Article) else load_article(article)
    bank = load_bank(art, teacher_keys=True)   # exit tickets are checked with the teacher's keys
    if question_id not in bank:
        raise KeyError(f"no question {question_id!r} in {art.quiz_file}")
    question = bank[question_id]
    if question.key_withheld:
        raise KeyCheckError(f"{question_id} is an exit ticket and its key is not in "
                             f"{teacher_keys_file(art)} (the teacher's keys file)")
    if not isinstance(wrong, (list, tuple)) or not wrong:
        raise ValueError(f"{question_id}: give at least one wrong answer as a list")
    if isinstance(question, Highlight):
        right = phrases_to_spans(question, right)
        wrong = [phrases_to_spans(question, w) for w in wrong]
    good = grade(question, question.coerce(right))
    if not (good.correct and good.score == 1.0):
        raise KeyCheckError(f"{question_id}: the teacher's right answer {right!r} was graded "
                            f"correct={good.correct}, score={good.score:.2f} - is the key in quizzes.yaml wrong?")
    for answer in wrong:
        bad = grade(question, question.coerce(answer))
        if bad.correct:
            raise KeyCheckError(f"{question_id}: the wrong answer {answer!r} was graded correct "
                                f"(score {bad.score:.2f}) - is the key in quizzes.yaml wrong?")
        if not bad.feedback.strip():
            raise KeyCheckError(f"{question_id}: no feedback for the wrong answer {answer!r}")
    summary = f"{question_id}: key verified ({question.type}, 1 right, {len(wrong)} wrong)"
    print(summary)
    return summary


def model_answer(question_id: str, article=None) -> str:
    """An open question's model answer from the teacher's keys file (for a teacher cell).

    Raises :class:`~medialit.errors.KeyCheckError` when the question is not open or the keys
    file gives it no ``model_answer``, so a solutions notebook cannot show a missing one.
    """
    art = load_article(find_question(question_id)) if article is None else (
        article if isinstance(article, Article) else load_article(article))
    bank = load_bank(art, teacher_keys=True)
    if question_id not in bank:
        raise KeyError(f"no question {question_id!r} in {art.quiz_file}")
    question = bank[question_id]
    if question.type != "open":
        raise KeyCheckError(f"{question_id} is a {question.type} question, not an open one")
    if not question.model_answer:
        raise KeyCheckError(f"{question_id}: no model_answer in {teacher_keys_file(art)} (the teacher's keys file)")
    return question.model_answer
