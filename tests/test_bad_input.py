"""Bad and unusual input: encodings, binary and oversized files, broken rule
files and configs. Every error is exit code 2 with exactly one line on stderr
("xhslint: error: ..."), never a traceback, and good files are still linted."""

from __future__ import annotations

import json

import pytest
from rule_fixtures import ACME_RULE

NOTE = "这是我用过的全网最低价粉底液。效果最好。\n"
# A realistic XHS note: emoji, a middle dot and a degree sign are everyday characters.
XHS_NOTE = "✨夏日底妆分享✨\n混油皮亲测💄，这是最佳选择！\n品牌·系列，32°C 也不脱妆🌟\n"

VALID_RULE = ACME_RULE

PATTERN_RULE = """\
id: ACME{num}
name: brand.acme-pattern-{num}
category: compliance
severity: error
applies_to: copy
languages: [zh, en]
kind: pattern
patterns: ['{pattern}']
message: {{en: "bad {{match}}", zh-CN: "坏 {{match}}"}}
rationale: ACME legal asked us not to use these words in any creator content.
references: [internal guideline]
examples:
  flag: [aaaa]
  pass: [bbbb]
"""


pytestmark = pytest.mark.usefixtures("isolated")  # each test runs in its own empty folder


def assert_one_error_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("xhslint: error:")
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


def diagnostics(cli, *paths, extra=()):
    """JSON findings per file, the notes linted as declared ads (so absolute terms are errors)."""
    result = cli("lint", "--format", "json", "--kind", "copy", "--commercial", "promotional", *extra, *paths)
    payload = json.loads(result.stdout)
    return result, [
        [(d["rule"], d["match"], d["line"], d["column"], d["offset"]) for d in f["diagnostics"]]
        for f in payload["files"]
    ]


# --- Encodings --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig", "utf-16-be"])
def test_other_encodings_give_the_same_findings_as_utf8(cli, tmp_path, encoding):
    text = NOTE
    # utf-16-be is written with an explicit byte-order mark; Python's "utf-16" adds one itself.
    data = b"\xfe\xff" + text.encode(encoding) if encoding == "utf-16-be" else text.encode(encoding)
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "other.txt").write_bytes(data)
    result, (utf8, other) = diagnostics(cli, "utf8.txt", "other.txt")
    assert result.exit_code == 1
    assert utf8
    assert other == utf8
    assert {m for _, m, *_ in other} >= {"最低价", "最好"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(XHS_NOTE, id="emoji-and-symbols"),
        pytest.param("✨夏日底妆分享✨\n混油皮亲测💄，这是最佳选择！\n", id="emoji"),
        pytest.param("今天气温 35°C，出门前涂了防晒，下午补了一次，这是最佳选择。\n", id="degree-sign"),
    ],
)
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_realistic_note_with_emoji_and_symbols_decodes(cli, tmp_path, encoding, text):
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "other.txt").write_bytes(text.encode(encoding))
    result = cli("lint", "--format", "json", "--kind", "copy", "utf8.txt", "other.txt")
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    utf8, other = ([d["match"] for d in f["diagnostics"]] for f in payload["files"])
    assert "最佳" in utf8
    assert other == utf8


def test_utf16_le_without_bom_chinese_text(cli, tmp_path):
    # Chinese UTF-16 has few NUL bytes (only from ASCII such as the newline).
    (tmp_path / "n.txt").write_bytes(NOTE.encode("utf-16-le"))
    result = cli("lint", "--format", "json", "--kind", "copy", "--commercial", "promotional", "n.txt")
    assert result.stderr == ""
    assert result.exit_code == 1
    found = [d["match"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]]
    assert {"最低价", "最好"} <= set(found)


def test_gb18030_markdown_file(cli, tmp_path):
    text = "# 夏日底妆\n\n`最低价` 只是代码，这是最佳选择。\n"
    (tmp_path / "n.md").write_bytes(text.encode("gb18030"))
    _, (found,) = diagnostics(cli, "n.md")
    assert [(r, m, line) for r, m, line, *_ in found if r == "CMP001"] == [("CMP001", "最佳", 3)]


def test_bom_is_removed_before_offsets(cli, tmp_path):
    (tmp_path / "n.txt").write_bytes(b"\xef\xbb\xbf" + NOTE.encode("utf-8"))
    _, (found,) = diagnostics(cli, "n.txt", extra=("--select", "CMP001"))
    assert found[0][1:] == ("最低价", 1, 9, 8)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \r\n\t\n", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("name", ["empty.txt", "empty.md"])
def test_empty_file_lints_clean(cli, tmp_path, content, name):
    (tmp_path / name).write_bytes(content)
    result = cli("lint", "--format", "json", name)
    assert result.exit_code == 0, result.stdout + result.stderr
    payload = json.loads(result.stdout)
    assert payload["files"][0]["diagnostics"] == []
    assert payload["files"][0]["language"] == "none"


def test_empty_stdin_lints_clean(cli):
    result = cli("lint", "-", input=b"")
    assert result.exit_code == 0
    assert result.stderr == ""


# --- Unreadable documents ---------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
# Not UTF-8 (0xff never is), not GB18030 (0xff is never a valid byte there either).
UNDECODABLE = bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0xFF, 0xC3, 0x28, 0xA0, 0xA1]) * 20


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("image.txt", PNG, "binary"),
        ("image.md", PNG, "binary"),
        ("garbage.txt", UNDECODABLE, "encoding"),
        ("bad-bom.txt", b"\xef\xbb\xbf\xff\xfe\xfd", "utf-8"),
    ],
)
def test_unreadable_file_is_one_line_error(cli, tmp_path, name, data, needle):
    (tmp_path / name).write_bytes(data)
    result = cli("lint", name)
    line = assert_one_error_line(result)
    assert name in line
    assert needle in line.lower()


def test_missing_file(cli):
    line = assert_one_error_line(cli("lint", "nowhere/missing.txt"))
    assert "nowhere/missing.txt" in line


def test_unsupported_file_type(cli, tmp_path):
    (tmp_path / "photo.png").write_bytes(PNG)
    line = assert_one_error_line(cli("lint", "photo.png"))
    assert "photo.png" in line and ".png" in line


def test_file_over_the_size_limit(cli, tmp_path, monkeypatch):
    import xhslint.linter.core.encoding as encoding

    monkeypatch.setattr(encoding, "MAX_BYTES", 64)
    (tmp_path / "small.txt").write_bytes("最低价".encode())
    (tmp_path / "big.txt").write_bytes(("正常的句子。" * 10).encode())  # 180 bytes
    result = cli("lint", "--kind", "copy", "small.txt", "big.txt")
    line = assert_one_error_line(result)
    assert "big.txt" in line and "too large" in line
    assert "small.txt" in result.stdout


def test_oversized_stdin(cli, monkeypatch):
    import xhslint.linter.core.encoding as encoding

    monkeypatch.setattr(encoding, "MAX_BYTES", 16)
    line = assert_one_error_line(cli("lint", "-", input=("很长的文字" * 10).encode()))
    assert "too large" in line


def test_good_files_are_still_linted_when_one_is_bad(cli, tmp_path):
    (tmp_path / "a.txt").write_bytes(NOTE.encode())
    (tmp_path / "b.txt").write_bytes(PNG)
    (tmp_path / "c.txt").write_bytes("用了一个月，会回购。\n".encode())
    result = cli("lint", "--format", "json", "--kind", "copy", "a.txt", "b.txt", "missing.txt", "c.txt")
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert [f["path"] for f in payload["files"]] == ["a.txt", "c.txt"]
    assert any(d["rule"] == "CMP001" for d in payload["files"][0]["diagnostics"])
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert all(e.startswith("xhslint: error:") for e in errors)
    assert "b.txt" in errors[0] and "missing.txt" in errors[1]
    assert "Traceback" not in result.stderr


def test_bad_file_in_a_directory(cli, tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_bytes(NOTE.encode())
    (tmp_path / "notes" / "b.md").write_bytes(UNDECODABLE)
    result = cli("lint", "--kind", "copy", "--exit-zero", "notes")
    line = assert_one_error_line(result)
    assert "b.md" in line
    assert "notes/a.txt:1:9: CMP001" in result.stdout.replace("\\", "/")


# --- Broken rule files ------------------------------------------------------


def _rule_config(tmp_path, rule_text: str, filename: str = "rule.yaml"):
    folder = tmp_path / "my-rules"
    folder.mkdir(exist_ok=True)
    (folder / filename).write_text(rule_text, encoding="utf-8")
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    return folder / filename


@pytest.mark.parametrize("via", ["discovered", "explicit"])
def test_malformed_yaml_rule_file(cli, tmp_path, via):
    path = _rule_config(tmp_path, "id: ACME001\nname: [unclosed\nseverity: error\n")
    config = 'rule_paths = ["my-rules"]\n'
    if via == "discovered":
        (tmp_path / ".xhslint.toml").write_text(config)
        result = cli("lint", "note.txt")
    else:
        (tmp_path / "conf.toml").write_text(config)
        result = cli("lint", "--config", "conf.toml", "note.txt")
    line = assert_one_error_line(result)
    assert str(path) in line
    assert "invalid YAML" in line


def test_schema_error_names_file_line_and_field(cli, tmp_path):
    path = _rule_config(tmp_path, VALID_RULE.replace("severity: error", "severity: fatal"))
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["my-rules"]\n')
    line = assert_one_error_line(cli("lint", "note.txt"))
    assert f"{path}:4:" in line  # severity is on line 4
    assert "severity" in line and "fatal" in line


def test_schema_error_in_a_nested_field_names_its_line(cli, tmp_path):
    reference = "  - {type: guideline, title: ACME brand guidelines 2026, note: internal}"
    bad = VALID_RULE.replace(reference, "  - {type: rumour, title: x}")
    assert bad != VALID_RULE
    bad_line = VALID_RULE.splitlines().index(reference) + 1
    path = _rule_config(tmp_path, bad)
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["my-rules"]\n')
    line = assert_one_error_line(cli("lint", "note.txt"))
    assert f"{path}:{bad_line}:" in line  # the offending reference's line
    assert "references" in line


def test_rule_missing_examples(cli, tmp_path):
    path = _rule_config(tmp_path, VALID_RULE.split("examples:")[0])
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["my-rules"]\n')
    line = assert_one_error_line(cli("lint", "note.txt"))
    assert str(path) in line and "examples" in line


def test_rule_with_only_flag_examples(cli, tmp_path):
    path = _rule_config(tmp_path, VALID_RULE.replace("  pass: [美白这件事我更看重防晒。]\n", ""))
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["my-rules"]\n')
    line = assert_one_error_line(cli("lint", "note.txt"))
    assert str(path) in line and "pass" in line


@pytest.mark.parametrize(
    ("pattern", "needle"),
    [
        ("(unclosed[", "invalid regular expression"),
        ("(a+)+$", "backtrack"),
        ("(\\w*x?)*y", "backtrack"),
    ],
)
def test_bad_regex_in_pattern_rule(cli, tmp_path, pattern, needle):
    path = _rule_config(tmp_path, PATTERN_RULE.format(num="002", pattern=pattern))
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["my-rules"]\n')
    line = assert_one_error_line(cli("lint", "note.txt"))
    assert str(path) in line
    assert needle in line
    assert repr(pattern) in line  # the offending pattern, as written


def test_safe_regex_in_pattern_rule_loads_and_matches(cli, tmp_path):
    _rule_config(tmp_path, PATTERN_RULE.format(num="003", pattern="a{2,}"))
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["my-rules"]\n')
    (tmp_path / "note.txt").write_text("I said aaaa today.\n")
    result = cli("lint", "--format", "json", "--kind", "copy", "--select", "ACME003", "note.txt")
    assert result.exit_code == 1
    assert [d["match"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]] == ["aaaa"]


def test_duplicate_rule_id(cli, tmp_path):
    _rule_config(tmp_path, VALID_RULE.replace("ACME001", "CMP001"))
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["my-rules"]\n')
    line = assert_one_error_line(cli("lint", "note.txt"))
    assert "duplicate" in line and "CMP001" in line


def test_missing_rule_path(cli, tmp_path):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / ".xhslint.toml").write_text('rule_paths = ["no-such-folder"]\n')
    line = assert_one_error_line(cli("lint", "note.txt"))
    assert "no-such-folder" in line


def test_bad_rule_file_breaks_rules_commands_cleanly(cli, tmp_path):
    _rule_config(tmp_path, VALID_RULE.replace("severity: error", "severity: fatal"))
    (tmp_path / "conf.toml").write_text('rule_paths = ["my-rules"]\n')
    assert_one_error_line(cli("rules", "list", "--config", "conf.toml"))
    assert_one_error_line(cli("rules", "show", "CMP001", "--config", "conf.toml"))


# --- Bad selectors ----------------------------------------------------------


@pytest.mark.parametrize("selector", ["XYZ999", "not.a-rule", "CMP001,NOPE"])
def test_unknown_rule_in_select(cli, tmp_path, selector):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    line = assert_one_error_line(cli("lint", "--select", selector, "note.txt"))
    assert "unknown rule selector" in line


def test_unknown_rule_in_config_select(cli, tmp_path):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / ".xhslint.toml").write_text('ignore = ["CMP999"]\n')
    line = assert_one_error_line(cli("lint", "note.txt"))
    assert "CMP999" in line
