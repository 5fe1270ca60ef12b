"""``xhslint plan``: planning arithmetic against hand-computed values, roster reading,
the bundled example plans with the findings each must produce, bad input and the
formats. The rules' own examples run in test_rule_examples.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from xhslint.cli import main
from xhslint.linter.analysis.plan_model import build_plan
from xhslint.linter.analysis.plan_values import Span, ValueProblem, parse_amount, parse_date, parse_rate
from xhslint.linter.analysis.shopping_calendar import lunar_to_solar, quieter_day, windows_around
from xhslint.linter.briefs.campaign import default_campaign, load_campaign, plan_data
from xhslint.linter.briefs.starter import campaign_starter_yaml
from xhslint.linter.core.errors import InputError
from xhslint.linter.document.roster import read_roster
from xhslint.linter.run.plan_run import lint_plan_file, plan_from_mapping

PLANS = Path(__file__).resolve().parents[1] / "examples" / "plans"
CAMPAIGN = str(PLANS / "campaign.yaml")


# ---------------------------------------------------------------- numbers and dates


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [
        ("1.2w", 12_000, 12_000),
        ("3.5万", 35_000, 35_000),
        ("12k", 12_000, 12_000),
        ("1,200", 1_200, 1_200),
        ("10k-20k", 10_000, 20_000),
        ("10-20k", 10_000, 20_000),  # the unit written once applies to both ends
        ("5000~8000", 5_000, 8_000),
        ("¥5,000", 5_000, 5_000),
        ("5000元", 5_000, 5_000),
        ("8000+", 8_000, 8_000),
        ("2亿", 200_000_000, 200_000_000),
        (1200, 1_200, 1_200),
        (3.5, 3.5, 3.5),
    ],
)
def test_amounts_as_people_write_them(written, low, high):
    assert parse_amount(written) == Span(low, high)


@pytest.mark.parametrize("written", [None, "", "-", "无", "n/a"])
def test_an_empty_cell_is_no_amount(written):
    assert parse_amount(written) is None


@pytest.mark.parametrize("written", ["lots", "1.2.3w", "20k-10k", "-5", float("nan"), "1e30"])
def test_what_is_not_an_amount_says_so(written):
    with pytest.raises(ValueProblem):
        parse_amount(written)


def test_a_range_has_a_middle():
    assert parse_amount("10k-20k").middle == 15_000


@pytest.mark.parametrize(("written", "rate"), [("3.2%", 0.032), (0.032, 0.032), ("100%", 1.0)])
def test_rates(written, rate):
    assert parse_rate(written) == pytest.approx(rate)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2026-03-08", dt.date(2026, 3, 8)),
        ("2026/3/8", dt.date(2026, 3, 8)),
        ("2026年3月8日", dt.date(2026, 3, 8)),
        ("3/8", dt.date(2027, 3, 8)),
        ("3月8日", dt.date(2027, 3, 8)),
        ("3月8号", dt.date(2027, 3, 8)),
        ("12/28", dt.date(2026, 12, 28)),  # nearest the March launch: the December before
        (dt.datetime(2027, 3, 1, 0, 0), dt.date(2027, 3, 1)),  # a spreadsheet's own date
    ],
)
def test_dates_take_the_year_nearest_the_launch(written, day):
    assert parse_date(written, dt.date(2027, 3, 20)) == day


@pytest.mark.parametrize("written", ["2027-02-30", "13/40", "0/5", "next week", "2027-3"])
def test_what_is_not_a_date_says_so(written):
    with pytest.raises(ValueProblem):
        parse_date(written, dt.date(2027, 3, 20))


# ---------------------------------------------------------------- calendar


@pytest.mark.parametrize(
    ("year", "new_year"),
    [(2026, dt.date(2026, 2, 17)), (2027, dt.date(2027, 2, 6)), (2035, dt.date(2035, 2, 8))],
)
def test_chinese_new_year_is_computed_for_the_year(year, new_year):
    assert lunar_to_solar(year, 1, 1) == new_year


def test_windows_in_a_year_with_no_listed_date_come_from_the_lunar_calendar():
    data = plan_data()["shopping_windows"]
    found = windows_around(data, dt.date(2035, 1, 1), dt.date(2035, 3, 31), "test")
    spring = next(w for w in found if w.id == "spring-festival")
    assert (spring.start, spring.end) == (
        dt.date(2035, 1, 18),
        dt.date(2035, 2, 15),
    )  # 21 days before, 7 after
    assert any(w.id == "womens-day" and w.start == dt.date(2035, 3, 1) for w in found)


def test_a_quieter_day_is_the_nearest_outside_every_window():
    data = plan_data()["shopping_windows"]
    windows = windows_around(data, dt.date(2027, 5, 1), dt.date(2027, 7, 31), "test")
    # 618 runs 05-20..06-20 and 520 05-14..05-21: 06-21 is the first free day after 06-10
    assert quieter_day(dt.date(2027, 6, 10), windows) == dt.date(2027, 6, 21)
    assert quieter_day(dt.date(2027, 5, 16), windows) == dt.date(2027, 5, 13)


# ---------------------------------------------------------------- rosters


def test_a_roster_header_below_a_title_row_with_a_unit(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("春季投放名单\n达人昵称,粉丝(万),报价,发布日期\n小鹿,3.5,5000,3/20\n", encoding="utf-8")
    roster = read_roster(str(path))
    assert roster.header_row == 2
    assert roster.fields == {"creator": 0, "followers": 1, "fee": 2, "post_date": 3}
    assert [row.number for row in roster.rows] == [3]
    built = build_plan(roster, default_campaign(plan_data()), {})  # the playbook's tiers
    assert built.creators[0].followers == Span(35_000, 35_000)  # 3.5 in a column of 万
    assert built.creators[0].tier == "mid"


def test_the_tiers_bounds_are_the_playbooks():
    plan = plan_from_mapping(
        {"creators": [{"creator": name, "followers": n} for name, n in
                      [("a", 999), ("b", 1000), ("c", 9999), ("d", 10000), ("e", 99999), ("f", 100000)]]}
    )  # fmt: skip
    assert [c.tier for c in plan.creators] == ["koc", "micro", "micro", "mid", "mid", "top"]


def test_rates_are_over_views_and_fall_back_to_followers():
    plan = plan_from_mapping(
        {"creators": [
            {"creator": "a", "followers": 20000, "views": 10000, "likes": 600, "saves": 300, "comments": 100,
             "shares": 50, "fee": 5000},
            {"creator": "b", "followers": 20000, "likes": 600},
        ]}
    )  # fmt: skip
    a, b = plan.creators
    assert a.engagement_rate() == (pytest.approx(0.1), "views")  # shares are not in the seed's formula
    assert a.save_rate == pytest.approx(0.03)
    assert a.cost_per_engagement == pytest.approx(5.0)
    assert b.engagement_rate() == (pytest.approx(0.03), "followers")
    assert b.save_rate is None


def test_a_roster_without_a_creator_column_is_refused(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("粉丝数,报价\n1000,200\n", encoding="utf-8")
    with pytest.raises(InputError, match="no creator column"):
        read_roster(str(path))


def test_columns_can_be_mapped(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("KOL,Fanbase\nLily,12k\n", encoding="utf-8")
    roster = read_roster(str(path), {"followers": "Fanbase"})
    assert roster.fields["followers"] == 1


def test_a_jsonl_roster(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"creator": "Lily", "followers": "1.2w"}\n\n{"creator": "Mia", "followers": 800}\n')
    roster = read_roster(str(path))
    assert [row.number for row in roster.rows] == [1, 3]


# ---------------------------------------------------------------- the bundled plans


def _lint(roster: str, campaign: str | None = CAMPAIGN):
    return lint_plan_file(str(PLANS / roster), campaign_path=campaign)


def _found(outcome) -> list[tuple[str, str, int]]:
    return sorted((Path(r.path).name, d.rule_id, d.line) for r in outcome.results for d in r.diagnostics)


def test_the_good_plan_is_clean():
    outcome = _lint("good-plan.csv")
    assert _found(outcome) == [] and outcome.problems == []
    figures = outcome.results[0].plan
    assert {t: f["creators"] for t, f in figures["tiers"].items()} == {
        "top": 3,
        "mid": 12,
        "micro": 35,
        "koc": 55,
    }


def test_the_pedestal_plan():
    assert {rule for _, rule, _ in _found(_lint("pedestal-plan.csv"))} == {
        "PLN001", "PLN002", "PLN003", "PLN005", "PLN010", "PLN012"
    }  # fmt: skip


def test_the_one_day_dump():
    assert [rule for _, rule, _ in _found(_lint("one-day-dump.csv"))] == ["PLN010", "PLN012", "PLN013"]


def test_the_finished_campaign_with_results():
    outcome = _lint("finished-campaign.xlsx", str(PLANS / "finished-campaign.yaml"))
    assert _found(outcome) == [
        ("finished-campaign.xlsx", "PLN001", 2),
        ("finished-campaign.xlsx", "PLN001", 2),
        ("finished-campaign.xlsx", "PLN001", 2),
        ("finished-campaign.xlsx", "PLN003", 2),
        ("finished-campaign.xlsx", "PLN004", 8),  # filed as top-tier with 6,500 followers
        ("finished-campaign.xlsx", "PLN007", 5),  # a tech creator in a beauty campaign
        ("finished-campaign.xlsx", "PLN008", 9),  # engagement far below the median
        ("finished-campaign.xlsx", "PLN014", 11),  # on 520
        ("finished-campaign.xlsx", "PLN015", 13),  # after the campaign's end
        ("finished-campaign.xlsx", "PLN024", 2),  # micro and KOC were not cheaper per engagement
        ("finished-campaign.yaml", "PLN021", 7),
        ("finished-campaign.yaml", "PLN022", 8),
        ("finished-campaign.yaml", "PLN023", 4),
    ]
    figures = outcome.results[0].plan
    first = figures["creators"][0]
    # 美妆大V阿珂: (9800 + 3100 + 640) / 420000 views; 60000 / 13540 per engagement
    assert first["engagement_rate"] == pytest.approx(0.0322, abs=1e-4)
    assert first["cost_per_engagement"] == pytest.approx(4.43, abs=0.01)
    assert figures["tiers"]["top"]["spend"] == 101_000


def test_plan_findings_name_their_cell_in_json():
    roster, campaign = str(PLANS / "finished-campaign.xlsx"), str(PLANS / "finished-campaign.yaml")
    result = CliRunner().invoke(main, ["plan", "lint", roster, "--campaign", campaign, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    cells = [d["cell"] for f in report["files"] for d in f["diagnostics"] if d["rule"] == "PLN007"]
    assert cells == [{"row": 5, "column": "D", "header": "领域", "creator": "数码阿杰"}]
    assert report["files"][0]["plan"]["tiers"]["mid"]["creators"] == 3


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_every_format_reports_a_plan(fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(
        main,
        [
            "plan",
            "lint",
            str(PLANS / "pedestal-plan.csv"),
            "--campaign",
            CAMPAIGN,
            "--format",
            fmt,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "PLN002" in text
    if fmt in ("json", "sarif"):
        json.loads(text)


def test_fail_on_warning_exits_1():
    result = CliRunner().invoke(
        main, ["plan", "lint", str(PLANS / "pedestal-plan.csv"), "--fail-on", "warning"]
    )
    assert result.exit_code == 1


def test_messages_in_chinese():
    result = CliRunner().invoke(
        main, ["plan", "lint", str(PLANS / "pedestal-plan.csv"), "--campaign", CAMPAIGN, "--locale", "zh-CN"]
    )
    assert "是“台子”不是金字塔" in result.stdout


# ---------------------------------------------------------------- bad input


def test_unreadable_cells_are_named_and_the_other_rows_still_checked(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(
        "达人昵称,层级,粉丝数,发布日期\nA,头部,5000,2027-03-10\nB,腰部,lots,2027-13-01\nC,大神,3000,3/20\n",
        encoding="utf-8",
    )
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["plan", "lint", str(path), "--format", "json"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("xhslint: error:")]
    assert errors == [
        f"xhslint: error: {path}:3: column C (粉丝数): 'lots' is not a number "
        "(write e.g. 12000, 1.2w, 3.5万 or 12k)",
        f"xhslint: error: {path}:3: column D (发布日期): '2027-13-01' is not a real date",
        f"xhslint: error: {path}:4: column B (层级): '大神' is not a tier "
        "(tiers: top, mid, micro, koc, 头部, 腰部, 初级, 素人)",
    ]
    report = json.loads(result.stdout)
    assert [d["cell"]["row"] for d in report["files"][0]["diagnostics"] if d["rule"] == "PLN004"] == [2]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # nothing written to the input


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "no header row naming the roster's columns"),
        ("粉丝数,报价\n1000,200\n", "no creator column"),
        ("达人昵称,报价\nA,200\n", "no followers or tier column"),
    ],
)
def test_a_roster_that_cannot_be_read_is_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "roster.csv"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["plan", "lint", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_a_campaign_field_of_the_wrong_kind_names_its_line(tmp_path):
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text("vertical: beauty\nlaunch_date: 2027-13-01\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["plan", "lint", str(PLANS / "good-plan.csv"), "--campaign", str(campaign)]
    )
    assert result.exit_code == 2
    assert f"{campaign}:2: field 'launch_date' must be a date" in result.stderr


def test_a_bad_column_mapping_is_refused():
    result = CliRunner().invoke(main, ["plan", "lint", str(PLANS / "good-plan.csv"), "--column", "followers"])
    assert result.exit_code == 2 and "FIELD=HEADER" in result.stderr


# ---------------------------------------------------------------- campaign files


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_plan_init_writes_a_valid_campaign_clear_of_the_festivals(tmp_path, locale):
    text = campaign_starter_yaml("beauty", locale, today=dt.date(2026, 12, 3))
    path = tmp_path / "campaign.yaml"
    path.write_text(text, encoding="utf-8")
    campaign = load_campaign(path, plan_data())
    # six weeks ahead is 2027-01-14: its seeding wave would meet the New Year festival and Women's
    # Day (03-01..03-08) follows it; the first launch whose seeding and burst touch neither
    assert campaign.launch_date == dt.date(2027, 3, 23)
    assert campaign.measurement_ready < campaign.wave("seeding")[0]
    outcome = lint_plan_file(str(PLANS / "good-plan.csv"), campaign_path=str(path))
    assert not [d for r in outcome.results[1:] for d in r.diagnostics]  # the campaign itself is clean


def test_a_brief_data_file_with_a_plan_section_is_a_campaign(tmp_path):
    from brief_fixtures import starter_text  # the tests' valid brief

    brief = tmp_path / "brief.yaml"
    plan = "plan:\n  brand_age_months: 3\n  kpis: [站内 GMV 50 万]\n"
    brief.write_text(starter_text("beauty", "zh-CN") + plan, encoding="utf-8")
    campaign = load_campaign(brief, plan_data())
    assert campaign.vertical == "beauty" and campaign.brand_age_months == 3
    assert campaign.kpis[0].metric == "sales"
    assert campaign.launch_date is not None


def test_a_roster_in_a_folder_of_notes_is_skipped_with_a_note_and_named_one_is_an_error():
    walked = CliRunner().invoke(main, ["lint", str(PLANS), "--exit-zero"])
    assert walked.exit_code == 0
    assert "a campaign roster (check it with `xhslint plan lint`)" in walked.stderr
    named = CliRunner().invoke(main, ["lint", str(PLANS / "good-plan.csv")])
    assert named.exit_code == 2
    assert "a campaign roster, not notes: check it with `xhslint plan lint" in named.stderr


def test_xlsx_writes_the_roster_back_with_its_figures_and_findings(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "review.xlsx"
    roster = PLANS / "finished-campaign.xlsx"
    before = hashlib.sha256(roster.read_bytes()).hexdigest()
    args = ["plan", "lint", str(roster), "--campaign", str(PLANS / "finished-campaign.yaml")]
    result = CliRunner().invoke(main, [*args, "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["Roster", "Findings"]
    rows = list(book["Roster"].iter_rows(values_only=True))
    assert rows[0][:3] == ("达人昵称", "层级", "粉丝数")
    assert rows[0][-5:] == (
        "xhslint tier",
        "engagement rate",
        "save rate",
        "cost per engagement",
        "xhslint findings",
    )
    by_name = {row[0]: row for row in rows[1:]}
    assert len(by_name) == 11
    assert by_name["美妆大V阿珂"][-4] == pytest.approx((9800 + 3100 + 640) / 420000)
    assert by_name["数码阿杰"][-1].startswith("PLN007: ")
    assert by_name["美妆大V阿珂"][-1] is None
    findings = list(book["Findings"].iter_rows(values_only=True))
    assert len(findings) - 1 == 13
    assert hashlib.sha256(roster.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("output", [None, "review.csv"])
def test_xlsx_needs_a_workbook_to_write(tmp_path, output):
    args = ["plan", "lint", str(PLANS / "pedestal-plan.csv"), "--format", "xlsx"]
    result = CliRunner().invoke(main, [*args, *(["-o", str(tmp_path / output)] if output else [])])
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.stderr


def test_xlsx_never_overwrites_the_roster(tmp_path):
    import shutil

    roster = tmp_path / "roster.xlsx"
    shutil.copy(PLANS / "finished-campaign.xlsx", roster)
    result = CliRunner().invoke(main, ["plan", "lint", str(roster), "--format", "xlsx", "-o", str(roster)])
    assert result.exit_code == 2 and "never written" in result.stderr


def test_a_brief_date_without_a_year_takes_the_briefs_year_else_the_next_one():
    from xhslint.linter.kinds.windows import _dated

    today = dt.date(2026, 12, 3)
    assert _dated(6, 18, None, today) == dt.date(2027, 6, 18)  # this June has passed
    assert _dated(12, 10, None, today) == dt.date(2026, 12, 10)
    assert _dated(6, 18, 2031, today) == dt.date(2031, 6, 18)
    assert _dated(2, 30, None, today) is None


def test_brief_dates_in_crowded_windows_are_reported_by_xhslint_lint():
    from xhslint import lint_text

    text = "发布时间：2027 年 3 月 3 日预热，2027 年 4 月 20 日上线。"
    found = [d for d in lint_text(text, kind="brief").diagnostics if d.rule_id == "PLB008"]
    assert [d.match for d in found] == ["2027 年 3 月 3 日"]  # Women's Day, 1-8 March
    assert "2027-02-28" in found[0].suggestion("en")  # the nearest day outside it


def test_hostile_jsonl_rows_are_skipped_with_one_line_each_and_the_rest_checked(tmp_path):
    path = tmp_path / "roster.jsonl"
    huge_number = '{"creator": "b", "followers": ' + "9" * 500 + "}"
    rows = ['{"creator": "a", "followers": 1000}', "[" * 100_000, huge_number, "not json",
            '{"creator": "c", "followers": 20000}']  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["plan", "lint", str(path), "--format", "json"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("xhslint: error:")]
    assert [e.split(":")[3] for e in errors] == ["2", "3", "4"]
    assert [c["row"] for c in json.loads(result.stdout)["files"][0]["plan"]["creators"]] == [1, 5]


def test_a_config_maps_the_roster_template_and_a_flag_overrides_it(tmp_path):
    (tmp_path / ".xhslint.toml").write_text(
        '[plan_columns]\nfollowers = "粉丝量（蒲公英）"\n', encoding="utf-8"
    )
    roster = tmp_path / "roster.csv"
    roster.write_text("达人昵称,粉丝量（蒲公英）,旧粉丝数\nA,1000,300000\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["plan", "lint", str(roster), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["plan"]["creators"][0]["followers"] == 1000
    result = CliRunner().invoke(
        main, ["plan", "lint", str(roster), "--format", "json", "--column", "followers=旧粉丝数"]
    )
    assert json.loads(result.stdout)["files"][0]["plan"]["creators"][0]["followers"] == 300000
    other = tmp_path / "other"
    other.mkdir()
    (other / ".xhslint.toml").write_text('[plan_columns]\nfans = "x"\n', encoding="utf-8")
    (other / "roster.csv").write_text(roster.read_text(encoding="utf-8"), encoding="utf-8")
    bad = CliRunner().invoke(main, ["plan", "lint", str(other / "roster.csv")])
    assert bad.exit_code == 2 and "unknown roster field 'fans'" in bad.stderr


def test_text_names_the_roster_cell_as_a_planner_finds_it():
    args = [
        "plan",
        "lint",
        str(PLANS / "finished-campaign.xlsx"),
        "--campaign",
        str(PLANS / "finished-campaign.yaml"),
    ]
    text = CliRunner().invoke(main, args).stdout
    assert f"{PLANS / 'finished-campaign.xlsx'}#5 D (领域): PLN007 [warning]" in text
    assert (
        f"{PLANS / 'finished-campaign.yaml'}:8:3: PLN022" in text
    )  # a campaign field keeps file:line:column


# ---------------------------------------------------------------- found in review


def test_an_alias_inside_what_it_names_is_one_line_not_a_hang(tmp_path):
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text("a: &a [*a]\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["plan", "lint", str(PLANS / "good-plan.csv"), "--campaign", str(campaign)]
    )
    assert result.exit_code == 2 and "an alias refers to a node that contains it" in result.stderr


@pytest.mark.parametrize("day", ["0001-01-02", "9999-12-30"])
def test_a_date_outside_the_calendar_is_a_cell_problem(tmp_path, day):
    roster = tmp_path / "r.csv"
    roster.write_text(f"creator,followers,post_date\nA,1000,{day}\nB,2000,2027-04-01\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["plan", "lint", str(roster)])
    assert result.exit_code == 2 and f"'{day}' is outside 1900-2199" in result.stderr


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            "launch_date: 2027-03-20\nend_date: 2027-03-01\n",
            "field 'end_date' (2027-03-01) is before 'launch_date'",
        ),
        (
            "launch_date: 2027-03-20\nbrief_date: 2027-04-01\n",
            "field 'launch_date' (2027-03-20) is before 'brief_date'",
        ),
        ("launch_date: 9999-12-30\n", "field 'launch_date' must be between 1900 and 2199"),
        ("tiers: {mid: {min: 200000, max: 100000}}\n", "field 'tiers.mid': min (200000) must be below max"),
    ],
)
def test_a_campaign_that_contradicts_itself_is_refused(tmp_path, fields, message):
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(fields, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["plan", "lint", str(PLANS / "good-plan.csv"), "--campaign", str(campaign)]
    )
    assert result.exit_code == 2 and message in result.stderr


def test_a_header_only_roster_is_not_all_clear(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("creator,followers\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["plan", "lint", str(roster)])
    assert result.exit_code == 2 and "no creators" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_report_never_replaces_its_inputs(tmp_path, fmt):
    import shutil

    roster = tmp_path / "r.csv"
    shutil.copy(PLANS / "pedestal-plan.csv", roster)
    before = roster.read_bytes()
    result = CliRunner().invoke(main, ["plan", "lint", str(roster), "--format", fmt, "-o", str(roster)])
    assert result.exit_code == 2 and roster.read_bytes() == before


def test_an_unknown_selector_is_an_error():
    result = CliRunner().invoke(main, ["plan", "lint", str(PLANS / "pedestal-plan.csv"), "--select", "NOPE"])
    assert result.exit_code == 2 and "unknown rule selector 'NOPE'" in result.stderr


def test_xlsx_keeps_cells_as_text_and_numbers_as_numbers(tmp_path):
    from openpyxl import load_workbook

    roster = tmp_path / "r.csv"
    roster.write_text("creator,followers,fee\n=1+2,5000,1500\nB\x01,800,300\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["plan", "lint", str(roster), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out).worksheets[0].iter_rows())
    assert (rows[1][0].value, rows[1][0].data_type) == ("=1+2", "s")  # not a formula
    assert rows[1][1].value == 5000 and rows[2][0].value == "B"


def test_rows_of_a_sheet_whose_used_area_starts_lower_keep_excels_numbers(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A5"], sheet["B5"] = "达人昵称", "粉丝数"
    sheet["A6"], sheet["B6"] = "小鹿", "lots"
    path = tmp_path / "r.xlsx"
    book.save(path)
    result = CliRunner().invoke(main, ["plan", "lint", str(path)])
    assert result.exit_code == 2 and f"{path}:6: column B (粉丝数)" in result.stderr


def test_outliers_compare_rates_over_views_only():
    creators = [{"creator": n, "followers": 20000, "views": 10000, "likes": 1000} for n in "abcde"]
    creators.append({"creator": "f", "followers": 20000, "likes": 400})  # no views: 2% over followers
    plan = plan_from_mapping({"creators": creators})
    from xhslint.linter.engine.plan_linter import lint_plan
    from xhslint.linter.run.caches import rules_for

    found = [d for r in lint_plan(plan, rules_for()) for d in r.diagnostics if d.rule_id == "PLN008"]
    assert found == []


def test_a_brief_and_its_plan_section_give_the_launch_date_once(tmp_path):
    from brief_fixtures import starter_text

    brief = tmp_path / "brief.yaml"
    brief.write_text(starter_text("beauty", "en") + "plan:\n  launch_date: '2027-05-01'\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["plan", "lint", str(PLANS / "good-plan.csv"), "--campaign", str(brief)]
    )
    assert (
        result.exit_code == 2
        and "field 'plan.launch_date' repeats the brief's 'launch_date'" in result.stderr
    )


def test_a_brief_naming_a_date_near_the_calendars_ends_is_linted_not_crashed():
    from xhslint import lint_text

    text = "发布时间：9999年12月31日预热，0001年1月1日上线，2027年6月10日复盘。"
    found = [d.match for d in lint_text(text, kind="brief").diagnostics if d.rule_id == "PLB008"]
    assert found == ["2027年6月10日"]  # the far dates are not dated, the real one is
