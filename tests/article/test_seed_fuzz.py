"""Property: any malformed seed folder is either accepted and loads, or rejected with problems.

Hypothesis edits one or two values in a copy of the mini-article (meta, sources,
annotations, figures, quiz bank and the teacher's exit-ticket keys), at the top of a
record or inside its options, items, passage or key, writing values of every YAML kind:
null, booleans, huge and negative numbers, inf and nan, empty and long text, lists and
mappings (with keys of mixed types), nested; and it may put something else in a whole file's
place (a dangling symlink, a folder, an alias bomb, deep nesting, a 5,000-digit number, any
bytes). ``medialit check`` must then list problems,
each naming a file of the folder, with a short message; or report none, and then every
part of the article must load. Never a raw exception, never an OK for a folder that does
not load. The example count comes from the hypothesis profile (a quarter of it).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialit import load_article, validate
from medialit.article.numbers import load_numbers
from medialit.errors import Problem
from medialit.quizzes.bank import load_bank
from tests.conftest import RESOURCES, ROOT, SilentAccept, accepted_must_work

MINI = RESOURCES / "mini-article"
KEYS = ROOT / "tests" / "solutions" / "keys" / "mini-article.yaml"
NUMBERS = [{"id": "cost", "quantity": "cost of the repairs", "value": 240000, "unit": "euros",
            "claimed_by": "engineer", "article_text": "", "source_says": "About 240,000 euros.",
            "confidence": "seen"}]

FILES = {
    "meta.yaml": ["title", "author", "published", "kind", "credit", "colour"],
    "sources.yaml": ["id", "who", "says", "confidence", "date", "colour"],
    "annotations.yaml": ["id", "start", "end", "text", "category", "label", "source_id", "note", "colour"],
    "numbers.yaml": ["id", "value", "low", "high", "unit", "claimed_by", "article_text", "confidence",
                     "quantity", "colour"],
    "quizzes.yaml": ["id", "type", "lesson", "prompt", "passage", "options", "answer", "items", "key",
                     "pass", "tolerance", "summative", "hint", "colour"],
    "keys": ["answer", "feedback", "tolerance", "explanation", "colour"],
}
INNER = ["id", "text", "feedback", "annotation", "paragraphs", "start", "end", "show", "category",
         "label", "annotations", "colour"]
WORDS = ["", " ", "framing", "quoted_reporting", "seen", "mayor", "q-mayor", "mini-single",
         "single_choice", "highlight", "all", "a", "é", "x" * 300]

scalars = st.one_of(
    st.none(), st.booleans(), st.sampled_from(WORDS), st.text(max_size=20),
    st.integers(-10, 10_000), st.integers(-(10 ** 30), 10 ** 30),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 0.5, 1e308]),
)
keys = st.one_of(st.sampled_from(["id", "a", "start", "category", "paragraphs"]), st.integers(0, 3),
                 st.none(), st.floats(allow_nan=False, allow_infinity=False, width=16))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)), max_leaves=8)
edits = st.lists(st.tuples(st.sampled_from(list(FILES)), st.integers(0, 20), st.sampled_from(INNER + ["top"]),
                           st.integers(0, 30), values), min_size=1, max_size=2)


def _edit(data, index: int, where: str, field_index: int, value, fields: list[str]):
    """``data`` with one value replaced: a whole record, a field, or a field inside one."""
    field = fields[field_index % len(fields)]
    if isinstance(data, list) and data:
        target = data[index % len(data)]
        if index >= 18:
            data[index % len(data)] = value              # a whole record replaced
        elif isinstance(target, dict):
            inner = target.get(field)
            entry = inner[index % len(inner)] if isinstance(inner, list) and inner else None
            if where != "top" and isinstance(entry, dict):
                entry[where] = value
            elif where != "top" and isinstance(inner, dict):
                inner[where] = value
            else:
                target[field] = value
    elif isinstance(data, dict) and data:
        if fields is FILES["keys"]:
            qid = sorted(data)[index % len(data)]
            if isinstance(data[qid], dict) and index < 15:
                data[qid][field] = value
            else:
                data[qid] = value
        else:
            data[field] = value
    return data


#: Whole files put in a seed file's place. Each but "bytes" must be a problem, never an OK.
ALIAS_BOMB = "".join(["a0: &a0 [" + ", ".join(["lol"] * 9) + "]\n"] +
                     [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n" for n in range(1, 9)])
BREAKS = ("dangling symlink", "folder", "alias bomb", "deep nesting", "5000 digits", "bytes")
broken_files = st.none() | st.tuples(st.sampled_from(list(FILES) + ["article.txt"]), st.sampled_from(BREAKS),
                                     st.binary(max_size=200))


def _break(path: Path, kind: str, raw: bytes) -> None:
    path.unlink(missing_ok=True)
    if kind == "dangling symlink":
        path.symlink_to(path.with_name("unmounted-drive") / path.name)
    elif kind == "folder":
        path.mkdir()
    elif kind == "alias bomb":
        path.write_text(ALIAS_BOMB, encoding="utf-8")
    elif kind == "deep nesting":
        path.write_text("- " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    elif kind == "5000 digits":
        path.write_text("- id: a\n  value: " + "9" * 5000 + "\n", encoding="utf-8")
    else:
        path.write_bytes(raw)


def _load_everything(folder: Path) -> None:
    article = load_article(folder, reload=True)
    _ = article.meta, article.sources, article.annotations
    load_bank(article)
    load_bank(article, teacher_keys=True)
    load_numbers(article)


# A case copies a folder and checks all of it (about 50 ms): a quarter of the profile's count,
# so the ci profile stays quick and the fuzz profile still scales this test up.
@settings(max_examples=max(1, settings.default.max_examples // 4), suppress_health_check=[HealthCheck.too_slow])
@given(edits, broken_files)
def test_a_fuzzed_seed_folder_is_accepted_and_loads_or_rejected_with_problems(changes, broken):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seeds" / "mini-article"     # the keys are read from ../../solutions/keys
        shutil.copytree(MINI, folder)
        (folder / "numbers.yaml").write_text(yaml.safe_dump(NUMBERS), encoding="utf-8")
        keys_folder = Path(tmp) / "solutions" / "keys"
        keys_folder.mkdir(parents=True)
        shutil.copy(KEYS, keys_folder / "mini-article.yaml")
        for name, index, where, field_index, value in changes:
            path = keys_folder / "mini-article.yaml" if name == "keys" else folder / name
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = _edit(data, index, where, field_index, value, FILES[name])
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        if broken is not None:                 # a whole file replaced (the teacher's keys file too)
            name, kind, raw = broken
            _break(keys_folder / "mini-article.yaml" if name == "keys" else folder / name, kind, raw)

        problems = validate(folder)

        assert all(isinstance(p, Problem) for p in problems)
        for problem in problems:
            assert Path(problem.file).resolve().is_relative_to(Path(tmp).resolve()), problem
            assert len(str(problem)) < 600, problem
        if broken is not None and broken[1] != "bytes" and not problems:
            raise SilentAccept(f"{broken[0]} as a {broken[1]} was called OK by medialit check")
        if not problems:
            with accepted_must_work("a seed folder medialit check called OK"):
                _load_everything(folder)       # no silent accept: an OK folder loads


# -- every whole-file break the property test draws, for every file: always a problem ---------------
# (article.txt is plain text: only a dangling link or a folder in its place is a break of its own)
# (found when the property test first drew them: the teacher's keys file as a dangling symlink was OK)

@pytest.mark.parametrize("name, kind", [(name, kind) for name in [*FILES, "article.txt"] for kind in BREAKS
                                        if kind != "bytes" and (name != "article.txt" or kind in BREAKS[:2])])
def test_every_seed_file_replaced_by_a_broken_one_is_a_problem_naming_it(tmp_path, name, kind):
    folder = tmp_path / "seeds" / "mini-article"
    shutil.copytree(MINI, folder)
    (folder / "numbers.yaml").write_text(yaml.safe_dump(NUMBERS), encoding="utf-8")
    keys = tmp_path / "solutions" / "keys" / "mini-article.yaml"
    keys.parent.mkdir(parents=True)
    shutil.copy(KEYS, keys)
    assert validate(folder) == []
    path = keys if name == "keys" else folder / name
    _break(path, kind, b"")
    problems = validate(folder)
    assert problems and any(Path(p.file).name == path.name for p in problems), problems
    assert all(len(str(p)) < 600 for p in problems)
