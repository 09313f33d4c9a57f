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
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section or "." in pip_section, "environment.yml must install the kit itself"
    python = next(d for d in conda if d.startswith("python"))
    assert python.replace("python", "") == project["requires-python"]
