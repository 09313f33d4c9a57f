"""Start a new article folder from a plain-text file: ``medialit new <slug> --from FILE``.

Creates ``seeds/<slug>/`` with every file an article is made of:

- ``article.txt``       the file, copied byte for byte (it must be UTF-8);
- ``meta.yaml``         every metadata field, empty, each with a TODO comment:
                        ``medialit check`` reports the required ones until filled;
- ``annotations.yaml``  ``[]`` and a commented example record;
- ``sources.yaml``      one ``author`` record whose ``who`` and ``says`` are to fill;
- ``quizzes.yaml``      ``[]`` and a comment.

It never writes into an existing folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from medialit._io.atomic import write_atomic
from medialit.article.model import KINDS, META_FIELDS, META_REQUIRED
from medialit.article.seeds import (
    ANNOTATIONS_FILE,
    ARTICLE_FILE,
    META_FILE,
    QUIZZES_FILE,
    SOURCES_FILE,
)
from medialit.errors import ScaffoldError

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def default_seeds_dir() -> Path:
    """The nearest ``seeds/`` folder from the current one upwards, else ``./seeds``."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "seeds").is_dir():
            return folder / "seeds"
    return here / "seeds"


def _yaml_string(value: str) -> str:
    """A one-line double-quoted YAML string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def meta_template(first_line: str = "") -> str:
    lines = [
        "# Metadata for article.txt. Fill every field; `medialit check` reports the required",
        f"# ones ({', '.join(META_REQUIRED)}) until they have a value.",
    ]
    for field, meaning in META_FIELDS.items():
        need = "TODO" if field in META_REQUIRED else "TODO (optional)"
        hint = meaning
        if field == "kind":
            hint = " | ".join(KINDS)
        if field == "title" and first_line:
            hint += f"; the text starts: {first_line[:70]!r}"
        lines.append(f'{field}: ""   # {need}: {hint}')
    return "\n".join(lines) + "\n"


ANNOTATIONS_TEMPLATE = """\
# The annotation layer: one record per flagged span of article.txt.
# `medialit flag seeds/<slug>` drafts candidates into drafts.yaml: review them and
# move the ones you keep here. An example record (categories and labels: see
# medialit.article.annotations.LABELS):
#
# - id: q-mayor
#   start: 120            # first character (0-based); `medialit anchor` fills these
#   end: 160              # one past the last character
#   text: "We will fix the bridge"
#   category: quoted_reporting
#   label: direct_quote
#   source_id: author     # an id in sources.yaml, or leave out for the author's voice
#   note: >
#     Whose words are these, and where can a student check them?
[]
"""

SOURCES_TEMPLATE = """\
# Every person or outlet the article quotes or cites (see medialit.article.sources).
# Fill in the author record; add one record per source an annotation points to.
- id: author
  who: ""          # TODO: who wrote the article
  outlet: ""       # the outlet that published it
  title: ""
  date: ""         # YYYY-MM-DD
  url: ""
  says: ""         # TODO: in a sentence, what the article argues
  confidence: seen # seen | via | not_found
"""

QUIZZES_TEMPLATE = """\
# The quiz bank for this article: questions about its annotated spans.
# Empty until you write some (see the quiz documentation).
[]
"""


def next_steps(folder: Path) -> str:
    return (
        f"created {folder}/ with {ARTICLE_FILE}, {META_FILE}, {ANNOTATIONS_FILE}, "
        f"{SOURCES_FILE}, {QUIZZES_FILE}\n"
        "Next steps:\n"
        f"  1. fill every TODO in {folder / META_FILE} and {folder / SOURCES_FILE}\n"
        f"  2. medialit flag {folder}            drafts candidates into drafts.yaml\n"
        f"  3. review drafts.yaml: keep, rewrite or delete each record, move the kept ones\n"
        f"     into {ANNOTATIONS_FILE} (add source_id where someone is quoted)\n"
        f"  4. medialit check {folder}           until it says OK"
    )


def new_article(slug: str, source: Path | str, seeds: Path | str | None = None) -> Path:
    """Create ``<seeds>/<slug>/`` from the text file ``source``; returns the folder."""
    if not _SLUG.match(slug or ""):
        raise ScaffoldError(f"{slug!r} is not a usable folder name: use lowercase letters, digits "
                            "and hyphens, starting with a letter or digit (e.g. raqqa-exodus)")
    source = Path(source)
    if not source.is_file():
        raise ScaffoldError(f"{source}: no such file")
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScaffoldError(
            f"{source}: not UTF-8 text ({exc.reason} at byte {exc.start}). Save it as UTF-8 "
            "(e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`) and try again") from None
    if not text.strip():
        raise ScaffoldError(f"{source}: the file is empty")
    root = Path(seeds) if seeds is not None else default_seeds_dir()
    folder = root / slug
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists: nothing was changed. Choose another slug, "
                            "or remove the folder first if you mean to start again")
    root.mkdir(parents=True, exist_ok=True)
    folder.mkdir()
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    write_atomic(folder / ARTICLE_FILE, raw)                # byte for byte
    write_atomic(folder / META_FILE, meta_template(first_line))
    write_atomic(folder / ANNOTATIONS_FILE, ANNOTATIONS_TEMPLATE)
    write_atomic(folder / SOURCES_FILE, SOURCES_TEMPLATE)
    write_atomic(folder / QUIZZES_FILE, QUIZZES_TEMPLATE)
    return folder
