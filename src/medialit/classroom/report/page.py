"""The class report's files: CSV tables, PNG charts and one self-contained HTML page, each written atomically.

Everything is rendered in memory first (text or bytes), then put in place with
:func:`medialit._io.atomic.write_atomic`, so a report folder never holds half a file.
A folder that already holds a report is not written over unless asked (``force``).
Every text cell of every CSV that a spreadsheet would run as a formula (it begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is neutralised with a leading
``'``, as OWASP advises for CSV injection.
"""

from __future__ import annotations

import base64
import html
import sys
from pathlib import Path

from medialit._io.atomic import write_atomic
from medialit.classroom.report.by_category import section_html
from medialit.classroom.report.figures import CHARTS
from medialit.classroom.report.tables import TOP_WRONG, ClassReport, build
from medialit.classroom.scores import FILE_NAME as SCORES_FILE
from medialit.classroom.scores import FOR_STUDENTS, write_for_students
from medialit.render.css import stylesheet

_CSS = stylesheet("report")
#: The tables written as CSV files, in order.
TABLES = ("students", "questions", "wrong_answers", "categories", "skipped", "responses", "growth")
#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value):
    """A CSV cell a spreadsheet shows as text: a formula-like text gets a leading ``'``;
    a stray byte that is not UTF-8 becomes U+FFFD. Other values are returned as they are."""
    if not isinstance(value, str):
        return value
    value = value.encode("utf-8", "replace").decode("utf-8")
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(frame) -> str:
    """A table as CSV text, every text cell :func:`neutral`."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    safe = frame.copy()
    for column in safe.columns:
        if not (is_numeric_dtype(safe[column]) or is_bool_dtype(safe[column])):   # text: object or str
            safe[column] = safe[column].map(neutral)
    return safe.to_csv(index=False)


def file_names() -> list[str]:
    """The names of the files a report folder holds."""
    return [f"{name}.csv" for name in TABLES] + list(CHARTS) + ["report.html"]


def check_out(out, force: bool = False) -> None:
    """Refuse (``FileExistsError``, nothing written) to write over an earlier report in ``out``
    unless ``force``."""
    out = Path(out)
    earlier = [name for name in file_names() if (out / name).exists()]
    if earlier and not force:
        raise FileExistsError(f"{out} already holds a class report ({', '.join(earlier[:3])}"
                              f"{', ...' if len(earlier) > 3 else ''}); nothing was written: "
                              "give another folder, or --force (force=True) to replace it")


def _missing(value) -> bool:
    """None, NaN or pandas' NA (a cell the hand-ins do not give)."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    return type(value).__name__ == "NAType"


def _cell(value, fmt: str | None = None) -> str:
    if _missing(value):
        return "<td>—</td>"
    if fmt == "pct":
        return f'<td class="num">{float(value):.0%}</td>'
    if fmt == "num":
        return f'<td class="num">{float(value):.2f}</td>'
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return f'<td class="num">{value}</td>'
    return f"<td>{html.escape(str(value))}</td>"


def _table(frame, columns: list[tuple[str, str, str | None]], caption: str, cls: str = "") -> str:
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for _, label, _ in columns)
    rows = []
    for record in frame.to_dict("records"):
        rows.append("<tr>" + "".join(_cell(record.get(col), fmt) for col, _, fmt in columns) + "</tr>")
    body = "".join(rows) or f'<tr><td colspan="{len(columns)}">none</td></tr>'
    klass = f' class="{cls}"' if cls else ""
    return (f"<table{klass}><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _first_try_text(row) -> str | None:
    """``5 of 11``: questions right at the first check, of those answered (None: not known)."""
    if _missing(row["first_try_right"]):
        return None
    return f"{int(row['first_try_right'])} of {int(row['answered'])}"


def to_html(rep: ClassReport, images: dict[str, bytes] | None = None) -> str:
    """One self-contained page: no scripts, no external files, images inlined as base64."""
    students = rep.students.copy()
    students["first_try_text"] = [_first_try_text(row) for row in students.to_dict("records")]
    images = images if images is not None else {name: func(rep) for name, (func, _) in CHARTS.items()}
    esc = html.escape
    summary = "".join(f"<li>{esc(line)}</li>" for line in rep.summary().splitlines()
                      if not line.startswith("skipped "))
    figs = "".join(f'<figure><img alt="{esc(CHARTS[name][1])}" src="data:image/png;base64,'
                   f'{base64.b64encode(data).decode("ascii")}"><figcaption>{esc(CHARTS[name][1])}'
                   f"</figcaption></figure>" for name, data in images.items())
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>medialit class report</title><style>{_CSS}</style></head><body>",
        "<h1>medialit class report</h1>",
        f'<p class="note">From the hand-ins in {esc(rep.folder)}.</p>',
        f"<ul>{summary}</ul>", "<h2>Charts</h2>", figs,
        "<h2>Students</h2>",
        '<p class="note">The <strong>first try</strong> is each question\'s first check, kept once and never '
        "replaced: it shows what a student could do on their own before any feedback (which explains the "
        "key). The <strong>final score</strong> shows what they reached by the end, retries included. A big "
        "gap between the two, with many attempts, means answers found by retrying rather than by reading; "
        "hints used are counted apart. A dash: the hand-in does not say (an earlier kit).</p>",
        _table(students, [("student", "student", None), ("article", "article", None),
                          ("answered", "answered", None), ("questions", "questions", None),
                          ("right", "right", None), ("first_try_text", "right at first try", None),
                          ("attempts", "attempts", None), ("hints_used", "hints used", None),
                          ("first_try_score", "first-try score", "pct"), ("score", "final score", "pct"),
                          ("created", "handed in", None), ("file", "file", None)],
               "Per student (scores: over the bank's graded questions; unanswered count 0)"),
        "<h2>Questions, hardest first</h2>",
        _table(rep.questions, [("question", "question", None), ("lesson", "lesson", None), ("type", "type", None),
                               ("answered", "answered", None), ("mean_score", "mean score", "pct"),
                               ("right", "right", "pct"), ("right_first_time", "right at first try", "pct"),
                               ("first_tries", "first tries known", None),
                               ("mean_attempts", "mean attempts", "num")], "Per question"),
        "<h2>Most common wrong answers</h2>",
        _table(rep.wrong_answers, [("question", "question", None), ("wrong_answer", "wrong answer", None),
                                   ("students", "students", None), ("share", "share of those answering", "pct")],
               f"Up to {TOP_WRONG} per question; each student counted once per wrong answer, at any check"),
        "<h2>Categories</h2>",
        _table(rep.categories, [("name", "category", None), ("precision", "precision", "num"),
                                ("recall", "recall", "num"), ("f1", "F1", "num"),
                                ("highlight_answers", "highlight answers", None),
                                ("sorted_right", "sorting: excerpts right", "pct"),
                                ("sorted_excerpts", "excerpts sorted", None)],
               "Highlight span scores per category (medialit.text.spans.score) and sorting results"),
        "<h2>Quiz results and open answers by category</h2>", section_html(rep),
        "<h2>Growth: pre-test to post-test</h2>", _growth_html(rep),
        "<h2>Open answers</h2>", _responses_html(rep),
        "<h2>Skipped files</h2>",
        _table(rep.skipped, [("file", "file", None), ("reason", "reason", None)],
               "Files not counted, and why", "skipped"),
        "</body></html>",
    ]
    return "\n".join(parts)


def _growth_html(rep: ClassReport) -> str:
    """The growth table (growth.csv) with what its figures mean, or a line saying there is none."""
    frame = rep.growth
    if frame is None or not len(frame):
        return '<p class="note">No growth measure: no growth.yaml beside the articles of these hand-ins.</p>'
    note = html.escape(str(frame["note"].iloc[0]))
    return ('<p class="note">Means are percentages of the matched items; the gain is post minus pre in '
            "percentage points, per student, then averaged; the interval is a paired t 95% interval. The two "
            f"tests use two different articles, and a small class gives a wide interval. {note}.</p>"
            + _table(frame, [("name", "category", None), ("items", "items", None),
                             ("students", "students (both tests)", None), ("pre_mean", "pre mean (%)", "num"),
                             ("post_mean", "post mean (%)", "num"), ("gain_pp", "gain (points)", "num"),
                             ("ci_low", "95% interval from", "num"), ("ci_high", "to", "num"),
                             ("only_pre", "only pre-test", None), ("only_post", "only post-test", None)],
                     "Growth per category (only students who handed in both tests)"))


def _responses_html(rep: ClassReport) -> str:
    """Each open question: how many answers at each rubric level, then the answers, escaped as text."""
    frame = rep.responses
    if frame is None or not len(frame):
        return '<p class="note">No open answers in these hand-ins.</p>'
    esc = html.escape
    out = []
    for (article, qid), group in frame.groupby(["article", "question"], sort=True):
        levels = group["level"].replace("", "not scored yet").value_counts()
        spread = ", ".join(f"{esc(str(name))}: {count}" for name, count in levels.items())
        out.append(f"<h3>{esc(qid)} <small>({esc(article)}, {len(group)} answer(s))</small></h3>"
                   f"<p>Levels: {spread}</p>")
        rows = "".join(
            f"<tr><td>{esc(r['student'])}</td><td style=\"white-space:pre-wrap\">{esc(r['text'])}</td>"
            f"<td>{esc(r['level'] or '—')}</td><td>{esc(r['scored_by'] or '—')}</td>"
            f"<td>{esc(r['note'])}</td></tr>" for r in group.to_dict("records"))
        out.append(f"<table><caption>Answers to {esc(qid)}</caption><thead><tr><th scope=\"col\">student</th>"
                   "<th scope=\"col\">answer</th><th scope=\"col\">level</th><th scope=\"col\">scored by</th>"
                   f"<th scope=\"col\">note</th></tr></thead><tbody>{rows}</tbody></table>")
    return "".join(out)


def write(rep: ClassReport, out, *, force: bool = False) -> list[Path]:
    """Write CSV tables, PNG charts and ``report.html`` into ``out``; returns the paths.

    With the teacher's scores file there, each student's own scores go to ``out/for-students/``.

    An earlier report in ``out`` is replaced only with ``force`` (else ``FileExistsError``).
    """
    out = Path(out)
    check_out(out, force)
    files: dict[str, str | bytes] = {}
    for name in TABLES:
        files[f"{name}.csv"] = to_csv(getattr(rep, name))
    images = {name: func(rep) for name, (func, _) in CHARTS.items()}
    files.update(images)
    files["report.html"] = to_html(rep, images)
    written = []
    for name, content in files.items():
        write_atomic(out / name, content)
        written.append(out / name)
    if (out / SCORES_FILE).is_file():          # each student's own levels, to hand back one by one
        written += write_for_students(out / SCORES_FILE, out / FOR_STUDENTS)
    return written


def run(folder, out=None, *, seeds=None, progress=sys.stderr, force: bool = False) -> tuple[ClassReport, list[Path]]:
    """Build the report (with progress lines on ``progress``) and write it if ``out`` is given.

    An earlier report in ``out`` is refused before any work unless ``force``. The teacher's
    scores for open answers are read from ``out/scores.json`` (never written over here).
    """
    if out is not None:
        check_out(out, force)
    rep = build(folder, seeds=seeds, progress=progress,
                scores=Path(out) / SCORES_FILE if out is not None else None)
    return rep, (write(rep, out, force=force) if out is not None else [])

