"""One-line notices to the student on stderr, each given at most once per process."""

from __future__ import annotations

import sys

_warned: set[str] = set()
#: Every notice given in this process (for tests and for the teacher's eyes).
warnings_given: list[str] = []


def warn(key: str, message: str) -> None:
    """Print ``medialit: <message>`` once for ``key`` (later calls with the same key say nothing)."""
    if key in _warned:
        return
    _warned.add(key)
    warnings_given.append(message)
    print(f"medialit: {message}", file=sys.stderr, flush=True)


def reset() -> None:
    """Forget which notices were given (for tests)."""
    _warned.clear()
    warnings_given.clear()
