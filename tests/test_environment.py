"""environment.yml (Binder, conda) must list the same runtime dependencies as pyproject.toml."""

import re

import tomllib
import yaml

from .conftest import ROOT


def _name_and_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    # Binder runs JupyterLab: the environment holds the kit's dependencies and the [lab] extra.
    pip_deps = dict(_name_and_spec(r) for r in project["dependencies"] + project["optional-dependencies"]["lab"])
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    conda_deps = dict(_name_and_spec(d) for d in conda if not d.startswith(("python", "pip")))
    assert conda_deps == pip_deps
    python = next(d for d in conda if d.startswith("python"))
    version = python.split("=", 1)[1]
    minimum = project["requires-python"].removeprefix(">=")
    assert tuple(map(int, version.split("."))) >= tuple(map(int, minimum.split("."))), python


def test_binder_installs_the_kit_after_copying_it():
    """repo2docker installs environment.yml before the kit is copied, so postBuild installs the kit."""
    post = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps -e ." in post
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_the_core_dependencies_install_in_a_browser_kernel_and_test_gets_everything():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {_name_and_spec(r)[0] for r in project["dependencies"]}
    assert not core & {"jupyterlab", "notebook", "jupyter-server"}, "a browser kernel cannot install these"
    extras = project["optional-dependencies"]
    assert {"jupyterlab", "notebook"} <= {_name_and_spec(r)[0] for r in extras["lab"]}
    assert {"jupyterlite-core", "jupyterlite-pyodide-kernel"} <= {_name_and_spec(r)[0] for r in extras["lite"]}
    assert "medialit[lab,lite]" in extras["test"]
