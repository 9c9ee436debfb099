"""YAML through one safe loader that remembers where every key and item was written.

Rule-file errors must name the line and column, so mappings and sequences come back as
`Located` containers carrying the position of each key and item.
"""

from __future__ import annotations

from typing import Any

import yaml

from guard.errors import RulePackError
from guard.packs.located import LocDict, LocList


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# libyaml's parser when PyYAML was built with it: the bundled packs parse several times faster,
# which is most of a cold `guard check`. Positions and constructors stay ours either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that refuses duplicate keys and records positions."""

    def __init__(self, stream: str, filename: str) -> None:
        super().__init__(stream)
        self.filename = filename

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LocDict:  # type: ignore[override]
        self.flatten_mapping(node)
        out = LocDict()
        out.pos = _mark(node)
        out.key_pos = {}
        out.value_pos = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                line, col = _mark(key_node)
                raise RulePackError(
                    self.filename,
                    line,
                    col,
                    None,
                    f"key '{key}' appears twice in the same mapping",
                    "keep one; YAML would silently take the last",
                )
            out[key] = self.construct_object(value_node, deep=True)
            out.key_pos[key] = _mark(key_node)
            out.value_pos[key] = _mark(value_node)
        return out

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocList:  # type: ignore[override]
        out = LocList(self.construct_object(child, deep=True) for child in node.value)
        out.pos = _mark(node)
        out.item_pos = [_mark(child) for child in node.value]
        return out


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
# Dates stay strings: the schema parses them, so a bad date gets our message, not PyYAML's.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


MAX_NODES = 200_000  # a large pack has a few thousand; an alias bomb has billions


def _expanded_size(root: yaml.Node, filename: str) -> int:
    """How many nodes the document holds once every alias is expanded (without expanding)."""
    sizes: dict[int, int] = {}
    seen_twice: yaml.Node | None = None
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > MAX_NODES:
                where = seen_twice or node
                line, col = _mark(where)
                raise RulePackError(
                    filename, line, col, None,
                    f"the document expands to more than {MAX_NODES:,} values "
                    "(anchors and aliases that repeat one another: an alias bomb)",
                    "write the values out, or use fewer aliases",
                )  # fmt: skip
            continue
        if key in sizes:
            seen_twice = seen_twice or node
            continue
        sizes[key] = -1  # in progress: an alias to an ancestor is refused below
        stack.append((node, True))
        for child in _children(node):
            if sizes.get(id(child)) == -1:
                line, col = _mark(child)
                raise RulePackError(
                    filename, line, col, None, "an alias refers to a value that contains it",
                    "remove the recursive alias",
                )  # fmt: skip
            stack.append((child, False))
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _opener(text: str, index: int) -> str | None:
    """The bracket or quote that starts at `index`, if any: what a syntax error left open."""
    char = text[index:index + 1]
    names = {"[": "bracket '['", "{": "brace '{'", '"': "quote '\"'", "'": "quote \"'\""}
    return names.get(char)


def load_yaml(text: str, filename: str) -> Any:
    """Parse one YAML document; syntax errors become RulePackError with the position."""
    loader = _Loader(text, filename)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, filename)
        return loader.construct_document(node)
    except RulePackError:
        raise
    except RecursionError:
        raise RulePackError(
            filename, None, None, None, "the document is nested too deeply",
            "flatten the lists and mappings",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or "YAML syntax error"
        hint = "check indentation, quotes and colons on this line"
        if exc.context:
            problem = f"{exc.context}: {problem}"
        opened = exc.context_mark
        what = _opener(text, opened.index) if opened is not None else None
        if what is not None and opened is not None and mark is not None and opened is not mark:
            # The parser gives up where it noticed, often lines later: name the opening too.
            problem += (f"; the {what} opened at line {opened.line + 1}, column "
                        f"{opened.column + 1} is never closed")
            hint = f"close the {what} on the line where it opens"
        raise RulePackError(filename, line, col, None, f"YAML syntax error: {problem}",
                            hint) from None
    except yaml.YAMLError as exc:
        raise RulePackError(filename, None, None, None, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
