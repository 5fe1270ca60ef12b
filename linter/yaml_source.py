"""YAML with line numbers: load data and map a field path back to its line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .encoding import decode
from .errors import XhslintError


def load_yaml(path: Path, error: type[XhslintError]) -> tuple[Any, Any]:
    """Return (data, node tree) or raise ``error`` with the file's line."""
    import yaml

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(f"cannot read ({exc.strerror})", str(path)) from None
    text = decode(raw, str(path))
    # One parse: compose the node tree (it has the line numbers), then build
    # the data from it; libyaml's C parser when PyYAML has it.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(f"invalid YAML: {problem}", str(path), mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    return data, node


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
