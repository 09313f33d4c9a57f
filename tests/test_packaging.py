"""The wheel carries every file the kit reads at run time (lexicon, stylesheets, widget code)."""

import shutil
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT

# Build from a clean copy: a build/ folder or src/*.egg-info left by an earlier build would
# feed its old file list into the new wheel and hide a missing package-data entry.
_LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                      ".pytest_cache", ".hypothesis", "test-artifacts", "node_modules")


@pytest.mark.slow
def test_the_wheel_holds_the_kits_data_files(tmp_path):
    source = tmp_path / "kit"
    shutil.copytree(ROOT, source, ignore=_LEFT_BEHIND)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(source)], check=True, capture_output=True, timeout=300)
    wheel = next((tmp_path / "dist").glob("medialit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    package = source / "src"
    wanted = [p.relative_to(package).as_posix() for p in (package / "medialit").rglob("*")
              if p.is_file() and p.suffix in {".js", ".css", ".tsv", ".txt"} and "__pycache__" not in p.parts]
    assert wanted, "no data files found under src/medialit"
    missing = [name for name in wanted if name not in names]
    assert not missing, f"left out of the wheel: {missing}"
