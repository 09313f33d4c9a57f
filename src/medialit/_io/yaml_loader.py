"""The YAML loader behind :func:`medialit._io.reading.read_yaml`: safe, line-keeping, limited.

A SafeLoader (never constructs Python objects) whose mappings are :class:`LineMap` (each key's
line kept for error messages), with limits on nesting depth, aliases, alias expansion and the
digits of a number. Kept apart from :mod:`.reading` so PyYAML loads only when a YAML file is read.
"""

from __future__ import annotations

import yaml

from medialit._io.limits import MAX_ALIASES, MAX_DEPTH, MAX_INT_DIGITS, MAX_VALUES, LineMap, shorten
from medialit.errors import MedialitError


class LimitError(MedialitError, yaml.MarkedYAMLError):
    """A YAML file over one of the reading limits (depth, aliases, expansion, digits).

    A kit error like every other, and a PyYAML error (it carries the line), so
    :func:`~medialit._io.reading.read_yaml` turns it into a :class:`~medialit.errors.SeedError`.
    """


class LineLoader(yaml.SafeLoader):
    """SafeLoader (never constructs Python objects) that records line numbers and enforces limits."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise LimitError(None, None, f"more than {MAX_ALIASES} aliases (*name); "
                                  "write the values out", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise LimitError(None, None, f"lists and mappings nested more than {MAX_DEPTH} deep",
                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self):
        node = super().compose_document()
        _check_expansion(node)
        return node


def _check_expansion(root) -> None:
    """Refuse a document whose aliases expand to more than MAX_VALUES values, or refer to themselves."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise LimitError(None, None, "an alias refers to the list or mapping that holds it",
                              node.start_mark)
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        open_nodes.discard(key)
        if total > MAX_VALUES:
            raise LimitError(None, None, f"its aliases expand to more than {MAX_VALUES:,} values",
                              node.start_mark)
        sizes[key] = total
        return total

    if root is not None:
        size(root)


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> LineMap:
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
                None, None, f"duplicate key {shorten(key)}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_int(loader: LineLoader, node: yaml.ScalarNode) -> int:
    digits = sum(ch.isalnum() for ch in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise LimitError(None, None, f"a number of {digits:,} digits; at most {MAX_INT_DIGITS} "
                          "(write it in quotes if it is text)", node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
# Dates stay strings: a teacher writes 2017-11-27 and means the text, not a date object.
LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
