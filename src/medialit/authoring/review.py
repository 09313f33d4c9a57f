"""Review draft flags: accept or reject each one, and move the accepted ones into the layer.

``medialit flag seeds/<slug>`` writes candidates to ``drafts.yaml`` (annotation records
whose notes start ``DRAFT:``). This module is the step after it:

- in a notebook, ``review("seeds/<slug>")`` shows every draft (the passage with the
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
import html
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from medialit._io.reading import read_text, read_yaml
from medialit.article.annotations import COLUMNS, anchor_records, check_records
from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE, SOURCES_FILE, find_seed
from medialit.authoring.flagging.flags import DRAFTS_FILE, DRAFTS_HEADER, dump_records
from medialit.errors import ReviewError, SeedError
from medialit.vocabulary import CATEGORIES, LABELS

#: Fields an edit may change.
EDITABLE = ("id", "text", "category", "label", "source_id", "note")
#: Id prefix per category (the convention of the kit's own annotation files).
ID_PREFIX = {"quoted_reporting": "q", "framing": "f", "generalization": "g"}
_DRAFT_PREFIX = re.compile(r"^\s*(?:DRAFT\s*:\s*)+", re.IGNORECASE)
_RULE_TAG = re.compile(r"\s*\[rule:\s*([^\]]*)\]\s*$")
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
        for draft_id, reasons in self.refused.items():
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

def article_folder(slug_or_path) -> Path:
    """An article folder from a slug or a path."""
    path = Path(slug_or_path)
    if path.is_dir():
        return path
    return find_seed(slug_or_path)


def clean_note(note) -> str:
    """The note without its leading ``DRAFT:`` (however often it is repeated) and without
    the ``[rule: ...]`` tag `medialit flag` ends it with (students need neither)."""
    return _RULE_TAG.sub("", _DRAFT_PREFIX.sub("", str(note or ""))).strip()


def load_drafts(folder) -> list[dict]:
    """The records of ``<folder>/drafts.yaml`` (an empty list when it holds none)."""
    path = article_folder(folder) / DRAFTS_FILE
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


def _atomic_write(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _backup(path: Path) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.bak-{stamp}-{n}")
        n += 1
    shutil.copy2(path, target)
    return target


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
    folder = article_folder(folder)
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
        if path.exists():
            result.backup = _backup(path)
        _atomic_write(path, content)
    decided = set(result.accepted) | set(reject)
    result.rejected = [r for r in (str(d["id"]) for d in drafts) if r in set(reject)]
    drafts_path = folder / DRAFTS_FILE
    if decided:
        _atomic_write(drafts_path, _without(drafts_path.read_text(encoding="utf-8"), drafts, decided))
    result.remaining = len(drafts) - len(decided)
    from medialit.authoring.check import validate

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


# -- the notebook widget -----------------------------------------------------------------------

_CSS = """
.medialit-review-draft{border:1px solid #bbb;border-radius:6px;padding:.4em .7em;margin:.35em 0}
.medialit-review-draft .ml-passage{font-size:1em;line-height:1.7}
.medialit-review-reason{font:.92em/1.4 system-ui,sans-serif;color:#1a1a1a;margin:.2em 0}
.medialit-review-state{font:600 .92em system-ui,sans-serif;margin:.3em 0 0 .6em}
.medialit-review-problem{font:.92em/1.4 system-ui,sans-serif;background:#fbece4;border-left:5px dotted #D55E00;padding:.2em .5em}
.medialit-review-status{font:.95em/1.45 system-ui,sans-serif;background:#f4f4f4;border-left:5px solid #999;padding:.3em .6em;white-space:pre-wrap}
"""

_STATES = {
    None: "Decision: not decided yet (stays in drafts.yaml)",
    "accept": "Decision: ACCEPT (will be added to annotations.yaml)",
    "reject": "Decision: REJECT (will be removed from drafts.yaml)",
}


def _label_options(category, label) -> list[tuple[str, str]]:
    options = [(f"{CATEGORIES[c]} · {lab.replace('_', ' ')}", f"{c}/{lab}")
               for c, labels in LABELS.items() for lab in labels]
    current = f"{category}/{label}"
    if current not in {v for _, v in options}:
        options.insert(0, (f"(not in the vocabulary) {category} · {label}", current))
    return options


class _DraftRow:
    """One draft on screen: passage, reason, label menu, note, Accept / Reject."""

    def __init__(self, number: int, draft: Mapping, text: str, sentences):
        import ipywidgets as W
        import pandas as pd

        from medialit.render.html import render_spans

        self.draft = draft
        self.id = str(draft["id"])
        start, end = draft.get("start"), draft.get("end")
        category, label = str(draft.get("category")), str(draft.get("label"))
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        if ok:
            around = [(s, e) for s, e in sentences if s < end and e > start]
            lo = min([s for s, _ in around] + [start])
            hi = max([e for _, e in around] + [end])
            if category in CATEGORIES:
                frame = pd.DataFrame([{"start": start, "end": end, "category": category,
                                       "label": label, "note": clean_note(draft.get("note"))}])
                passage = render_spans(text, frame, lo, hi, legend=False, notes=False)
            else:
                passage = (f'<div class="ml-passage">{html.escape(text[lo:start])}<mark><b>'
                           f"{html.escape(text[start:end])}</b></mark>{html.escape(text[end:hi])}</div>")
        else:
            passage = f'<div class="ml-passage"><mark>{html.escape(str(draft.get("text")))}</mark></div>'
        note = clean_note(draft.get("note"))
        rule = _RULE_TAG.search(str(draft.get("note") or ""))
        self._body = (
            f"{passage}"
            f'<p class="medialit-review-reason"><b>Why it was flagged:</b> {html.escape(note)}'
            + (f" <i>(rule: {html.escape(rule.group(1))})</i>" if rule else "") + "</p>")
        self.number = 0
        self.head = W.HTML()
        self.set_number(number)
        wide = {"description_width": "7em"}
        self.menu = W.Dropdown(options=_label_options(category, label), value=f"{category}/{label}",
                               description="Label", style=wide, layout=W.Layout(width="36em"),
                               tooltip=f"Category and label for draft {self.id}")
        self.note = W.Textarea(value=note, description="Note", style=wide, rows=3,
                               layout=W.Layout(width="95%"),
                               placeholder="What students should notice, in your words")
        self.accept_button = W.ToggleButton(value=False, description="Accept", icon="check",
                                            tooltip=f"Accept draft {self.id}: add it to annotations.yaml")
        self.reject_button = W.ToggleButton(value=False, description="Reject", icon="times",
                                            tooltip=f"Reject draft {self.id}: remove it from drafts.yaml")
        self.state = W.HTML(f'<span class="medialit-review-state" role="status">{_STATES[None]}</span>')
        self.problem = W.HTML("")
        self.accept_button.observe(self._on_accept, names="value")
        self.reject_button.observe(self._on_reject, names="value")
        self.widget = W.VBox([self.head, self.menu, self.note,
                              W.HBox([self.accept_button, self.reject_button, self.state]), self.problem])
        self.widget.add_class("medialit-review-draft")
        self.widget.add_class(f"medialit-draft-{re.sub(r'[^A-Za-z0-9_-]', '-', self.id)}")

    def set_number(self, number: int) -> None:
        """Show the draft's place in the list (it changes once earlier drafts are decided)."""
        if number == self.number:
            return
        self.number = number
        words = " ".join(str(self.draft.get("text")).split())
        self.head.value = (
            f'<div role="group" aria-label="Draft {number}: {html.escape(self.id)}">'
            f"<b>Draft {number}</b> · <code>{html.escape(self.id)}</code> · "
            f"flagged words: “{html.escape(words)}”</div>{self._body}")

    @property
    def decision(self) -> str | None:
        return "accept" if self.accept_button.value else "reject" if self.reject_button.value else None

    def decide(self, decision: str | None) -> None:
        if decision not in _STATES:
            raise ValueError(f"decision must be 'accept', 'reject' or None, not {decision!r}")
        self.accept_button.value = decision == "accept"
        self.reject_button.value = decision == "reject"

    def edits(self) -> dict:
        category, label = self.menu.value.split("/", 1)
        return {"category": category, "label": label, "note": self.note.value}

    def show_problems(self, problems: list[str]) -> None:
        self.problem.value = ("" if not problems else
                              '<div class="medialit-review-problem" role="alert"><b>Not saved:</b> '
                              + "<br>".join(html.escape(p) for p in problems) + "</div>")

    def _refresh(self) -> None:
        self.accept_button.description = "✓ Accepted" if self.accept_button.value else "Accept"
        self.reject_button.description = "✗ Rejected" if self.reject_button.value else "Reject"
        self.accept_button.button_style = "success" if self.accept_button.value else ""
        self.reject_button.button_style = "warning" if self.reject_button.value else ""
        self.state.value = f'<span class="medialit-review-state" role="status">{_STATES[self.decision]}</span>'

    def _on_accept(self, change) -> None:
        if change["new"]:
            self.reject_button.value = False
        self._refresh()

    def _on_reject(self, change) -> None:
        if change["new"]:
            self.accept_button.value = False
        self._refresh()


def _review_panel_class():
    import ipywidgets as W

    class ReviewPanel(W.VBox):
        """The review widget: one row per draft, a page at a time, and Save accepted."""

        def __init__(self, folder: Path, page_size: int = 20):
            super().__init__()
            self.folder = folder
            self.slug = folder.name
            self.page_size = max(1, int(page_size))
            self.page = 0
            self.text = read_text(folder / ARTICLE_FILE)
            from medialit.authoring.flagging.flags import _Text

            self._sentences = _Text(self.text).sentences
            self.rows: dict[str, _DraftRow] = {}
            self.drafts: list = []
            self.last_result: ReviewResult | None = None
            self.intro = W.HTML()
            self.list_box = W.VBox()
            self.prev_button = W.Button(description="◀ Previous", tooltip="Show the previous page of drafts")
            self.next_button = W.Button(description="Next ▶", tooltip="Show the next page of drafts")
            self.page_label = W.HTML()
            self.prev_button.on_click(lambda _b: self._turn(-1))
            self.next_button.on_click(lambda _b: self._turn(1))
            self.save_button = W.Button(
                description="Save accepted", button_style="primary", icon="save",
                tooltip="Append the accepted drafts to annotations.yaml (a backup is kept) "
                        "and remove every decided draft from drafts.yaml")
            self.save_button.on_click(self._on_save)
            self.status = W.HTML()
            self.add_class("medialit-review")
            self.children = [self.intro, self.list_box,
                             W.HBox([self.prev_button, self.page_label, self.next_button]),
                             self.save_button, self.status]
            self.reload()

        def __repr__(self) -> str:
            return f"<review of {self.slug}: {len(self.drafts)} draft(s) in {DRAFTS_FILE}>"

        # -- code interface ---------------------------------------------------------------
        def row(self, draft_id: str) -> _DraftRow:
            """The row of one draft (built if it is not on the current page)."""
            if draft_id not in self.rows:
                numbers = {str(d["id"]): n for n, d in enumerate(self.drafts, 1)}
                if draft_id not in numbers:
                    raise KeyError(f"no draft {draft_id!r} in {self.folder / DRAFTS_FILE}")
                draft = self.drafts[numbers[draft_id] - 1]
                self.rows[draft_id] = _DraftRow(numbers[draft_id], draft, self.text, self._sentences)
            return self.rows[draft_id]

        def decide(self, draft_id: str, decision: str | None) -> None:
            """Mark a draft 'accept', 'reject' or None (undecided), as the buttons do."""
            self.row(draft_id).decide(decision)

        def decisions(self) -> dict[str, str]:
            return {rid: row.decision for rid, row in self.rows.items() if row.decision}

        def reload(self) -> None:
            """Read drafts.yaml again (rows already shown keep their decisions and edits)."""
            try:
                self.drafts = load_drafts(self.folder)
                problem = ""
            except ReviewError as exc:
                self.drafts, problem = [], str(exc)
            ids = {str(d["id"]) for d in self.drafts}
            self.rows = {rid: row for rid, row in self.rows.items() if rid in ids}
            count = len(self.drafts)
            self.intro.value = (
                f"<style>{_CSS}</style><h4>Review the draft flags of {html.escape(self.slug)}</h4>"
                f"<p>{count} draft(s) in <code>{html.escape(str(self.folder / DRAFTS_FILE))}</code>. For each: "
                "check the highlighted words in their sentence, choose the right label, rewrite the note "
                "for students, then press <b>Accept</b> or <b>Reject</b> (Tab moves between controls; "
                "Space or Enter presses a button). <b>Save accepted</b> adds the accepted ones to "
                "annotations.yaml and removes every decided one from drafts.yaml. Undecided drafts stay.</p>"
                + (f'<p class="medialit-review-problem" role="alert">{html.escape(problem)}</p>' if problem else ""))
            pages = max(1, -(-count // self.page_size))
            self.page = min(self.page, pages - 1)
            self._show_page()

        def save(self) -> ReviewResult | None:
            """Save the decisions (what the button does); returns the result, or None if none."""
            decided = self.decisions()
            accepted = [rid for rid, d in decided.items() if d == "accept"]
            rejected = [rid for rid, d in decided.items() if d == "reject"]
            if not decided:
                self._status("Nothing to save yet: press Accept or Reject on at least one draft.")
                return None
            try:
                result = decide(self.folder, accepted, rejected,
                                {rid: self.rows[rid].edits() for rid in accepted}, skip_invalid=True)
            except ReviewError as exc:
                self._status(str(exc), alert=True)
                return None
            self.last_result = result
            for rid in accepted + rejected:
                row = self.rows.get(rid)
                if row is not None:
                    row.show_problems(result.refused.get(rid, []))
            self.reload()
            self._status(result.summary(), alert=bool(result.refused))
            return result

        # -- internals ---------------------------------------------------------------------
        def _status(self, message: str, alert: bool = False) -> None:
            role = "alert" if alert else "status"
            self.status.value = (f'<div class="medialit-review-status" role="{role}" aria-live="polite">'
                                 f"{html.escape(message)}</div>")

        def _turn(self, step: int) -> None:
            self.page += step
            self._show_page()

        def _show_page(self) -> None:
            count = len(self.drafts)
            pages = max(1, -(-count // self.page_size))
            self.page = max(0, min(self.page, pages - 1))
            first = self.page * self.page_size
            shown = self.drafts[first:first + self.page_size]
            rows = []
            for number, draft in enumerate(shown, first + 1):
                row = self.row(str(draft["id"]))
                row.set_number(number)
                rows.append(row.widget)
            self.list_box.children = rows
            self.page_label.value = (f"<span>&nbsp;drafts {first + 1}-{first + len(shown)} of {count}&nbsp;</span>"
                                     if count else "<span>&nbsp;no drafts left to review&nbsp;</span>")
            self.prev_button.disabled = self.page == 0
            self.next_button.disabled = self.page >= pages - 1

        def _on_save(self, _button=None) -> None:
            try:
                self.save()
            except Exception as exc:  # noqa: BLE001 - show it in the widget, not as a lost traceback
                self._status(f"Something went wrong, nothing may have been saved: {exc!r}", alert=True)

    return ReviewPanel


_PANEL = None


def review(slug_or_path, page_size: int = 20):
    """The review widget for an article's drafts.yaml (an ipywidgets ``VBox``)."""
    global _PANEL
    if _PANEL is None:
        _PANEL = _review_panel_class()
    return _PANEL(article_folder(slug_or_path), page_size=page_size)
