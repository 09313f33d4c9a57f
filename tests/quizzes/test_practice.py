"""Practice quizzes for any article, built from its annotation layer."""

import pytest

from medialit import load_article, validate
from medialit.quizzes import practice
from medialit.quizzes.questions import Categorize, Highlight
from medialit.quizzes.widgets import Quiz
from medialit.text.spans import overlap
from medialit.vocabulary import CATEGORIES

SAMPLE = "sample-school-lunch"


@pytest.fixture(autouse=True)
def no_progress_store(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALIT_PROGRESS", "off")
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "medialit-home"))


@pytest.fixture(params=["sample", "mini"])
def article(request, root, resources):
    folder = root / "seeds" / SAMPLE if request.param == "sample" else resources / "mini-article"
    return load_article(folder)


def expected_key(art, start, end, category):
    """Annotations of ``category`` overlapping start..end, clipped: (id, start, end)."""
    out = []
    for row in art.annotations.itertuples(index=False):
        if row.start < end and row.end > start and (category is None or row.category == category):
            out.append((row.id, max(row.start, start), min(row.end, end)))
    return out


# ------------------------------------------------------------------- the sample article
def test_the_sample_article_is_valid_and_labelled_invented(root):
    folder = root / "seeds" / SAMPLE
    assert validate(folder) == []
    art = load_article(folder)
    assert art.meta["kind"] == "opinion" and "invented" in art.meta["publisher"].lower()
    assert "invented" in (folder / "meta.yaml").read_text(encoding="utf-8").lower()
    assert "fictional" in art.text.splitlines()[-1]
    assert 300 <= len(art.text.split()) <= 400
    assert 15 <= len(art.annotations) <= 25
    assert set(art.annotations["category"]) == set(CATEGORIES)
    speakers = art.sources[art.sources["id"] != "author"]
    assert len(speakers) >= 2 and all("invented" in says.lower() for says in art.sources["says"])
    assert "“" in art.text                                # curly quotes: offsets count characters


# -------------------------------------------------------------------- highlight questions
def test_highlight_keys_equal_the_annotations_in_each_passage(article):
    questions = practice.highlight_questions(article)
    assert questions and all(isinstance(q, Highlight) for q in questions)
    covered = set()
    for q in questions:
        category = next(c for c, short in practice.SHORT.items() if q.id.startswith(f"practice-{short}-"))
        assert [(k.id, k.start, k.end) for k in q.key] == expected_key(
            article, q.passage.start, q.passage.end, category)
        assert all(k.text == article.text[k.start:k.end] for k in q.key)
        assert q.passage_text == article.text[q.passage.start:q.passage.end]
        assert q.lesson == practice.LESSON[category] and str(len(q.key)) in q.hint
        covered |= {k.id for k in q.key}
    assert covered == set(article.annotations["id"])      # every annotation is asked for somewhere


def test_passages_cover_the_paragraphs_in_order(article):
    paragraphs = len(article.paragraphs)
    for size in (1, 2, 3, paragraphs + 5):
        questions = practice.highlight_questions(article, paragraphs_per_passage=size)
        labels = list(dict.fromkeys(q.passage.label for q in questions))
        for label in labels:
            numbers = [int(n) for n in label.split()[-1].split("-")]
            assert numbers[-1] - numbers[0] + 1 <= size
        assert len({q.id for q in questions}) == len(questions)   # ids unique


def test_one_question_per_passage_without_per_category(article):
    questions = practice.highlight_questions(article, per_category=False, paragraphs_per_passage=2)
    assert len({q.passage.label for q in questions}) == len(questions)
    for q in questions:
        assert q.id.startswith("practice-all-") and q.lesson == 7
        assert [(k.id, k.start, k.end) for k in q.key] == expected_key(article, q.passage.start, q.passage.end, None)


def test_categories_can_be_limited():
    art = load_article(SAMPLE)
    questions = practice.highlight_questions(art, categories=["framing"])
    assert questions and all(q.id.startswith("practice-framing-") for q in questions)
    with pytest.raises(ValueError, match="unknown category 'opinion'"):
        practice.highlight_questions(art, categories=["opinion"])
    with pytest.raises(ValueError, match="paragraphs_per_passage"):
        practice.highlight_questions(art, paragraphs_per_passage=0)


# ------------------------------------------------------------------- categorize question
def test_categorize_answers_come_from_the_annotations(article):
    q = practice.categorize_question(article, n=4, seed=3)
    assert isinstance(q, Categorize) and q.id == "practice-sort-n4-s3"
    notes = article.annotations.set_index("id")
    flagged = [i for i in q.items if i.annotation]
    assert len(flagged) == 4 and len(q.items) == 5
    assert {notes.loc[i.annotation, "category"] for i in flagged} == set(CATEGORIES)   # spread over all three
    for item in flagged:
        assert q.answer[item.id] == notes.loc[item.annotation, "category"]
        assert item.text == " ".join(notes.loc[item.annotation, "text"].split())
    (plain,) = [i for i in q.items if not i.annotation]
    assert q.answer[plain.id] == "none"
    start = article.text.find(plain.text)
    assert start >= 0 and not any(overlap((start, start + len(plain.text)), (r.start, r.end))
                                  for r in article.annotations.itertuples())
    assert not any(i.id.startswith(("q-", "f-", "g-")) for i in q.items)   # ids do not give the answer away


def test_categorize_items_are_unambiguous(article):
    rows = list(article.annotations.itertuples(index=False))
    for seed in range(5):
        q = practice.categorize_question(article, n=6, seed=seed)
        for item in q.items:
            if item.annotation:
                row = next(r for r in rows if r.id == item.annotation)
                assert not any(o.category != row.category and o.start < row.end and o.end > row.start for o in rows)


def test_categorize_without_none_and_errors(article):
    q = practice.categorize_question(article, n=3, seed=0, none_items=0)
    assert len(q.items) == 3 and "none" not in q.answer.values()
    with pytest.raises(ValueError, match="n must be"):
        practice.categorize_question(article, n=0)


# --------------------------------------------------------------------- grading and quizzes
def test_a_perfect_answer_scores_1_and_an_empty_one_0(article):
    quizzes = practice.practice_quizzes(article)
    assert quizzes and all(isinstance(q, Quiz) for q in quizzes)
    assert [q.question.type for q in quizzes][-1] == "categorize"
    for quiz in quizzes:
        quiz.answer(practice.key_answer(quiz.question))
        result = quiz.check()
        assert result.correct and result.score == pytest.approx(1.0), quiz.question_id
        quiz.answer([] if quiz.question.type == "highlight" else {})
        empty = quiz.check()
        assert empty.score == 0 and not empty.correct and not empty.answered
    table = practice.self_check(quizzes)
    assert list(table["key score"].unique()) == [1.0] and list(table["empty score"].unique()) == [0.0]


def test_a_half_answer_is_graded_between(article):
    q = next(q for q in practice.highlight_questions(article) if len(q.key) >= 2)
    quiz = Quiz(q, article)
    first = q.key[0]
    quiz.answer([(first.start, first.end)])
    result = quiz.check()
    assert 0 < result.score < 1


def test_questions_are_deterministic_across_calls(article):
    first = practice.practice_questions(article, seed=7)
    again = practice.practice_questions(load_article(article.folder, reload=True), seed=7)
    assert first == again
    assert [q.id for q in first] == [q.id for q in again]
    assert repr(practice.practice_quizzes(article)) == repr(practice.practice_quizzes(article))


def test_the_sample_gets_a_full_practice_set():
    quizzes = practice.practice_quizzes(SAMPLE)
    ids = [q.question_id for q in quizzes]
    assert ids[-1] == "practice-sort-n6-s0" and len(ids) == 11
    for category in ("quotes", "framing", "claims"):
        assert any(i.startswith(f"practice-{category}-") for i in ids)
    assert all(len(repr(q)) <= 110 for q in quizzes)         # widget text repr is stable, not truncated


def test_the_long_article_works_too():
    art = load_article("raqqa-exodus")
    questions = practice.practice_questions(art)
    assert len(questions) > 20 and questions == practice.practice_questions(art)
    assert set(practice.self_check(questions)["key correct"]) == {True}


def test_practice_answers_stay_out_of_the_progress_store(monkeypatch, tmp_path):
    from medialit.classroom.store import Store

    monkeypatch.delenv("MEDIALIT_PROGRESS", raising=False)
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    Store().save(SAMPLE, "practice-sort-n6-s0", {"a": "framing"}, score=0.0, correct=False, attempts=1)
    quiz = practice.practice_quizzes(SAMPLE)[-1]            # the sorting question, saved above by hand
    assert quiz.recorder is None and quiz.current_answer is None and quiz.attempts == 0   # nothing restored
    quiz.answer(practice.key_answer(quiz.question))
    assert quiz.check().correct
    quiz._on_check_click()                                   # the button path too
    assert [r["question"] for r in Store().records()] == ["practice-sort-n6-s0"]      # nothing saved
    assert Store().get(SAMPLE, "practice-sort-n6-s0")["attempts"] == 1
    assert isinstance(quiz, Quiz) and quiz.attempts == 2
