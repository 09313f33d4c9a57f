"""Build hook: the wheel carries the Raqqa article's folder as package data (``medialit/_seeds/``).

``seeds/`` at the top of the repository stays the one copy in git; it is copied into the
package only while a wheel is built, so an installed kit finds the article without the
repository (:func:`medialit.article.seeds.seed_roots`). Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: Article folders under seeds/ that ship inside the package.
SHIPPED = ("raqqa-exodus",)


class BuildPyWithSeeds(build_py):
    """build_py, then ``seeds/<slug>`` copied to ``<build>/medialit/_seeds/<slug>``."""

    def run(self):
        super().run()
        for slug in SHIPPED:
            source = ROOT / "seeds" / slug
            if not source.is_dir():
                raise SystemExit(f"setup.py: {source} is missing; the wheel must carry it")
            shutil.copytree(source, Path(self.build_lib) / "medialit" / "_seeds" / slug, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", ".*", "sample-class"))


setup(cmdclass={"build_py": BuildPyWithSeeds})
