"""The fast indented JSON writer gives json.dumps(..., ensure_ascii=False, indent=2) exactly."""

from __future__ import annotations

import json
import math

import pytest

from xhslint.linter.output.json_text import indented

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec=None, exclude_categories=()))  # surrogates and controls included
)
KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(KEYS, inner, max_size=4)
    ),
    max_leaves=25,
)


def _same_as_json(value) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert indented(value) == expected


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(VALUES)
def test_generated_values_match_json_dumps(value) -> None:
    _same_as_json(value)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [{}]},
        {"message": '“最好”\u2028\n\t"\\', "n": -0.0, "big": 10**30, "nan": math.nan},
        [True, False, None, 1.5e300, -math.inf],
        {7: "int key", 2.5: "float key", True: "bool key", None: "null key"},
    ],
)
def test_edge_values_match_json_dumps(value) -> None:
    _same_as_json(value)


def test_unknown_types_raise_json_s_error() -> None:
    with pytest.raises(TypeError):
        indented({"x": object()})
    with pytest.raises(TypeError):
        indented({object(): 1})
