"""The one record validator (_io/records.py): field specs in, problems naming file, line and field out."""

from __future__ import annotations

from medialit._io.reading import read_yaml
from medialit._io.records import (
    Field,
    Spec,
    check_list,
    check_record,
    check_records,
    is_number,
    is_text,
    unknown_fields,
)

SPEC = Spec(
    fields=(
        Field("id", True),
        Field("count", True, lambda v: isinstance(v, int) and not isinstance(v, bool), "must be a whole number"),
        Field("colour", False, choices=("red", "blue")),
        Field("note", False, is_text, "must be text"),
    ),
)


def _read(tmp_path, text):
    path = tmp_path / "records.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path)


def test_a_clean_file_has_no_problems(tmp_path):
    records = _read(tmp_path, "- id: a\n  count: 1\n  colour: red\n- id: b\n  count: 2\n")
    mappings, problems = check_records(records, SPEC, "r.yaml")
    assert problems == [] and [rec["id"] for _, rec in mappings] == ["a", "b"]


def test_each_problem_names_file_line_and_field(tmp_path):
    records = _read(tmp_path, "- id: a\n  colour: green\n  size: 3\n- id: a\n  count: two\n")
    got = [(p.file, p.line, p.field, p.message) for p in check_records(records, SPEC, "r.yaml")[1]]
    assert got == [
        ("r.yaml", 1, "count", "missing; every record needs id, count"),
        ("r.yaml", 3, "size", "unknown field; allowed fields are id, count, colour, note"),
        ("r.yaml", 2, "colour", "unknown colour 'green'; use one of red, blue"),
        ("r.yaml", 4, "id", "duplicate id 'a' (first used on line 1)"),
        ("r.yaml", 5, "count", "must be a whole number, not 'two'"),
    ]


def test_lists_and_mappings_where_a_word_belongs_are_problems_not_type_errors(tmp_path):
    records = _read(tmp_path, "- id: [a]\n  count: 1\n  colour: {red: 1}\n- id: [a]\n  count: 2\n")
    fields = [p.field for p in check_records(records, SPEC, "r.yaml")[1]]
    assert fields == ["colour", "id"]          # the unknown colour, then the duplicate (unhashable) id


def test_keys_of_mixed_types_are_sorted_as_text(tmp_path):
    records = _read(tmp_path, "- id: a\n  count: 1\n  2: x\n  null: y\n  1.5: z\n  zz: w\n")
    problems = check_records(records, SPEC, "r.yaml")[1]
    assert [p.field for p in problems] == ["1.5", "2", "None", "zz"]


def test_long_values_are_cut_in_messages(tmp_path):
    records = _read(tmp_path, f"- id: a\n  count: {'x' * 5000}\n")
    problems = check_records(records, SPEC, "r.yaml")[1]
    assert len(problems) == 1 and len(problems[0].message) < 120


def test_the_shape_of_the_file(tmp_path):
    assert check_list(None, SPEC, "r.yaml") == ([], [])
    mappings, problems = check_list(_read(tmp_path, "title: not a list\n"), SPEC, "r.yaml")
    assert mappings == [] and [(p.line, p.message) for p in problems] == [(1, SPEC.list_message)]
    mappings, problems = check_list(["text", {"id": "a"}], SPEC, "r.yaml")
    assert len(mappings) == 1 and problems[0].message == "record #1 is not a mapping of field: value"


def test_empty_text_with_an_empty_message_and_blank_ok():
    spec = Spec(fields=(Field("id", True, about="the name"), Field("quote", True, about="the words", blank_ok=True)),
                missing="missing: {about}", empty="empty: {about}")
    assert [p.message for p in check_record({"id": " ", "quote": ""}, spec, "f")] == ["empty: the name"]
    assert [p.message for p in check_record({"quote": None}, spec, "f")] == ["missing: the name", "missing: the words"]


def test_an_open_spec_leaves_other_fields_to_its_caller():
    spec = Spec(fields=(Field("id", True),), closed=False)
    assert check_record({"id": "a", "options": []}, spec, "f") == []


def test_is_number_refuses_what_float_cannot_hold():
    # a 400-digit number raised OverflowError in math.isfinite(float(value))
    assert not is_number(10 ** 400)
    assert not is_number(float("nan")) and not is_number(True)
    assert is_number(3) and is_number(2.5)


def test_unknown_fields_of_a_nested_record_name_its_path_and_line(tmp_path):
    [question] = _read(tmp_path, "- id: q\n  options:\n    - id: a\n      colour: red\n      text: A\n      size: 3\n")
    option = question["options"][0]
    assert [str(p) for p in unknown_fields(option, ["id", "text"], "q.yaml", "options[1].")] == [
        "q.yaml:4 [options[1].colour]: unknown field; allowed fields are id, text",
        "q.yaml:6 [options[1].size]: unknown field; allowed fields are id, text"]
    [problem] = unknown_fields({"id": 1, "hint": "x"}, ["id"], "keys.yaml", "q.", "not a key field; use {allowed}")
    assert (problem.field, problem.message) == ("q.hint", "not a key field; use id")
