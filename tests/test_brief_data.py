"""Bad brief data files: exit 2 with one line naming the field and its line,
and nothing written -- not even a half-written or replaced output file."""

from __future__ import annotations

import os

import pytest
from brief_fixtures import assert_one_error_line, line_number, starter_text

pytestmark = pytest.mark.usefixtures("isolated")  # each test runs in its own empty folder


def render_bad(cli, tmp_path, text, fmt="md"):
    """Render ``text`` to an output file that already exists; check it is untouched."""
    data = tmp_path / "brief.yaml"
    data.write_text(text, encoding="utf-8")
    output = tmp_path / f"brief.{fmt}"
    output.write_bytes(b"previous brief")
    result = cli("brief", "render", "brief.yaml", "-o", output.name)
    assert output.read_bytes() == b"previous brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["brief.yaml", output.name])
    return result


def test_missing_required_field(cli, tmp_path):
    text = starter_text("beauty", "zh-CN")
    text = text.replace("product: 神经酰胺保湿精华\n", "")
    result = render_bad(cli, tmp_path, text)
    assert_one_error_line(
        result, "brief.yaml", line_number(text, "vertical: beauty"), "missing required field 'product'"
    )


def test_missing_nested_field_points_at_its_item(cli, tmp_path):
    text = starter_text("beauty", "en")
    text = text.replace("    evidence: Human patch test (report GL-P-2025-03)\n", "")
    result = render_bad(cli, tmp_path, text)
    line = line_number(text, "claim: Suitable for sensitive skin")
    assert_one_error_line(result, "brief.yaml", line, "missing required field 'key_claims[2].evidence'")


def test_unknown_field(cli, tmp_path):
    text = starter_text("food", "zh-CN") + "budget: 50000\n"
    result = render_bad(cli, tmp_path, text)
    assert_one_error_line(result, "brief.yaml", line_number(text, "budget:"), "unknown field 'budget'")


def test_misspelt_field_suggests_the_right_one_before_reporting_it_missing(cli, tmp_path):
    text = starter_text("beauty", "en").replace("\nproduct: ", "\nprodcut: ")
    result = render_bad(cli, tmp_path, text)
    assert_one_error_line(
        result,
        "brief.yaml",
        line_number(text, "prodcut:"),
        "unknown field 'prodcut' (did you mean 'product'?)",
    )


def test_unknown_nested_field(cli, tmp_path):
    text = starter_text("beauty", "en").replace(
        "  type: comment_prompt\n", "  type: comment_prompt\n  reward: coupon\n"
    )
    result = render_bad(cli, tmp_path, text)
    assert_one_error_line(
        result,
        "brief.yaml",
        line_number(text, "reward: coupon"),
        "unknown field 'engagement_mechanic.reward'",
    )


@pytest.mark.parametrize(
    ("find", "replace", "fragment"),
    [
        (
            "key_claims:\n",
            "key_claims: 质地轻薄\nold_claims:\n",
            "field 'key_claims' must be a list, not text",
        ),
        (
            "  scale: standard\n",
            "  scale: standard\n  top: 三位\n",
            "field 'creator_tiers.top' must be a whole number, not text",
        ),
        (
            "seeding_days: 14\n",
            "seeding_days: 20\n",
            "field 'seeding_days' must be between 7 and 14 (got 20)",
        ),
        (
            "sustain_weeks: 4\n",
            "sustain_weeks: yes\n",
            "field 'sustain_weeks' must be a whole number, not true/false",
        ),
        ("brand: GlowLab\n", "brand:\n", "field 'brand' must be text, not empty"),
        (
            "  type: comment_prompt\n",
            "  type: giveaway\n",
            "field 'engagement_mechanic.type' must be one of: comment_prompt",
        ),
        (
            "  top: {format: video, notes: 1}\n",
            "  top: {format: reel, notes: 1}\n",
            "field 'deliverables.top.format'",
        ),
        ("topics: ['#换季护肤',", "topics: ['换季护肤',", "field 'topics[0]'"),
    ],
    ids=[
        "list-not-text",
        "number-not-text",
        "out-of-range",
        "bool",
        "empty",
        "enum",
        "nested-enum",
        "pattern",
    ],
)
def test_wrong_type_or_value(cli, tmp_path, find, replace, fragment):
    text = starter_text("beauty", "zh-CN")
    assert find in text
    text = text.replace(find, replace)
    result = render_bad(cli, tmp_path, text)
    key = fragment.split("'")[1].split(".")[-1].split("[")[0] + ":"
    line = line_number(text, next(row for row in replace.splitlines() if key in row))
    assert_one_error_line(result, "brief.yaml", line, fragment)


@pytest.mark.parametrize("date", ["2026-02-30", "2026/06/01", "next week"])
def test_bad_launch_date(cli, tmp_path, date):
    text = starter_text("beauty", "en", launch_date=date)
    result = render_bad(cli, tmp_path, text)
    assert_one_error_line(
        result,
        "brief.yaml",
        line_number(text, "launch_date:"),
        "field 'launch_date' must be a date written YYYY-MM-DD",
    )


def test_duplicate_field(cli, tmp_path):
    text = starter_text("beauty", "en") + "brand: Another\n"
    result = render_bad(cli, tmp_path, text)
    assert_one_error_line(
        result, "brief.yaml", line_number(text, "brand: Another"), "field 'brand' is given twice"
    )


def test_unknown_vertical(cli, tmp_path):
    text = starter_text("beauty", "en").replace("vertical: beauty", "vertical: beuty")
    result = render_bad(cli, tmp_path, text)
    assert_one_error_line(
        result, "brief.yaml", line_number(text, "vertical: beuty"), "did you mean 'beauty'?"
    )


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("- just\n- a list\n", 1, "must be a YAML mapping"),
        ("", None, "must be a YAML mapping"),
        ("brand: [unclosed\n", 2, "invalid YAML"),
    ],
    ids=["list", "empty", "yaml-syntax"],
)
def test_not_a_data_file(cli, tmp_path, text, line, fragment):
    result = render_bad(cli, tmp_path, text)
    assert_one_error_line(result, "brief.yaml", line, fragment)


def test_bad_data_writes_no_docx_either(cli, tmp_path):
    text = starter_text("beauty", "en").replace("\nproduct: ", "\nprodcut: ")
    result = render_bad(cli, tmp_path, text, fmt="docx")
    assert result.exit_code == 2


def test_missing_data_file(cli, tmp_path):
    result = cli("brief", "render", "nope.yaml", "-o", "out.md")
    assert_one_error_line(result, "nope.yaml", None, "no such file")
    assert not (tmp_path / "out.md").exists()


def test_failed_write_leaves_no_temp_file_and_keeps_the_old_output(cli, tmp_path, monkeypatch):
    from xhslint.linter.core import files

    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    (tmp_path / "brief.md").write_text("previous brief", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    result = cli("brief", "render", "brief.yaml", "-o", "brief.md")
    assert_one_error_line(result, "brief.md", None, "cannot write file (No space left on device)")
    assert (tmp_path / "brief.md").read_text(encoding="utf-8") == "previous brief"
    assert sorted(os.listdir(tmp_path)) == ["brief.md", "brief.yaml"]


def test_output_into_a_missing_folder_is_an_error(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    result = cli("brief", "render", "brief.yaml", "-o", "missing/brief.md")
    assert_one_error_line(result, "missing/brief.md", None, "cannot write")
