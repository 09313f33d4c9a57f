"""The wheel carries every file the kit reads at run time (lexicon, stylesheets, widget code, the
Raqqa article), and an installed wheel finds the article with no repository around it."""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

# Build from a clean copy: a build/ folder or src/*.egg-info left by an earlier build would
# feed its old file list into the new wheel and hide a missing package-data entry.
_LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                      ".pytest_cache", ".hypothesis", "test-artifacts", "node_modules")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(the kit's clean copy, the wheel built from it)."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    source = tmp_path / "kit"
    shutil.copytree(ROOT, source, ignore=_LEFT_BEHIND)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(source)], check=True, capture_output=True, timeout=300)
    return source, next((tmp_path / "dist").glob("medialit-*.whl"))


@pytest.mark.slow
def test_the_wheel_holds_the_kits_data_files(built):
    source, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    package = source / "src"
    wanted = [p.relative_to(package).as_posix() for p in (package / "medialit").rglob("*")
              if p.is_file() and p.suffix in {".js", ".css", ".tsv", ".txt"} and "__pycache__" not in p.parts]
    assert wanted, "no data files found under src/medialit"
    missing = [name for name in wanted if name not in names]
    assert not missing, f"left out of the wheel: {missing}"


@pytest.mark.slow
def test_the_wheel_carries_the_raqqa_article_from_the_one_seeds_folder(built):
    source, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    article = source / "seeds" / "raqqa-exodus"
    wanted = {f"medialit/_seeds/raqqa-exodus/{p.name}" for p in article.iterdir() if p.is_file()}
    assert {"medialit/_seeds/raqqa-exodus/article.txt", "medialit/_seeds/raqqa-exodus/quizzes.yaml"} <= wanted
    assert wanted <= names, f"left out of the wheel: {sorted(wanted - names)}"
    assert not [n for n in names if "/sample-class/" in n], "the sample class's hand-ins are not package data"
    # seeds/ stays the one copy in git: nothing under src/ holds the article.
    assert not (source / "src" / "medialit" / "_seeds").exists()


@pytest.mark.slow
def test_the_installed_wheel_finds_the_article_with_no_repository(built, tmp_path):
    _, wheel = built
    site = tmp_path / "install" / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIALIT_SEEDS", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    code = ("import medialit, json\n"
            "art = medialit.load_article('raqqa-exodus')\n"
            "from medialit.quizzes import load_bank\n"
            "print(json.dumps([medialit.__file__, str(art.folder), art.meta['author'], len(load_bank(art))]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    package_file, folder, author, questions = json.loads(out.stdout)
    assert Path(package_file).is_relative_to(site), "the test must run the installed wheel, not the checkout"
    assert Path(folder) == site / "medialit" / "_seeds" / "raqqa-exodus"
    assert author == "Michel Chossudovsky" and questions > 0
