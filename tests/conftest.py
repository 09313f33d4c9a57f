"""Shared fixtures: paths to the project's folders and test resources, and the fuzzing profiles."""

import contextlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are reproducible in every run of the suite: the examples are derived from
# each test's name (derandomize), no example database carries state from run to run, and
# no timing deadline can fail a test on a slow machine. Deep fuzzing with fresh random
# examples is apart: HYPOTHESIS_PROFILE=fuzz (see benchmarks/fuzz.py), where a case taking
# over 2 seconds fails (a hang). Property tests take their example count from the profile:
# a test that pins max_examples in its own @settings cannot be fuzzed deeper.
CI_EXAMPLES = 100
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          max_examples=CI_EXAMPLES)
settings.register_profile("fuzz", derandomize=False, database=None, deadline=timedelta(seconds=2),
                          print_blob=True, max_examples=int(os.environ.get("MEDIALIT_FUZZ_EXAMPLES", "2000")))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))



class SilentAccept(AssertionError):
    """The kit accepted an input (``medialit check`` OK, a hand-in read, a widget value taken) that
    then did not work: it should have been refused with a reason. benchmarks/fuzz.py counts these
    apart from uncaught exceptions and hangs."""


@contextlib.contextmanager
def accepted_must_work(what: str):
    """Around the use of something the kit accepted: any failure there is a :class:`SilentAccept`."""
    try:
        yield
    except Exception as exc:
        raise SilentAccept(f"{what} was accepted, then failed: {type(exc).__name__}: {str(exc)[:300]}") from exc


class KitCrash(AssertionError):
    """An exception the kit did not expect (a TypeError, an OverflowError ...), caught only by its
    last-resort handler (a hand-in listed as 'could not be checked (TypeError: ...)'): counted by
    benchmarks/fuzz.py as an uncaught exception, not as a wrong result."""


ROOT = Path(__file__).resolve().parents[1]
RESOURCES = Path(__file__).resolve().parent / "resources"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def resources() -> Path:
    return RESOURCES

# Notebooks under resources/ are fixtures that tests open themselves, not notebooks for nbval.
collect_ignore_glob = ["resources/*"]


def pytest_configure(config):
    """Kernels started by the suite (nbval, nbclient) never touch a real ~/.medialit."""
    os.environ.setdefault("MEDIALIT_HOME", tempfile.mkdtemp(prefix="medialit-test-home-"))
