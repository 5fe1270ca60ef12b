"""The HTML report in a real headless browser (Chromium driven by Selenium):
highlights, tooltips, filters, escaping of hostile input, and a screenshot.

Skips when Selenium, Chromium or chromedriver is missing (``.ci/run``
installs the Debian ``chromium`` and ``chromium-driver`` packages). Nothing
is downloaded: the system browser and driver are used as they are.
Set ``XHSLINT_SCREENSHOT_DIR`` to keep the screenshot.
"""

from __future__ import annotations

import csv
import os
import shutil

import pytest

from xhslint.cli import main

CMP = "这是我用过的全网最低价粉底液。"
ADV = "限时！秒杀！手慢无！"  # three sentences: one hard-sell finding each
CLEAN = "用了一个月，空瓶了，会回购。"
HOSTILE = '<script>document.title="pwned"</script><img src=x onerror="document.title=1"> 全网最低价'


def _browser_paths():
    browser = next(
        (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None
    )
    driver = shutil.which("chromedriver")
    return browser, driver


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _browser_paths()
    if not binary or not driver_path:
        pytest.skip("no Chromium and chromedriver on PATH (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1400", "--lang=en-US"):  # fmt: skip
        options.add_argument(arg)
    try:
        driver = webdriver.Chrome(options=options, service=Service(driver_path))
    except Exception as exc:  # a browser that cannot start here is an environment problem, not a bug
        pytest.skip(f"Chromium did not start: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    yield driver
    driver.quit()


@pytest.fixture
def report(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with (tmp_path / "notes.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["id", "title", "content"],
                ["n1", "防晒", CMP + ADV],
                ["n2", "面霜", CLEAN],
                ["n3", "<b>x</b>", HOSTILE],
            ]
        )
    result = runner.invoke(
        main,
        # the notes are declared ads, so the absolute term is an error
        [
            "lint",
            "notes.csv",
            "--kind",
            "copy",
            "--commercial",
            "promotional",
            "--format",
            "html",
            "-o",
            "report.html",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    return tmp_path / "report.html"


def visible(elements):
    return [e for e in elements if e.is_displayed()]


@pytest.mark.slow
def test_report_in_a_browser(browser, report, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    assert browser.title == "xhslint report"  # the hostile note did not rename the page

    # Escaping: the hostile note shows as text; ours is the only script.
    hostile = browser.find_element(By.CSS_SELECTOR, "article[id=n3] pre.text")
    assert '<script>document.title="pwned"</script>' in hostile.text
    assert "<img src=x" in hostile.text
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    assert browser.find_elements(By.CSS_SELECTOR, "article img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018

    # Summary and chart.
    summary = browser.find_element(By.ID, "summary").text
    assert "3 notes checked" in summary and "2 notes with findings" in summary
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")

    # Highlights: each finding's text is marked, and hover shows its message and suggestion.
    marks = browser.find_elements(By.CSS_SELECTOR, "article[id=n1] mark.hl")
    assert [m.text for m in marks] == ["最低价", "限时", "秒杀", "手慢无"]
    ActionChains(browser).move_to_element(marks[0]).perform()
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed()
    assert "CMP001" in tip.text and "Absolute term" in tip.text and "suggestion:" in tip.text

    # Click pins it and marks its entry in the list.
    marks[1].click()
    assert "open" in marks[1].get_attribute("class")
    active = browser.find_elements(By.CSS_SELECTOR, "li.finding.active")
    assert len(active) == 1 and "ADV001" in active[0].text
    assert "ADV001" in tip.text and tip.is_displayed()

    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    keep = os.environ.get("XHSLINT_SCREENSHOT_DIR")
    if keep:
        os.makedirs(keep, exist_ok=True)
        shutil.copy(shot, os.path.join(keep, "html-report.png"))

    # Filters: drop the compliance category, then keep only notes with findings.
    showing = browser.find_element(By.ID, "showing")
    total = len(browser.find_elements(By.CSS_SELECTOR, "li.finding"))
    assert showing.text == f"Showing {total} of {total} findings"
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="cat"][value="compliance"]').click()
    compliance = browser.find_elements(By.CSS_SELECTOR, 'li.finding[data-cat="compliance"]')
    assert compliance and visible(compliance) == []
    assert "off" in marks[0].get_attribute("class")  # 最低价 is no longer highlighted
    assert "off" not in marks[1].get_attribute("class")
    assert showing.text == f"Showing {total - len(compliance)} of {total} findings"
    ActionChains(browser).move_to_element(marks[0]).perform()
    assert not browser.find_element(By.ID, "tip").is_displayed()

    clean = browser.find_element(By.ID, "n2")
    assert clean.is_displayed()
    browser.find_element(By.ID, "only-findings").click()
    assert not clean.is_displayed()
    assert not browser.find_element(By.ID, "n3").is_displayed()  # its only finding is compliance
    assert browser.find_element(By.ID, "n1").is_displayed()

    # Severity filter: hide warnings too; nothing is left to show.
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="sev"][value="warning"]').click()
    assert showing.text == f"Showing 0 of {total} findings"
    assert visible(browser.find_elements(By.CSS_SELECTOR, "article.note")) == []
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="cat"][value="compliance"]').click()
    assert browser.find_element(By.ID, "n3").is_displayed()


@pytest.mark.slow
def test_plan_report_in_a_browser(browser, tmp_path):
    """The plan report: the pyramid against the playbook's ranges, the schedule with its
    waves, launch and shopping windows, and the creators' table sorted by a click."""
    from pathlib import Path

    from click.testing import CliRunner
    from selenium.webdriver.common.by import By

    plans = Path(__file__).resolve().parents[1] / "examples" / "plans"
    out = tmp_path / "plan.html"
    roster, campaign = str(plans / "finished-campaign.xlsx"), str(plans / "finished-campaign.yaml")
    result = CliRunner().invoke(
        main, ["plan", "lint", roster, "--campaign", campaign, "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    browser.get(out.as_uri())
    bars = {
        b.get_attribute("data-tier"): b
        for b in browser.find_elements(By.CSS_SELECTOR, "svg.pyramid rect.count")
    }
    assert {t: int(b.get_attribute("data-count")) for t, b in bars.items()} == {
        "top": 3,
        "mid": 3,
        "micro": 3,
        "koc": 2,
    }
    assert "fits" in bars["top"].get_attribute("class") and "off" in bars["mid"].get_attribute("class")
    assert bars["mid"].size["width"] > 0
    timeline = browser.find_element(By.CSS_SELECTOR, "svg.timeline")
    assert len(timeline.find_elements(By.CSS_SELECTOR, "rect.wave")) == 3
    assert len(timeline.find_elements(By.CSS_SELECTOR, "line.launch")) == 1
    labels = [e.text for e in timeline.find_elements(By.CSS_SELECTOR, "text.window-label")]
    assert any("618" in label for label in labels) and any("520" in label for label in labels)
    assert (
        sum(int(r.get_attribute("data-posts")) for r in timeline.find_elements(By.CSS_SELECTOR, "rect.posts"))
        == 11
    )

    def column(index):
        return [row.find_elements(By.TAG_NAME, "td")[index].text
                for row in browser.find_elements(By.CSS_SELECTOR, "table.creators tbody tr")]  # fmt: skip

    header = browser.find_elements(By.CSS_SELECTOR, "table.creators th")[6]  # engagement rate
    header.click()
    ascending = [float(v.rstrip("%")) for v in column(6)]
    assert ascending == sorted(ascending) and header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert [float(v.rstrip("%")) for v in column(6)] == sorted(ascending, reverse=True)
    assert column(1)[0] == "栗子爱成分"  # the best engagement rate of the campaign
    shot = Path(os.environ.get("XHSLINT_SCREENSHOT_DIR", tmp_path)) / "plan-report.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
