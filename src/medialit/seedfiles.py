"""Finding an article's folder and reading its plain files with line numbers.

Every file an article is made of lives in ``seeds/<slug>/``:

- ``article.txt``      the text, verbatim (offsets count Python characters)
- ``meta.yaml``        title, author, publisher, dates, address, credit line
- ``annotations.yaml`` the annotation layer: a list of flagged spans
- ``sources.yaml``     every person or outlet the article quotes or cites
- ``quizzes.yaml``     the quiz bank (optional)

YAML records are read with the line they start on, so that every error can name
``file:line`` and the field to fix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

ARTICLE_FILE = "article.txt"
META_FILE = "meta.yaml"
ANNOTATIONS_FILE = "annotations.yaml"
SOURCES_FILE = "sources.yaml"
QUIZZES_FILE = "quizzes.yaml"


class SeedError(ValueError):
    """A file could not be read at all (missing or unparsable); names the file and line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an article's files, with where it is and what to do."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"


class LineMap(dict):
    """A mapping read from YAML that remembers the line of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader (never constructs Python objects) that records line numbers."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be plain text, not {type(key).__name__}", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
# Dates stay strings: a teacher writes 2017-11-27 and means the text, not a date object.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path | str):
    """Parse one YAML file; mappings come back as :class:`LineMap`.

    Raises :class:`SeedError` naming the file and line when the file is missing,
    not UTF-8, or not valid YAML.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SeedError(path, "file is missing") from None
    except UnicodeDecodeError as exc:
        raise SeedError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        return yaml.load(raw, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise SeedError(path, f"not valid YAML: {exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise SeedError(path, f"not valid YAML: {exc}") from None


def read_text(path: Path | str) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SeedError(path, "file is missing") from None
    except UnicodeDecodeError as exc:
        raise SeedError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def seed_roots() -> list[Path]:
    """Folders searched for ``<slug>/``, first match wins.

    1. each folder in ``MEDIALIT_SEEDS`` (``os.pathsep``-separated);
    2. ``seeds/`` in the current folder or any parent (a notebook in ``notebooks/``);
    3. the ``seeds/`` of the source checkout this package was installed from.
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
    checkout = Path(__file__).resolve().parents[2] / "seeds"
    if checkout.is_dir():
        roots.append(checkout)
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
    raise FileNotFoundError(
        f"no article {name!r}: looked for {name}/{ARTICLE_FILE} in {searched}. "
        "Give a folder path, or set MEDIALIT_SEEDS to the folder holding your articles."
    )
