"""Every vertical x locale renders from its starter data, and xhslint's own
linter passes the result as a brief: no warnings or errors in the
prescriptive, pillars, playbook and localisation categories, and no
compliance errors. Also: the playbook's timing, pyramid and calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml
from brief_fixtures import LOCALES, VERTICALS, line_number, starter_text, write_starter

from xhslint import lint_text
from xhslint.linter.briefs.errors import BriefError
from xhslint.linter.briefs.render import render_brief
from xhslint.linter.briefs.verticals import template_verticals
from xhslint.linter.core.messages import catalogue

GATED = {"prescriptive", "pillars", "playbook", "localisation"}


def blocking(result):
    return [
        d
        for d in result.diagnostics
        if (d.category in GATED and d.severity in ("warning", "error"))
        or (d.category == "compliance" and d.severity == "error")
    ]


def describe(findings, text):
    lines = text.splitlines()
    return "\n".join(
        f"{d.rule_id} {d.severity} {d.category} line {d.line}: {d.match!r} {d.message('en')}\n"
        f"    {lines[d.line - 1] if 0 < d.line <= len(lines) else ''}"
        for d in findings
    )


def test_every_listed_vertical_has_templates_and_starters_in_both_locales():
    from xhslint.linter.briefs.bundled import TEMPLATES_DIR

    assert set(VERTICALS) <= set(template_verticals())
    for vertical in catalogue("en").verticals:
        for locale in LOCALES:
            assert (TEMPLATES_DIR / vertical / f"brief.{locale}.md.j2").is_file(), (vertical, locale)
            assert (TEMPLATES_DIR / vertical / f"starter.{locale}.yaml").is_file(), (vertical, locale)


@pytest.mark.parametrize("launch", [None, "2026-06-10"], ids=["starter-date", "in-618"])
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("vertical", VERTICALS)
def test_rendered_brief_passes_its_own_linter(tmp_path, vertical, locale, launch):
    replace = {"launch_date": launch} if launch else {}
    rendered = render_brief(write_starter(tmp_path, vertical, locale, **replace))
    assert rendered.locale == locale and rendered.vertical == vertical
    if launch:  # the crowded-window notice is part of what is linted
        assert ("档期提醒" if locale == "zh-CN" else "Crowded window") in rendered.text
    result = lint_text(rendered.text, kind="brief", vertical=vertical, markdown=True)
    findings = blocking(result)
    assert not findings, describe(findings, rendered.text)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("vertical", VERTICALS)
def test_starter_data_is_complete_and_renders_every_section(tmp_path, vertical, locale):
    data = yaml.safe_load(starter_text(vertical, locale))
    assert data["vertical"] == vertical and data["locale"] == locale
    text = render_brief(write_starter(tmp_path, vertical, locale)).text
    for value in (
        data["brand"],
        data["product"],
        data["engagement_mechanic"]["prompt"],
        *data["target_keywords"],
    ):
        assert value in text
    for claim in data["key_claims"]:
        assert claim["claim"] in text and claim["evidence"] in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(headings) == 13
    assert "{{" not in text and "{%" not in text and "\n\n\n" not in text


def test_chinese_brief_reads_like_a_chinese_brief(tmp_path):
    path = write_starter(tmp_path, "beauty", "zh-CN")
    text = render_brief(path).text
    for word in ("品牌方", "笔记", "种草", "蒲公英", "达人", "核心卖点", "核心成分", "交付内容"):
        assert word in text, word
    internal = render_brief(path, document="plan").text  # the pyramid and measurement are internal
    for word in ("KOL 金字塔", "收藏率", "评论质量"):
        assert word in internal and ("KOL 金字塔" not in text), word
    cues = catalogue("zh-CN").verticals["beauty"]["cues"]
    assert sum(cue in text for cue in cues) >= 5


def test_the_vertical_sets_the_pillar_wording(tmp_path):
    hero = {}
    for vertical in ("beauty", "electronics", "food", "mother-baby", "luxury"):
        text = render_brief(write_starter(tmp_path, vertical, "en")).text
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        hero[vertical] = headings[headings.index("## Key claims") + 1]
    assert hero == {
        "beauty": "## Hero ingredients",
        "electronics": "## Hero features",
        "food": "## Provenance and sensory notes",
        "mother-baby": "## Safety credentials and hero ingredients",
        "luxury": "## Craftsmanship and heritage",
    }


# --- timing -------------------------------------------------------------------


def test_waves_are_computed_from_the_launch_date(tmp_path):
    path = write_starter(
        tmp_path, "beauty", "en", launch_date="2026-04-20", seeding_days="10", sustain_weeks="2"
    )
    rendered = render_brief(path, document="plan")
    text = rendered.text
    # seeding 10 days before, launch day + 3, sustain 2 weeks, baseline the day before seeding
    assert "| Seeding | Fri 10 Apr to Sun 19 Apr |" in text
    assert "| Launch burst | Mon 20 Apr to Thu 23 Apr |" in text
    assert "| Sustain | Fri 24 Apr to Thu 7 May |" in text
    assert "baseline on Thu 9 Apr" in text
    assert not rendered.warnings


def test_chinese_dates(tmp_path):
    text = render_brief(write_starter(tmp_path, "food", "zh-CN", launch_date="2026-04-20")).text
    assert "| 预热种草期 | 4 月 6 日（周一）至 4 月 19 日（周日） |" in text
    assert "上线日是 2026 年 4 月 20 日" in text


@pytest.mark.parametrize(
    ("launch", "window_zh", "window_en"),
    [
        ("2026-06-10", "618 年中大促", "618 mid-year shopping festival"),
        ("2026-11-05", "双 11", "Double 11"),
        ("2026-03-06", "三八女神节", "Women's Day"),
        ("2026-02-10", "春节和年货节", "Chinese New Year"),  # 春节 2026-02-17
        ("2027-02-01", "春节和年货节", "Chinese New Year"),  # 春节 2027-02-06
    ],
)
def test_crowded_shopping_windows_warn(tmp_path, launch, window_zh, window_en):
    rendered = render_brief(write_starter(tmp_path, "beauty", "zh-CN", launch_date=launch))
    assert "档期提醒" in rendered.text and window_zh in rendered.text
    assert any(window_en in w.message for w in rendered.warnings), rendered.warnings
    path = tmp_path / "beauty.zh-CN.yaml"
    line = line_number(path.read_text(encoding="utf-8"), "launch_date:")
    assert rendered.warnings[0].one_line().startswith(f"xhslint: warning: {path}:{line}: the ")


def test_quiet_dates_do_not_warn(tmp_path):
    rendered = render_brief(write_starter(tmp_path, "beauty", "zh-CN", launch_date="2026-04-01"))
    assert "档期提醒" not in rendered.text
    assert rendered.warnings == []


def test_spring_festival_moves_by_year_from_the_data_file(tmp_path):
    # 2026-02-17 and 2027-02-06: the same calendar dates clash in one year and not the other
    clash = render_brief(write_starter(tmp_path, "beauty", "en", launch_date="2027-02-20", sustain_weeks="1"))
    quiet = render_brief(write_starter(tmp_path, "beauty", "en", launch_date="2028-02-20", sustain_weeks="1"))
    assert "Chinese New Year" in clash.text
    assert "Chinese New Year" not in quiet.text


def test_lunar_festivals_are_dated_for_years_the_data_file_does_not_list(tmp_path):
    # 2040 is past the listed dates: the New Year (12 February 2040) comes from the lunar calendar
    rendered = render_brief(
        write_starter(tmp_path, "beauty", "en", launch_date="2040-02-20", sustain_weeks="1")
    )
    messages = " ".join(w.message for w in rendered.warnings)
    assert "Chinese New Year" in rendered.text and "no 2040 date" not in messages


def test_years_without_lunar_dates_are_reported_not_guessed(tmp_path):
    # lunardate covers 1900-2099
    rendered = render_brief(write_starter(tmp_path, "beauty", "en", launch_date="2101-04-20"))
    messages = " ".join(w.message for w in rendered.warnings)
    assert "no 2101 date for shopping window 'spring-festival'" in messages
    assert "no 2101 date for shopping window 'qixi'" in messages


def test_shopping_windows_come_from_a_data_file_users_can_replace(tmp_path):
    templates = tmp_path / "templates" / "_data"
    templates.mkdir(parents=True)
    (templates / "shopping_windows.yaml").write_text(
        "windows:\n  - id: brand-day\n    name: {zh-CN: 品牌日, en: Brand day}\n"
        '    every_year: {start: "04-18", end: "04-21"}\n',
        encoding="utf-8",
    )
    path = write_starter(tmp_path, "beauty", "zh-CN", launch_date="2026-04-20")
    rendered = render_brief(path, templates=tmp_path / "templates")
    assert "赶上品牌日" in rendered.text
    assert [w.message.split(" overlaps ")[1].split(" (")[0] for w in rendered.warnings] == ["Brand day"] * 2


# --- the KOL pyramid ----------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "counts"),
    [("small", (2, 10, 30, 50)), ("standard", (4, 15, 45, 75)), ("large", (5, 20, 60, 100))],
)
def test_pyramid_scales_within_the_playbook_ranges(tmp_path, scale, counts):
    path = write_starter(tmp_path, "beauty", "en", creator_tiers=f"{{scale: {scale}}}")
    text = render_brief(path, document="plan").text
    section = text.split("## Creator pyramid")[1].split("\n## ")[0]
    rows = [
        row
        for row in section.splitlines()
        if row.startswith("| ") and not row.startswith(("| Tier", "| ---"))
    ]
    assert [row.split(" | ")[2] for row in rows] == [str(c) for c in counts]
    assert f"In total {sum(counts)} creators and {sum(counts)} notes" in section


def test_explicit_counts_outside_the_playbook_warn_with_their_line(tmp_path):
    path = write_starter(tmp_path, "beauty", "en", creator_tiers="{top: 9, mid: 5, micro: 40, koc: 0}")
    rendered = render_brief(path, document="plan")
    messages = [w.one_line() for w in rendered.warnings]
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("creator_tiers:")
    )
    assert any("creator_tiers.top: 9 creators is outside the playbook's 2-5" in m for m in messages)
    assert any("do not form a pyramid" in m and f":{line}:" in m for m in messages)
    assert any("deliverables.koc: no creators are planned" in m for m in messages)
    assert "KOCs (everyday users)" not in rendered.text.split("## Creator pyramid")[1]


def test_starter_launch_is_six_weeks_ahead():
    data = yaml.safe_load(starter_text("travel", "en"))
    assert data["launch_date"] == date(2026, 3, 1) + timedelta(weeks=6)  # a quiet date already


def test_starter_launch_moves_past_the_shopping_festivals():
    from brief_fixtures import starter_yaml

    # six weeks after 2026-12-03 is 2027-01-14: its waves meet the New Year festival; 2027-03-23 is
    # the first launch whose seeding wave (from 03-09) also clears Women's Day (03-01..03-08)
    data = yaml.safe_load(starter_yaml("beauty", "en", today=date(2026, 12, 3)))
    assert data["launch_date"] == date(2027, 3, 23)


# --- the README's excerpts stay true ------------------------------------------


@pytest.mark.parametrize(
    ("index", "vertical", "locale", "launch", "document"),
    [(0, "beauty", "zh-CN", "2026-06-10", "creator"), (1, "electronics", "en", "2026-09-15", "plan")],
)
def test_readme_excerpts_are_real_output(tmp_path, index, vertical, locale, launch, document):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Generating briefs", 1)[1]  # its excerpts are the next markdown blocks
    excerpt = re.findall(r"```markdown\n(.*?)```", section, re.DOTALL)[index]
    text = render_brief(write_starter(tmp_path, vertical, locale, launch_date=launch), document=document).text
    for line in excerpt.splitlines():
        assert line in text.splitlines(), line


# --- the compliance data file -------------------------------------------------


def test_compliance_reminders_cover_every_vertical_in_both_locales_and_name_real_rules():
    from xhslint.linter.briefs.bundled import TEMPLATES_DIR
    from xhslint.linter.rules.loader import load_rules

    data = yaml.safe_load((TEMPLATES_DIR / "_data" / "compliance.yaml").read_text(encoding="utf-8"))
    known = {rule.id for rule in load_rules()}
    items = list(data["common"])
    for vertical in VERTICALS:
        assert data["verticals"].get(vertical), vertical
        items += data["verticals"][vertical]
    for item in items:
        assert item["zh-CN"].strip() and item["en"].strip() and item["basis"], item
        assert set(item.get("rules", [])) <= known, item.get("rules")


# --- two documents, tiers, operations, per-locale facts -------------------------


def test_the_creator_brief_and_the_internal_plan_share_one_data_file(tmp_path):
    path = write_starter(tmp_path, "beauty", "en")
    creator = render_brief(path).text
    internal = render_brief(path, document="plan").text
    assert "## Creator pyramid" not in creator and "## Measurement" not in creator
    assert "## Deliverables" in creator and "## Working together" in creator  # the starter's operations
    assert internal.startswith("# XHS campaign plan (internal)")
    assert "## Creator pyramid" in internal and "## Measurement" in internal and "## Budget" in internal


def test_a_tier_gets_its_own_brief_and_a_kocs_is_shorter(tmp_path):
    path = write_starter(tmp_path, "beauty", "zh-CN")
    full = render_brief(path).text
    top = render_brief(path, tier="top").text
    koc = render_brief(path, tier="koc").text
    assert "- 你的交付：视频笔记 1 篇" in top and "- 发布阶段：上线引爆期" in top
    assert "- 你的交付：图文笔记 1 篇" in koc
    assert "核心成分" in top and "核心成分" not in koc.split("## ")[5]  # no ingredient section for a KOC
    assert len(koc) < len(top) < len(full) + 200
    headings = [line for line in koc.splitlines() if line.startswith("## ")]
    assert headings[:4] == [
        "## 一、项目背景",
        "## 二、目标人群",
        "## 三、核心卖点",
        "## 四、内容方向与创作空间",
    ]


def test_a_tier_with_no_creators_is_refused(tmp_path):
    path = write_starter(tmp_path, "beauty", "en", creator_tiers="{top: 3, mid: 12, micro: 40, koc: 0}")
    with pytest.raises(BriefError, match="--tier koc: no creators are planned"):
        render_brief(path, tier="koc")


def test_values_written_per_locale(tmp_path):
    text = starter_text("beauty", "zh-CN").replace("brand: GlowLab", "brand: {en: GlowLab, zh-CN: 光研}")
    text = text.replace("product: 神经酰胺保湿精华", "product: {zh-CN: 神经酰胺保湿精华}")
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    assert render_brief(path).text.startswith("# 小红书达人种草 Brief｜光研「神经酰胺保湿精华」")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("product:"))
    with pytest.raises(BriefError) as info:
        render_brief(path, locale="en")
    assert (
        info.value.one_line()
        == f"xhslint: error: {path}:{line}: field 'product' has no en text (it has: zh-CN)"
    )


def test_rendering_another_locale_than_the_data_files_warns(tmp_path):
    rendered = render_brief(write_starter(tmp_path, "beauty", "zh-CN"), locale="en")
    assert any("rendering en from a zh-CN data file" in w.message for w in rendered.warnings)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_coffee_brief_does_not_open_with_a_snack(tmp_path, locale):
    coffee = render_brief(write_starter(tmp_path, "food", locale)).text  # the food starter is coffee beans
    snack_zh, snack_en = "试过的零食大多太甜", "most snacks I have tried"
    assert snack_zh not in coffee and snack_en not in coffee
    assert "速溶" in coffee or "instant ones taste flat" in coffee
    snack = render_brief(
        write_starter(tmp_path, "food", locale, product="海苔脆片", target_keywords="[海苔零食]")
    ).text
    assert snack_zh in snack or snack_en in snack


def test_the_opening_example_and_the_setting_can_be_the_brands(tmp_path):
    text = starter_text("beauty", "en") + "opening_example: My skin turns flaky on every long-haul flight\n"
    text += "shoot_setting: the hotel bathroom mirror on a work trip\n"
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    rendered = render_brief(path).text
    assert "for example “My skin turns flaky on every long-haul flight”" in rendered
    assert "such as the hotel bathroom mirror on a work trip" in rendered


def test_a_starter_launches_in_its_products_season():
    from brief_fixtures import starter_yaml

    # an autumn-winter cardigan: not in April (six weeks after 1 March) but from August
    fashion = yaml.safe_load(starter_yaml("fashion", "en", today=date(2026, 3, 1)))
    assert fashion["launch_date"] == date(2026, 8, 1)
    # a product with no season keeps the first quiet date six weeks ahead
    assert yaml.safe_load(starter_yaml("electronics", "en", today=date(2026, 3, 1)))["launch_date"] == date(
        2026, 4, 12
    )


def test_the_internal_plan_uses_the_plan_sections_tier_bounds(tmp_path):
    text = (
        starter_text("beauty", "en")
        + "plan:\n  tiers: {mid: {min: 20000, max: 100000}, micro: {max: 20000}}\n"
    )
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    internal = render_brief(path, document="plan").text
    assert "| Mid-tier KOLs | 20k–100k |" in internal and "| Micro KOLs | 1k–20k |" in internal
