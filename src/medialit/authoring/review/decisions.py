"""Review decisions: accept or reject drafts, and append the accepted ones to the annotation layer.

``medialit flag seeds/<slug>`` writes candidates to ``drafts.yaml`` (annotation records
whose notes start ``DRAFT:``). This module is the step after it:

- in a notebook, ``review("seeds/<slug>")`` (:mod:`.panel`) shows every draft (the passage with the
  draft highlighted, why the rule fired, a category/label menu, the note to edit and
  Accept / Reject buttons) and a **Save accepted** button;
- in code, :func:`accept` / :func:`reject` (and :func:`decide` for both at once);
- on the command line, ``medialit review seeds/<slug> --accept ID ... | --accept-all |
  --reject ID ...`` (no option: list the drafts).

Saving never loses anything a teacher wrote:

- accepted records are **appended** to ``annotations.yaml`` (its comments and records
  are kept as they are), after a timestamped copy of the old file is written beside it
  (``annotations.yaml.bak-YYYYMMDD-HHMMSS``);
- each accepted record gets a new id (``q-``/``f-``/``g-`` and its first words, or the
  id the teacher gave it); an id already taken gets ``-2``, ``-3``, ... and the rename is
  reported; offsets are anchored to the record's text; ``DRAFT:`` (and the ``[rule: ...]``
  tag) is removed from the note;
- every accepted record is checked as ``medialit check`` would check it (category,
  label for that category, source id, text found in the article, a note) *before*
  anything is written. :func:`accept` refuses the whole batch if one record is
  invalid (:class:`ReviewError` names the draft id and the field); the widget saves
  the valid ones and keeps the others on screen with the reason;
- the decided drafts (accepted and rejected) are removed from ``drafts.yaml``; the
  others stay for later.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from medialit._io.atomic import write_atomic
from medialit._io.reading import read_text, read_yaml
from medialit.article.annotations import COLUMNS, anchor_records, check_records
from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE, SOURCES_FILE, seed_folder
from medialit.authoring.check import validate
from medialit.authoring.flagging.drafts import DRAFTS_FILE, DRAFTS_HEADER, dump_records
from medialit.errors import ReviewError, SeedError

#: Fields an edit may change.
EDITABLE = ("id", "text", "category", "label", "source_id", "note")
#: Id prefix per category (the convention of the kit's own annotation files).
ID_PREFIX = {"quoted_reporting": "q", "framing": "f", "generalization": "g"}
_DRAFT_PREFIX = re.compile(r"^\s*(?:DRAFT\s*:\s*)+", re.IGNORECASE)
RULE_TAG = re.compile(r"\s*\[rule:\s*([^\]]*)\]\s*$")
_CONFIDENCE = re.compile(r"confidence\s+([01](?:\.\d+)?)")
_STOP = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "is", "it", "that", "this", "by", "for"}


@dataclass
class ReviewResult:
    """What one save did."""

    folder: Path
    accepted: dict[str, str] = field(default_factory=dict)        # draft id -> new id
    renamed: dict[str, tuple[str, str]] = field(default_factory=dict)  # draft id -> (wanted, given)
    rejected: list[str] = field(default_factory=list)
    refused: dict[str, list[str]] = field(default_factory=dict)    # draft id -> reasons (not saved)
    backup: Path | None = None
    remaining: int = 0
    check_problems: list[str] = field(default_factory=list)        # `medialit check` after saving

    @property
    def written(self) -> list[str]:
        """Ids of the records appended to annotations.yaml."""
        return list(self.accepted.values())

    def summary(self) -> str:
        lines = []
        if self.accepted:
            backup = f" (previous file kept as {self.backup.name})" if self.backup else ""
            lines.append(f"wrote {len(self.accepted)} record(s) to {ANNOTATIONS_FILE}{backup}: "
                         + ", ".join(self.accepted.values()))
        else:
            lines.append(f"wrote 0 records to {ANNOTATIONS_FILE}")
        for draft_id, (wanted, given) in self.renamed.items():
            lines.append(f"renamed: id {wanted!r} is already taken, so draft {draft_id} was saved as {given!r}")
        if self.rejected:
            lines.append(f"rejected {len(self.rejected)} draft(s): " + ", ".join(self.rejected))
        for reasons in self.refused.values():
            for reason in reasons:
                lines.append(f"not saved: {reason}")
        decided = len(self.accepted) + len(self.rejected)
        lines.append(f"removed {decided} decided draft(s) from {DRAFTS_FILE}; {self.remaining} left to review")
        if self.check_problems:
            lines.append(f"medialit check: {len(self.check_problems)} problem(s) in the folder "
                         "(none in the records written now):")
            lines += [f"  {p}" for p in self.check_problems]
        else:
            lines.append("medialit check: OK")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


# -- reading ------------------------------------------------------------------------

def clean_note(note) -> str:
    """The note without its leading ``DRAFT:`` (however often it is repeated) and without
    the ``[rule: ...]`` tag `medialit flag` ends it with (students need neither)."""
    return RULE_TAG.sub("", _DRAFT_PREFIX.sub("", str(note or ""))).strip()


def confidence_of(record: Mapping) -> float | None:
    """The confidence `medialit flag` gave a draft (from its note's ``[rule: ..., confidence C]`` tag)."""
    tag = RULE_TAG.search(str(record.get("note") or ""))
    found = _CONFIDENCE.search(tag.group(1)) if tag else None
    return float(found.group(1)) if found else None


def by_confidence(drafts: list) -> list:
    """Drafts highest confidence first (ties and drafts without one keep their file order, last)."""
    return sorted(drafts, key=lambda rec: -(confidence_of(rec) if confidence_of(rec) is not None else -1.0))


def load_drafts(folder) -> list[dict]:
    """The records of ``<folder>/drafts.yaml`` (an empty list when it holds none)."""
    path = seed_folder(folder) / DRAFTS_FILE
    if not path.exists():
        raise ReviewError([f"{path}: no drafts file; run `medialit flag {path.parent}` first"],
                          "nothing to review")
    try:
        raw = read_yaml(path)
    except SeedError as exc:
        raise ReviewError([str(exc)], "cannot read the drafts") from None
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise ReviewError([f"{path}: must be a YAML list of records (each starting '- id: ...')"],
                          "cannot read the drafts")
    seen: dict[str, int] = {}
    problems = []
    for rec in raw:
        rid = str(rec.get("id") or "")
        if not rid:
            problems.append(f"{path}:{getattr(rec, 'line', '?')} [id]: a draft without an id; give it one")
        elif rid in seen:
            problems.append(f"{path}:{getattr(rec, 'line', '?')} [id]: duplicate draft id {rid!r} "
                            f"(first on line {seen[rid]}); make the ids unique")
        else:
            seen[rid] = getattr(rec, "line", 0)
    if problems:
        raise ReviewError(problems, "cannot read the drafts")
    return raw


def _source_ids(folder: Path) -> set[str]:
    try:
        raw = read_yaml(folder / SOURCES_FILE) or []
    except SeedError:
        return set()
    return {str(r.get("id")) for r in raw if isinstance(r, dict)} if isinstance(raw, list) else set()


def _existing(folder: Path) -> tuple[str | None, list]:
    path = folder / ANNOTATIONS_FILE
    if not path.exists():
        return None, []
    try:
        raw = read_yaml(path)
    except SeedError as exc:
        raise ReviewError([f"{exc} (fix it first: records are only appended to a readable file)"]) from None
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise ReviewError([f"{path}: must be a YAML list of records; fix it first "
                           "(records are only appended to a readable file)"])
    return path.read_text(encoding="utf-8"), raw


# -- building the records -----------------------------------------------------------------

def _slug_words(text: str, count: int = 3) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)
    useful = [w for w in words if w not in _STOP] or words
    return useful[:count]


def new_id(record: Mapping) -> str:
    """An id in the kit's style for an accepted record: ``f-lunchroom-crackdown``."""
    prefix = ID_PREFIX.get(str(record.get("category")), "a")
    words = _slug_words(str(record.get("text") or "")) or [str(record.get("label") or "span")]
    return f"{prefix}-{'-'.join(words)}"[:40].rstrip("-")


def _unique(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def _plain(rec: Mapping) -> dict:
    return {str(k): v for k, v in rec.items()}


def _build(draft: Mapping, edit: Mapping, text: str, source_ids: set[str], taken: set[str]):
    """(record, wanted id, problems) for one accepted draft; ``taken`` is updated."""
    draft_id = str(draft["id"])
    rec = {k: v for k, v in _plain(draft).items()}
    for key, value in edit.items():
        if value is None or (isinstance(value, str) and value.strip() == "" and key == "source_id"):
            rec.pop(key, None)
        else:
            rec[key] = value
    rec["note"] = clean_note(rec.get("note"))
    if isinstance(rec.get("text"), str) and rec.get("text") != _plain(draft).get("text"):
        rec["start"] = rec.get("start") if isinstance(rec.get("start"), int) else 0
    problems = []
    span_text = rec.get("text")
    if isinstance(span_text, str) and span_text:
        for message in anchor_records([rec], text):
            if "not found" in message:
                problems.append(f"draft {draft_id} [text]: {span_text[:60]!r} is not in {ARTICLE_FILE}; "
                                "copy the words exactly from the article")
    # the id: the teacher's (an edit, or a non-draft id typed into drafts.yaml), else a new one
    given = edit.get("id") or (draft_id if not draft_id.startswith("draft-") else None)
    wanted = str(given) if given else new_id(rec)
    final = _unique(wanted, taken)
    taken.add(final)
    rec["id"] = final
    ordered = {k: rec[k] for k in COLUMNS if k in rec and rec[k] not in (None, "")}
    ordered.update({k: v for k, v in rec.items() if k not in COLUMNS})   # unknown fields: reported below
    if not problems:
        for problem in check_records([ordered], text, source_ids, DRAFTS_FILE):
            field_name = problem.field or "record"
            message = problem.message
            if field_name == "note" and message.startswith("missing"):
                message = "missing: write a note for students (the draft's note was empty)"
            problems.append(f"draft {draft_id} [{field_name}]: {message}")
    return ordered, wanted, problems


# -- writing --------------------------------------------------------------------------------

def _dump(records: list[dict]) -> str:
    return "\n".join(yaml.safe_dump([r], sort_keys=False, allow_unicode=True, width=88,
                                    default_flow_style=False) for r in records)


def _parses_to(content: str, expected: list[dict]) -> bool:
    try:
        got = yaml.safe_load(content)
    except yaml.YAMLError:
        return False
    got = got or []
    return isinstance(got, list) and [_plain(r) if isinstance(r, dict) else r for r in got] == expected


def _leading_comments(content: str) -> str:
    out = []
    for line in content.splitlines(keepends=True):
        if line.strip() == "" or line.lstrip().startswith("#"):
            out.append(line)
        else:
            break
    return "".join(out)


def _appended(old: str | None, old_records: list, new_records: list[dict]) -> str:
    """annotations.yaml with ``new_records`` appended, the old text kept as it was."""
    stamp = _dt.date.today().isoformat()
    block = (f"# Accepted from {DRAFTS_FILE} by `medialit review` on {stamp}.\n" + _dump(new_records))
    expected = [_plain(r) for r in old_records] + [_plain(r) for r in new_records]
    if old is None:
        return "# The annotation layer (see seeds/README.md).\n\n" + block
    body = old
    if not old_records:   # "[]" (the template) cannot take "- id:" records after it
        body = re.sub(r"(?m)^[ \t]*\[\][ \t]*(#.*)?$\n?", "", body, count=1)
    if body and not body.endswith("\n"):
        body += "\n"
    content = body + ("\n" if body.strip() else "") + block
    if _parses_to(content, expected):
        return content
    # an unusual layout (flow style, ...): rewrite the records, keep the leading comments
    content = _leading_comments(old) + _dump([_plain(r) for r in old_records] + new_records)
    return content


def _without(content: str, records: list, drop: set[str]) -> str:
    """drafts.yaml without the records whose id is in ``drop`` (other text kept)."""
    keep = [_plain(r) for r in records if str(r.get("id")) not in drop]
    lines = content.splitlines(keepends=True)
    starts = [getattr(r, "line", 0) for r in records]
    if all(starts) and starts == sorted(starts) and len(set(starts)) == len(starts):
        first = starts[0] - 1
        head = "".join(lines[:first])
        pieces = []
        for rec, start, stop in zip(records, starts, [*starts[1:], len(lines) + 1]):
            if str(rec.get("id")) not in drop:
                pieces.append("".join(lines[start - 1:stop - 1]))
        new = head + ("".join(pieces) if pieces else "[]\n")
        if _parses_to(new, keep):
            return new
    return (_leading_comments(content) or DRAFTS_HEADER) + dump_records(keep)


def decide(folder, accept: Iterable[str] = (), reject: Iterable[str] = (),
           edits: Mapping[str, Mapping] | None = None, *, skip_invalid: bool = False) -> ReviewResult:
    """Accept and reject drafts in one save (see the module docstring).

    ``edits`` maps a draft id to the fields to change before it is accepted
    (``id``, ``text``, ``category``, ``label``, ``source_id``, ``note``; ``None`` or an
    empty ``source_id`` removes the field). With ``skip_invalid`` an invalid accepted
    draft is left in drafts.yaml and listed in ``result.refused``; without it (the
    default) nothing at all is saved and :class:`ReviewError` says why.
    """
    folder = seed_folder(folder)
    accept, reject = [str(i) for i in accept], [str(i) for i in reject]
    edits = {str(k): dict(v or {}) for k, v in (edits or {}).items()}
    drafts = load_drafts(folder)
    by_id = {str(r["id"]): r for r in drafts}
    problems = []
    for rid in dict.fromkeys(accept + reject):
        if rid not in by_id:
            problems.append(f"draft {rid} [id]: no draft with this id in {folder / DRAFTS_FILE}")
    for rid in sorted(set(accept) & set(reject)):
        problems.append(f"draft {rid} [id]: both accepted and rejected; choose one")
    for rid, edit in edits.items():
        if rid not in accept:
            problems.append(f"draft {rid} [id]: has edits but is not accepted")
        for key in edit:
            if key not in EDITABLE:
                problems.append(f"draft {rid} [{key}]: cannot be edited; editable fields are {', '.join(EDITABLE)}")
    if problems:
        raise ReviewError(problems)

    text = read_text(folder / ARTICLE_FILE)
    old_text, old_records = _existing(folder)
    taken = {str(r.get("id")) for r in old_records if isinstance(r, dict)}
    source_ids = _source_ids(folder)
    result = ReviewResult(folder)
    new_records = []
    wanted_set = set(accept)
    for draft in drafts:                       # file order: the same save gives the same file
        rid = str(draft["id"])
        if rid not in wanted_set:
            continue
        record, wanted, errors = _build(draft, edits.get(rid, {}), text, source_ids, taken)
        if errors:
            taken.discard(record["id"])
            result.refused[rid] = errors
            continue
        if record["id"] != wanted:
            result.renamed[rid] = (wanted, record["id"])
        result.accepted[rid] = record["id"]
        new_records.append(record)
    if result.refused and not skip_invalid:
        raise ReviewError([p for errs in result.refused.values() for p in errs],
                          "nothing was saved (fix these in drafts.yaml or pass edits)")

    path = folder / ANNOTATIONS_FILE
    if new_records:
        content = _appended(old_text, old_records, new_records)
        if not _parses_to(content, [_plain(r) for r in old_records] + new_records):
            raise ReviewError([f"{path}: could not append safely; nothing was changed"])
        result.backup = write_atomic(path, content, backup=True)
    decided = set(result.accepted) | set(reject)
    result.rejected = [r for r in (str(d["id"]) for d in drafts) if r in set(reject)]
    drafts_path = folder / DRAFTS_FILE
    if decided:
        write_atomic(drafts_path, _without(drafts_path.read_text(encoding="utf-8"), drafts, decided))
    result.remaining = len(drafts) - len(decided)
    result.check_problems = [str(p) for p in validate(folder)]
    return result


def accept(folder, ids: Iterable[str], edits: Mapping[str, Mapping] | None = None) -> ReviewResult:
    """Append the drafts ``ids`` (with ``edits``) to annotations.yaml; remove them from drafts.yaml.

    Refuses the whole batch (:class:`ReviewError`, naming draft id and field) if any
    accepted record would be invalid.
    """
    if isinstance(ids, str):
        ids = [ids]
    return decide(folder, accept=ids, edits=edits)


def reject(folder, ids: Iterable[str]) -> ReviewResult:
    """Remove the drafts ``ids`` from drafts.yaml (annotations.yaml is not touched)."""
    if isinstance(ids, str):
        ids = [ids]
    return decide(folder, reject=ids)


def command(folder, accept: Iterable[str] = (), accept_all: bool = False, reject: Iterable[str] = ()) -> str:
    """What ``medialit review`` prints: the drafts listed when nothing is decided, else the save's summary."""
    folder = seed_folder(folder)
    drafts = load_drafts(folder)
    accept, reject = list(accept), list(reject)
    if not (accept or accept_all or reject):
        lines = []
        for rec in by_confidence(drafts):
            words = " ".join(str(rec.get("text")).split())
            words = words if len(words) <= 60 else words[:59] + "…"
            conf = confidence_of(rec)
            rated = f"  confidence {conf:.2f}" if conf is not None else ""
            lines.append(f"{rec.get('id')}  {rec.get('category')}/{rec.get('label')}{rated}  {words!r}")
            lines.append(f"    why: {' '.join(clean_note(rec.get('note')).split())}")
        lines.append(f"{len(drafts)} draft(s) in {folder / DRAFTS_FILE}, most confident first. "
                     "Decide with: medialit review "
                     f"{folder} --accept ID [ID ...] | --accept-all | --reject ID [ID ...]")
        return "\n".join(lines)
    if accept_all:
        accept = [str(r.get("id")) for r in drafts if str(r.get("id")) not in set(reject)]
    return decide(folder, accept=accept, reject=reject).summary()
