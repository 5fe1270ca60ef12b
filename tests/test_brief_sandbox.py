"""Templates run sandboxed with StrictUndefined: data never executes, and a
template reaching for Python internals fails safely with one line and exit 2."""

from __future__ import annotations

import shutil

import pytest
from brief_fixtures import assert_one_error_line, starter_text

from xhslint.linter.briefs.bundled import TEMPLATES_DIR
from xhslint.linter.briefs.render import render_brief

PAYLOADS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ brief.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.system('echo pwned') }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ plan.__class__ }}",
    "{{ brief.key_claims.append(1) }}",
    "{% set _ = brief.update({'brand': 'x'}) %}",
]


pytestmark = pytest.mark.usefixtures("isolated")  # each test runs in its own empty folder


def user_template(tmp_path, body: str, vertical: str = "beauty", locale: str = "en"):
    folder = tmp_path / "templates" / vertical
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"brief.{locale}.md.j2").write_text(body, encoding="utf-8")
    return tmp_path / "templates"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_data_values_are_text_not_templates(tmp_path, payload):
    data = tmp_path / "brief.yaml"
    quoted = payload.replace("'", "''")
    data.write_text(starter_text("beauty", "en", product=f"'{quoted}'"), encoding="utf-8")
    text = render_brief(data).text
    assert payload in text  # printed literally, never evaluated
    rest = text.replace(payload, "")
    assert "pwned" not in rest and "uid=" not in rest and "<class" not in rest


@pytest.mark.parametrize("payload", PAYLOADS)
def test_templates_cannot_reach_python_internals(cli, tmp_path, payload):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    templates = user_template(tmp_path, f"# Brief\n\nLine two\n{payload}\n")
    result = cli("brief", "render", "brief.yaml", "--templates", templates, "-o", "out.md")
    line = assert_one_error_line(result, templates / "beauty" / "brief.en.md.j2", 4)
    assert "unsafe" in line or "undefined" in line, line
    assert "pwned" not in result.stdout + result.stderr
    assert not (tmp_path / "out.md").exists()


def test_undefined_values_are_errors_not_blanks(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    templates = user_template(tmp_path, "# {{ brief.brand }}\n{{ brief.budget }}\n")
    result = cli("brief", "render", "brief.yaml", "--templates", templates)
    assert_one_error_line(result, templates / "beauty" / "brief.en.md.j2", 2, "undefined", "budget")
    assert result.stdout == ""


def test_template_syntax_errors_name_the_template_and_line(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    templates = user_template(tmp_path, "# ok\n\n{% if brief.brand %}\nno endif\n")
    result = cli("brief", "render", "brief.yaml", "--templates", templates)
    assert_one_error_line(result, templates / "beauty" / "brief.en.md.j2", 4, "template syntax error")


def test_runtime_errors_in_user_templates_are_input_errors(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    templates = user_template(tmp_path, "# ok\n{{ 1 / 0 }}\n")
    result = cli("brief", "render", "brief.yaml", "--templates", templates)
    assert_one_error_line(result, templates / "beauty" / "brief.en.md.j2", 2, "ZeroDivisionError")


def test_user_templates_override_one_vertical_and_reuse_the_shared_partials(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    templates = user_template(
        tmp_path,
        '{% extends "_partials/layout.en.md.j2" %}\n'
        "{% block hero_heading %}Hero actives{% endblock %}\n"
        "{% block vertical_notes %}\n- Our house style: film photos only.\n{% endblock %}\n",
    )
    result = cli("brief", "render", "brief.yaml", "--templates", templates)
    assert result.exit_code == 0, result.stderr
    assert "## Hero actives" in result.stdout
    assert "- Our house style: film photos only." in result.stdout
    assert "## Deliverables" in result.stdout  # from the bundled partials


def test_a_new_vertical_from_user_templates(cli, tmp_path):
    templates = user_template(
        tmp_path,
        '{% extends "_partials/layout.zh-CN.md.j2" %}\n{% block hero_heading %}核心功能{% endblock %}\n',
        vertical="outdoor",
        locale="zh-CN",
    )
    shutil.copy(
        TEMPLATES_DIR / "fitness" / "starter.zh-CN.yaml", templates / "outdoor" / "starter.zh-CN.yaml"
    )
    init = cli("brief", "init", "--vertical", "outdoor", "--templates", templates)
    assert init.exit_code == 0, init.stderr
    assert "vertical: outdoor" in init.stdout
    (tmp_path / "brief.yaml").write_text(init.stdout, encoding="utf-8")
    result = cli("brief", "render", "brief.yaml", "--templates", templates)
    assert result.exit_code == 0, result.stderr
    assert "## 四、核心功能" in result.stdout


def test_missing_templates_folder(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    result = cli("brief", "render", "brief.yaml", "--templates", "nowhere")
    assert_one_error_line(result, "nowhere", None, "templates directory does not exist")


# --- Bounds: a template cannot run forever or build a huge brief -------------

HOSTILE_TEMPLATES = [
    ("{{ 'a' * 100000000 }}", "repeating"),
    ("{{ 10 ** 100000000 }}", "too large a number"),
    ("{{ 'x'|center(1000000000) }}", "width"),
    ("{{ 'x'.ljust(1000000000) }}", "width"),
    ("{{ '%999999999d' % 1 }}", "width"),
    ("{{ '%*d' % (999999999, 1) }}", "width"),
    ("{{ '{:>999999999}'.format(1) }}", "width"),
    (
        "{% for i in range(100000) %}{% for j in range(100000) %}"
        "{{ 'abcdefghij' * 10 }}{% endfor %}{% endfor %}",
        "grew over",
    ),
]


@pytest.mark.parametrize(("body", "needle"), HOSTILE_TEMPLATES)
def test_templates_have_size_bounds(cli, tmp_path, body, needle):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    templates = user_template(tmp_path, f"# Brief\n\n{body}\n")
    result = cli("brief", "render", "brief.yaml", "--templates", templates, "-o", "out.md")
    line = assert_one_error_line(
        result, templates / "beauty" / "brief.en.md.j2", 3 if needle != "grew over" else None
    )
    assert "template stopped" in line and needle in line, line
    assert not (tmp_path / "out.md").exists()


def test_a_loop_that_prints_nothing_stops_at_the_time_limit(cli, tmp_path, monkeypatch):
    from xhslint.linter.briefs import templating

    monkeypatch.setattr(templating, "TIME_LIMIT", 0.5)
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    templates = user_template(tmp_path, f"# Brief\n\n{body}\n")
    result = cli("brief", "render", "brief.yaml", "--templates", templates, "-o", "out.md")
    line = assert_one_error_line(result, templates / "beauty" / "brief.en.md.j2", None)
    assert "ran longer than 0.5 seconds" in line, line


def test_bounded_filters_still_render_real_numbers(cli, tmp_path):
    (tmp_path / "brief.yaml").write_text(starter_text("beauty", "en"), encoding="utf-8")
    body = "{{ 2500000|followers }} {{ '%05d' % 42 }} {{ 'x'|center(9) }} {{ '{:,}'.format(1234567) }}"
    templates = user_template(tmp_path, f"# Brief\n\n{body}\n")
    result = cli("brief", "render", "brief.yaml", "--templates", templates)
    assert result.exit_code == 0, result.stderr
    assert "2500k 00042     x     1,234,567" in result.stdout
