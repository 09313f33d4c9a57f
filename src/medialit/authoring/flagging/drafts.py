"""Drafts: run the rules over a text and write the candidates as annotation records.

``medialit flag seeds/<slug>`` runs every rule of :mod:`.rules` over ``article.txt`` and
writes the candidates to ``drafts.yaml`` in the annotations.yaml record format, each with
a ``note`` that starts ``DRAFT:`` and says why the rule fired, ending with the rule and the
draft's confidence (``[rule: lexicon, confidence 0.35]``). The teacher keeps,
rewrites or deletes each one (``medialit review``) and the kept ones go into
annotations.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from medialit._io.atomic import write_atomic
from medialit._io.reading import read_text
from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE
from medialit.authoring.flagging.confidence import rate
from medialit.authoring.flagging.context import Context, Flag
from medialit.authoring.flagging.rules import RULES
from medialit.errors import AuthoringError

DRAFTS_FILE = "drafts.yaml"

DRAFTS_HEADER = """\
# Draft annotation candidates made by `medialit flag` from article.txt.
# They are rules firing, not judgements: review every record. Keep the ones you agree
# with, rewrite the note for students (drop "DRAFT:"), add a source_id from
# sources.yaml where someone is quoted, then move them into annotations.yaml and run
# `medialit check`. Re-running `medialit flag` replaces this file only with --force.
"""


def flag_text(text: str, rules: Iterable[str] | None = None, min_confidence: float = 0.0) -> list[Flag]:
    """Every draft flag in ``text`` rated at least ``min_confidence``, sorted by position.

    Duplicates (same span and label) are dropped; each flag carries its confidence
    (:mod:`.confidence`) and the reason for it.
    """
    ctx = Context(text)
    names = list(RULES) if rules is None else list(rules)
    out: dict[tuple[int, int, str], Flag] = {}
    for name in names:
        if name not in RULES:
            raise ValueError(f"unknown rule {name!r}; rules are {', '.join(RULES)}")
        for flag in RULES[name](ctx):
            if flag.end > flag.start:
                out.setdefault((flag.start, flag.end, flag.label), flag)
    found = sorted(out.values(), key=lambda f: (f.start, f.end, f.label))
    return [f for f in rate(found, ctx) if f.confidence >= min_confidence]


def draft_records(text: str, flags: Iterable[Flag] | None = None) -> list[dict]:
    """Flags as annotation records (id, start, end, text, category, label, note)."""
    flags = flag_text(text) if flags is None else list(flags)
    records = []
    for number, flag in enumerate(flags, start=1):
        records.append({
            "id": f"draft-{number:03d}-{flag.rule}",
            "start": flag.start,
            "end": flag.end,
            "text": text[flag.start:flag.end],
            "category": flag.category,
            "label": flag.label,
            "note": flag.note(),
        })
    return records


def dump_records(records: list[dict]) -> str:
    """Records as block-style YAML (``[]`` when there are none)."""
    if not records:
        return "[]\n"
    return yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=False)


def write_drafts(folder: Path | str, out: Path | str | None = None, force: bool = False,
                 min_confidence: float = 0.0) -> tuple[Path, list[dict]]:
    """Flag ``folder/article.txt`` and write the drafts rated at least ``min_confidence``.

    Returns (path, records). Refuses (:class:`~medialit.errors.AuthoringError`) to write
    over ``annotations.yaml``, and over an existing drafts file unless ``force``.
    """
    folder = Path(folder)
    text = read_text(folder / ARTICLE_FILE)
    path = Path(out) if out is not None else folder / DRAFTS_FILE
    if path.resolve() == (folder / ANNOTATIONS_FILE).resolve() or path.name == ANNOTATIONS_FILE:
        raise AuthoringError(path, f"flag never writes annotations.yaml; drafts go to {DRAFTS_FILE} "
                                   "for you to review")
    if path.exists() and not force:
        raise AuthoringError(path, "already exists (reviewed drafts may be in it): "
                                   "use --force to write it again, or --out another file")
    records = draft_records(text, flag_text(text, min_confidence=min_confidence))
    write_atomic(path, DRAFTS_HEADER + dump_records(records))
    return path, records
