"""One record validator: a list of field specs checks YAML records and names file, line and field.

Every file of records in a seed folder (annotations, sources, figures, quiz questions)
asks the same questions of each record: is each required field there, is any field
unknown, is each value text / a whole number / a number / true or false / one of a
few words, is the id unique. :func:`check_records` asks them once for all, from a
list of :class:`Field`; each answer is a :class:`~medialit.errors.Problem` naming the
file, the line and the field. Values in messages are cut short (:func:`shorten`), and a
list or mapping where a word belongs is a problem, never a ``TypeError``.

Checks that look across fields or files (a label that must suit its category, a span
that must match the text) stay with the file's own module, after these.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from medialit._io.reading import shorten
from medialit.errors import Problem


def is_int(value) -> bool:
    """A whole number (``True`` and ``False`` are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value) -> bool:
    """A finite number, whole or not (``True`` and ``False`` are not)."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def is_text(value) -> bool:
    """Text that is not only blanks."""
    return isinstance(value, str) and value.strip() != ""


def among(value, choices) -> bool:
    """``value in choices``; False (not a ``TypeError``) for a list or mapping typed by mistake."""
    try:
        return value in choices
    except TypeError:
        return False


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_day(value) -> bool:
    """A real calendar day written ``YYYY-MM-DD`` as text (``2017-02-30`` is not one)."""
    if not isinstance(value, str) or not _DAY.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_word(value) -> bool:
    """A value written as one word or number (an id): not a list, mapping, true or false."""
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def is_scalar(value) -> bool:
    """Text, a number, or true/false: anything but a list or mapping."""
    return isinstance(value, (str, int, float, bool))


def line_of(rec, key=None):
    """The line of ``key`` in a record read by :func:`~medialit._io.reading.read_yaml`
    (the record's own line without a key, or for a key it does not have)."""
    if key is not None and hasattr(rec, "line_of"):
        return rec.line_of(key)
    return getattr(rec, "line", None)


@dataclass(frozen=True)
class Field:
    """One field of a record: is it required, and what must its value be.

    ``check`` is a test of the value and ``expect`` what to say when it fails (the
    message is ``"<expect>, not <value>"``); ``choices`` makes the value one of a few
    words (``"unknown <name> <value>; use one of ..."``). ``about`` describes the field
    for the ``missing`` message of files that explain each field.
    """

    name: str
    required: bool = False
    check: Callable[[object], bool] | None = None
    expect: str = ""
    choices: Collection | None = None
    about: str = ""
    blank_ok: bool = False     # with Spec.empty: an empty text is a value, not a missing one


@dataclass(frozen=True)
class Spec:
    """The fields of one kind of record and how this file words its problems.

    ``missing`` is formatted with ``noun``, ``required`` (the required fields' names)
    and ``about`` (the field's description). With ``empty`` set, a blank text is
    reported with that message instead of as missing. ``unique`` names the field that
    must differ between records (``None``: no such field).
    """

    fields: tuple[Field, ...]
    noun: str = "record"
    missing: str = "missing; every {noun} needs {required}"
    empty: str | None = None
    unique: str | None = "id"
    closed: bool = True        # unknown fields are problems
    list_message: str = "the file must be a YAML list of records (each starting with '- id: ...')"

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def required(self) -> list[str]:
        return [f.name for f in self.fields if f.required]


def check_list(records, spec: Spec, file: str):
    """Check the shape of a file of records: ``(mappings with their index, problems)``.

    ``None`` (an empty file) is no records; anything but a list is one problem; an entry
    that is not a mapping is a problem and left out.
    """
    if records is None:
        return [], []
    if not isinstance(records, list):
        return [], [Problem(file, line_of(records) or 1, None, spec.list_message)]
    problems, mappings = [], []
    for index, rec in enumerate(records):
        if isinstance(rec, dict):
            mappings.append((index, rec))
        else:
            problems.append(Problem(file, None, None, f"{spec.noun} #{index + 1} is not a mapping of field: value"))
    return mappings, problems


UNKNOWN = "unknown field; allowed fields are {allowed}"


def unknown_fields(rec: dict, allowed, file: str, prefix: str = "", message: str = UNKNOWN) -> list[Problem]:
    """A problem for each field of ``rec`` not in ``allowed``, on its own line (names sorted).

    ``prefix`` is put before field names (``"options[2]."``); ``message`` is formatted with
    ``allowed`` (the allowed names, comma-separated).
    """
    text = message.format(allowed=", ".join(map(str, allowed)))
    return [Problem(file, line_of(rec, key), f"{prefix}{key}", text)
            for key in sorted((k for k in rec if k not in allowed), key=str)]


def check_record(rec: dict, spec: Spec, file: str, seen: dict | None = None, prefix: str = "") -> list[Problem]:
    """Every problem of one record's fields, in the order: missing, unknown, each field's value.

    ``seen`` (id -> line) collects the ``unique`` field across records; ``prefix`` is put
    before field names (``"passage."``).
    """
    problems: list[Problem] = []
    line = line_of(rec)

    def add(at, field, message):
        problems.append(Problem(file, at, f"{prefix}{field}", message))

    for field in spec.fields:
        if not field.required:
            continue
        value = rec.get(field.name)
        at = line_of(rec, field.name) if field.name in rec else line
        if value is None or (spec.empty is None and value == ""):
            add(at, field.name, spec.missing.format(noun=spec.noun, required=", ".join(spec.required),
                                                    about=field.about))
        elif (spec.empty is not None and not field.blank_ok and isinstance(value, str)
              and value.strip() == ""):
            add(at, field.name, spec.empty.format(noun=spec.noun, about=field.about))
    if spec.closed:
        problems += unknown_fields(rec, spec.names, file, prefix)
    for field in spec.fields:
        value = rec.get(field.name)
        if value is None or value == "":
            continue
        at = line_of(rec, field.name)
        if field.check is not None and not field.check(value):
            add(at, field.name, f"{field.expect}, not {shorten(value)}")
        elif field.choices is not None and not among(value, field.choices):
            add(at, field.name, f"unknown {field.name} {shorten(value)}; use one of {', '.join(field.choices)}")
        elif field.name == spec.unique and seen is not None:
            key = str(value)
            if key in seen:
                add(at, field.name, f"duplicate {field.name} {shorten(key)} (first used on line {seen[key]})")
            else:
                seen[key] = at
    return problems


def check_records(records, spec: Spec, file: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """:func:`check_list` then :func:`check_record` for each mapping.

    Returns the mappings (with their index) for the file's own cross-field checks, and
    the problems found so far, grouped by record in file order.
    """
    mappings, problems = check_list(records, spec, file)
    seen: dict = {}
    for _index, rec in mappings:
        problems += check_record(rec, spec, file, seen)
    return mappings, problems
