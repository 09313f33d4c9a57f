"""A JupyterLite site of the lessons: students run them in the browser, with nothing installed.

``medialit lite DIR`` (:func:`build_site`) makes, in a new folder ``DIR``:

- the lessons and practice notebooks of a student copy of the kit
  (:func:`medialit.authoring.build.student_copy`: no solutions, exit-ticket records withheld);
- the kit's wheel, built from that copy (so the article inside it is the student's too), and
  the pure-Python wheels it needs in the browser (ipywidgets, anywidget and theirs), served
  by the site's own package index: every notebook of the site gets a first code cell
  (:data:`INSTALL_CELL`, after its title) that installs the kit with
  ``%pip install -q ipywidgets anywidget`` then ``%pip install -q --no-deps medialit``;
- the JupyterLite app (``jupyter lite build``, PyPI ``jupyterlite-core`` and
  ``jupyterlite-pyodide-kernel``: the ``[lite]`` extra).

The browser's Python (Pyodide) comes from its CDN, which has pandas, matplotlib and PyYAML:
that is the site to publish (``.github/workflows/lite.yml`` builds it on GitHub Pages).
``pyodide=FOLDER`` instead puts a local Pyodide (npm package ``pyodide``, the version the
kernel expects: :data:`PYODIDE_VERSION`) at ``static/pyodide``, with the kernel's start-up
packages downloaded from the package index (pip) at the versions its lock names: a site that
needs no internet at all, but has no numpy, pandas, matplotlib or PyYAML (Pyodide's browser
builds of those are on no package index), so only what the kit does without them runs there.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from medialit.authoring.build import notebook_json, student_copy
from medialit.errors import BuildError

#: Pure-Python packages the kit needs in the browser beyond Pyodide's own (served by the site).
BROWSER_WHEELS = ("ipywidgets", "anywidget", "psygnal", "comm", "jupyterlab_widgets")
#: Pyodide packages the kernel loads as it starts (with what they depend on, per the lock).
KERNEL_START = ("micropip", "ipython", "jedi", "traitlets", "typing-extensions")
#: Folders of the student copy that become the site's files.
CONTENTS = ("notebooks", "exercises")

_PIP_BROWSER = ["--only-binary=:all:", "--implementation", "py", "--abi", "none", "--platform", "any"]


@dataclass
class LiteReport:
    """What :func:`build_site` put in the site."""

    site: Path
    wheels: list[str] = field(default_factory=list)
    pyodide: str = "the Pyodide CDN (the browser needs internet)"

    def lines(self) -> list[str]:
        return [f"site: {self.site}", f"wheels served by the site: {', '.join(self.wheels)}",
                f"Pyodide from: {self.pyodide}",
                f"serve it: python -m http.server -d {self.site} (then open http://127.0.0.1:8000/lab/)"]


def pyodide_version() -> str:
    """The Pyodide version the installed JupyterLite Pyodide kernel expects."""
    try:
        from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    except ImportError:
        raise BuildError("medialit lite needs jupyterlite-core and jupyterlite-pyodide-kernel: "
                         "pip install 'medialit[lite]'") from None
    return PYODIDE_VERSION


def _run(command: list[str], what: str, cwd: Path | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        tail = "; ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise BuildError(f"{what} failed ({' '.join(command[:4])} …): {tail}")


def _pip_download(requirements: list[str], dest: Path) -> None:
    """Pure-Python wheels for the browser's Python version, through pip and its configured index."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_PYTHON_VERSION

    _run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", *_PIP_BROWSER, "--python-version",
          PYODIDE_PYTHON_VERSION, "-d", str(dest), *requirements], "downloading " + ", ".join(requirements))


def _pinned(names) -> list[str]:
    """``name==version`` at the versions installed here (the site's widgets then match its front end)."""
    pins = []
    for name in names:
        try:
            pins.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            raise BuildError(f"{name} is not installed here; install the kit first (pip install -e .)") from None
    return pins


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def kernel_start_packages(lock: dict) -> list[dict]:
    """The lock entries the kernel loads as it starts: :data:`KERNEL_START` and their dependencies."""
    packages = {_norm(name): entry for name, entry in lock["packages"].items()}
    todo, seen = [_norm(n) for n in KERNEL_START], []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise BuildError(f"pyodide-lock.json has no package {name!r}: not the Pyodide this kernel expects?")
        seen.append(name)
        todo += [_norm(d) for d in packages[name]["depends"]]
    return [packages[name] for name in sorted(seen)]


def local_pyodide(npm_folder: Path, dest: Path) -> None:
    """Copy the npm ``pyodide`` package to ``dest`` and add the kernel's start-up wheels.

    The npm package holds the runtime and ``pyodide-lock.json`` but no wheels. The start-up
    packages are pure Python and on the package index at the lock's versions, but the lock
    names Pyodide's own rebuilds: each entry is pointed at the index's wheel and its sha256.
    """
    npm_folder = Path(npm_folder)
    lock_file = npm_folder / "pyodide-lock.json"
    if not lock_file.is_file():
        raise BuildError(f"{npm_folder}: no pyodide-lock.json; give the folder of the npm package "
                         f"pyodide@{pyodide_version()} (node_modules/pyodide)")
    lock = json.loads(lock_file.read_text(encoding="utf-8"))
    wanted = pyodide_version()
    found = json.loads((npm_folder / "package.json").read_text(encoding="utf-8")).get("version")
    if found != wanted:
        raise BuildError(f"{npm_folder} is Pyodide {found}; this JupyterLite kernel expects {wanted}")
    shutil.copytree(npm_folder, dest, ignore=shutil.ignore_patterns("*.map", "*.d.ts", "node_modules"))
    entries = kernel_start_packages(lock)
    _pip_download([f"{e['name']}=={e['version']}" for e in entries], dest)
    for entry in entries:
        [wheel] = [p for p in dest.glob("*.whl")
                   if _norm(p.name.split("-")[0]) == _norm(entry["name"]) and p.name.split("-")[1] == entry["version"]]
        entry["file_name"] = wheel.name
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    packages = {_norm(e["name"]): e for e in entries}
    lock["packages"] = {name: packages.get(_norm(name), entry) for name, entry in lock["packages"].items()}
    (dest / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")


#: The cell the site's copy of every lesson starts with (the kit's own lessons do not have it).
INSTALL_CELL = ("# In the browser: install the kit from this site (once per browser session).\n"
                "%pip install -q ipywidgets anywidget\n"
                "%pip install -q --no-deps medialit")


def add_install_cell(path: Path) -> None:
    """Put :data:`INSTALL_CELL` into the site's copy of a notebook, after its title cell."""
    nb = notebook_json(path.read_bytes(), path)
    cells = nb.get("cells", [])
    if any("".join(c.get("source", "")) == INSTALL_CELL for c in cells):
        return
    cell = {"cell_type": "code", "execution_count": None, "id": "medialit-lite-install", "metadata": {},
            "outputs": [], "source": INSTALL_CELL.splitlines(keepends=True)}
    at = 1 if cells and cells[0].get("cell_type") == "markdown" else 0
    cells.insert(at, cell)
    nb["cells"] = cells
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build_site(root: Path | str, dest: Path | str, *, pyodide: Path | str | None = None,
               extra: list[Path | str] = ()) -> LiteReport:
    """Build the JupyterLite site of the kit at ``root`` into the new folder ``dest``.

    The site's files are the student copy's ``notebooks/`` and ``exercises/`` folders, and
    ``extra`` files or folders at its top level (e.g. a teacher's own notebook).
    """
    root, dest = Path(root).resolve(), Path(dest).resolve()
    if dest.exists():
        raise BuildError(f"{dest} already exists: give a new folder for the site")
    if not (root / "pyproject.toml").is_file() or not (root / "notebooks").is_dir():
        raise BuildError(f"{root} is not the kit's folder (no pyproject.toml and notebooks/ there)")
    pyodide_version()                       # the [lite] extra is installed, or a clear error now
    report = LiteReport(dest)
    with tempfile.TemporaryDirectory(prefix="medialit-lite-") as work:
        work = Path(work)
        kit, lite, wheels = work / "kit", work / "lite", work / "wheels"
        student_copy(root, kit)
        _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
              "-w", str(wheels), str(kit)], "building the kit's wheel")
        _pip_download(_pinned(BROWSER_WHEELS), wheels)
        report.wheels = sorted(p.name for p in wheels.glob("*.whl"))
        lite.mkdir()
        if pyodide is not None:
            local_pyodide(Path(pyodide), lite / "static" / "pyodide")
            report.pyodide = f"{dest / 'static' / 'pyodide'} (from {pyodide}; no internet needed)"
        files = work / "files"             # the folders keep their names in the site
        for name in CONTENTS:
            if (kit / name).is_dir():
                shutil.copytree(kit / name, files / name)
        for notebook in sorted(files.rglob("*.ipynb")):
            add_install_cell(notebook)
        for item in map(Path, extra):
            if not item.exists():
                raise BuildError(f"{item}: no such file or folder to add to the site")
            copy = shutil.copytree if item.is_dir() else shutil.copy2
            copy(item, files / item.name)
        config = {"LiteBuildConfig": {"contents": [str(files)], "output_dir": str(dest)},
                  "PipliteAddon": {"piplite_urls": [str(wheels / name) for name in report.wheels]}}
        (lite / "jupyter_lite_config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
        if pyodide is not None:       # nothing may come from the internet: no PyPI fallback either
            settings = {"jupyter-lite-schema-version": 0, "jupyter-config-data": {"litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True}}}}
            (lite / "jupyter-lite.json").write_text(json.dumps(settings, indent=1), encoding="utf-8")
        jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
        _run([jupyter, "lite", "build"], "jupyter lite build", cwd=lite)
    return report
