"""The student copy (issue 13): built from an allow-list, with no class data, and no file in it from
which an exit-ticket key can be read.

The copy is made from a kit folder laid out like this one, with class data planted where a
teacher's would be (handins/, class-report/, a hand-in written by the button inside
notebooks/, a report under another name, a store). The exit tickets and the records they use
are derived from the bank at build time, so these tests follow the bank as it changes.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from medialit.article.model import load_article
from medialit.authoring.build import exit_ticket_records, student_copy
from medialit.authoring.check import validate
from medialit.errors import BuildError
from medialit.quizzes.bank import load_bank
from tests.conftest import ROOT

SLUG = "raqqa-exodus"
KEYS = yaml.safe_load((ROOT / "solutions" / "keys" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
BANK = yaml.safe_load((ROOT / "seeds" / SLUG / "quizzes.yaml").read_text(encoding="utf-8"))
EXITS = {q["id"]: q for q in BANK if q.get("summative")}
HANDIN = {"schema": "medialit.handin/1", "student": "real student", "answers": [
    {"question": "l7-exit-sort", "answer": KEYS["l7-exit-sort"]["answer"]}]}


def _text(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8", errors="replace").split())


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    """A kit folder like this one, with a class's data in it."""
    root = tmp_path_factory.mktemp("teacher") / "medialit"
    root.mkdir()
    for name in ("README.md", "pyproject.toml", "environment.yml", "postBuild", "voila.json"):
        shutil.copy2(ROOT / name, root / name)
    for name in ("seeds", "notebooks", "exercises", "solutions"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    (root / "src" / "medialit").mkdir(parents=True)
    (root / "src" / "medialit" / "__init__.py").write_text('"""stand-in package"""\n', encoding="utf-8")
    (root / "tests").mkdir()
    (root / "tests" / "test_x.py").write_text("KEY = 1\n", encoding="utf-8")
    for folder in ("handins", "notebooks/handins", "class-report", "notebooks/my-report", "notebooks/.medialit"):
        (root / folder).mkdir(parents=True)
    (root / "handins" / "ana--raqqa-exodus.json").write_text(json.dumps(HANDIN), encoding="utf-8")
    (root / "notebooks" / "handins" / "bo--raqqa-exodus.json").write_text(json.dumps(HANDIN), encoding="utf-8")
    (root / "notebooks" / "stray-handin.json").write_text(json.dumps(HANDIN, indent=1), encoding="utf-8")
    for folder in ("class-report", "notebooks/my-report"):
        (root / folder / "report.html").write_text("<p>l7-exit-sort</p>", encoding="utf-8")
        (root / folder / "students.csv").write_text("student\nreal student\n", encoding="utf-8")
        (root / folder / "wrong_answers.csv").write_text("l7-exit-sort,sorted a as framing\n", encoding="utf-8")
        (root / folder / "questions.csv").write_text("question\nl7-exit-sort\n", encoding="utf-8")
        (root / folder / "scores.png").write_bytes(b"\x89PNG chart of real students")
    (root / "notebooks" / ".medialit" / "whoami.json").write_text('{"name": "real student"}', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def copy(kit, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("class") / "kit"
    done = student_copy(kit, dest)
    assert done.left_out == ["solutions", "class-report", "handins", "tests"]
    return dest


def test_the_copy_holds_only_the_allow_list_and_no_class_data(copy):
    assert sorted(p.name for p in copy.iterdir()) == ["README.md", "environment.yml", "exercises", "notebooks",
                                                        "postBuild", "pyproject.toml", "seeds", "src", "voila.json"]
    names = {p.name for p in copy.rglob("*")}
    assert not names & {"solutions", "handins", "class-report", "my-report", "tests", ".medialit", "keys",
                        "scores.png", "questions.csv"}
    for path in copy.rglob("*.json"):
        if "sample-class" not in path.parts:                 # the synthetic sample class is kit, not class data
            assert "medialit.handin/" not in _text(path), path
    for path in copy.rglob("*"):
        if path.is_file():
            assert "real student" not in _text(path), path
    assert len(list((copy / "seeds" / SLUG / "sample-class").glob("*.json"))) >= 12


def test_the_layer_and_bank_in_the_copy_still_load_and_check(copy):
    assert validate(copy / "seeds" / SLUG) == []


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def _exit_tickets(kit: Path):
    """Every article of the teacher's kit with a keys file: (slug, article, its exit tickets with keys, the keys)."""
    for keys_file in sorted((kit / "solutions" / "keys").glob("*.yaml")):
        article = load_article(kit / "seeds" / keys_file.stem, reload=True)
        bank = load_bank(article, teacher_keys=True)
        exits = [q for q in bank.values() if q.summative]
        yield keys_file.stem, article, exits, yaml.safe_load(keys_file.read_text(encoding="utf-8"))


def _key_texts(keys: dict) -> list[str]:
    """The teacher-only texts of a keys file: explanations, feedback, model answers, and each answer
    written out (as a hand-in or a CSV would hold it)."""
    texts = []
    for entry in keys.values():
        for text in [entry.get("explanation", ""), entry.get("model_answer", ""),
                     *(entry.get("feedback") or {}).values()]:
            if len(_flat(text)) > 30:
                texts.append(_flat(text))
        if isinstance(entry.get("answer"), (dict, list)):
            texts.append(json.dumps(entry["answer"]))
    return texts


def _overlaps(rec: dict, start: int, end: int) -> bool:
    return isinstance(rec.get("start"), int) and isinstance(rec.get("end"), int) and \
        rec["start"] < end and rec["end"] > start


def _layer_leaks(slug: str, article, exits, keys: dict, layer: list) -> list[str]:
    """Records of the copy's layer an exit ticket's key can be read from (highlight and sort)."""
    found = []
    for question in exits:
        for span in getattr(question, "key", ()):            # a highlight exit ticket's key records
            for rec in layer:
                if rec.get("id") == span.id or (_overlaps(rec, span.start, span.end) and
                                                (rec.get("category"), rec.get("label")) == (span.category, span.label)):
                    found.append(f"{slug}/annotations.yaml: {rec.get('id')} gives {question.id} ({span.id})")
        answer = (keys.get(question.id) or {}).get("answer")
        for item in getattr(question, "items", ()):            # a sort exit ticket: the category of an excerpt
            excerpt = _flat(item.text).strip("[]“”\"' ")
            at = article.text.find(excerpt)
            category = answer.get(item.id) if isinstance(answer, dict) else None
            for rec in layer:
                text = _flat(rec.get("text", ""))
                over = (text and (excerpt in text or text in excerpt)) or \
                    (at >= 0 and _overlaps(rec, at, at + len(excerpt)))
                if rec.get("id") == item.annotation or (over and category not in (None, "none")
                                                        and rec.get("category") == category):
                    found.append(f"{slug}/annotations.yaml: {rec.get('id')} gives {question.id} item {item.id}")
    return found


def _leaks(kit: Path, copy: Path) -> list[str]:
    """Every place in the copy an exit-ticket key can be read from: EVERY file searched for every
    teacher-only key text, each article's layer for the records a key can be read off, and every
    notebook's stored outputs for a highlighted exit excerpt."""
    found, texts, excerpts = [], [], []
    for slug, article, exits, keys in _exit_tickets(kit):
        layer = yaml.safe_load((copy / "seeds" / slug / "annotations.yaml").read_text(encoding="utf-8")) or []
        found += _layer_leaks(slug, article, exits, keys, layer)
        texts += _key_texts(keys)
        excerpts += [_flat(item.text).strip("[]“”\"' ")[:40] for q in exits for item in getattr(q, "items", ())]
        excerpts += [_flat(span.text)[:40] for q in exits for span in getattr(q, "key", ())]
    assert texts and excerpts
    files = [path for path in copy.rglob("*") if path.is_file()]
    for path in files:
        content = _text(path)
        found += [f"{path.relative_to(copy)}: key text {t[:40]!r}" for t in texts if t in content]
        if path.suffix == ".ipynb":
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                shown = _flat(json.dumps(cell.get("outputs", []), ensure_ascii=False))
                found += [f"{path.name}: a stored output shows {e!r}" for e in excerpts
                          if "<mark" in shown and (e in shown or html.escape(e) in shown)]
    return found


def test_no_file_in_the_copy_gives_an_exit_key_away_except_excerpts_the_lessons_teach(kit, copy):
    taught = {f"{SLUG}/annotations.yaml: {rid} gives" for rid in _taught(kit)}
    leaks = [leak for leak in _leaks(kit, copy) if not any(leak.startswith(t) for t in taught)]
    assert leaks == []


def _taught(kit: Path) -> set[str]:
    """Records an exit-ticket excerpt shares with the lessons (the copy must keep them)."""
    return exit_ticket_records(kit / "seeds" / SLUG).taught


def test_no_exit_ticket_excerpt_is_a_lesson_example(kit, copy):
    for slug in ("raqqa-exodus", "pretest-cycle-lane", "posttest-phone-ban"):
        assert exit_ticket_records(kit / "seeds" / slug).taught == set(), slug
    assert _leaks(kit, copy) == []


def test_the_exit_ticket_on_unseen_text_needs_nothing_withheld(kit):
    # Its excerpts come from a practice text written for lesson 07, not from the article.
    found = exit_ticket_records(kit / "seeds" / SLUG)
    assert found.excerpts and found.withheld == frozenset()


def _with_article_excerpt(kit: Path, tmp_path: Path) -> Path:
    """A copy of the seed whose first exit-ticket excerpt is a sentence of the article."""
    seed = tmp_path / "seeds" / SLUG
    shutil.copytree(kit / "seeds" / SLUG, seed)
    bank = (seed / "quizzes.yaml").read_text(encoding="utf-8")
    old = "{id: a, text: \"“The work will take about four months,” said the council’s engineer, Mia Clarke.\"}"
    assert bank.count(old) == 1
    (seed / "quizzes.yaml").write_text(
        bank.replace(old, '{id: a, text: "The same sense of denial prevailed."}'), encoding="utf-8")
    return seed


def test_the_withheld_records_are_derived_from_the_bank(kit, tmp_path):
    seed = _with_article_excerpt(kit, tmp_path)
    found = exit_ticket_records(seed)
    assert found.withheld and found.excerpts
    bank = (seed / "quizzes.yaml").read_text(encoding="utf-8")
    assert all(record not in bank for record in found.withheld - found.taught)   # ids nowhere in the bank


def test_a_copy_of_a_broken_bank_is_refused(kit, tmp_path):
    broken = tmp_path / "kit"
    shutil.copytree(kit, broken, ignore=shutil.ignore_patterns("notebooks", "exercises", "sample-class"))
    (broken / "seeds" / SLUG / "quizzes.yaml").write_text("- {id: [", encoding="utf-8")
    with pytest.raises(BuildError, match="quizzes.yaml"):
        student_copy(broken, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_damaged_notebook_stops_the_copy_with_its_name(kit, tmp_path):
    damaged = tmp_path / "kit"
    shutil.copytree(kit, damaged, ignore=shutil.ignore_patterns("exercises", "sample-class"))
    cut = damaged / "notebooks" / "01-cut-short.ipynb"
    cut.write_text('{"cells": [', encoding="utf-8")       # a save that failed half way
    with pytest.raises(BuildError, match=f"{cut}: not a notebook that can be read"):
        student_copy(damaged, tmp_path / "out")


def test_the_command_builds_the_copy_and_says_what_it_left_out(kit, tmp_path):
    dest = tmp_path / "student-kit"
    done = subprocess.run([sys.executable, "-m", "medialit", "build", "--root", str(kit), "--student-copy", str(dest)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "left out: solutions, class-report, handins, tests" in done.stdout
    # raqqa-exodus's exit ticket is on an unseen practice text: nothing of its layer is withheld; the
    # pre/post tests' highlight keys and sorted excerpts are (seeds/pretest-cycle-lane, posttest-phone-ban)
    assert "raqqa-exodus: " not in done.stdout
    assert "pretest-cycle-lane: 10 annotation record(s) withheld" in done.stdout
    assert "posttest-phone-ban: 10 annotation record(s) withheld" in done.stdout
    assert not (dest / "handins").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_dangling_link_in_the_kit_is_left_out_without_waiting(kit, tmp_path):
    # found auditing issue 13: a pipe named like a hand-in (x.json) was opened to read its schema,
    # and the copy waited for a writer for ever
    odd = tmp_path / "kit"
    shutil.copytree(kit, odd, ignore=shutil.ignore_patterns("notebooks", "exercises", "sample-class"))
    os.mkfifo(odd / "seeds" / "pipe.json")
    (odd / "seeds" / "gone.json").symlink_to(tmp_path / "nowhere.json")
    done = subprocess.run([sys.executable, "-c", "import sys; from medialit.authoring.build import student_copy; "
                           "student_copy(sys.argv[1], sys.argv[2])", str(odd), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "out" / "seeds" / "pipe.json").exists()
    assert not (tmp_path / "out" / "seeds" / "gone.json").exists()
