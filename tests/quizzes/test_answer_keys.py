"""Every quiz key is checked both ways in the teacher's solutions, and a wrong key fails.

The solutions notebooks call ``verify_key(id, right=..., wrong=[...])`` in cells tagged
``teacher``; nbval runs them. These tests make sure every question in every bank is
covered, and show on real copies of the banks that changing a key makes those calls fail.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from medialit import ArticleError
from medialit.errors import KeyCheckError
from medialit.quizzes.keys import verify_key
from tests.conftest import RESOURCES, ROOT

MINI = RESOURCES / "mini-article"


def _verify_calls() -> dict[str, list[tuple[Path, str, set]]]:
    """question id → [(notebook, call source, cell tags)] for every verify_key call in solutions/."""
    calls: dict[str, list] = {}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code" or "verify_key" not in cell.source:
                continue
            tags = set(cell.metadata.get("tags", []))
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "verify_key":
                    qid = ast.literal_eval(node.args[0])
                    calls.setdefault(qid, []).append((path, ast.get_source_segment(cell.source, node), tags))
    return calls


def _banks() -> dict[str, list[dict]]:
    banks = {}
    for bank in sorted((ROOT / "seeds").glob("*/quizzes.yaml")):
        banks[bank.parent.name] = yaml.safe_load(bank.read_text(encoding="utf-8")) or []
    return banks


# -- the mechanism, on the engine's own fixture -----------------------------------------------

MUTATIONS = {
    # question id: (right answer as the teacher wrote it, wrong answers, how to break the key)
    "mini-single": ("mayor", ["engineer"], lambda q: q.update(answer="engineer")),
    "mini-multi": (["reckless", "stormy"], [["weeks"]], lambda q: q.update(answer=["reckless"])),
    "mini-sort": ({"a": "quoted_reporting", "b": "framing", "c": "generalization", "d": "none"},
                  [{"a": "framing", "b": "framing", "c": "generalization", "d": "none"}],
                  lambda q: q["answer"].update(d="framing")),
    "mini-highlight": (["reckless gamble", "stormy"], [[]], lambda q: q["key"].update(category="quoted_reporting")),
    "mini-weeks": (11, [10], lambda q: q.update(answer=12)),
}


@pytest.mark.parametrize("qid", list(MUTATIONS))
def test_right_key_passes_and_a_changed_key_fails(qid, tmp_path):
    right, wrong, mutate = MUTATIONS[qid]
    assert verify_key(qid, right=right, wrong=wrong, article=MINI).endswith("wrong)")
    copy = tmp_path / "mini-article"
    shutil.copytree(MINI, copy)
    bank = yaml.safe_load((copy / "quizzes.yaml").read_text(encoding="utf-8"))
    mutate(next(q for q in bank if q["id"] == qid))
    (copy / "quizzes.yaml").write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises((AssertionError, ArticleError)):
        verify_key(qid, right=right, wrong=wrong, article=copy)


def test_a_wrong_answer_graded_correct_fails():
    with pytest.raises(KeyCheckError, match="wrong answer 'mayor' was graded correct"):
        verify_key("mini-single", right="mayor", wrong=["mayor"], article=MINI)


@pytest.mark.parametrize("right, wrong, message", [
    ("engineer", ["mayor"], "right answer 'engineer' was graded"),   # the key says mayor
    ("mayor", ["mayor"], "wrong answer 'mayor' was graded correct"),
])
def test_a_wrong_key_fails_even_under_python_O(right, wrong, message):
    # python -O strips assert statements: the check must not rely on them.
    script = (f"import sys\nfrom medialit.quizzes.keys import verify_key\n"
              f"from medialit.errors import KeyCheckError\n"
              f"assert False, 'asserts are on: this run proves nothing'\n"
              f"try:\n    verify_key('mini-single', right={right!r}, wrong={wrong!r}, article={str(MINI)!r})\n"
              f"except KeyCheckError as exc:\n    print('KeyCheckError:', exc)\n    sys.exit(3)\n")
    run = subprocess.run([sys.executable, "-O", "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 3, run.stdout + run.stderr
    assert message in run.stdout


def test_highlight_phrases_must_be_unambiguous():
    with pytest.raises(ValueError, match="occurs 0 times"):
        verify_key("mini-highlight", right=["no such words"], wrong=[[]], article=MINI)


# -- the kit's own banks and solutions ---------------------------------------------------------

CALLS = _verify_calls()
BANKS = _banks()
QUESTIONS = [(slug, q) for slug, bank in BANKS.items() for q in bank if q.get("type") != "open"]   # open: no key


@pytest.mark.parametrize("slug, question", QUESTIONS, ids=[q["id"] for _, q in QUESTIONS])
def test_every_question_is_verified_in_a_teacher_cell(slug, question):
    qid = question["id"]
    assert qid in CALLS, f"{qid} ({slug}) is answered in no solutions notebook: add verify_key({qid!r}, ...)"
    for path, _, tags in CALLS[qid]:
        assert "teacher" in tags, f"verify_key({qid!r}) in {path.name} must sit in a cell tagged 'teacher'"


def _one_per_type(slug):
    seen = {}
    for question in BANKS.get(slug, []):
        if question["id"] in CALLS and not question.get("summative"):
            seen.setdefault(question["type"], question)
    return list(seen.values())


def _break(question: dict) -> None:
    kind = question["type"]
    if kind == "single_choice":
        question["answer"] = next(o["id"] for o in question["options"] if o["id"] != question["answer"])
    elif kind == "multi_choice":
        question["answer"] = [o["id"] for o in question["options"] if o["id"] not in question["answer"]][:1]
    elif kind == "categorize":
        item = next(iter(question["answer"]))
        question["answer"][item] = "none" if question["answer"][item] != "none" else "framing"
    elif kind == "highlight":
        key = question["key"]
        key.pop("annotations", None)
        key.pop("label", None)
        key["category"] = "quoted_reporting" if key.get("category") != "quoted_reporting" else "framing"
    elif kind == "numeric":
        question["answer"] = question["answer"] + 10 * (question.get("tolerance", 0) + 1)


RAQQA_CASES = _one_per_type("raqqa-exodus")


@pytest.mark.parametrize("question", RAQQA_CASES, ids=[q["type"] for q in RAQQA_CASES])
def test_changing_a_raqqa_key_makes_the_teacher_check_fail(question, tmp_path, monkeypatch):
    """One question of each type: break its key in a copy; the solutions' own call must fail."""
    copy = tmp_path / "raqqa-exodus"
    shutil.copytree(ROOT / "seeds" / "raqqa-exodus", copy)
    bank = yaml.safe_load((copy / "quizzes.yaml").read_text(encoding="utf-8"))
    _break(next(q for q in bank if q["id"] == question["id"]))
    (copy / "quizzes.yaml").write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path))
    _, call, _ = CALLS[question["id"]][0]
    with pytest.raises((AssertionError, ArticleError)):
        eval(compile(call, "<solutions>", "eval"), {"verify_key": verify_key})  # the notebook's own call


def test_lesson_notebooks_show_no_self_test_results():
    """Students never see 'key verified' or answered self-tests in the notebooks they open."""
    for folder in ("notebooks", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            text = path.read_text(encoding="utf-8")
            assert "verify_key" not in text and "key verified" not in text, path
