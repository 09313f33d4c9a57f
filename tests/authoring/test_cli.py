"""The `medialit` command line: anchor fixes offsets in place, keeping comments and layout."""

import subprocess
import sys

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
