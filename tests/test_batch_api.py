"""The Python API for many notes: ``lint_many`` (strings, mappings with batch
column names, Documents), lazily and in order, serial or parallel; and
``lint_text`` unchanged."""

from __future__ import annotations

import pytest

from xhslint import lint_many, lint_text
from xhslint.linter.core.errors import InputError, RuleError
from xhslint.linter.document.model import Document
from xhslint.linter.run import parallel

CMP = "这是我用过的全网最低价粉底液。"
CLEAN = "用了一个月，空瓶了，会回购。"


def summary(results):
    return [
        (r.path, r.kind, r.vertical, [(d.rule_id, d.line, d.column, d.match) for d in r.diagnostics])
        for r in results
    ]


def test_strings_mappings_and_documents():
    items = [
        CMP,
        {"id": "n2", "title": "防晒", "content": CMP, "vertical": "beauty"},
        {"标题": "面霜", "正文": CLEAN, "kind": "brief"},
        Document(path="my.txt", text=CMP),
        {"title": "", "text": ""},
    ]
    results = list(lint_many(items, kind="copy", select=["CMP001"]))
    assert summary(results) == [
        ("#1", "copy", None, [("CMP001", 1, 9, "最低价")]),
        ("#n2", "copy", "beauty", [("CMP001", 2, 9, "最低价")]),
        ("#3", "brief", results[2].vertical, []),
        ("my.txt", "copy", results[3].vertical, [("CMP001", 1, 9, "最低价")]),
        ("#5", "copy", results[4].vertical, []),
    ]


def test_results_are_the_same_as_lint_text():
    texts = [CMP, CLEAN, "限时秒杀，手慢无！", "This is the best serum."]
    many = [r.to_json("en") for r in lint_many(texts, kind="copy")]
    single = [lint_text(t, kind="copy", path=f"#{i}").to_json("en") for i, t in enumerate(texts, 1)]
    assert many == single


def test_lazy_and_in_order_from_a_generator():
    seen = []

    def notes():
        for i in range(5):
            seen.append(i)
            yield f"第{i}篇：{CMP}"

    results = lint_many(notes(), kind="copy")
    assert seen == []  # nothing happens before the first result is asked for
    first = next(results)
    assert first.path == "#1" and seen[:1] == [0]
    assert [r.path for r in results] == ["#2", "#3", "#4", "#5"]


def test_parallel_gives_the_serial_results(monkeypatch):
    monkeypatch.setattr(parallel, "SERIAL_HEAD", 4)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 0.0)  # a pool however little is left
    items = [
        {"id": i, "title": f"t{i}", "content": (CMP if i % 3 else CLEAN) * (1 + i % 4)} for i in range(60)
    ]
    serial = [r.to_json("en") for r in lint_many(items, kind="copy", jobs=1)]
    assert [r.to_json("en") for r in lint_many(items, kind="copy", jobs=2)] == serial


def test_bad_items_and_selectors_raise_clear_errors():
    with pytest.raises(RuleError):
        lint_many([CMP], select=["NOPE999"])  # before any item is read
    with pytest.raises(InputError, match="no text column"):
        list(lint_many([{"headline": "x"}]))
    with pytest.raises(InputError, match="kind must be brief, copy or auto"):
        list(lint_many([{"text": CMP, "kind": "essay"}]))
    with pytest.raises(InputError, match="expected a string, a mapping or a Document, not int"):
        list(lint_many([3]))


def test_pandas_style_records():
    records = [
        {"note_id": "a", "title": "防晒", "content": CMP},
        {"note_id": "b", "title": "面霜", "content": CLEAN},
    ]
    rows = [
        {
            "id": r.path.lstrip("#"),
            "findings": len(r.diagnostics),
            "errors": sum(d.severity == "error" for d in r.diagnostics),
        }
        for r in lint_many(records, kind="copy", select=["CMP001"], commercial="promotional")
    ]
    assert rows == [{"id": "a", "findings": 1, "errors": 1}, {"id": "b", "findings": 0, "errors": 0}]
