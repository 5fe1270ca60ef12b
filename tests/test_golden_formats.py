"""Golden files: each output format of one fixed batch, byte for byte.

A change to any format shows up as a diff of tests/data/golden/ in review.
After an intended change, regenerate with
``XHSLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_formats.py`` and read the diff.
The version string is replaced by ``VERSION`` and the installed package's location (rule pages
linked from SARIF) by ``PACKAGE``, and the report date is fixed with ``SOURCE_DATE_EPOCH``, so
neither a release, the machine nor the day touches the files."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from xhslint import __version__
from xhslint.linter.core.resources import PACKAGE_ROOT
from xhslint.linter.output import FORMATS

GOLDEN = Path(__file__).parent / "data" / "golden"
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "txt", "junit": "xml", "html": "html"}
ROWS = [  # texts of the tests' own, not corpus notes
    ["id", "title", "content"],
    ["n1", "防晒", "这是全网最低价的粉底液，点链接下单！"],
    ["n2", "面霜", "限时秒杀，手慢无！"],
    ["n3", "日常", "用了一个月，空瓶了，会回购。"],
]

pytestmark = pytest.mark.usefixtures("isolated")


DAY = "1796256000"  # 2026-12-03, the day the golden files were made


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_matches_its_golden_file(cli, tmp_path, fmt, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    with (tmp_path / "notes.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(ROWS)
    result = cli("lint", "notes.csv", "--kind", "copy", "--commercial", "promotional", "--format", fmt)
    output = result.stdout.replace(__version__, "VERSION").replace(PACKAGE_ROOT.as_uri(), "file://PACKAGE")
    golden = GOLDEN / f"batch.{fmt}.{SUFFIX[fmt]}"
    if os.environ.get("XHSLINT_UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with XHSLINT_UPDATE_GOLDEN=1"
    assert output == golden.read_text(encoding="utf-8"), f"{fmt} output changed (see {golden.name})"


def test_the_report_date_is_today_unless_source_date_epoch_says(monkeypatch):
    import datetime

    from xhslint.linter.core.clock import report_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    assert report_date() == datetime.date(2026, 12, 3)
    for unusable in ("", "soon", "-5", "9" * 40):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", unusable)
        assert report_date() == datetime.date.today()
