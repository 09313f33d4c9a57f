"""Safe reading of seed folders: every malformed file is a kit error naming file and field.

Never a hang, a raw exception or an OK: folders and dangling symlinks in a file's place,
YAML alias bombs, deep nesting, 5,000-digit numbers, lists and mappings where a word
belongs, and keys of mixed types. Messages never print a large value in full.
"""

from __future__ import annotations

import os
import shutil

import pytest

from medialit import validate
from medialit._io.reading import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_YAML_BYTES,
    read_text,
    read_yaml,
    shorten,
)
from medialit.cli import main
from medialit.errors import SeedError
from tests.conftest import RESOURCES

MINI = RESOURCES / "mini-article"

NUMBERS = """\
- id: cost
  quantity: cost of the repairs
  value: 240000
  unit: euros
  claimed_by: engineer
  article_text: ""
  source_says: The engineer estimated about 240,000 euros.
  confidence: seen
"""

#: Nine levels of nine aliases: a billion values once expanded (the "billion laughs").
ALIAS_BOMB = "".join(
    [f"a0: &a0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 9)]
)


@pytest.fixture
def seed(tmp_path):
    """A copy of the mini-article with a numbers.yaml, so every kind of seed file is there."""
    folder = tmp_path / "mini-article"
    shutil.copytree(MINI, folder)
    (folder / "numbers.yaml").write_text(NUMBERS, encoding="utf-8")
    assert validate(folder) == []
    return folder


def _problems(folder, name):
    return [p for p in validate(folder) if p.file.endswith(name)]


# -- read_yaml and read_text on their own ------------------------------------------------

def test_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    with pytest.raises(SeedError, match="aliases expand to more than") as info:
        read_yaml(path)
    assert str(path) in str(info.value) and "lol, lol" not in str(info.value)


def test_too_many_aliases_are_refused(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("a: &a x\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n", encoding="utf-8")
    with pytest.raises(SeedError, match=f"more than {MAX_ALIASES} aliases"):
        read_yaml(path)
    path.write_text("a: &a x\nb: [" + ", ".join(["*a"] * MAX_ALIASES) + "]\n", encoding="utf-8")
    assert len(read_yaml(path)["b"]) == MAX_ALIASES


def test_an_alias_inside_itself_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("a: &a [1, *a]\n", encoding="utf-8")
    with pytest.raises(SeedError, match="refers to the list or mapping that holds it"):
        read_yaml(path)


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path, opening, closing):
    path = tmp_path / "deep.yaml"
    path.write_text("x: " + opening * 5000 + closing * 5000 + "\n", encoding="utf-8")
    with pytest.raises(SeedError, match=f"nested more than {MAX_DEPTH} deep") as info:
        read_yaml(path)
    assert info.value.line == 1
    path.write_text("x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", encoding="utf-8")
    assert isinstance(read_yaml(path)["x"], list)      # the mapping and MAX_DEPTH - 1 lists


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "1" * 400, "0x" + "f" * 400])
def test_a_number_of_thousands_of_digits_is_refused(tmp_path, number):
    path = tmp_path / "big.yaml"
    path.write_text(f"- id: a\n  value: {number}\n", encoding="utf-8")
    with pytest.raises(SeedError, match="digits") as info:
        read_yaml(path)
    assert info.value.line == 2 and number[:50] not in str(info.value)
    path.write_text(f"- id: a\n  value: {'9' * MAX_INT_DIGITS}\n", encoding="utf-8")
    assert read_yaml(path)[0]["value"] == int("9" * MAX_INT_DIGITS)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * MAX_YAML_BYTES + "\n", encoding="utf-8")
    with pytest.raises(SeedError, match="at most 2,000,000"):
        read_yaml(path)


def test_a_folder_in_a_files_place_is_named(tmp_path):
    (tmp_path / "quizzes.yaml").mkdir()
    with pytest.raises(SeedError, match="quizzes.yaml: is a folder, not a file"):
        read_yaml(tmp_path / "quizzes.yaml")
    with pytest.raises(SeedError, match="is a folder"):
        read_text(tmp_path / "quizzes.yaml")


def test_a_dangling_symlink_is_named(tmp_path):
    (tmp_path / "numbers.yaml").symlink_to(tmp_path / "gone.yaml")
    with pytest.raises(SeedError, match="numbers.yaml: is a symbolic link to a missing file"):
        read_yaml(tmp_path / "numbers.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_a_files_place_is_refused_without_reading_it(tmp_path):
    os.mkfifo(tmp_path / "meta.yaml")        # reading it would wait for a writer for ever
    with pytest.raises(SeedError, match="not a regular file"):
        read_yaml(tmp_path / "meta.yaml")


def test_shorten_cuts_long_and_nested_values():
    assert shorten("abc") == "'abc'"
    assert len(shorten("x" * 10_000)) <= 80
    nested = [[["deep"] * 1000] * 1000] * 1000        # shared, like an expanded alias
    assert len(shorten(nested)) <= 80
    assert shorten(10 ** 200) == "<a number of about 201 digits>"
    assert shorten(10 ** 5000) == "<a number of about 5001 digits>"   # str() of it would raise ValueError
    assert len(shorten({"k" * 500: "v"})) <= 80


# -- through medialit check (validate) ---------------------------------------------------------

@pytest.mark.parametrize("name", ["quizzes.yaml", "numbers.yaml", "annotations.yaml", "sources.yaml", "meta.yaml"])
def test_a_folder_in_place_of_a_seed_file_is_a_problem(seed, name):
    (seed / name).unlink()
    (seed / name).mkdir()
    problems = validate(seed)
    assert [str(p).split(": ", 1)[1] for p in problems if p.file.endswith(name)] == ["is a folder, not a file"]


@pytest.mark.parametrize("name", ["quizzes.yaml", "numbers.yaml", "annotations.yaml"])
def test_a_dangling_symlink_for_a_seed_file_is_not_reported_ok(seed, name, capsys):
    (seed / name).unlink()
    (seed / name).symlink_to(seed / "elsewhere.yaml")
    problems = _problems(seed, name)
    assert len(problems) == 1 and "symbolic link to a missing file" in problems[0].message
    assert main(["check", str(seed)]) == 1
    assert name in capsys.readouterr().out


def test_an_alias_bomb_in_a_seed_file_is_one_short_problem(seed, capsys):
    (seed / "annotations.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    problems = _problems(seed, "annotations.yaml")
    assert len(problems) == 1 and "aliases expand" in problems[0].message
    assert main(["check", str(seed)]) == 1
    out = capsys.readouterr().out
    assert "annotations.yaml" in out and len(out) < 1000


def test_a_5000_digit_figure_is_a_problem_naming_the_line(seed):
    text = NUMBERS.replace("value: 240000", "value: " + "9" * 5000)
    (seed / "numbers.yaml").write_text(text, encoding="utf-8")
    problems = _problems(seed, "numbers.yaml")
    assert [(p.line, "5,000 digits" in p.message) for p in problems] == [(3, True)]


@pytest.mark.parametrize("name, old, new, field", [
    ("annotations.yaml", "category: quoted_reporting", "category: {a: 1}", "category"),
    ("annotations.yaml", "label: direct_quote", "label: [a, b]", "label"),
    ("annotations.yaml", "source_id: mayor", "source_id: {id: mayor}", "source_id"),
    ("annotations.yaml", "- id: q-mayor", "- id: {q: mayor}", "id"),
    ("sources.yaml", "confidence: via", "confidence: {seen: true}", "confidence"),
    ("sources.yaml", "- id: engineer", "- id: [engineer]", "id"),
    ("sources.yaml", "who: An unnamed", "who: {name: x}\n  x_who: An unnamed", "who"),
    ("numbers.yaml", "confidence: seen", "confidence: [seen]", "confidence"),
    ("numbers.yaml", "- id: cost", "- id: {cost: 1}", "id"),
    ("numbers.yaml", "claimed_by: engineer", "claimed_by: {engineer: 1}", "claimed_by"),
    ("numbers.yaml", "article_text: \"\"", "article_text: {a: b}", "article_text"),
    ("quizzes.yaml", "type: single_choice", "type: {single: choice}", "type"),
    ("quizzes.yaml", "- id: mini-single", "- id: {mini: single}", "id"),
])
def test_a_list_or_mapping_where_a_word_belongs_is_a_problem(seed, name, old, new, field):
    path = seed / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = _problems(seed, name)
    assert field in {p.field for p in problems}, problems
    assert all(len(p.message) < 300 for p in problems)


@pytest.mark.parametrize("name, old, new", [
    ("annotations.yaml", "- id: q-mayor", "- 1: one\n  2.5: x\n  id: q-mayor"),
    ("sources.yaml", "- id: mayor", "- 2: two\n  null: nothing\n  id: mayor"),
    ("numbers.yaml", "- id: cost", "- 3.5: x\n  id: cost"),
    ("meta.yaml", "title:", "7: seven\ntitle:"),
])
def test_keys_of_mixed_types_are_unknown_fields_not_a_type_error(seed, name, old, new):
    path = seed / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = _problems(seed, name)
    assert problems and all("unknown field" in p.message for p in problems)


def test_deeply_nested_lists_in_a_field_are_a_problem(seed):
    path = seed / "quizzes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answer: mayor", "answer: " + "[" * 200 + "]" * 200, 1), encoding="utf-8")
    problems = _problems(seed, "quizzes.yaml")
    assert len(problems) == 1 and "nested more than" in problems[0].message


def test_a_very_long_value_is_cut_in_the_message(seed):
    path = seed / "annotations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("category: quoted_reporting", "category: " + "spin" * 5000, 1), encoding="utf-8")
    problems = _problems(seed, "annotations.yaml")
    assert [p.field for p in problems] == ["category"] and len(problems[0].message) < 300


# -- counterexamples found by fuzzing (benchmarks/fuzz.py and the property test below) ---------

def test_an_exit_tickets_options_given_as_a_number_is_a_problem(seed):
    # found by fuzzing: options: 5 on an exit ticket raised TypeError ('int' object is not iterable)
    path = seed / "quizzes.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\n- id: mini-exit-choice\n  type: single_choice\n  lesson: 1\n  summative: true\n"
        "  prompt: Who speaks first?\n  options: 5\n"), encoding="utf-8")
    problems = _problems(seed, "quizzes.yaml")
    assert [p.field for p in problems] == ["options"]


@pytest.mark.parametrize("kind", ["dangling", "folder"])
def test_the_teachers_keys_file_as_a_dangling_symlink_or_folder_is_a_problem(seed, tmp_path, monkeypatch, capsys,
                                                                            kind):
    # found auditing issue 13: a keys file linked to a drive that is not mounted was no file at all
    # for `medialit check` (OK, exit 0), so the exit tickets' keys were never checked
    keys = tmp_path / "keys"
    keys.mkdir()
    monkeypatch.setenv("MEDIALIT_TEACHER_KEYS", str(keys))
    path = keys / "mini-article.yaml"
    if kind == "dangling":
        path.symlink_to(tmp_path / "unmounted" / "mini-article.yaml")
    else:
        path.mkdir()
    problems = [p for p in validate(seed) if p.file == str(path)]
    expected = "is a symbolic link to a missing file" if kind == "dangling" else "is a folder, not a file"
    assert len(problems) == 1 and expected in problems[0].message
    assert main(["check", str(seed)]) == 1
    assert "mini-article.yaml" in capsys.readouterr().out
