"""Issue 11's rules for the package, kept true: short modules that each say their job, few imports
inside functions (each with its reason), one error family, one module that puts files in place,
a README layout section that names what exists, and teacher notebooks that never read tests/.

Import cycles and the layers are import-linter's (``lint-imports``, run by CI); ``assert`` in
src/ is ruff's (rule S101).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import pytest

import medialit
from medialit.errors import MedialitError
from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "medialit"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 500
#: "At most a handful" of kit-internal imports inside functions (issue 11).
MAX_FUNCTION_IMPORTS = 5


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_a_module_is_short_and_its_first_line_says_its_one_job(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_LINES, f"{_name(path)}: {len(lines)} lines (at most {MAX_LINES}): split it by job"
    first = lines[0] if lines else ""
    assert first.startswith('"""') and first.rstrip('"').rstrip().endswith((".", "?")), \
        f"{_name(path)}: the first line must be a docstring sentence saying the module's one job: {first!r}"


def _imports_inside_functions(path: Path):
    """(line, target) of every import of a medialit module inside a function of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("medialit")):
                found.append((node.lineno, "." * node.level + (node.module or "")))
            elif isinstance(node, ast.Import):
                found += [(node.lineno, a.name) for a in node.names if a.name.startswith("medialit")]
    return sorted(set(found))


def test_imports_inside_functions_are_a_handful_and_each_says_why():
    found = [(path, line, target) for path in MODULES for line, target in _imports_inside_functions(path)]
    listed = "\n".join(f"  {_name(p)}:{line} {target}" for p, line, target in found)
    assert len(found) <= MAX_FUNCTION_IMPORTS, f"{len(found)} kit imports inside functions:\n{listed}"
    for path, line, target in found:
        lines = path.read_text(encoding="utf-8").splitlines()
        # the reason is a comment on the import's line or on the lines just above it (a `try:` line)
        near = lines[max(0, line - 4):line]
        assert any("#" in text for text in near), \
            f"{_name(path)}:{line}: the import of {target} inside a function needs a one-line comment saying why"


def _kit_modules():
    for info in pkgutil.walk_packages(medialit.__path__, "medialit."):
        if not info.name.endswith("__main__"):          # importing it would run the command line
            yield importlib.import_module(info.name)


def test_every_exception_class_the_kit_defines_is_a_medialit_error():
    defined = [obj for module in _kit_modules() for obj in vars(module).values()
               if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module.__name__]
    assert len(defined) > 10                                 # the walk found the kit's errors
    outside = [f"{cls.__module__}.{cls.__qualname__}" for cls in defined if not issubclass(cls, MedialitError)]
    assert not outside, f"exception classes not under MedialitError: {outside}"


#: Calls that put a file (or a name) in place. Only _io/atomic.py may make them: every other
#: writer goes through write_atomic / create_exclusive.
RENAMES = {("os", "replace"), ("os", "rename"), ("os", "renames"), ("os", "link"), ("shutil", "move"),
           ("shutil", "copy"), ("shutil", "copy2"), ("shutil", "copyfile"), ("shutil", "copytree")}
WRITES = {"write_text", "write_bytes", "to_csv", "dump", "safe_dump"}
#: lite.py writes only into its own TemporaryDirectory (the student copy it serves and the site's
#: configuration), which `jupyter lite build` then reads to make the site.
SCRATCH_ONLY = {"authoring/lite.py"}


def _to_a_file(method: str, call: ast.Call) -> bool:
    """json/yaml ``dump`` with a stream, ``to_csv`` with a path; the others always write."""
    keywords = {k.arg for k in call.keywords}
    if method in {"dump", "safe_dump"}:
        return len(call.args) > 1 or bool(keywords & {"fp", "stream"})
    if method == "to_csv":
        return bool(call.args) or "path_or_buf" in keywords
    return True


def _file_writes(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = func.value.id if isinstance(func.value, ast.Name) else None
            if (owner, func.attr) in RENAMES:
                found.append(f"{node.lineno}: {owner}.{func.attr}")
            elif func.attr in WRITES and _to_a_file(func.attr, node):
                found.append(f"{node.lineno}: .{func.attr}")
        elif isinstance(func, ast.Name) and func.id == "open":
            mode = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "mode"), None)
            if isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax+"):
                found.append(f"{node.lineno}: open(..., {mode.value!r})")
    return found


def test_only_the_atomic_module_puts_files_in_place():
    writes = {_name(p): _file_writes(p) for p in MODULES}
    assert writes["_io/atomic.py"], "the check no longer sees the atomic writer's own calls"
    others = {name: found for name, found in writes.items()
              if found and name != "_io/atomic.py" and name not in SCRATCH_ONLY}
    assert not others, f"files written without medialit._io.atomic: {others}"


# -- the README's "How the code is laid out" ----------------------------------------------------

def _layout_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## How the code is laid out\n", 1)
    assert len(section) == 2, "README.md has no '## How the code is laid out' section"
    return section[1].split("\n## ", 1)[0]


def _defined_names(paths) -> set[str]:
    names = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
    return names


def _table_rows():
    for line in _layout_section().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 2:
            yield re.findall(r"`([^`]+)`", cells[0]), re.findall(r"`([^`]+)`", cells[1])


def test_the_readme_layout_table_names_only_folders_and_modules_that_exist():
    rows = list(_table_rows())
    assert len(rows) >= 8, "the layout table lost its rows"
    for places, named in rows:
        paths = [PACKAGE / place for place in places]
        missing = [place for place, path in zip(places, paths) if not path.exists()]
        assert not missing, f"README layout table: no src/medialit/{missing[0]}"
        files = [f for path in paths for f in ([path] if path.is_file() else sorted(path.rglob("*.py")))]
        modules = {f.stem for f in files} | {f.parent.name for f in files}
        defined = _defined_names(files)
        for name in named:
            if "/" in name:
                assert (PACKAGE / name).exists() or any((path / name).exists() for path in paths), \
                    f"README layout table: no {name} under {', '.join(places)}"
            else:
                assert name in modules or name in defined, \
                    f"README layout table: {name!r} is no module or name in {', '.join(places)}"


def _resolves(dotted: str) -> bool:
    dotted = dotted.split("(")[0].removeprefix("medialit.")
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module("medialit." + ".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return hasattr(medialit, dotted)


def test_the_readme_path_of_one_answer_names_modules_that_exist():
    path = _layout_section().split("**The path of one answer.**", 1)
    assert len(path) == 2, "the layout section lost 'The path of one answer'"
    named = re.findall(r"`([^`]+)`", path[1])
    dotted = [n for n in named if re.fullmatch(r"[a-z_]+(\.[A-Za-z_]+)+(\(.*\))?", n)]
    assert len(dotted) >= 8, f"the path names too few modules to check: {dotted}"
    assert not [n for n in dotted if not _resolves(n)], \
        f"README's path of one answer names what does not exist: {[n for n in dotted if not _resolves(n)]}"
    for name in named:
        if name.startswith("seeds/"):
            assert (ROOT / name).exists(), f"README's path of one answer: no {name}"


# -- the teacher's and students' notebooks ----------------------------------------------------------

NOTEBOOKS = sorted(p for folder in ("notebooks", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_notebook_runs_on_the_test_suites_files(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert not re.search(r"""\btests[/\\"']""", code), f"{path.name} reads the test suite's files (tests/)"


def test_the_dashboard_runs_on_the_sample_class_shipped_for_it():
    cells = json.loads((ROOT / "notebooks" / "teacher-dashboard.ipynb").read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    folder = re.search(r'^HANDINS = "([^"]+)"', code, re.MULTILINE)
    assert folder, "the dashboard no longer sets HANDINS"
    shipped = (ROOT / "notebooks" / folder.group(1)).resolve()
    assert shipped.is_relative_to(ROOT / "seeds") and len(list(shipped.glob("*.json"))) >= 10, shipped
