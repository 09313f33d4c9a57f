"""Quiz bank checks: each class of bad input is reported with file, line and field."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialit import ArticleError, validate
from medialit.cli import main
from medialit.quizzes.bank import check_bank, load_bank
from tests.conftest import accepted_must_work

from .test_quizzes_support import MINI, article_with_bank, line_of, mini, problems_for

GOOD_SINGLE = """\
- id: q1
  type: single_choice
  lesson: 1
  prompt: Who is quoted?
  options:
    - {id: mayor, text: The mayor}
    - {id: engineer, text: The engineer}
  answer: mayor
  explanation: The mayor's words are in quotation marks.
"""


def only_problem(tmp_path, bank: str, needle: str, field: str):
    """The bank has exactly one problem, on the line holding ``needle``, naming ``field``."""
    problems = problems_for(tmp_path, bank)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file.endswith("quizzes.yaml")
    assert problem.line == line_of(bank, needle), problem
    assert problem.field == field, problem
    text = str(problem)
    assert f"quizzes.yaml:{problem.line} [{field}]" in text
    return problem


def test_the_fixture_bank_is_clean_and_medialit_check_says_ok(capsys):
    assert check_bank(mini()) == []
    assert validate(MINI) == []
    assert main(["check", str(MINI)]) == 0
    assert capsys.readouterr().out.strip().endswith("OK")


def test_a_good_minimal_bank(tmp_path):
    assert problems_for(tmp_path, GOOD_SINGLE) == []


def test_unknown_type(tmp_path):
    bank = GOOD_SINGLE.replace("type: single_choice", "type: true_false")
    problem = only_problem(tmp_path, bank, "type: true_false", "type")
    assert "unknown type 'true_false'" in problem.message and "single_choice" in problem.message


@pytest.mark.parametrize("field", ["prompt", "explanation", "lesson", "answer", "options"])
def test_missing_field(tmp_path, field):
    bank = "\n".join(line for line in GOOD_SINGLE.splitlines()
                     if not line.startswith(f"  {field}:") and not (field == "options" and line.startswith("    - ")))
    problems = problems_for(tmp_path, bank)
    missing = [p for p in problems if p.field == field]
    assert missing, problems
    assert missing[0].line == 1 and "missing" in missing[0].message
    assert missing[0].file.endswith("quizzes.yaml")


def test_answer_not_among_option_ids(tmp_path):
    bank = GOOD_SINGLE.replace("answer: mayor", "answer: governor")
    problem = only_problem(tmp_path, bank, "answer: governor", "answer")
    assert "'governor' is not among the option ids (mayor, engineer)" in problem.message


def test_multi_answer_not_among_option_ids(tmp_path):
    bank = GOOD_SINGLE.replace("single_choice", "multi_choice").replace("answer: mayor", "answer: [mayor, clerk]")
    problem = only_problem(tmp_path, bank, "answer: [mayor, clerk]", "answer")
    assert "'clerk'" in problem.message


def test_multi_answer_must_be_a_list(tmp_path):
    bank = GOOD_SINGLE.replace("single_choice", "multi_choice")
    only_problem(tmp_path, bank, "answer: mayor", "answer")


def test_option_without_text(tmp_path):
    bank = GOOD_SINGLE.replace("{id: engineer, text: The engineer}", "{id: engineer}")
    only_problem(tmp_path, bank, "{id: engineer}", "options[2].text")


def test_duplicate_question_id(tmp_path):
    bank = GOOD_SINGLE + GOOD_SINGLE.replace("- id: q1", "- id: q1   # again")
    problem = only_problem(tmp_path, bank, "# again", "id")
    assert "duplicate id 'q1' (first used on line 1)" in problem.message


def test_unknown_field_and_bad_lesson_and_summative(tmp_path):
    bank = GOOD_SINGLE.replace("lesson: 1", "lesson: one\n  difficulty: 3\n  summative: maybe")
    problems = problems_for(tmp_path, bank)
    assert {(p.field, p.line) for p in problems} == {
        ("lesson", line_of(bank, "lesson: one")),
        ("difficulty", line_of(bank, "difficulty: 3")),
        ("summative", line_of(bank, "summative: maybe")),
    }


def test_summative_keeps_its_key_out_of_the_bank(tmp_path):
    bank = GOOD_SINGLE.replace("lesson: 1", "lesson: 1\n  summative: true")
    article = article_with_bank(tmp_path, bank)
    fields = sorted(p.field for p in check_bank(article))
    assert "answer" in fields and "explanation" in fields          # both give the key away
    assert all("solutions/keys/" in p.message for p in check_bank(article) if p.field in {"answer", "explanation"})


def test_an_exit_ticket_offers_no_hint(tmp_path):
    """Issue 19: every exit ticket had a hint ("Subtract.") that gave the method away."""
    bank = GOOD_SINGLE.replace("lesson: 1", "lesson: 1\n  summative: true\n  hint: Look for quotation marks.")
    article = article_with_bank(tmp_path, bank)
    hints = [p for p in check_bank(article) if p.field == "hint"]
    assert len(hints) == 1 and hints[0].line == line_of(bank, "hint: Look")
    assert "offers no hint" in hints[0].message
    lesson = GOOD_SINGLE.replace("lesson: 1", "lesson: 1\n  hint: Look for quotation marks.")  # a lesson quiz may
    assert not [p for p in check_bank(article_with_bank(tmp_path / "lesson", lesson)) if p.field == "hint"]


def test_exit_ticket_without_keys_is_withheld_and_with_keys_is_graded(tmp_path, monkeypatch):
    from medialit.quizzes.scoring import grade

    article = mini()
    student = load_bank(article)["mini-cost"]
    assert student.summative and student.key_withheld
    assert grade(student, student.coerce(240000)).score is None      # never scored in the kernel
    teacher = load_bank(article, teacher_keys=True)["mini-cost"]
    assert not teacher.key_withheld and teacher.answer == 240000
    assert grade(teacher, teacher.coerce(240500)).correct
    monkeypatch.setenv("MEDIALIT_TEACHER_KEYS", str(tmp_path))       # a student's copy: no keys file
    assert load_bank(article, teacher_keys=True)["mini-cost"].key_withheld
    (tmp_path / "mini-article.yaml").write_text("{}\n", encoding="utf-8")   # a keys file without it
    with pytest.raises(ArticleError, match="no key for the exit ticket 'mini-cost'"):
        load_bank(article, teacher_keys=True)


def test_exit_ticket_rules_name_file_line_and_field(tmp_path, monkeypatch):
    keys = tmp_path / "keys"
    keys.mkdir()
    monkeypatch.setenv("MEDIALIT_TEACHER_KEYS", str(keys))
    bank = (CATEGORIZE.replace("lesson: 2", "lesson: 2\n  summative: true")
            + HIGHLIGHT_EXIT)
    article = article_with_bank(tmp_path, bank)
    (keys / f"{article.slug}.yaml").write_text(
        "sort:\n  answer: {a: quoted_reporting}\n  colour: red\nnot-a-ticket:\n  answer: x\n", encoding="utf-8")
    problems = check_bank(article)
    text = "\n".join(str(p) for p in problems)
    assert "an exit ticket's key must not be in quizzes.yaml" in text    # a highlight key gives it away
    assert "must be written out with text:" in text
    assert f"{article.slug}.yaml:3 [sort.colour]" in text
    assert f"{article.slug}.yaml:4 [not-a-ticket]" in text


HIGHLIGHT_EXIT = """
- id: hl-exit
  type: highlight
  lesson: 2
  summative: true
  prompt: Highlight the framing words.
  passage: {paragraphs: [3, 4]}
  key: {category: framing}
  explanation: Loaded words.
"""


CATEGORIZE = """\
- id: sort
  type: categorize
  lesson: 2
  prompt: Sort these.
  items:
    - {id: a, annotation: q-mayor}
    - {id: b, annotation: f-reckless}
    - {id: c, text: The vote passed.}
  answer:
    a: quoted_reporting
    b: framing
    c: none
  explanation: Because.
"""


def test_categorize_good(tmp_path):
    assert problems_for(tmp_path, CATEGORIZE) == []


def test_unknown_annotation_id(tmp_path):
    bank = CATEGORIZE.replace("annotation: f-reckless", "annotation: f-reckles")
    problem = only_problem(tmp_path, bank, "annotation: f-reckles", "items[b].annotation")
    assert "no annotation with id 'f-reckles'" in problem.message


def test_categorize_answer_disagreeing_with_its_annotation(tmp_path):
    bank = CATEGORIZE.replace("b: framing", "b: generalization")
    problem = only_problem(tmp_path, bank, "b: generalization", "answer.b")
    assert "'generalization'" in problem.message and "'framing'" in problem.message


def test_categorize_text_item_needs_an_answer(tmp_path):
    bank = CATEGORIZE.replace("    c: none\n", "")
    only_problem(tmp_path, bank, "answer:", "answer.c")


def test_categorize_unknown_category_and_item(tmp_path):
    bank = CATEGORIZE.replace("c: none", "c: opinion\n    z: framing")
    problems = problems_for(tmp_path, bank)
    assert {(p.field, p.line) for p in problems} == {
        ("answer.c", line_of(bank, "c: opinion")), ("answer.z", line_of(bank, "z: framing"))}


def test_categorize_item_needs_exactly_one_source(tmp_path):
    bank = CATEGORIZE.replace("{id: c, text: The vote passed.}", "{id: c, text: x, annotation: q-mayor}")
    only_problem(tmp_path, bank, "{id: c, text: x", "items[c]")


NUMERIC = """\
- id: weeks
  type: numeric
  lesson: 3
  prompt: How many weeks?
  answer: 11
  tolerance: 0
  unit: weeks
  explanation: Eleven.
"""


def test_numeric_good(tmp_path):
    assert problems_for(tmp_path, NUMERIC) == []


@pytest.mark.parametrize("bad", ["eleven", "'11'", "[11]", "true", ".nan"])
def test_numeric_answer_not_a_number(tmp_path, bad):
    bank = NUMERIC.replace("answer: 11", f"answer: {bad}")
    problem = only_problem(tmp_path, bank, f"answer: {bad}", "answer")
    assert "must be a number" in problem.message


@pytest.mark.parametrize("accept, needle", [
    ("[5000, 4000]", "low end 5000 is above the high end 4000"),
    ("[12, 20]", "must include the answer 11"),
    ("[4000]", "must be [low, high]"),
    ("[a, 20]", "must be [low, high]"),
    ("4000", "must be [low, high]"),
])
def test_numeric_bad_accept_range(tmp_path, accept, needle):
    bank = NUMERIC.replace("  tolerance: 0\n", f"  accept: {accept}\n")
    problem = only_problem(tmp_path, bank, f"accept: {accept}", "accept")
    assert needle in problem.message


def test_numeric_accept_and_tolerance_together(tmp_path):
    bank = NUMERIC.replace("  tolerance: 0\n", "  tolerance: 0\n  accept: [10, 12]\n")
    problem = only_problem(tmp_path, bank, "accept: [10, 12]", "accept")
    assert "not both" in problem.message


def test_numeric_accept_range_good(tmp_path):
    assert problems_for(tmp_path, NUMERIC.replace("  tolerance: 0\n", "  accept: [10, 12]\n")) == []


def test_numeric_negative_tolerance(tmp_path):
    only_problem(tmp_path, NUMERIC.replace("tolerance: 0", "tolerance: -1"), "tolerance: -1", "tolerance")


@pytest.mark.parametrize("passage, needle, field", [
    ("{paragraphs: [3, 9]}", "paragraphs: [3, 9]", "passage.paragraphs"),
    ("{paragraphs: [3, 2]}", "paragraphs: [3, 2]", "passage.paragraphs"),
    ("{paragraphs: three}", "paragraphs: three", "passage.paragraphs"),
    ("{start: 10, end: 99999}", "start: 10", "passage.start"),
    ("{start: 50, end: 10}", "start: 50", "passage.start"),
    ("{start: a, end: 10}", "start: a", "passage.start"),
    ("{paragraphs: [1, 1], start: 0, end: 5}", "paragraphs: [1, 1]", "passage.paragraphs"),
    ("{first: 1}", "first: 1", "passage.first"),
])
def test_bad_passage_range(tmp_path, passage, needle, field):
    bank = NUMERIC.replace("  unit: weeks\n", f"  unit: weeks\n  passage: {passage}\n")
    problems = problems_for(tmp_path, bank)
    assert problems and problems[0].field == field, problems
    assert problems[0].line == line_of(bank, needle)
    assert problems[0].file.endswith("quizzes.yaml")


HIGHLIGHT = """\
- id: hl
  type: highlight
  lesson: 2
  prompt: Highlight the loaded words.
  passage:
    paragraphs: [3, 4]
  key:
    category: framing
  explanation: Loaded words.
"""


def test_highlight_good_and_key_derived_from_annotations(tmp_path):
    article = article_with_bank(tmp_path, HIGHLIGHT)
    question = load_bank(article)["hl"]
    assert [k.id for k in question.key] == ["f-reckless", "f-stormy"]
    assert question.pass_mark == 0.5
    assert question.key[0].text == "reckless gamble"


def test_highlight_needs_a_passage(tmp_path):
    bank = HIGHLIGHT.replace("  passage:\n    paragraphs: [3, 4]\n", "")
    only_problem(tmp_path, bank, "- id: hl", "passage")


@pytest.mark.parametrize("key, needle, field", [
    ("category: spin", "category: spin", "key.category"),
    ("label: name_calling", "label: name_calling", "key.label"),
    ("annotations: [f-nope]", "annotations: [f-nope]", "key.annotations"),
    ("annotations: [q-mayor]", "annotations: [q-mayor]", "key.annotations"),   # outside paragraphs 3-4
    ("category: quoted_reporting", "key:", "key"),                             # selects nothing there
    ("colour: red", "colour: red", "key.colour"),
])
def test_highlight_bad_key(tmp_path, key, needle, field):
    bank = HIGHLIGHT.replace("category: framing", key)
    problems = problems_for(tmp_path, bank)
    assert problems and problems[0].field == field, problems
    assert problems[0].line == line_of(bank, needle)
    assert problems[0].file.endswith("quizzes.yaml")


def test_highlight_key_by_ids_must_match_category(tmp_path):
    bank = HIGHLIGHT.replace("category: framing", "category: framing\n    annotations: [g-everyone]")
    problem = only_problem(tmp_path, bank, "annotations: [g-everyone]", "key.annotations")
    assert "does not match" in problem.message


@pytest.mark.parametrize("value", ["0", "1.5", "high"])
def test_highlight_bad_pass_mark(tmp_path, value):
    bank = HIGHLIGHT + f"  pass: {value}\n"
    only_problem(tmp_path, bank, f"pass: {value}", "pass")


def test_file_must_be_a_list(tmp_path):
    problems = problems_for(tmp_path, "questions:\n  - id: x\n")
    assert len(problems) == 1 and problems[0].line == 1 and "YAML list" in problems[0].message


def test_invalid_yaml_is_reported_by_medialit_check(tmp_path, capsys):
    article = article_with_bank(tmp_path, GOOD_SINGLE + "  - [unclosed\n")
    assert main(["check", str(article.folder)]) == 1
    out = capsys.readouterr().out
    assert "quizzes.yaml:" in out and "not valid YAML" in out


def test_medialit_check_lists_bank_problems_with_file_line_field(tmp_path, capsys):
    bank = GOOD_SINGLE.replace("answer: mayor", "answer: governor") + NUMERIC.replace("answer: 11", "answer: many")
    article = article_with_bank(tmp_path, bank)
    assert main(["check", str(article.folder)]) == 1
    out = capsys.readouterr().out
    assert f"quizzes.yaml:{line_of(bank, 'answer: governor')} [answer]" in out
    assert f"quizzes.yaml:{line_of(bank, 'answer: many')} [answer]" in out
    assert "2 problem(s)" in out


def test_load_bank_raises_with_every_problem(tmp_path):
    article = article_with_bank(tmp_path, GOOD_SINGLE.replace("answer: mayor", "answer: x"))
    with pytest.raises(ArticleError) as info:
        load_bank(article)
    assert len(info.value.problems) == 1 and info.value.problems[0].field == "answer"


# Whatever a teacher types, the checker reports problems; it never crashes. The fuzzing
# starts from the valid fixture bank and replaces one to three fields anywhere in it
# (top level or nested) with arbitrary YAML values.
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 900), st.floats(allow_nan=True),
                     st.text(max_size=6), st.sampled_from(["mayor", "framing", "q-mayor", "a", "highlight",
                                                           "numeric", "none", "all", "f-stormy"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["id", "text", "annotation", "category", "label", "annotations",
                                     "paragraphs", "start", "end", "a", "b"]), inner, max_size=3)),
    max_leaves=8)
_FIXTURE = yaml.safe_load((MINI / "quizzes.yaml").read_text(encoding="utf-8"))


def _paths(node, prefix=()):
    yield prefix
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from _paths(child, prefix + (key,))


_PATHS = [p for p in _paths(_FIXTURE) if len(p) >= 2]


def _replace(tree, path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(tree, dict) and head in tree:
        return {k: (_replace(v, rest, value) if k == head else v) for k, v in tree.items()}
    if isinstance(tree, list) and isinstance(head, int) and head < len(tree):
        return [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(tree)]
    return tree


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_PATHS), _values), min_size=1, max_size=3))
def test_check_bank_never_crashes(tmp_path, edits):
    bank = _FIXTURE
    for path, value in edits:
        bank = _replace(bank, path, value)
    article = article_with_bank(tmp_path, yaml.safe_dump(bank, allow_unicode=True))
    problems = check_bank(article)
    for problem in problems:
        assert problem.file.endswith("quizzes.yaml") and problem.message
    if not problems:
        with accepted_must_work("a quiz bank check_bank found no problem in"):
            load_bank(article, teacher_keys=True)


def test_a_list_used_as_a_key_is_a_problem_not_a_crash(tmp_path):
    from medialit import validate

    bank = CATEGORIZE.replace("c: none", "[c]: none")
    article = article_with_bank(tmp_path, bank)
    problems = validate(article.folder)
    assert len(problems) == 1
    assert problems[0].line == line_of(bank, "[c]: none") and "plain text" in problems[0].message


def test_a_list_as_the_id_of_an_exit_ticket_is_a_problem_not_a_crash(tmp_path):
    # Found by hypothesis on a fresh run (it made CI flaky): an unhashable id on a summative question.
    bank = GOOD_SINGLE.replace("- id: q1", "- id: [q1]\n  summative: true", 1)
    problems = problems_for(tmp_path, bank)
    assert any(p.field == "id" and "not a usable id" in p.message for p in problems)
