"""Report formats: SARIF 2.1.0 (validated against the published schema),
GitHub workflow commands, JUnit XML, HTML (structure and escaping; the
browser test is tests/test_html_report.py), the streamed JSON contract, and
``--output``."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from xhslint.linter.output import FORMATS, get_formatter, summary

DATA = Path(__file__).parent / "data"
CMP = "这是我用过的全网最低价粉底液。"
ADV = "限时秒杀，手慢无！"
CLEAN = "用了一个月，空瓶了，会回购。"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> 这是最低价。'


pytestmark = pytest.mark.usefixtures("isolated")  # each test runs in its own empty folder


@pytest.fixture
def batch(tmp_path):
    rows = [["id", "title", "content"], ["a1", "防晒", CMP], ["a2", "面霜", ADV], ["a3", "t", CLEAN]]
    rows.append(['x"y', "t", XSS])
    with (tmp_path / "notes.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    (tmp_path / "brief.md").write_text(f"# 标题\n\n{CMP}\n", encoding="utf-8")
    # the notes are declared ads: absolute terms in them are errors
    return ["notes.csv", "brief.md", "--kind", "copy", "--commercial", "promotional"]


def test_every_format_is_offered(cli):
    assert FORMATS == ("text", "json", "sarif", "github", "junit", "html")
    help_text = cli("lint", "--help").stdout
    assert all(name in help_text for name in FORMATS)


# --- JSON ---------------------------------------------------------------------


def test_streamed_json_is_exactly_the_contract(cli, batch):
    from xhslint import __version__
    from xhslint.linter.run.runner import run_lint

    outcome = run_lint(batch[:2], kind="copy", commercial="promotional")
    expected = {
        "version": __version__,
        "files": [r.to_json("en") for r in outcome.results],
        "summary": summary(outcome.results),
    }
    streamed = cli("lint", "--format", "json", *batch).stdout
    assert streamed == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert get_formatter("json")([], "en", False) == json.dumps(
        {"version": __version__, "files": [], "summary": summary([])}, ensure_ascii=False, indent=2
    )


# --- SARIF --------------------------------------------------------------------


def sarif_validator():
    from jsonschema import Draft4Validator

    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def test_sarif_is_valid_against_the_published_schema(cli, batch, tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "typo.yaml").write_text(
        "id: TST002\nname: test.typo\ncategory: format\nseverity: info\napplies_to: any\nlanguages: [zh]\n"
        "kind: typography\nrationale: Spacing between Chinese and Latin text.\nreferences: [tests]\n"
        'message: {en: "spacing {match}", zh-CN: "空格 {match}"}\nexamples: {flag: [x], pass: [y]}\n',
        encoding="utf-8",
    )
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["rules"]\n', encoding="utf-8")
    (tmp_path / "typo.txt").write_text("用了2周的test笔记。\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    result = cli("lint", "--format", "sarif", *batch, "typo.txt", "bad.jsonl")
    log = json.loads(result.stdout)
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    (run,) = log["runs"]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert {"CMP001", "ADV001", "TST002"} <= set(by_id)
    cmp001 = by_id["CMP001"]
    assert cmp001["help"]["text"] and "Advertising Law" in cmp001["fullDescription"]["text"]
    assert cmp001["properties"]["references"] and cmp001["defaultConfiguration"]["level"] == "error"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"]}
    assert {"notes.csv%23a1", "notes.csv%23a2", "brief.md", "typo.txt"} <= uris
    first = next(r for r in run["results"] if r["ruleId"] == "CMP001")
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (2, 9, "最低价")
    fixes = [r for r in run["results"] if r["ruleId"] == "TST002"]
    assert fixes and all(r["fixes"][0]["artifactChanges"][0]["replacements"] for r in fixes)
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "invalid JSON" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_without_findings_is_valid(cli, tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    log = json.loads(cli("lint", "--format", "sarif", "clean.txt", "--kind", "copy").stdout)
    assert list(sarif_validator().iter_errors(log)) == []
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"]  # the rules that ran are still described


# --- GitHub -------------------------------------------------------------------


def test_github_annotations(cli, batch, tmp_path):
    (tmp_path / "odd, name:1.txt").write_text(f"a%b\n{CMP}", encoding="utf-8")
    result = cli("lint", "--format", "github", *batch, "odd, name:1.txt")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=notes.csv#a1,line=2,col=9,endLine=2,endColumn=12,title=CMP001 ")
    assert any(line.startswith("::warning file=notes.csv#a2,") for line in lines)
    assert any(line.startswith("::error file=odd%2C name%3A1.txt,line=2,") for line in lines)
    assert all(line.startswith("::") and "\n" not in line for line in lines)
    assert "%0A" in lines[0]  # message and suggestion on two lines, escaped


def test_github_format_annotates_input_errors(cli, tmp_path):
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    result = cli("lint", "--format", "github", "bad.jsonl")
    assert result.stdout.startswith("::error file=bad.jsonl,line=1,title=xhslint input error::invalid JSON")
    assert result.exit_code == 2


# --- JUnit --------------------------------------------------------------------


def test_junit_xml(cli, batch, tmp_path):
    (tmp_path / "ctrl.txt").write_text(f"form\x0cfeed {CMP}", encoding="utf-8")
    result = cli("lint", "--format", "junit", *batch, "ctrl.txt", "missing.txt")
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    names = [s.get("name") for s in suites]
    assert names[:4] == ["notes.csv#a1", "notes.csv#a2", "notes.csv#a3", 'notes.csv#x"y']
    assert names[-1] == "xhslint input errors"
    failures = root.findall(".//failure")
    assert int(root.get("failures")) == len(failures) > 0
    assert int(root.get("tests")) == len(root.findall(".//testcase"))
    clean = suites[2]
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1
    assert {f.get("type") for f in failures} <= {"error", "warning", "info"}
    assert root.find(".//error").get("message").startswith("no such file")


# --- HTML ---------------------------------------------------------------------


def test_html_is_self_contained_and_escapes_the_input(cli, batch):
    page = cli("lint", "--format", "html", *batch).stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "notes.csv#x&quot;y" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page and "src=" not in page.replace("&lt;img src=x", "")
    assert page.count("<script>") == 1  # ours, inline
    assert "default-src 'none'" in page
    assert '<mark class="hl sev-error"' in page
    assert "<svg" in page and 'data-filter="cat" value="compliance"' in page


def test_html_in_chinese(cli, batch):
    page = cli("lint", "--format", "html", "--locale", "zh-CN", *batch).stdout
    assert '<html lang="zh-CN">' in page and "xhslint 检查报告" in page


# --- --output -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_for_every_format(cli, batch, tmp_path, fmt):
    (tmp_path / "out").mkdir()
    result = cli("lint", "--format", fmt, "-o", "out/report", *batch)
    assert result.exit_code == 1
    assert result.stdout == ""
    written = (tmp_path / "out" / "report").read_text(encoding="utf-8")
    same = cli("lint", "--format", fmt, *batch).stdout
    assert written == same
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["report"]  # no temporary file left


def test_output_into_a_missing_folder_is_one_error(cli, batch):
    result = cli("lint", "-o", "nowhere/report.html", "--format", "html", *batch)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("xhslint: error: nowhere/report.html: cannot write file")


def test_a_failed_run_keeps_the_previous_report(cli, tmp_path):
    (tmp_path / "report.json").write_text("previous", encoding="utf-8")
    result = cli("lint", "--format", "json", "-o", "report.json", "--select", "NOPE999", "missing.txt")
    assert result.exit_code == 2
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "previous"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="POSIX only")
def test_output_to_a_device_is_refused(cli, batch):
    result = cli("lint", "--format", "json", "-o", "/dev/null", *batch)
    assert result.exit_code == 2 and result.stdout == ""
    assert "not a regular file" in result.stderr and "'-' for stdout" in result.stderr
    assert not Path("/dev/null").is_file()  # still the device, not replaced by a file
