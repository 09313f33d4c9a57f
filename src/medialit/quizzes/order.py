"""The order a student sees a question's options in: shuffled per student and question, seeded.

The right answer must not always sit in one place (the bank's authors tend to write it
first), or a student who always picks the first option scores without reading. Each
student sees each question's options in their own order, the same after a restart and
in any kernel: the shuffle is seeded by the student and the question id, never by time.
Answers are still given and saved by option id, so keys and saved answers do not change.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def default_student() -> str:
    """Who is answering, for the shuffle: the hub user, else the login name, else "student"."""
    hub = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub:
        return hub
    try:
        return getpass.getuser() or "student"
    except (KeyError, OSError):          # no login name (some containers)
        return "student"


def display_order(items: Sequence[T], question_id: str, student: str) -> list[T]:
    """``items`` in the order ``student`` sees them for ``question_id`` (always the same)."""
    digest = hashlib.sha256(f"{student}\0{question_id}".encode("utf-8", "surrogatepass")).digest()  # any login name
    shuffled = list(items)
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(shuffled)
    return shuffled
