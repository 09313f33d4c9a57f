"""``medialit anchor``: set each annotation's ``start``/``end`` from its ``text``, safely.

Only the numbers change: each ``start``/``end`` value is replaced where it is written
(block or one-line flow style), and a record without them gets them on a line of its
own, so comments and layout stay as the teacher left them. Before anything is written,
the new file is read back: it must hold the same records, in the same order, with the
new offsets; otherwise nothing is written and :class:`~medialit.errors.AuthoringError`
names the file and record. The file is replaced in one step through
:func:`medialit._io.atomic.write_atomic`, with the old one kept beside it
(``annotations.yaml.bak-YYYYmmdd-HHMMSS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from medialit._io.atomic import write_atomic
from medialit._io.reading import read_text, read_yaml
from medialit.article.annotations import anchor_records
from medialit.article.seeds import ANNOTATIONS_FILE, ARTICLE_FILE
from medialit.errors import AuthoringError, SeedError

OFFSETS = ("start", "end")


@dataclass
class AnchorResult:
    """What one run did: a message per record moved or not found, and the backup kept."""

    path: Path
    messages: list[str] = field(default_factory=list)
    backup: Path | None = None

    @property
    def missing(self) -> list[str]:
        """Messages of records whose text is not in the article."""
        return [m for m in self.messages if "not found" in m]


def _record_name(rec, index: int) -> str:
    rid = rec.get("id") if isinstance(rec, dict) else None
    return str(rid) if rid not in (None, "") else f"#{index + 1}"


def _edits(raw: str, node: yaml.MappingNode, rec: dict, name: str, path: Path) -> list[tuple[int, int, str]]:
    """(start, end, replacement) character edits that give ``node`` the offsets of ``rec``."""
    edits, absent = [], []
    values = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    for key in OFFSETS:
        value = values.get(key)
        if value is None:
            absent.append(key)
        elif isinstance(value, yaml.ScalarNode):
            edits.append((value.start_mark.index, value.end_mark.index, str(rec[key])))
        else:
            raise AuthoringError(path, f"{key} is not a number but a list or mapping; write a number there "
                                       "and run anchor again", name)
    if absent:
        if node.flow_style:
            at = node.start_mark.index + 1        # just after "{"
            edits.append((at, at, "".join(f"{key}: {rec[key]}, " for key in absent)))
        else:
            key0, value0 = node.value[0]
            if value0.end_mark.line != key0.start_mark.line:
                raise AuthoringError(path, f"cannot place {' and '.join(absent)} in this record; add "
                                           f"'{absent[0]}: 0' under its id and run anchor again", name)
            line_end = raw.find("\n", value0.end_mark.index)
            at = len(raw) if line_end < 0 else line_end + 1
            indent = " " * key0.start_mark.column
            lines = "".join(f"{indent}{key}: {rec[key]}\n" for key in absent)
            edits.append((at, at, lines if line_end >= 0 else "\n" + lines))
    return edits


def rewrite(raw: str, records: list, changed: list[int], path: Path) -> str:
    """The text of ``raw`` with new offsets for the records at the ``changed`` indexes."""
    try:
        document = yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise AuthoringError(path, f"cannot be read as YAML: {exc}") from None
    if not isinstance(document, yaml.SequenceNode) or len(document.value) != len(records):
        raise AuthoringError(path, "its records could not be located in the file; nothing was changed")
    edits = []
    for index in changed:
        node, name = document.value[index], _record_name(records[index], index)
        if not isinstance(node, yaml.MappingNode):
            raise AuthoringError(path, "not a mapping of field: value", name)
        edits += _edits(raw, node, records[index], name, path)
    for start, end, text in sorted(edits, reverse=True):
        raw = raw[:start] + text + raw[end:]
    return raw


def _check_reads_back(raw: str, content: str, records: list, changed: list[int], path: Path) -> None:
    """Refuse unless ``content`` reads as ``raw`` did, with the new offsets in the ``changed`` records."""
    expected = yaml.safe_load(raw)
    for index in changed:
        expected[index] = {**expected[index], **{key: records[index][key] for key in OFFSETS}}
    try:
        got = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        names = ", ".join(_record_name(records[i], i) for i in changed)
        raise AuthoringError(path, f"the rewritten file would not be valid YAML{line}; nothing was changed",
                             names) from None
    got = got if isinstance(got, list) else []
    if len(got) != len(expected):
        raise AuthoringError(path, f"the rewritten file would hold {len(got)} record(s), not {len(expected)}; "
                                   "nothing was changed")
    for index, (new, old) in enumerate(zip(got, expected)):
        if new != old:
            raise AuthoringError(path, "the rewritten record would not read back with its new offsets; "
                                       "nothing was changed", _record_name(old, index))


def anchor(folder: Path | str) -> AnchorResult:
    """Set the offsets of every record of ``folder/annotations.yaml`` whose text moved."""
    folder = Path(folder)
    path = folder / ANNOTATIONS_FILE
    text = read_text(folder / ARTICLE_FILE)
    records = read_yaml(path)
    if records is None:
        return AnchorResult(path)
    if not isinstance(records, list):
        raise SeedError(path, "must be a YAML list of records (each starting '- id: ...')",
                        getattr(records, "line", None))
    before = [{key: r.get(key) for key in OFFSETS} if isinstance(r, dict) else None for r in records]
    result = AnchorResult(path, anchor_records([r for r in records if isinstance(r, dict)], text))
    changed = [i for i, r in enumerate(records)
               if isinstance(r, dict) and before[i] != {key: r.get(key) for key in OFFSETS}]
    if not changed:
        return result
    raw = read_text(path)
    content = rewrite(raw, records, changed, path)
    _check_reads_back(raw, content, records, changed, path)
    result.backup = write_atomic(path, content, backup=True)
    return result
