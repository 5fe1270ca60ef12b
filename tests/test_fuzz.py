"""Properties over generated text (hypothesis): linting never raises, every
finding points at its own text, lines and columns agree with offsets, the CLI
reports what the API returns, and a parallel run equals a serial one.

CI runs a small, derandomised number of examples. A deep run:

    XHSLINT_FUZZ_EXAMPLES=3000 XHSLINT_FUZZ_RANDOM=1 python -m pytest tests/test_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import json
import os

import pytest

pytestmark = pytest.mark.slow

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from xhslint import lint_many, lint_text  # noqa: E402
from xhslint.linter.core.errors import InputError  # noqa: E402

EXAMPLES = int(os.environ.get("XHSLINT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=not os.environ.get("XHSLINT_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Pieces that exercise the rules, the context guards, Markdown, directives,
# line breaks of every kind, graphemes and invisible characters.
PIECES = [
    "最好",
    "第一",
    "全网最低价",
    "顶级",
    "国家级",
    "万能",
    "根治",
    "祛斑",
    "美白",
    "特效",
    "秒杀",
    "手慢无",
    "加微信",
    "vx",
    "VX:",
    "私信",
    "淘宝",
    "这款",
    "面霜",
    "精华",
    "推荐",
    "种草",
    "¥199",
    "99元",
    "链接",
    "不是最好",
    "禁止使用“最”",
    "？",
    "#最好用的面霜#",
    "#最好用的面霜[话题]#",
    "@小红薯",
    "「最」",
    "，",
    "。",
    "！",
    "、",
    "：",
    "；",
    "（",
    "）",
    "“",
    "”",
    "……",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u2028",
    "\u2029",
    "\u0085",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x00",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "e\u0301",
    "👩\u200d👩\u200d👧",
    "🇨🇳",
    "❤\ufe0f",
    "1\ufe0f\u20e3",
    "<!--",
    "-->",
    "<!-- xhslint-disable -->",
    "<!-- xhslint-disable CMP001 -->",
    "<!-- xhslint-enable -->",
    "<!-- xhslint-disable-next-line CMP001 -->",
    "[链接](",
    "](http://a.b/最好)",
    "`最好`",
    "```\n最好\n```",
    "# ",
    "## 标题\n",
    "> ",
    "- ",
    "* ",
    "**",
    "<b>",
    "</b>",
    "&amp;",
    "the best",
    "best ever",
    "#ad",
    "use code SAVE20",
    "link in bio",
    "DM me",
    "100%",
    "guaranteed",
    "2026-03-08",
    "3 月 8 日",
    "１２３",
    "ＡＢＣ",
    "Ｖ信",
    "最\u200b好",
    "最 好",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=("Cs",)), max_size=4)),
    max_size=40,
).map("".join)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _check(result, text: str) -> None:
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
        assert d.match == text[d.start : d.end]
        assert (d.line, d.column) == _line_col(text, d.start)
        assert (d.end_line, d.end_column) == _line_col(text, d.end)
    json.dumps(result.to_json("en"))
    json.dumps(result.to_json("zh-CN"))


@FUZZ
@given(TEXT, st.sampled_from(["auto", "copy", "brief"]), st.booleans())
def test_lint_text_never_raises_and_findings_point_at_their_text(text, kind, markdown):
    result = lint_text(text, kind=kind, markdown=markdown)
    _check(result, text)


@FUZZ
@given(TEXT, st.integers(0, 40))
def test_lone_surrogates_are_an_input_error_and_nothing_else(text, where):
    where = min(where, len(text))
    with pytest.raises(InputError, match="surrogate"):
        lint_text(text[:where] + "\udc80" + text[where:])


def _essentials(diagnostics: list[dict]) -> list[tuple]:
    keys = ("rule", "severity", "offset", "length", "match", "line", "column", "end_line", "end_column")
    return [(*(d[k] for k in keys), d["message"]) for d in diagnostics]


@FUZZ
# A file is bytes: a leading U+FEFF is its byte-order mark, and a NUL makes it binary.
@given(
    TEXT.filter(lambda t: not t.startswith("\ufeff") and "\x00" not in t), st.sampled_from([".txt", ".md"])
)
def test_cli_json_reports_what_the_api_returns(tmp_path_factory, text, suffix):
    from click.testing import CliRunner

    from xhslint.cli import main

    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"note{suffix}"
    path.write_bytes(text.encode("utf-8"))
    config = folder / "xhslint.toml"
    config.write_text("", encoding="utf-8")
    run = CliRunner().invoke(
        main, ["lint", str(path), "--format", "json", "--config", str(config)], catch_exceptions=False
    )
    assert run.exit_code in (0, 1), run.output
    (reported,) = json.loads(run.stdout)["files"]
    api = lint_text(text, markdown=suffix == ".md", path=str(path)).to_json("en")
    assert _essentials(reported["diagnostics"]) == _essentials(api["diagnostics"])
    for d in reported["diagnostics"]:  # the JSON text round-trips: match == text[offset:offset+length]
        assert d["match"] == text[d["offset"] : d["offset"] + d["length"]]


@settings(FUZZ, max_examples=max(2, EXAMPLES // 20))
@given(texts=st.lists(TEXT, min_size=40, max_size=60))
def test_two_processes_give_the_serial_results(texts, monkeypatch):
    from xhslint.linter.run import parallel as parallel_module

    monkeypatch.setattr(parallel_module, "PARALLEL_AFTER", 0.0)  # a pool even for a short run
    serial = [r.to_json("en") for r in lint_many(texts, jobs=1)]
    parallel = [r.to_json("en") for r in lint_many(texts, jobs=2)]
    assert parallel == serial
