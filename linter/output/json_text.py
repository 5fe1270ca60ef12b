"""Indented JSON text, fast: exactly ``json.dumps(value, ensure_ascii=False, indent=2)``.

Python's ``json`` falls back to its pure-Python encoder whenever ``indent`` is set,
and in a large batch that encoder was the parent process's biggest cost (about
half of it on a 20,000-row ``--jobs 2`` run). Here the structure is walked by one
small recursive function and every string is escaped by the C escaper ``json``
itself uses, so the text is the same, byte for byte (a property test compares
them on random values).
"""

from __future__ import annotations

import json
from typing import Any

try:  # the C escaper json.dumps(ensure_ascii=False) uses; the Python one where it is missing
    from _json import encode_basestring as _quote
except ImportError:  # pragma: no cover - CPython always has _json
    from json.encoder import py_encode_basestring as _quote

_INF = float("inf")


def _float(value: float) -> str:
    # json.dumps writes these bare (allow_nan=True is its default)
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _quote(key)
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, float):
        return _quote(_float(key))
    if isinstance(key, int):
        return _quote(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _encode(value: Any, depth: int, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(_quote(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + "  " * (depth + 1)
        first = True
        for key, item in value.items():
            out.append(("{" if first else ",") + inner + _key(key) + ": ")
            first = False
            _encode(item, depth + 1, out)
        out.append("\n" + "  " * depth + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = "\n" + "  " * (depth + 1)
        first = True
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _encode(item, depth + 1, out)
        out.append("\n" + "  " * depth + "]")
    else:
        # anything else: json's own answer (its TypeError for an unknown type)
        text = json.dumps(value, ensure_ascii=False, indent=2)
        out.append(text.replace("\n", "\n" + "  " * depth))


def indented(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, with the C string escaper."""
    out: list[str] = []
    _encode(value, 0, out)
    return "".join(out)
