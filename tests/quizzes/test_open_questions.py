"""Open questions: the bank's rubric and word guide checked with file, line and field; model
answers only in the teacher's keys file; answers kept as text and never scored in the kernel."""

from __future__ import annotations

import pytest

from medialit.errors import QuizAnswerError
from medialit.quizzes.bank import check_bank, load_bank
from medialit.quizzes.questions import MAX_OPEN_CHARS, Open
from medialit.quizzes.scoring import grade

from .test_quizzes_support import article_with_bank, line_of, mini, mini_bank, problems_for

GOOD_OPEN = """\
- id: o1
  type: open
  lesson: 1
  prompt: Who calls the plan a reckless gamble?
  words: 30-60 words
  rubric:
    - level: Beginning
      descriptor: Reacts to the topic.
    - level: Emerging
      descriptor: Does part of the work.
    - level: Proficient
      descriptor: Names who says it and what evidence there is.
"""


def one_problem(tmp_path, bank, needle, field):
    problems = problems_for(tmp_path, bank)
    assert len(problems) == 1, problems
    assert problems[0].field == field, problems[0]
    assert problems[0].line == line_of(bank, needle), problems[0]
    assert problems[0].file.endswith("quizzes.yaml")
    return problems[0]


def test_a_good_open_question(tmp_path):
    assert problems_for(tmp_path, GOOD_OPEN) == []
    q = load_bank(article_with_bank(tmp_path, GOOD_OPEN))["o1"]
    assert isinstance(q, Open) and q.type == "open" and q.words == "30-60 words"
    assert [(lv.number, lv.name) for lv in q.rubric] == [(1, "Beginning"), (2, "Emerging"), (3, "Proficient")]
    assert q.level("proficient").number == 3 and q.level(2).name == "Emerging" and q.level("Top") is None
    assert q.explanation and q.model_answer == ""


def test_the_fixture_open_question_has_its_model_answer_only_with_the_teacher_keys():
    assert load_bank(mini())["mini-reflect"].model_answer == ""
    assert "no critic is named" not in repr(load_bank(mini())["mini-reflect"])
    assert "no critic is named" in mini_bank()["mini-reflect"].model_answer


def test_rubric_missing(tmp_path):
    bank = GOOD_OPEN.split("  rubric:")[0]
    problem = one_problem(tmp_path, bank, "- id: o1", "rubric")
    assert "open question needs rubric" in problem.message


@pytest.mark.parametrize("rubric, field, message", [
    ("  rubric:\n    - level: Only\n      descriptor: One level.\n", "rubric", "2 to 9 levels"),
    ("  rubric: [Beginning, Proficient]\n", "rubric[1]", "mapping with level and descriptor"),
])
def test_rubric_shape(tmp_path, rubric, field, message):
    bank = GOOD_OPEN.split("  rubric:")[0] + rubric
    problems = problems_for(tmp_path, bank)
    assert [p.field for p in problems][:1] == [field] and message in problems[0].message, problems


def test_level_without_descriptor_names_its_line(tmp_path):
    bank = GOOD_OPEN.replace("      descriptor: Does part of the work.\n", "")
    problem = one_problem(tmp_path, bank, "- level: Emerging", "rubric[2].descriptor")
    assert "missing" in problem.message


def test_duplicate_level_and_unknown_level_field(tmp_path):
    bank = GOOD_OPEN.replace("level: Emerging", "level: beginning")
    one_problem(tmp_path, bank, "level: beginning", "rubric[2].level")
    bank = GOOD_OPEN.replace("      descriptor: Reacts to the topic.", "      descriptor: Reacts.\n      points: 1")
    one_problem(tmp_path, bank, "points: 1", "rubric[1].points")


def test_words_must_be_text(tmp_path):
    one_problem(tmp_path, GOOD_OPEN.replace("words: 30-60 words", "words: [30, 60]"), "words:", "words")


def test_a_model_answer_in_the_student_bank_is_refused(tmp_path):
    bank = GOOD_OPEN + "  model_answer: The critics say so, with no evidence.\n"
    problem = one_problem(tmp_path, bank, "model_answer:", "model_answer")
    assert "solutions/keys/" in problem.message


def test_an_open_question_cannot_be_an_exit_ticket(tmp_path):
    one_problem(tmp_path, GOOD_OPEN + "  summative: true\n", "summative:", "summative")


def test_keys_file_entries_for_open_questions_are_checked(tmp_path, monkeypatch):
    article = article_with_bank(tmp_path, GOOD_OPEN)
    keys = tmp_path / "keys"
    keys.mkdir()
    monkeypatch.setenv("MEDIALIT_TEACHER_KEYS", str(keys))
    keys_file = keys / f"{article.slug}.yaml"
    keys_file.write_text("o1:\n  model_answer: A model.\n", encoding="utf-8")
    assert load_bank(article, teacher_keys=True)["o1"].model_answer == "A model."
    assert load_bank(article)["o1"].model_answer == ""
    keys_file.write_text("o1:\n  answer: A model.\n", encoding="utf-8")
    problems = check_bank(article)
    assert [(p.file, p.line, p.field) for p in problems] == [(str(keys_file), 2, "o1.answer"),
                                                            (str(keys_file), 2, "o1.model_answer")], problems


def test_coerce_and_grade_never_score():
    q = load_bank(mini())["mini-reflect"]
    assert q.coerce(None) is None and q.coerce("   \n") is None
    assert q.coerce("<b>=1+1</b>") == "<b>=1+1</b>"           # kept exactly as typed
    assert q.coerce("x" * MAX_OPEN_CHARS) == "x" * MAX_OPEN_CHARS
    with pytest.raises(QuizAnswerError, match="at most 20,000"):
        q.coerce("x" * (MAX_OPEN_CHARS + 1))
    with pytest.raises(QuizAnswerError, match="as text"):
        q.coerce(["a list"])
    result = grade(q, "My own words.")
    assert result.answered and result.score is None and result.correct is None and result.recorded_only
    assert "teacher" in result.feedback and "Correct" not in result.html
    assert not grade(q, None).answered


def test_every_lesson_1_to_7_has_an_open_question_shown_in_its_notebook():
    import re

    import nbformat

    from medialit import load_article
    from tests.conftest import ROOT

    bank = load_bank(load_article(ROOT / "seeds" / "raqqa-exodus"))
    for lesson in range(1, 8):
        [path] = sorted((ROOT / "notebooks").glob(f"0{lesson}-*.ipynb"))
        nb = nbformat.read(path, 4)
        shown = [m for c in nb.cells if c.cell_type == "code"
                 for m in re.findall(r'medialit\.quiz\("([^"]+)"\)', c.source)]
        opens = [qid for qid in shown if bank[qid].type == "open" and bank[qid].lesson == lesson]
        assert opens, f"{path.name} shows no open question of lesson {lesson}"
        assert all(len(bank[qid].rubric) == 3 for qid in opens)
        assert "Write your" not in " ".join(c.source for c in nb.cells if c.cell_type == "markdown"
                                            and "medialit.quiz" not in c.source and "here*" in c.source)


def test_every_practice_open_question_has_a_model_answer_shown_only_in_a_teacher_cell():

    from medialit import load_article
    from medialit.quizzes.keys import model_answer
    from tests.conftest import ROOT

    article = load_article(ROOT / "seeds" / "raqqa-exodus")
    practice = [q for q in load_bank(article).values() if q.type == "open" and q.id.startswith("p")]
    assert len(practice) >= 17
    for q in practice:
        assert len(model_answer(q.id, article)) > 40, q.id
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert "model_answer" not in text and "BEGIN ANSWER" not in text, path.name
    with pytest.raises(Exception, match="not an open one"):
        model_answer("l1-two-dates", article)


def check_sections(root) -> dict[int, tuple[str, list[str]]]:
    """Each lesson 1-6's "Check your understanding" markdown and the quiz ids of the code cells
    that follow it (up to the next markdown cell)."""
    import re

    import nbformat

    out = {}
    for lesson in range(1, 7):
        [path] = sorted((root / "notebooks").glob(f"0{lesson}-*.ipynb"))
        cells = nbformat.read(path, 4).cells
        [at] = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
                and "## Check your understanding" in c.source]
        shown = []
        for cell in cells[at + 1:]:
            if cell.cell_type != "code":
                break
            shown += re.findall(r'medialit\.quiz\("([^"]+)"\)', cell.source)
        out[lesson] = (cells[at].source.partition("## Check your understanding")[2], shown)
    return out


def check_problems(bank, sections, model_answer) -> list[str]:
    """What is wrong with lessons 1-6's check-your-understanding questions (empty: nothing)."""
    import re

    problems = []
    for lesson, (text, shown) in sections.items():
        if re.search(r"^\s*\d+\. ", text, flags=re.M):
            problems.append(f"lesson {lesson}: the check is still a numbered list in markdown")
        in_bank = [qid for qid, q in bank.items() if qid.startswith(f"l{lesson}-check-")]
        if len(shown) < 3 or shown != in_bank:
            problems.append(f"lesson {lesson}: shows {shown}, the bank has {in_bank}")
        for qid in shown:
            q = bank.get(qid)
            if q is None or q.type != "open" or q.lesson != lesson or len(q.rubric) != 3 or q.model_answer:
                problems.append(f"{qid}: not an open question of lesson {lesson} with a three-level rubric "
                                "and no model answer in the student's bank")
                continue
            if len(model_answer(qid)) < 40:
                problems.append(f"{qid}: no model answer in the teacher's keys")
    return problems


def test_every_check_your_understanding_item_is_an_open_question_with_a_teacher_only_model_answer():
    from medialit import load_article
    from medialit.quizzes.keys import model_answer
    from tests.conftest import ROOT

    article = load_article(ROOT / "seeds" / "raqqa-exodus")
    bank = load_bank(article)
    sections = check_sections(ROOT)
    assert check_problems(bank, sections, lambda qid: model_answer(qid, article)) == []
    assert sum(len(shown) for _, shown in sections.values()) == 24
    # The check fails on what it guards against: a list left in markdown, an item not shown,
    # an item that is not open, and a missing model answer.
    text, shown = sections[4]
    assert check_problems(bank, {4: ("\n1. Why ...?\n" + text, shown)}, lambda qid: "x" * 80)
    assert check_problems(bank, {4: (text, shown[:-1])}, lambda qid: "x" * 80)
    assert check_problems(bank, {4: (text, shown[:-1] + ["l4-mad-dog"])}, lambda qid: "x" * 80)
    assert check_problems(bank, {4: (text, shown)}, lambda qid: "")
