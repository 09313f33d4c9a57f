"""The `medialit` command line: anchor fixes offsets safely; every sub-command reports a bad input in one line."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from medialit import validate
from medialit.cli import main

ANNOTATIONS = """\
# a comment the teacher wrote
- id: a1
  start: 0
  end: 0
  text: "fix the bridge"
  category: quoted_reporting
  label: direct_quote
  note: Keep this note.
- id: a2
  start: 0
  end: 0
  text: "not in the text"
  category: framing
  label: loaded_language
  note: Missing.
"""


def _article(tmp_path):
    folder = tmp_path / "town"
    folder.mkdir()
    (folder / "article.txt").write_text('The mayor said: "We will fix the bridge."\n', encoding="utf-8")
    (folder / "meta.yaml").write_text(
        "title: T\nauthor: A\npublisher: P\npublished: 2020-01-01\ncredit: C\nkind: reporting\n", encoding="utf-8")
    (folder / "sources.yaml").write_text("[]\n", encoding="utf-8")
    (folder / "annotations.yaml").write_text(ANNOTATIONS, encoding="utf-8")
    return folder


def test_anchor_fills_offsets_and_reports_missing_text(tmp_path, capsys):
    folder = _article(tmp_path)
    assert main(["anchor", str(folder)]) == 1       # one text is not in the article
    out = capsys.readouterr().out
    assert "a1: set to 25..39" in out and "a2: text not found" in out
    written = (folder / "annotations.yaml").read_text(encoding="utf-8")
    assert written.startswith("# a comment the teacher wrote\n")
    assert "  start: 25\n  end: 39\n" in written
    assert "note: Keep this note." in written
    problems = validate(folder)
    # a1 is now sound; only a2 (still 0..0, its text absent) is left to fix, on its own line
    assert [(p.line, p.field) for p in problems] == [(10, "start")]


def test_module_entry_point_runs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "medialit", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("medialit ")


FLOW = """\
# one-line records, as a teacher may write them
- {id: a1, start: 0, end: 0, text: "fix the bridge", category: quoted_reporting, label: direct_quote, note: Keep.}
- {id: a2, text: "The mayor", category: framing, label: loaded_language, note: No offsets yet.}
"""


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_anchor_keeps_one_line_records_parseable_and_keeps_a_backup(tmp_path, capsys):
    folder = _article(tmp_path)
    path = folder / "annotations.yaml"
    path.write_text(FLOW, encoding="utf-8")
    assert main(["anchor", str(folder)]) == 0
    assert "a1: set to 25..39" in capsys.readouterr().out
    written = path.read_text(encoding="utf-8")
    assert written.startswith("# one-line records, as a teacher may write them\n")
    records = yaml.safe_load(written)
    assert [(r["id"], r["start"], r["end"]) for r in records] == [("a1", 25, 39), ("a2", 0, 9)]
    assert validate(folder) == []
    backups = [name for name in _files(folder) if name.startswith("annotations.yaml.bak-")]
    assert len(backups) == 1 and (folder / backups[0]).read_text(encoding="utf-8") == FLOW
    assert not [name for name in _files(folder) if name.endswith(".tmp")]


def test_anchor_refuses_a_rewrite_that_would_not_read_back(tmp_path, capsys):
    # start and end share one YAML anchor: one number in the file cannot become two
    shared = ANNOTATIONS.replace("  start: 0\n  end: 0\n", "  start: &zero 0\n  end: *zero\n", 1)
    folder = _article(tmp_path)
    path = folder / "annotations.yaml"
    path.write_text(shared, encoding="utf-8")
    before = _files(folder)
    assert main(["anchor", str(folder)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "a1" in err[0] and "nothing was changed" in err[0]
    assert path.read_text(encoding="utf-8") == shared
    assert _files(folder) == before                   # no backup, no temporary file


class _CutOff:
    """A file whose first write stops half way with Ctrl-C: the run interrupted while writing."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise KeyboardInterrupt

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


def _interrupt(monkeypatch, where, folder):
    """Interrupt every write of a file in ``folder`` half way (whatever opens it), or the rename."""
    import builtins
    import io
    import os

    if where == "renaming":
        def replace(src, dst):
            raise KeyboardInterrupt
        monkeypatch.setattr(os, "replace", replace)
        return
    real_open, real_fdopen = builtins.open, os.fdopen

    def writing(mode, name):
        return any(c in mode for c in "wax+") and ".bak-" not in str(name)

    def cut_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        inside = isinstance(file, (str, os.PathLike)) and Path(file).resolve().parent == folder.resolve()
        return _CutOff(handle) if inside and writing(mode, file) else handle

    def cut_fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return _CutOff(handle) if writing(mode, "") else handle

    for module, name in ((builtins, "open"), (io, "open")):
        monkeypatch.setattr(module, name, cut_open)
    monkeypatch.setattr(os, "fdopen", cut_fdopen)


@pytest.mark.parametrize("where", ["writing", "renaming"])
def test_an_interrupted_anchor_run_leaves_the_file_as_it_was(tmp_path, monkeypatch, capsys, where):
    folder = _article(tmp_path)
    path = folder / "annotations.yaml"
    path.write_text(FLOW, encoding="utf-8")
    with monkeypatch.context() as patched:
        _interrupt(patched, where, folder)
        with pytest.raises(KeyboardInterrupt):
            main(["anchor", str(folder)])
    assert path.read_text(encoding="utf-8") == FLOW               # whole, the old file: never half written
    assert not [name for name in _files(folder) if name.endswith(".tmp")]
    assert main(["anchor", str(folder)]) == 0                     # the next run does the work
    assert [(r["id"], r["start"], r["end"]) for r in yaml.safe_load(path.read_text(encoding="utf-8"))] == \
        [("a1", 25, 39), ("a2", 0, 9)]


BAD_INPUTS = {
    "check": lambda tmp: ["check", str(tmp / "no-such-article")],
    "anchor": lambda tmp: ["anchor", str(_broken_yaml(tmp))],
    "new": lambda tmp: ["new", "town", "--from", str(tmp / "missing.txt"), "--seeds", str(tmp)],
    "flag": lambda tmp: ["flag", str(tmp)],
    "flag --ptc": lambda tmp: ["flag", "--ptc", str(tmp / "no-such-corpus")],
    "build": lambda tmp: ["build", "--root", str(tmp), "--student-copy", str(tmp)],
    "build (a damaged notebook)": lambda tmp: ["build", "--root", str(_damaged_solutions(tmp))],
    "build --check (a damaged notebook)": lambda tmp: ["build", "--check", "--root", str(_damaged_solutions(tmp))],
    "packet": lambda tmp: ["packet", str(tmp / "no-such-article"), "--out", str(tmp / "packet.html")],
    "lite": lambda tmp: ["lite", str(tmp / "site"), "--root", str(tmp)],
    "export": lambda tmp: ["export", "--out", str(tmp / "handins"), "--student", "x" * 300],
    "report": lambda tmp: ["report", str(tmp / "no-such-folder"), "--out", str(tmp / "out")],
    "review": lambda tmp: ["review", str(tmp)],
}


def _damaged_solutions(tmp):
    """A kit folder whose one solutions notebook was cut short (a failed save, a bad merge)."""
    (tmp / "solutions").mkdir()
    (tmp / "solutions" / "practice-01-cut.ipynb").write_text('{"cells": [', encoding="utf-8")
    return tmp


def _broken_yaml(tmp):
    folder = _article(tmp)
    (folder / "annotations.yaml").write_text("- id: a1\n  start: [0\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", sorted(BAD_INPUTS))
def test_every_sub_command_reports_a_bad_input_in_one_line(command, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    status = main(BAD_INPUTS[command](tmp_path))
    err = capsys.readouterr().err
    assert status != 0
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: ") and "Traceback" not in err
    assert str(tmp_path) in err                       # it names the file or folder


def test_a_kit_error_leaves_the_command_as_one_line_without_traceback(tmp_path):
    folder = _broken_yaml(tmp_path)
    result = subprocess.run([sys.executable, "-m", "medialit", "anchor", str(folder)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert re.search(r"annotations\.yaml:\d+: not valid YAML", result.stderr)   # file and line
