"""``xhslint brief init | render | verticals`` from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
import yaml
from brief_fixtures import VERTICALS, assert_one_error_line, starter_text

pytestmark = pytest.mark.usefixtures("isolated")  # each test runs in its own empty folder


def test_verticals_text(cli):
    result = cli("brief", "verticals")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(VERTICALS)
    assert lines[0].startswith("beauty") and "Beauty & skincare" in lines[0]


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
def test_verticals_json_for_scripts(cli, locale):
    result = cli("brief", "verticals", "--format", "json", "--locale", locale)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == list(VERTICALS)
    assert all(
        set(row) == {"id", "name", "description"} and row["name"] and row["description"] for row in rows
    )
    assert rows[0]["name"] == ("美妆护肤" if locale == "zh-CN" else "Beauty & skincare")


def test_init_prints_a_commented_starter_that_renders(cli, tmp_path):
    result = cli("brief", "init", "--vertical", "mother-baby")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# 小红书达人种草 brief 数据文件：母婴（mother-baby）")
    data = yaml.safe_load(text)
    assert data["vertical"] == "mother-baby" and data["locale"] == "zh-CN"
    # six weeks ahead at the earliest, moved past any shopping window its waves would meet
    assert date.today() + timedelta(weeks=6) <= data["launch_date"] <= date.today() + timedelta(weeks=6 + 52)
    from xhslint.linter.briefs.data import schema

    assert set(schema()["required"]) <= set(data)
    assert sum(line.startswith("# ") for line in text.splitlines()) >= len(schema()["required"])
    (tmp_path / "brief.yaml").write_text(text, encoding="utf-8")
    rendered = cli("brief", "render", "brief.yaml")
    assert rendered.exit_code == 0, rendered.stderr
    assert rendered.stdout.startswith("# 小红书达人种草 Brief｜柔芽 SoftSprout「云柔透气纸尿裤」")


def test_init_in_english(cli):
    result = cli("brief", "init", "--vertical", "electronics", "--locale", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("# XHS creator brief data file: Electronics (electronics)")
    assert yaml.safe_load(result.stdout)["locale"] == "en"


def test_init_unknown_vertical(cli):
    result = cli("brief", "init", "--vertical", "cars")
    assert_one_error_line(result, "", None, "no zh-CN starter for vertical 'cars'", "known: beauty")


def test_init_unknown_locale(cli):
    result = cli("brief", "init", "--vertical", "beauty", "--locale", "fr")
    assert_one_error_line(result, "", None, "unknown locale 'fr'")


def test_render_to_stdout_with_planning_warnings_on_stderr(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(
        starter_text("food", "en", launch_date="2026-11-05"), encoding="utf-8"
    )
    result = cli("brief", "render", "brief.yaml")
    assert result.exit_code == 0
    assert result.stdout.startswith("# XHS creator brief: Valley Roasters")
    assert "Crowded window" in result.stdout
    assert result.stderr.startswith("xhslint: warning: brief.yaml:")
    assert "Double 11" in result.stderr


def test_locale_flag_overrides_the_data_file(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("food", "en"), encoding="utf-8")
    result = cli("brief", "render", "brief.yaml", "--locale", "zh-CN")
    assert result.exit_code == 0
    assert result.stdout.startswith("# 小红书达人种草 Brief｜Valley Roasters")


def test_render_writes_markdown_to_a_file(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("pets", "zh-CN"), encoding="utf-8")
    result = cli("brief", "render", "brief.yaml", "-o", "brief.md")
    assert result.exit_code == 0 and result.stdout == ""
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("# 小红书达人种草 Brief")
    assert oct((tmp_path / "brief.md").stat().st_mode & 0o777) != oct(0o600)  # like a normal file


def test_rendered_brief_lints_clean_through_the_cli(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "zh-CN"), encoding="utf-8")
    assert cli("brief", "render", "brief.yaml", "-o", "brief.md").exit_code == 0
    result = cli("lint", "brief.md", "--kind", "brief", "--vertical", "beauty", "--format", "json")
    assert result.exit_code == 0, result.stdout
    payload = json.loads(result.stdout)
    assert payload["summary"]["by_severity"]["error"] == 0


def test_brief_help_stays_light(tmp_path):
    code = (
        "import sys\nfrom xhslint.cli import main\n"
        "for args in (['--help'], ['brief', '--help'], ['brief', 'render', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in ('jinja2', 'docx', 'jsonschema', 'yaml', 'jieba') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=os.environ.copy(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
