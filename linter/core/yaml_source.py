"""YAML with line numbers: load data and map a field path back to its line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .encoding import MAX_BYTES, decode, open_regular, read_limited
from .errors import InputError, XhslintError

MAX_NODES = 200_000  # scalars, lists and mappings after aliases are expanded


def load_yaml(path: Path, error: type[XhslintError], loader_class: Any = None) -> tuple[Any, Any]:
    """Return (data, node tree) or raise ``error`` with the file's line.

    The file must be a regular file within the document size limit, and its
    tree, with every alias expanded, at most MAX_NODES nodes: a "billion laughs"
    of nested aliases is refused before anything walks the data."""
    import yaml

    try:
        with open_regular(str(path)) as stream:
            raw = read_limited(stream, MAX_BYTES, str(path))
    except InputError as exc:
        raise error(exc.message, str(path)) from None
    except OSError as exc:
        raise error(f"cannot read ({exc.strerror})", str(path)) from None
    text = decode(raw, str(path))
    # One parse: compose the node tree (it has the line numbers), then build
    # the data from it; libyaml's C parser when PyYAML has it.
    loader = (loader_class or getattr(yaml, "CSafeLoader", yaml.SafeLoader))(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(node, path, error)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(f"invalid YAML: {problem}", str(path), mark.line + 1 if mark else None) from None
    except RecursionError:
        raise error("invalid YAML: nested too deeply", str(path)) from None
    finally:
        loader.dispose()
    return data, node


def _check_expansion(root: Any, path: Path, error: type[XhslintError]) -> None:
    """Count the nodes of the tree with aliases expanded, each distinct node once
    (memoised, without recursion): linear in the file, however it nests."""
    import yaml

    size: dict[int, int] = {}
    open_nodes: set[int] = set()  # entered, not yet counted: meeting one again is a cycle
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in size:
            continue
        if isinstance(node, yaml.ScalarNode):
            size[id(node)] = 1
            continue
        kids = _children(node)
        if not children_done:
            if id(node) in open_nodes:  # ``a: &a [*a]``: an alias inside what it names
                line = node.start_mark.line + 1
                raise error("invalid YAML: an alias refers to a node that contains it", str(path), line)
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((kid, False) for kid in kids if id(kid) not in size)
            continue
        open_nodes.discard(id(node))
        total = 1 + sum(size.get(id(kid), 1) for kid in kids)
        if total > MAX_NODES:
            line = node.start_mark.line + 1
            raise error(
                f"invalid YAML: its aliases expand to over {MAX_NODES:,} values (an alias bomb?)",
                str(path),
                line,
            )
        size[id(node)] = total


def _children(node: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value)


def line_of(node: Any, path: Sequence[Any]) -> int | None:
    """1-based line of the value at ``path`` (keys and indexes) in a node tree."""
    import yaml

    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    node = value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return line
        line = node.start_mark.line + 1
    return line
