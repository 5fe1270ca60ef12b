"""Adversarial inputs doubled in size cost about twice the time: every kind and
every formatter is linear (or n log n) in text size and finding count.

Each case is timed at n and 2n in the same run (best of three, after a warm-up)
and the ratio must stay under 3; a quadratic step would give 4. These are
ratios within one run, not absolute times, so a slow machine does not fail them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from xhslint import lint_text
from xhslint.linter.output import FORMATS, get_writer, render

pytestmark = pytest.mark.slow

MAX_RATIO = 3.0

# (name, text of size n, lint options); n is BASE_N unless the options give "n",
# large enough that a quadratic step would dominate (unclosed <!-- found by a
# regex: 4.3 s at 8,000, 17.3 s at 16,000; now 0.5 s and 0.7 s).
CASES: list[tuple[str, Callable[[int], str], dict]] = [
    ("one rule firing on every clause", lambda n: "这款面霜最好，" * n, {"kind": "copy"}),
    ("absolute terms in one long sentence", lambda n: "最好的第一的顶级的" * n + "。", {"kind": "copy"}),
    ("forbidding clauses", lambda n: "不要说最好，禁止写第一，" * n, {"kind": "copy"}),
    ("unclosed comments", lambda n: "最好 <!--\n" * n, {"markdown": True, "n": 8000}),
    (
        "unterminated disable directives",
        lambda n: "<!-- xhslint-disable CMP001 -->\n最好\n" * n,
        {"markdown": True},
    ),
    ("link targets", lambda n: "[最好](http://a.cn/最好) " * n, {"markdown": True}),
    ("typography on one long line", lambda n: "用了2周iPhone15真的很好用！！" * n, {"kind": "copy"}),
    ("hashtags and mentions", lambda n: "#最好用的面霜# @小红薯 " * n, {"kind": "copy"}),
    (
        "tag names repeated on a line",
        lambda n: "#孕期日记 #孕期护肤 #孕妇可用\n" + "孕期日记" * n,
        {"kind": "copy"},
    ),
    ("list items under a colon", lambda n: "建议如下：\n" + "- 温和的洁面最好\n" * n, {"kind": "copy"}),
    ("guarded terms on one long line", lambda n: "最适合看日落的地方就是这里最温和" * n, {"kind": "copy"}),
    ("quoted prohibitions", lambda n: "“最”“第一”“国家级”都不能说。" * n, {"kind": "brief"}),
    ("evasions spaced out letter by letter", lambda n: "全网最 低 价 和 上 海 外 滩 " * n, {"kind": "copy"}),
    ("fillers between characters", lambda n: "最.好.的*广*告❤微❤信" * n, {"kind": "copy"}),
    ("Traditional script", lambda n: "國家級配方，絕對有效，全網最低價。" * n, {"kind": "copy"}),
    ("an English span of brackets", lambda n: "(" * (4 * n) + " the best cream" + ")" * (4 * n), {}),
    ("an English span of quotes and dots", lambda n: ('"' * 20 + "." * 30) * n + " best", {}),
    (
        "English claims",
        lambda n: "The best cream ever, guaranteed results, link in bio. " * n,
        {"kind": "copy"},
    ),
]
BASE_N = 600


def _best_time(function: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _ratio(make: Callable[[int], object], n: int, attempts: int = 3) -> float:
    """Time at 2n over time at n. Measured again (up to ``attempts`` times) while it is
    over the limit: on a loaded 2-core runner one slow sample of a ~0.1 s run can pass
    3x, while a quadratic step stays near 4x however often it is measured."""
    make(n // 4)  # warm-up: rules, dictionaries, caches
    ratio = float("inf")
    for _ in range(attempts):
        small = _best_time(lambda: make(n))
        large = _best_time(lambda: make(2 * n))
        ratio = min(ratio, large / max(small, 1e-4))
        if ratio < MAX_RATIO:
            break
    return ratio


@pytest.mark.parametrize(("name", "text", "options"), CASES, ids=[c[0] for c in CASES])
def test_linting_is_linear(name, text, options):
    options = dict(options)
    n = options.pop("n", BASE_N)
    ratio = _ratio(lambda n: lint_text(text(n), **options), n)
    assert ratio < MAX_RATIO, f"{name}: doubling the input took {ratio:.2f}x as long"


@pytest.mark.parametrize("fmt", FORMATS)
def test_formatters_are_linear_in_findings(fmt):
    writer = get_writer(fmt)
    results = {
        n: [lint_text("这款面霜最好，第一，加微信。\n" * n, kind="copy")]
        for n in (BASE_N // 4, BASE_N, 2 * BASE_N)
    }
    ratio = _ratio(lambda n: render(writer, results[n], "en"), BASE_N)
    assert ratio < MAX_RATIO, f"{fmt}: doubling the findings took {ratio:.2f}x as long"
