"""Reading a folder in the layout of the Propaganda Techniques Corpus (PTC).

The SemEval-2020 Task 11 release keeps one article per file and the technique
spans in a tab-separated file::

    DIR/articles/article<ID>.txt      title on line 1, then the text
    DIR/labels.tsv                    ID <TAB> technique <TAB> start <TAB> end

Offsets count Python characters of the file read as UTF-8 with no newline
translation; ``start`` is inclusive, ``end`` exclusive; spans may overlap.

The corpus itself is not part of medialit (its licence is not stated): the kit
only reads such a folder from a path the user gives, to measure its draft flags.
The same four-column TSV format is used for predictions (``medialit flag --ptc
DIR --out FILE`` writes ``ID <TAB> label <TAB> start <TAB> end``), so
:func:`read_spans_tsv` reads both.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from medialit._io.atomic import write_atomic
from medialit._io.reading import read_text
from medialit.errors import PTCError, SeedError

#: The 14 technique labels of SemEval-2020 Task 11, as spelled in its label files.
TECHNIQUES = [
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
]

#: The held-out part of a PTC folder: the articles whose id ends in one of these digits
#: (77 of the 371 ptc-train articles, 21%). The kit's rules, cue lists, confidence levels
#: and default threshold were chosen on the other articles only; the held-out figures
#: say how the drafts do on articles they were not tuned on. Fixed: never change it.
HELD_OUT_DIGITS = "05"

ARTICLES_DIR = "articles"
LABELS_FILE = "labels.tsv"
_ARTICLE_NAME = re.compile(r"^article(?P<id>[^/\\]+)\.txt$")


@dataclass(frozen=True)
class LabelledSpan:
    article_id: str
    label: str
    start: int
    end: int
    line: int = 0  # where it was read (0: not read from a file)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Corpus:
    """Articles (id -> text) and their gold spans, read from one folder."""

    folder: Path
    texts: dict[str, str]
    labels: list[LabelledSpan] = field(default_factory=list)
    labels_file: Path | None = None

    def gold(self, technique: str | None = None) -> dict[str, list[tuple[int, int]]]:
        """Gold spans per article id (every article present, possibly with none)."""
        out: dict[str, list[tuple[int, int]]] = {aid: [] for aid in self.texts}
        for item in self.labels:
            if technique is None or item.label == technique:
                out[item.article_id].append(item.span)
        return out

    @property
    def techniques(self) -> list[str]:
        seen = {item.label for item in self.labels}
        return [t for t in TECHNIQUES if t in seen] + sorted(seen - set(TECHNIQUES))

    def __len__(self) -> int:
        return len(self.texts)


def is_held_out(article_id: str) -> bool:
    """Whether an article belongs to the held-out part (its id ends in 0 or 5)."""
    return article_id[-1:] in HELD_OUT_DIGITS


def split_ids(ids) -> tuple[list[str], list[str]]:
    """Article ids as (training part, held-out part), each in the given order."""
    ids = list(ids)
    return [a for a in ids if not is_held_out(a)], [a for a in ids if is_held_out(a)]


def read_spans_tsv(path: Path | str) -> list[LabelledSpan]:
    """Read ``ID <TAB> label <TAB> start <TAB> end`` lines.

    Blank lines are skipped, and so is a first line that is a header
    (``start`` and ``end`` not numbers but the words). Anything else that is
    not four tab-separated fields with whole-number offsets ``0 <= start < end``
    raises :class:`PTCError` naming the file and the line.
    """
    path = Path(path)
    try:
        raw = read_text(path)
    except SeedError as exc:
        raise PTCError(exc.path, exc.message) from None
    out: list[LabelledSpan] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if number == 1 and len(cols) == 4 and cols[2].strip().lower() == "start" \
                and cols[3].strip().lower() == "end":
            continue
        if len(cols) != 4:
            raise PTCError(path, f"expected 4 tab-separated fields (id, technique, start, end), "
                                 f"found {len(cols)}: {line[:60]!r}", number)
        aid, label, start_s, end_s = (c.strip() for c in cols)
        if not aid or not label:
            raise PTCError(path, "the article id and the technique must not be empty", number)
        try:
            start, end = int(start_s), int(end_s)
        except ValueError:
            raise PTCError(path, f"start and end must be whole numbers, not {start_s!r} and {end_s!r}",
                           number) from None
        if start < 0 or end <= start:
            raise PTCError(path, f"a span needs 0 <= start < end, not {start}..{end}", number)
        out.append(LabelledSpan(aid, label, start, end, number))
    return out


def write_spans_tsv(path: Path | str, rows: Iterable[tuple[str, str, int, int]]) -> int:
    """Write ``(id, label, start, end)`` rows as TSV (no header); returns the count."""
    lines = [f"{aid}\t{label}\t{int(start)}\t{int(end)}\n" for aid, label, start, end in rows]
    write_atomic(path, "".join(lines))
    return len(lines)


def find_labels_file(folder: Path | str) -> Path | None:
    """``labels.tsv`` in ``folder``, else its only ``*.tsv`` file, else ``None``."""
    folder = Path(folder)
    if (folder / LABELS_FILE).is_file():
        return folder / LABELS_FILE
    candidates = sorted(p for p in folder.glob("*.tsv") if p.is_file())
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        names = ", ".join(p.name for p in candidates)
        raise PTCError(folder, f"several TSV files ({names}) and no {LABELS_FILE}: "
                               f"name the gold labels file {LABELS_FILE}")
    return None


def read_article(path: Path | str) -> str:
    """One article's text exactly as the offsets count it (UTF-8, no newline translation)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise PTCError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_corpus(folder: Path | str, *, require_labels: bool = True, limit: int | None = None) -> Corpus:
    """Read a PTC-layout folder: every ``articles/article<ID>.txt`` and the labels TSV.

    Checks that every label names an article that is there and lies inside its
    text. ``limit`` keeps only the first ``limit`` articles (sorted by id) and
    their labels, for a quick run.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise PTCError(folder, "no such folder")
    art_dir = folder / ARTICLES_DIR
    if not art_dir.is_dir():
        raise PTCError(folder, f"no {ARTICLES_DIR}/ folder: expected {ARTICLES_DIR}/article<ID>.txt files")
    files: dict[str, Path] = {}
    for path in art_dir.iterdir():
        match = _ARTICLE_NAME.match(path.name)
        if match and path.is_file():
            files[match["id"]] = path
    if not files:
        raise PTCError(art_dir, "no article<ID>.txt files")
    ids = sorted(files, key=lambda i: (len(i), i))
    if limit is not None:
        ids = ids[:limit]
    texts = {aid: read_article(files[aid]) for aid in ids}
    labels_file = find_labels_file(folder)
    if labels_file is None:
        if require_labels:
            raise PTCError(folder, f"no {LABELS_FILE} (id, technique, start, end) in the folder")
        return Corpus(folder, texts, [], None)
    labels = []
    for item in read_spans_tsv(labels_file):
        if item.article_id not in files:
            raise PTCError(labels_file, f"article {item.article_id!r} has no "
                                        f"{ARTICLES_DIR}/article{item.article_id}.txt", item.line)
        if item.article_id not in texts:
            continue  # left out by limit
        if item.end > len(texts[item.article_id]):
            raise PTCError(labels_file, f"span {item.start}..{item.end} runs past the end of "
                                        f"article{item.article_id}.txt ({len(texts[item.article_id])} characters)",
                           item.line)
        labels.append(item)
    return Corpus(folder, texts, labels, labels_file)


def group_spans(items: Iterable[LabelledSpan], labels: Iterable[str] | None = None) -> dict[str, list[tuple[int, int]]]:
    """Spans per article id, keeping only the given labels (all when ``None``)."""
    keep = None if labels is None else set(labels)
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for item in items:
        if keep is None or item.label in keep:
            out[item.article_id].append(item.span)
    return dict(out)
