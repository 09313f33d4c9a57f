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
    pip_deps = dict(_name_and_spec(r) for r in project["dependencies"])
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
