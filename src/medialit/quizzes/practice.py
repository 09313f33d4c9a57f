"""Practice quizzes for any article, built from its annotation layer (no quizzes.yaml needed).

    from medialit import load_article
    from medialit.quizzes import practice
    art = load_article("sample-school-lunch")
    quizzes = practice.practice_quizzes(art)      # Quiz widgets, ready to display

- :func:`highlight_questions`: the article cut into passages of a few paragraphs; for
  each passage and category (or all categories at once) one *highlight* question whose
  key is the annotations of that category in the passage (clipped to it, as the quiz
  bank does).
- :func:`categorize_question`: one *categorize* question: ``n`` annotated excerpts drawn
  with a seeded random generator, spread over the categories, plus (optionally) one
  sentence the layer flags nothing in, to be sorted as "none".

Everything is derived from ``annotations.yaml`` when called: the same article and
arguments give the same questions, ids, order and keys every time, so notebooks that
show them are stable under nbval. Question ids start ``practice-`` and name the
passage (``practice-framing-p1-3``).

Practice answers are not saved in the progress store or handed in (the questions are
not in any quiz bank): see :func:`practice_quiz`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

from medialit.article.model import Article, load_article
from medialit.quizzes.questions import BINS, Categorize, Highlight, Item, KeySpan, Passage, Question
from medialit.quizzes.scoring import grade
from medialit.vocabulary import CATEGORIES

#: The lesson each practice question belongs to (for the progress store and the report).
LESSON = {"quoted_reporting": 3, "framing": 4, "generalization": 5, None: 7}
#: Short names used in question ids.
SHORT = {"quoted_reporting": "quotes", "framing": "framing", "generalization": "claims"}
#: How a prompt names each category's spans.
PHRASE = {"quoted_reporting": "the quoted reporting", "framing": "the framing language",
          "generalization": "the unsupported generalizations"}
#: What a student looks for, per category.
LOOK_FOR = {
    "quoted_reporting": "someone else's words and what happened to them: quotations, "
                        "paraphrases, who is credited, cuts",
    "framing": "word choices that push a reading before any evidence: loaded words, labels, "
               "scare quotes, rhetorical questions",
    "generalization": "claims stated as fact beyond the evidence given: sweeping claims, "
                      "motives, analogies, what would have happened",
}
PASS_MARK = 0.5

_ITEM_IDS = "abcdefghijklmnopqrstuvwxyz"


def _article(article):
    return article if isinstance(article, Article) else load_article(article)


def _passages(article, paragraphs_per_passage: int) -> list[tuple[int, int, str, str]]:
    """(start, end, label, id part) for consecutive groups of paragraphs."""
    if not isinstance(paragraphs_per_passage, int) or paragraphs_per_passage < 1:
        raise ValueError(f"paragraphs_per_passage must be a whole number >= 1, not {paragraphs_per_passage!r}")
    count = len(article.paragraphs)
    out = []
    for first in range(1, count + 1, paragraphs_per_passage):
        last = min(first + paragraphs_per_passage - 1, count)
        start, end = article.paragraph_span(first, last)
        label = f"paragraph {first}" if first == last else f"paragraphs {first}-{last}"
        out.append((start, end, label, f"p{first}" if first == last else f"p{first}-{last}"))
    return out


def _key(article, start: int, end: int, category: str | None) -> tuple[KeySpan, ...]:
    """The annotations overlapping ``start..end`` (of one category), clipped to it."""
    frame = article.annotations
    inside = frame[(frame["start"] < end) & (frame["end"] > start)]
    if category is not None:
        inside = inside[inside["category"] == category]
    spans = []
    for row in inside.itertuples(index=False):
        s, e = max(int(row.start), start), min(int(row.end), end)
        spans.append(KeySpan(row.id, s, e, article.text[s:e], row.category, row.label, row.note))
    return tuple(spans)


def highlight_questions(article, per_category: bool = True, paragraphs_per_passage: int = 3,
                        categories: Iterable[str] | None = None) -> list[Highlight]:
    """Highlight questions over the whole article, keyed by its annotation layer.

    The article's paragraphs are taken ``paragraphs_per_passage`` at a time. With
    ``per_category`` each passage gets one question per category it has annotations
    of (in the order quoted reporting, framing, generalization); without it, one
    question whose key is every annotation in the passage. Passages with nothing to
    find get no question. ``categories`` limits the categories used.
    """
    article = _article(article)
    wanted = list(CATEGORIES) if categories is None else list(categories)
    for category in wanted:
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    questions: list[Highlight] = []
    for start, end, label, part in _passages(article, paragraphs_per_passage):
        groups = [(c, _key(article, start, end, c)) for c in wanted] if per_category else \
            [(None, tuple(k for k in _key(article, start, end, None) if k.category in wanted))]
        for category, key in groups:
            if not key:
                continue
            count = len(key)
            if category is None:
                what = "every flagged span (quoted reporting, framing language and unsupported generalizations)"
                qid = f"practice-all-{part}"
                description = "every category"
                look = "quotes and who is credited, framing words, claims beyond the evidence"
            else:
                what = PHRASE[category]
                qid = f"practice-{SHORT[category]}-{part}"
                description = CATEGORIES[category]
                look = LOOK_FOR[category]
            labels = sorted({k.label.replace("_", " ") for k in key})
            questions.append(Highlight(
                id=qid, lesson=LESSON[category],
                prompt=f"Highlight {what} in {label}.",
                explanation=(f"The annotation layer of this article flags {count} span(s) here "
                             f"({', '.join(labels)}). Read each note: it says what the words do "
                             "and why that matters."),
                hint=f"There {'is' if count == 1 else 'are'} {count} to find. Look for {look}.",
                passage=Passage(start, end, label),
                file=str(article.folder / "annotations.yaml"),
                key=key, key_description=description, pass_mark=PASS_MARK,
                passage_text=article.text[start:end]))
    return questions


def _meta(article) -> dict:
    """The article's metadata, or {} while meta.yaml still has problems (a new article)."""
    try:
        return article.meta
    except Exception:  # noqa: BLE001 - ArticleError / SeedError: quizzes still work without it
        return {}


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def categorize_question(article, n: int = 6, seed: int = 0, none_items: int = 1,
                        max_chars: int = 300) -> Categorize:
    """A sorting question: ``n`` annotated excerpts (and ``none_items`` unflagged sentences).

    Excerpts are drawn with ``random.Random(seed)``, taking the categories in turn so
    each is represented; an annotation that overlaps one of another category is left
    out (its answer would be ambiguous), and so are repeated texts and excerpts longer
    than ``max_chars`` unless nothing else is left. The answer of each excerpt is its
    annotation's category; an unflagged sentence (no annotation overlaps it) is
    "none". Raises ``ValueError`` if fewer than two excerpts can be found.
    """
    article = _article(article)
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number >= 1, not {n!r}")
    rng = random.Random(seed)
    frame = article.annotations
    rows = list(frame.itertuples(index=False))

    def overlaps(row, same_category: bool) -> bool:
        return any(o is not row and (same_category or o.category != row.category)
                   and o.start < row.end and o.end > row.start for o in rows)

    texts = [_clean(r.text) for r in rows]
    repeated = {t for t in texts if texts.count(t) > 1}
    # never ambiguous (overlapping another category), repeated or without a word
    usable = [r for r in rows if not overlaps(r, False) and _clean(r.text) not in repeated
              and re.search(r"\w\w", r.text)]
    # best: short excerpts that overlap no other annotation at all (no quote inside a quote)
    pool = usable
    for tier in ([r for r in usable if len(_clean(r.text)) <= max_chars and not overlaps(r, True)],
                 [r for r in usable if len(_clean(r.text)) <= max_chars]):
        if len(tier) >= min(n, len(usable)):
            pool = tier
            break
    by_category = {c: [r for r in pool if r.category == c] for c in CATEGORIES}
    for rows_of in by_category.values():
        rng.shuffle(rows_of)
    order = list(CATEGORIES)
    rng.shuffle(order)
    chosen = []
    while len(chosen) < n and any(by_category.values()):
        for category in order:
            if by_category[category] and len(chosen) < n:
                chosen.append(by_category[category].pop())
    excerpts = [(_clean(r.text), r.category, r.id, _clean(r.note)) for r in chosen]
    if none_items:
        credit = _clean(_meta(article).get("credit", ""))
        plain = [s for s in article.sentences.itertuples(index=False)
                 if 30 <= len(s.text) <= max_chars and len(s.text.split()) >= 6
                 and re.search(r"[a-z][.!?][\"'”’)]*$", s.text)          # a sentence, not page furniture
                 and _clean(s.text) not in credit
                 and not any(r.start < s.end and r.end > s.start for r in rows)]
        for s in rng.sample(plain, min(none_items, len(plain))):
            excerpts.append((_clean(s.text), "none", "",
                             "The annotation layer flags nothing in this sentence, so the answer here "
                             "is none of these. If you disagree, say why: the layer may have missed "
                             "something."))
    if len(excerpts) < 2:
        raise ValueError(f"{article.slug}: only {len(excerpts)} excerpt(s) can be sorted; "
                         "annotate more spans in annotations.yaml")
    rng.shuffle(excerpts)
    items = tuple(Item(_ITEM_IDS[i] if i < len(_ITEM_IDS) else f"item-{i + 1}", text, ann, note)
                  for i, (text, _, ann, note) in enumerate(excerpts))
    answer = {item.id: category for item, (_, category, _, _) in zip(items, excerpts)}
    kinds = ", ".join(BINS[c].lower() for c in BINS)
    return Categorize(
        id=f"practice-sort-n{n}-s{seed}", lesson=LESSON[None],
        prompt=f"Sort each excerpt from {_meta(article).get('title') or article.slug} into what it is "
               f"an example of: {kinds}.",
        explanation=("Ask of each excerpt: whose words are these, does a word carry a verdict before "
                     "the evidence, and is a claim bigger than its evidence? The answers come from "
                     "the article's annotation layer."),
        hint="Quotation marks or a speaker point to quoted reporting; a word that judges points to "
             "framing; 'every', 'never' or a claim about motives points to a generalization.",
        file=str(article.folder / "annotations.yaml"),
        items=items, answer=answer)


def practice_questions(article, *, per_category: bool = True, paragraphs_per_passage: int = 3,
                       n: int = 6, seed: int = 0) -> list[Question]:
    """The highlight questions, then the categorize question (if one can be made)."""
    article = _article(article)
    questions: list[Question] = list(highlight_questions(article, per_category, paragraphs_per_passage))
    try:
        questions.append(categorize_question(article, n=n, seed=seed))
    except ValueError:
        pass
    return questions


def practice_quiz(question: Question, article):
    """One practice question as a quiz widget whose answers are not saved or restored.

    Practice questions are not in the article's quiz bank: saved with the lesson answers
    they would be handed in as unknown questions (and the class report would refuse the
    hand-in), and counted in "my progress" as lesson work. So the quiz gets no recorder.
    """
    from medialit.quizzes.widgets import Quiz  # ipywidgets loads only once a quiz is shown

    return Quiz(question, _article(article))


def practice_quizzes(article, **options) -> list:
    """Quiz widgets for :func:`practice_questions`, with no recorder: their answers are kept
    out of the progress store and hand-ins."""
    article = _article(article)
    return [practice_quiz(question, article) for question in practice_questions(article, **options)]


def key_answer(question: Question):
    """The answer that the key itself gives (for teachers checking a quiz, and tests)."""
    if isinstance(question, Highlight):
        return [(k.start, k.end) for k in question.key]
    if isinstance(question, Categorize):
        return dict(question.answer)
    raise TypeError(f"practice questions are highlight or categorize, not {question.type}")


def self_check(quizzes_or_questions):
    """Grade each question's own key and an empty answer, without touching any widget.

    A table: id, type, passage, to find (key spans or excerpts), key score, empty score.
    Every key should score 1 and every empty answer 0; nothing is saved.
    """
    import pandas as pd

    rows = []
    for item in quizzes_or_questions:
        q = getattr(item, "question", item)
        perfect = grade(q, q.coerce(key_answer(q)))
        empty = grade(q, q.coerce([] if isinstance(q, Highlight) else {}))
        rows.append({"id": q.id, "type": q.type,
                     "passage": q.passage.label if q.passage else "",
                     "to find": len(q.key) if isinstance(q, Highlight) else len(q.items),
                     "key score": round(perfect.score, 3), "key correct": perfect.correct,
                     "empty score": round(empty.score, 3)})
    return pd.DataFrame(rows, columns=["id", "type", "passage", "to find", "key score",
                                       "key correct", "empty score"])
