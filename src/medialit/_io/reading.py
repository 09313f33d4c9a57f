"""Reading the kit's plain files: UTF-8 text, and YAML whose mappings remember their lines.

Every error is a :class:`~medialit.errors.SeedError` naming the file (and line), so a
teacher can go straight to what to fix.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from medialit.errors import SeedError


class LineMap(dict):
    """A mapping read from YAML that remembers the line of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader (never constructs Python objects) that records line numbers."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be plain text, not {type(key).__name__}", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
# Dates stay strings: a teacher writes 2017-11-27 and means the text, not a date object.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path | str):
    """Parse one YAML file; mappings come back as :class:`LineMap`.

    Raises :class:`SeedError` naming the file and line when the file is missing,
    not UTF-8, or not valid YAML.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SeedError(path, "file is missing") from None
    except UnicodeDecodeError as exc:
        raise SeedError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        return yaml.load(raw, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise SeedError(path, f"not valid YAML: {exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise SeedError(path, f"not valid YAML: {exc}") from None


def read_text(path: Path | str) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SeedError(path, "file is missing") from None
    except UnicodeDecodeError as exc:
        raise SeedError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
