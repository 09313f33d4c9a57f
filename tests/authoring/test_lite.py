"""``medialit lite``: what the site builder refuses, the kernel's start-up packages, the Pages workflow.

The site itself is built and run in a real browser by tests/browser/test_lite.py.
"""

from __future__ import annotations

import json
import shlex

import pytest
import yaml

from medialit.authoring import lite
from medialit.cli import build_parser, main
from medialit.errors import BuildError
from tests.conftest import ROOT


def _lock(**packages):
    return {"packages": {name: {"name": name, "version": "1.0", "depends": deps, "file_name": f"{name}.whl",
                                "sha256": "0" * 64} for name, deps in packages.items()}}


def test_the_kernels_start_up_packages_are_the_named_ones_and_all_they_depend_on(monkeypatch):
    monkeypatch.setattr(lite, "KERNEL_START", ("micropip", "ipython"))
    lock = _lock(micropip=[], ipython=["Pygments", "stack_data"], pygments=[], **{"stack-data": ["six"]},
                 six=[], pandas=["numpy"], numpy=[])
    names = [entry["name"] for entry in lite.kernel_start_packages(lock)]
    assert names == ["ipython", "micropip", "pygments", "six", "stack-data"]


def test_a_lock_missing_a_dependency_names_it(monkeypatch):
    monkeypatch.setattr(lite, "KERNEL_START", ("ipython",))
    with pytest.raises(BuildError, match="no package 'jedi'"):
        lite.kernel_start_packages(_lock(ipython=["jedi"]))


def test_a_pyodide_of_another_version_is_refused(tmp_path):
    npm = tmp_path / "pyodide"
    npm.mkdir()
    (npm / "pyodide-lock.json").write_text(json.dumps(_lock(micropip=[])), encoding="utf-8")
    (npm / "package.json").write_text(json.dumps({"version": "0.0.1"}), encoding="utf-8")
    with pytest.raises(BuildError, match=f"Pyodide 0.0.1; this JupyterLite kernel expects {lite.pyodide_version()}"):
        lite.local_pyodide(npm, tmp_path / "site" / "static" / "pyodide")
    with pytest.raises(BuildError, match="no pyodide-lock.json"):
        lite.local_pyodide(tmp_path, tmp_path / "elsewhere")


def test_the_site_goes_into_a_new_folder_built_from_the_kit(tmp_path, capsys):
    existing = tmp_path / "site"
    existing.mkdir()
    assert main(["lite", str(existing), "--root", str(ROOT)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["lite", str(tmp_path / "new"), "--root", str(tmp_path)]) == 1
    assert "is not the kit's folder" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_the_pages_workflow_builds_the_site_with_the_command_that_exists():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "lite.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert any('pip install -e ".[lite]"' in run for run in runs)
    [build] = [shlex.split(run) for run in runs if run.startswith("medialit lite")]
    args = build_parser().parse_args(build[1:])
    assert args.run.__name__ == "_cmd_lite" and args.dest == "_site"
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == args.dest


def test_the_sites_copy_of_a_lesson_installs_the_kit_first(tmp_path):
    lesson = ROOT / "notebooks" / "01-meet-the-article.ipynb"
    copy = tmp_path / lesson.name
    copy.write_bytes(lesson.read_bytes())
    lite.add_install_cell(copy)
    lite.add_install_cell(copy)                                    # twice: still one cell
    cells = json.loads(copy.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells]
    assert sources.count(lite.INSTALL_CELL) == 1
    assert sources.index(lite.INSTALL_CELL) == 1 and cells[0]["cell_type"] == "markdown"   # after the title
    assert "import medialit" in "".join(sources[2:])                   # before the lesson imports the kit
    assert lite.INSTALL_CELL not in lesson.read_text(encoding="utf-8")  # the kit's own lesson is untouched
