"""Where an article's files live: the file names of a seed folder, and finding the folder.

Every file an article is made of lives in ``seeds/<slug>/``:

- ``article.txt``      the text, verbatim (offsets count Python characters)
- ``meta.yaml``        title, author, publisher, dates, address, credit line
- ``annotations.yaml`` the annotation layer: a list of flagged spans
- ``sources.yaml``     every person or outlet the article quotes or cites
- ``quizzes.yaml``     the quiz bank (optional)
"""

from __future__ import annotations

import os
from pathlib import Path

from medialit.errors import ArticleNotFound

ARTICLE_FILE = "article.txt"
META_FILE = "meta.yaml"
ANNOTATIONS_FILE = "annotations.yaml"
SOURCES_FILE = "sources.yaml"
QUIZZES_FILE = "quizzes.yaml"


def seed_roots() -> list[Path]:
    """Folders searched for ``<slug>/``, first match wins.

    1. each folder in ``MEDIALIT_SEEDS`` (``os.pathsep``-separated);
    2. ``seeds/`` in the current folder or any parent (a notebook in ``notebooks/``);
    3. the ``seeds/`` of the source checkout this package was installed from;
    4. the articles shipped inside the package (``medialit/_seeds/``, put there when the
       wheel is built: an installed kit finds the Raqqa article without the repository).
    """
    roots: list[Path] = []
    env = os.environ.get("MEDIALIT_SEEDS")
    if env:
        roots += [Path(p) for p in env.split(os.pathsep) if p]
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "seeds").is_dir():
            roots.append(folder / "seeds")
            break
    checkout = Path(__file__).resolve().parents[3] / "seeds"
    if checkout.is_dir():
        roots.append(checkout)
    shipped = Path(__file__).resolve().parents[1] / "_seeds"
    if shipped.is_dir():
        roots.append(shipped)
    unique: list[Path] = []
    for root in roots:
        if root not in unique:
            unique.append(root)
    return unique


def find_seed(slug_or_path: str | os.PathLike) -> Path:
    """Resolve an article slug (``raqqa-exodus``) or a folder path to its folder."""
    candidate = Path(slug_or_path)
    if candidate.is_dir() and (candidate / ARTICLE_FILE).exists():
        return candidate
    name = str(slug_or_path)
    if "/" not in name and os.sep not in name:
        for root in seed_roots():
            if (root / name / ARTICLE_FILE).exists():
                return root / name
    searched = ", ".join(str(r) for r in seed_roots()) or "(no seeds folder found)"
    raise ArticleNotFound(
        f"no article {name!r}: looked for {name}/{ARTICLE_FILE} in {searched}. "
        "Give a folder path, or set MEDIALIT_SEEDS to the folder holding your articles."
    )


def seed_folder(article) -> Path:
    """The folder of an article given as an :class:`~medialit.article.model.Article`, a folder path or a slug."""
    folder = getattr(article, "folder", None)
    if folder is not None:
        return Path(folder)
    folder = Path(article)
    return folder if folder.is_dir() else find_seed(article)
