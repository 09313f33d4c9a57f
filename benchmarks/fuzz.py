"""Fuzz the whole suite's property tests with fresh random cases and report what was found.

    .venv/bin/python benchmarks/fuzz.py                   # every property test under tests/
    .venv/bin/python benchmarks/fuzz.py --examples 5000   # more cases per test
    .venv/bin/python benchmarks/fuzz.py --seed 1234 tests/article   # repeat a run, or fuzz one room

The suite itself runs its property tests with the derandomized ``ci`` profile, so CI is
reproducible. This script runs only the property tests (hypothesis ``@given`` tests),
under ``HYPOTHESIS_PROFILE=fuzz``: fresh random cases (a new seed each run unless
``--seed``), ``--examples`` cases per test (``MEDIALIT_FUZZ_EXAMPLES``), and a case that
takes over 2 seconds every time fails as a hang (once only, on a busy machine: "slow
once", listed, not a failure). It prints, per test, how many cases ran and the
outcome, then every failure with its falsifying example and the command that repeats
the run. Exit status 1 if anything failed. A test that pins ``max_examples`` in its own
``@settings`` runs that many cases whatever the profile (listed with its count).

Each failing case is counted as one of (the last lines printed, the issue 13 figures):

- uncaught exception: the kit raised something other than its own errors (a ``TypeError``,
  ``RecursionError``, ``OverflowError`` ...), or one that only its last-resort handler caught
  (``tests.conftest.KitCrash``: a hand-in skipped as "could not be checked (TypeError ...)");
- hang: a case over 2 seconds, every time it was run (hypothesis ``DeadlineExceeded``);
- silent accept: the kit accepted the input (``medialit check`` OK, a hand-in used, a widget
  value taken) and it then failed to work (``tests.conftest.SilentAccept``, raised by the
  property tests where they use what was accepted);
- other failure: any other failed assertion of a property (a wrong result), or hypothesis
  refusing the test itself (a failed health check).

Each counterexample found here belongs in the suite as a regular test.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_COUNTS = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")


class PropertyTestsOnly:
    """A pytest plugin: keep only hypothesis tests, and note each one's cases and outcome."""

    def __init__(self, examples: int) -> None:
        self.examples = examples
        self.results: dict[str, dict] = {}

    def pytest_collection_modifyitems(self, config, items):
        keep = [item for item in items if getattr(getattr(item, "obj", None), "is_hypothesis_test", False)]
        config.hook.pytest_deselected(items=[item for item in items if item not in keep])
        items[:] = keep

    def pytest_runtest_makereport(self, item, call):
        if call.when != "call":
            return
        stats = getattr(item, "hypothesis_statistics", "")
        cases = sum(int(p) + int(f) for p, f, _invalid in _COUNTS.findall(stats))
        settings = getattr(item.obj, "_hypothesis_internal_use_settings", None)
        own = settings.max_examples if settings is not None else None
        pinned = own if own is not None and own != self.examples else None
        failure, kinds = "", []
        if call.excinfo is not None:
            failure = str(call.excinfo.getrepr(style="short", chain=True))
            kinds = [_kind_of(exc) for exc in _leaves(call.excinfo.value)]
        self.results[item.nodeid] = {"cases": cases, "failure": failure, "pinned": pinned, "kinds": kinds}


KINDS = ("uncaught exception", "hang", "silent accept", "other failure")


def _leaves(exc: BaseException) -> list[BaseException]:
    """The failures in ``exc``: hypothesis raises a group when one test fails in several ways."""
    group = getattr(exc, "exceptions", None)          # an (Base)ExceptionGroup
    if isinstance(group, (list, tuple)) and group and not _slow_once(exc):
        return [leaf for inner in group for leaf in _leaves(inner)]
    return [exc]


def _slow_once(exc: BaseException) -> bool:
    return type(exc).__name__ in {"Flaky", "FlakyFailure"} and "Unreliable test timings" in str(exc)


def _kind_of(exc: BaseException) -> str:
    """What one failing case counts as (see the module's docstring)."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if _slow_once(exc):
        return "slow once"
    if "DeadlineExceeded" in names:
        return "hang"
    if "SilentAccept" in names:
        return "silent accept"
    if "KitCrash" in names or not names & {"AssertionError", "HypothesisException"}:
        return "uncaught exception"
    return "other failure"


_ERROR = re.compile(r"^[\s|+]*(?:[\w.]+\.)?(\w+(?:Error|Exception|Failure|Exceeded|Interrupt|Accept|Crash)):", re.M)


def _kind(result: dict) -> str:
    """A failed test's status: the kinds of its failing cases (HANG, SILENT ACCEPT, ...), or SLOW ONCE.

    SLOW ONCE is a case that took over 2 s once and not when hypothesis ran it again: a
    busy machine, not a hang. It is listed but not counted as a failure.
    """
    kinds = [k for k in result["kinds"] if k != "slow once"]
    if not kinds:
        return "SLOW ONCE" if result["kinds"] else "FAILED"
    return ", ".join(sorted({k.upper() for k in kinds}))


def _falsifying(failure: str) -> str:
    """Each failing case (the example and the error), cut to a readable size."""
    lines, picked, follow = failure.splitlines(), [], 0
    for line in lines:
        if "Falsifying example" in line or "Failing test case" in line:
            follow = 8                        # the example's arguments follow
        if follow or _ERROR.search(line) or "reproduce_failure" in line:
            picked.append(line[:300])
        follow = max(0, follow - 1)
    text = "\n".join(picked or lines[-15:])
    return text if len(text) < 4000 else text[:4000] + "\n…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["tests"], help="test folders or files (default: tests)")
    parser.add_argument("--examples", type=int, default=2000, help="cases per property test (default 2000)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: a fresh one)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2 ** 32)

    os.environ["HYPOTHESIS_PROFILE"] = "fuzz"
    os.environ["MEDIALIT_FUZZ_EXAMPLES"] = str(args.examples)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import pytest

    plugin = PropertyTestsOnly(args.examples)
    started = time.monotonic()
    pytest.main([*args.paths, "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--no-header",
                 f"--hypothesis-seed={seed}", "-W", "ignore::DeprecationWarning"], plugins=[plugin])
    seconds = time.monotonic() - started

    print(f"\nfuzz: seed {seed}, profile fuzz, {args.examples} cases per test, {seconds:.0f} s")
    total, listed = 0, []
    for nodeid, result in plugin.results.items():
        total += result["cases"]
        status = _kind(result) if result["failure"] else "ok"
        pinned = f" (its @settings sets max_examples={result['pinned']})" if result["pinned"] else ""
        print(f"  {result['cases']:>7,} cases  {status:<16} {nodeid}{pinned}")
        if result["failure"]:
            listed.append((nodeid, result))
    failed = [item for item in listed if _kind(item[1]) != "SLOW ONCE"]
    print(f"  {total:>7,} cases in {len(plugin.results)} property tests; {len(failed)} failed"
          f"{f', {len(listed) - len(failed)} slow once' if len(listed) > len(failed) else ''}")
    for nodeid, result in listed:
        print(f"\n--- {_kind(result)}: {nodeid}\n{_falsifying(result['failure'])}")
    counts = {kind: sum(r["kinds"].count(kind) for r in plugin.results.values()) for kind in KINDS}
    print(f"\nfailing cases: {counts['uncaught exception']} uncaught exceptions, {counts['hang']} hangs "
          f"(over 2 s a case), {counts['silent accept']} silent accepts, {counts['other failure']} other failures")
    if failed:
        again = " ".join(args.paths)
        print(f"\nRepeat: .venv/bin/python benchmarks/fuzz.py --seed {seed} --examples {args.examples} {again}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
