"""The ``medialit`` command: parses the arguments, calls one function per sub-command.

    medialit check seeds/<slug>     every problem in an article's files (exit 1 if any)
    medialit new <slug> --from FILE start seeds/<slug>/ from a plain-text article
    medialit anchor seeds/<slug>    fill annotation offsets from their text (a backup is kept)
    medialit flag seeds/<slug>      draft annotation candidates into drafts.yaml
    medialit review seeds/<slug>    accept or reject drafts (drafts.yaml -> annotations.yaml)
    medialit build [--check]        generate exercises/ from solutions/
    medialit packet [FOLDER] --out FILE  the source packet (.html or .md) for classes without web access
    medialit export [--out DIR]     hand-in files of your saved quiz answers
    medialit report DIR [--out DIR] class dashboard (HTML, charts, CSV) from hand-ins
    medialit lite DIR               a JupyterLite site of the lessons (in the browser, nothing installed)

Any kit error (:class:`~medialit.errors.MedialitError`) or file system error ends the
command with one line on stderr naming the file (and field), exit status 1, no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from medialit.authoring.anchor import anchor
from medialit.authoring.build import build, execute, out_of_date, student_copy
from medialit.authoring.check import validate
from medialit.authoring.flagging.confidence import DEFAULT_MIN_CONFIDENCE
from medialit.authoring.flagging.drafts import write_drafts
from medialit.authoring.flagging.evaluate import (
    against_annotations,
    format_against,
    format_ptc_report,
    ptc_predictions,
    score_ptc,
)
from medialit.authoring.flagging.ptc import read_corpus, write_spans_tsv
from medialit.authoring.lite import build_site
from medialit.authoring.new import new_article, next_steps
from medialit.authoring.packet import write_packet
from medialit.authoring.review.decisions import command as review_command
from medialit.classroom.handin import export
from medialit.classroom.names import current_student, home
from medialit.classroom.report import run as run_report
from medialit.errors import MedialitError
from medialit.version import __version__


def one_line(exc: BaseException) -> str:
    """An error's message on one line: a list of problems is joined with '; '."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    head, rest = lines[0], lines[1:]
    return f"{head.rstrip(':')}: {'; '.join(rest)}" if rest else head


def _error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _cmd_check(args) -> int:
    status = 0
    for folder in args.folders:
        try:
            problems = validate(folder)
        except (MedialitError, OSError) as exc:   # one bad folder does not stop the others
            _error(one_line(exc))
            status = 1
            continue
        if problems:
            status = 1
            print(f"{folder}: {len(problems)} problem(s)")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"{folder}: OK")
    return status


def _cmd_anchor(args) -> int:
    result = anchor(args.folder)
    for message in result.messages:
        print(message)
    if not result.messages:
        print("all offsets already match their text")
    if result.backup is not None:
        print(f"wrote {result.path} (previous file kept as {result.backup.name})")
    return 1 if result.missing else 0


def _cmd_build(args) -> int:
    root = Path(args.root)
    solutions, exercises = root / "solutions", root / "exercises"
    if args.student_copy:
        done = student_copy(root, Path(args.student_copy))
        print(f"wrote a student copy of the kit to {args.student_copy}")
        for line in done.lines():
            print(line)
        return 0
    if args.check:
        reasons = out_of_date(solutions, exercises)
        for reason in reasons:
            print(reason)
        if reasons:
            print("exercises/ is out of date: run 'medialit build'")
            return 1
        print("exercises/ is in sync with solutions/")
        return 0
    if args.execute:
        for folder in ("notebooks", "solutions"):
            for path in sorted((root / folder).glob("*.ipynb")):
                print(f"executing {path} ...", end=" ", flush=True)
                print(f"{execute(path):.1f} s")
    for path in build(solutions, exercises):
        print(f"wrote {path}")
    return 0


def _cmd_lite(args) -> int:
    done = build_site(Path(args.root), Path(args.dest), pyodide=args.pyodide, extra=args.add)
    print(f"wrote a JupyterLite site of the lessons to {args.dest}")
    for line in done.lines():
        print(line)
    return 0


def _cmd_new(args) -> int:
    print(next_steps(new_article(args.slug, args.source, seeds=args.seeds)))
    return 0


def _ptc_progress(total: int):
    """A progress line on stderr while a corpus is flagged (rewritten in place on a terminal)."""
    every = max(1, total // 20)
    tty = sys.stderr.isatty()

    def progress(done, total):
        if done % every == 0 or done == total:
            if tty:
                print(f"\rflagging articles: {done}/{total}", end="" if done < total else "\n",
                      file=sys.stderr, flush=True)
            elif done % (every * 5) == 0 or done == total:
                print(f"flagging articles: {done}/{total}", file=sys.stderr, flush=True)

    return progress


def _cmd_flag(args) -> int:
    if not 0.0 <= args.min_confidence <= 1.0:
        _error(f"--min-confidence must be between 0 and 1, not {args.min_confidence}")
        return 2
    if args.ptc:
        if args.folder or args.against_annotations or args.force:
            _error("--ptc takes a corpus folder and no article folder, --against-annotations or --force")
            return 2
        corpus = read_corpus(args.ptc, limit=args.limit)
        rows = ptc_predictions(corpus, progress=_ptc_progress(len(corpus)) if len(corpus) > 1 else None)
        report = score_ptc(rows, corpus, args.min_confidence)
        print(format_ptc_report(report))
        if args.out:
            count = write_spans_tsv(args.out, report.written)
            print(f"\nwrote {count} predicted spans (id, label, start, end) to {args.out}: "
                  "exactly the spans scored above")
        return 0
    if not args.folder:
        _error("give an article folder (seeds/<slug>) or --ptc DIR")
        return 2
    folder = Path(args.folder)
    if args.against_annotations:
        print(format_against(against_annotations(folder, args.min_confidence), folder))
        return 0
    path, records = write_drafts(folder, out=args.out, force=args.force, min_confidence=args.min_confidence)
    counts = Counter(rec["category"] for rec in records)
    summary = ", ".join(f"{counts[c]} {c}" for c in counts) or "none"
    print(f"wrote {len(records)} draft record(s) rated at least {args.min_confidence:.2f} to {path} ({summary})")
    print("Review them, most confident first (medialit review): keep, rewrite or delete each; move the ones "
          f"you keep into annotations.yaml; then run 'medialit check {folder}'. "
          "A draft is a prompt to read closely, never a verdict.")
    return 0


def _cmd_export(args) -> int:
    written = export(args.out, student=args.student, all_students=args.all, force=args.force)
    if not written:
        who = "any student" if args.all else repr(args.student or current_student()[0])
        _error(f"nothing to hand in: no saved answers for {who} in {home()}")
        return 1
    for item in written:
        print(item.message)
    return 0


def _cmd_report(args) -> int:
    earlier = args.force and (Path(args.out) / "report.html").exists()
    rep, paths = run_report(args.folder, args.out, seeds=args.seeds, progress=sys.stderr, force=args.force)
    print(rep.summary())
    page = next((p for p in paths if p.name == "report.html"), None)
    if page is not None:
        replaced = " (replaced the earlier report: --force)" if earlier else ""
        print(f"wrote {len(paths)} files to {args.out}{replaced} (open {page})")
    return 0 if len(rep.students) else 1


def _cmd_packet(args) -> int:
    path = write_packet(args.folder, args.out, force=args.force)
    print(f"wrote the source packet of {args.folder} to {path}")
    return 0


def _cmd_review(args) -> int:
    print(review_command(args.folder, accept=args.accept or (), accept_all=args.accept_all, reject=args.reject or ()))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medialit", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"medialit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="report every problem in an article's files")
    check.add_argument("folders", nargs="+", metavar="FOLDER", help="seeds/<slug> folder(s)")
    check.set_defaults(run=_cmd_check)

    anchor = sub.add_parser("anchor", help="set annotation start/end from each record's text")
    anchor.add_argument("folder", metavar="FOLDER")
    anchor.set_defaults(run=_cmd_anchor)

    new = sub.add_parser("new", help="start seeds/<slug>/ from a plain-text article")
    new.add_argument("slug", help="folder name: lowercase letters, digits and hyphens")
    new.add_argument("--from", dest="source", required=True, metavar="FILE",
                     help="the article as a UTF-8 text file (copied verbatim)")
    new.add_argument("--seeds", metavar="DIR", default=None,
                     help="the folder to create <slug>/ in (default: the nearest seeds/ folder)")
    new.set_defaults(run=_cmd_new)

    flag = sub.add_parser("flag", help="draft annotation candidates (or score them on a PTC corpus)")
    flag.add_argument("folder", nargs="?", metavar="FOLDER", help="seeds/<slug> folder")
    flag.add_argument("--out", metavar="FILE",
                      help="drafts file (default FOLDER/drafts.yaml); with --ptc, the kept spans as TSV "
                           "(exactly the spans scored)")
    flag.add_argument("--force", action="store_true", help="write over an existing drafts file")
    flag.add_argument("--ptc", metavar="DIR",
                      help="score the kept drafts on a folder in the PTC layout (articles/, labels.tsv): "
                           "training and held-out parts (ids ending in 0 or 5) and a trade-off table")
    flag.add_argument("--limit", type=int, default=None, metavar="N",
                      help="with --ptc: only the first N articles")
    flag.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE, metavar="C",
                      help="keep only drafts rated at least C, 0..1 (default %(default).2f, chosen for "
                           "precision; 0 keeps every draft)")
    flag.add_argument("--against-annotations", action="store_true",
                      help="print recall per category against the article's own annotations.yaml")
    flag.set_defaults(run=_cmd_flag)

    build = sub.add_parser("build", help="generate exercises/ from solutions/ (teacher answers stripped)")
    build.add_argument("--root", default=".", help="the kit's folder (default: here)")
    build.add_argument("--check", action="store_true", help="only say whether exercises/ is up to date (exit 1 if not)")
    build.add_argument("--execute", action="store_true",
                       help="first re-run notebooks/ and solutions/ in place to refresh their stored outputs")
    build.add_argument("--student-copy", metavar="DIR",
                       help="write a copy of the kit for students: lessons, exercises, articles and the package; "
                            "no solutions/ (answers, exit-ticket keys), no class data, no records the exit "
                            "tickets could be answered from")
    build.set_defaults(run=_cmd_build)
    export = sub.add_parser("export", help="write hand-in files of saved quiz answers (one per student and article)")
    export.add_argument("--out", default="handins", metavar="DIR", help="folder to write into (default: handins)")
    export.add_argument("--student", metavar="ID", help="whose answers (default: you: JUPYTERHUB_USER, "
                        "the whoami() name, or the OS user)")
    export.add_argument("--all", action="store_true", help="every student with answers under MEDIALIT_HOME")
    export.add_argument("--force", action="store_true",
                        help="replace an existing hand-in (default: keep it and write under a new name)")
    export.set_defaults(run=_cmd_export)

    report = sub.add_parser("report", help="class dashboard from a folder of hand-in files")
    report.add_argument("folder", metavar="DIR", help="folder of hand-in .json files")
    report.add_argument("--out", default="class-report", metavar="DIR",
                        help="where report.html, PNG charts and CSV tables go (default: class-report)")
    report.add_argument("--seeds", action="append", metavar="DIR",
                        help="a folder holding the articles' <slug>/ folders (repeatable; default: the seed folders)")
    report.add_argument("--force", action="store_true",
                        help="replace an earlier report in --out (default: refuse, nothing written)")
    report.set_defaults(run=_cmd_report)
    pack = sub.add_parser("packet", help="write the source packet: every source's notes, address and "
                          "confidence, to print for classes without web access")
    pack.add_argument("folder", nargs="?", default="raqqa-exodus", metavar="FOLDER",
                      help="seeds/<slug> folder or slug (default: raqqa-exodus)")
    pack.add_argument("--out", required=True, metavar="FILE",
                      help="the file to write: .html (a page to print) or .md (Markdown)")
    pack.add_argument("--force", action="store_true", help="write over an existing file")
    pack.set_defaults(run=_cmd_packet)
    lite = sub.add_parser("lite", help="a JupyterLite site of the lessons: students run them in the browser, "
                                       "nothing installed (needs the [lite] extra)")
    lite.add_argument("dest", metavar="DIR", help="a new folder for the site")
    lite.add_argument("--root", default=".", help="the kit's folder (default: here)")
    lite.add_argument("--pyodide", metavar="FOLDER",
                      help="the npm package pyodide (node_modules/pyodide) to serve from the site: no internet "
                           "needed, but no pandas, matplotlib or PyYAML (default: Pyodide's CDN, which has them)")
    lite.add_argument("--add", action="append", default=[], metavar="PATH",
                      help="a file or folder to add at the site's top level (repeatable)")
    lite.set_defaults(run=_cmd_lite)
    review = sub.add_parser("review", help="accept or reject draft flags (drafts.yaml -> annotations.yaml)")
    review.add_argument("folder", metavar="FOLDER", help="seeds/<slug> folder with a drafts.yaml")
    review.add_argument("--accept", nargs="+", metavar="ID", help="draft ids to append to annotations.yaml")
    review.add_argument("--accept-all", action="store_true",
                        help="accept every draft (except those given to --reject)")
    review.add_argument("--reject", nargs="+", metavar="ID", help="draft ids to remove from drafts.yaml")
    review.set_defaults(run=_cmd_review)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command; any kit error (or file system error) is one line on stderr, exit 1."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (MedialitError, OSError) as exc:
        _error(one_line(exc))
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
