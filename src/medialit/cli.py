"""The ``medialit`` command: one sub-command per job.

    medialit check seeds/<slug>     every problem in an article's files (exit 1 if any)
    medialit anchor seeds/<slug>    fill annotation offsets from their text
    medialit build [--check]        generate exercises/ from solutions/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _cmd_check(args) -> int:
    from .article import validate

    status = 0
    for folder in args.folders:
        try:
            problems = validate(folder)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
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
    from .annotations import anchor_records
    from .seedfiles import ANNOTATIONS_FILE, ARTICLE_FILE, SeedError, read_text, read_yaml

    folder = Path(args.folder)
    try:
        text = read_text(folder / ARTICLE_FILE)
        records = read_yaml(folder / ANNOTATIONS_FILE) or []
    except SeedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    messages = anchor_records(records, text)
    for message in messages:
        print(message)
    if not messages:
        print("all offsets already match their text")
        return 0
    # Rewrite only the start/end lines of records that moved, keeping comments and layout.
    path = folder / ANNOTATIONS_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for rec in records:
        for field in ("start", "end"):
            line_no = rec.key_lines.get(field) if hasattr(rec, "key_lines") else None
            if line_no:
                old = lines[line_no - 1]
                indent = old[: len(old) - len(old.lstrip())]
                lines[line_no - 1] = f"{indent}{field}: {rec[field]}\n"
    path.write_text("".join(lines), encoding="utf-8")
    missing = [m for m in messages if "not found" in m]
    return 1 if missing else 0


def _cmd_build(args) -> int:
    from .build import BuildError, build, execute, out_of_date

    root = Path(args.root)
    solutions, exercises = root / "solutions", root / "exercises"
    try:
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
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
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

    build = sub.add_parser("build", help="generate exercises/ from solutions/ (teacher answers stripped)")
    build.add_argument("--root", default=".", help="the kit's folder (default: here)")
    build.add_argument("--check", action="store_true", help="only say whether exercises/ is up to date (exit 1 if not)")
    build.add_argument("--execute", action="store_true",
                       help="first re-run notebooks/ and solutions/ in place to refresh their stored outputs")
    build.set_defaults(run=_cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
