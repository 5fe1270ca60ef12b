"""``xhslint serve`` in a real browser: Playwright for Python driving Debian's Chromium
(``executable_path``: ``playwright install`` cannot download browsers here). The server runs
on uvicorn in a thread on a free loopback port. Screenshots go to ``XHSLINT_SCREENSHOT_DIR``
(else the test's temporary folder).

Type a note and see its highlight and score; upload a workbook and see the table; fill the
brief form and download the brief."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("multipart")

expect = playwright_api.expect
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


@pytest.fixture(scope="module")
def server():
    from xhslint.linter.serve.app import Settings, create_app
    from xhslint.linter.serve.server import free_port

    port = free_port("127.0.0.1")
    config = uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(200):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page(server):
    if CHROMIUM is None:
        pytest.skip("no Chromium on PATH (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        except Exception as exc:  # a browser that cannot start here is a skip, not a failure
            pytest.skip(f"Chromium did not start: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000},
                                      accept_downloads=True)  # fmt: skip
        yield context.new_page()
        browser.close()


def _shot(page, tmp_path, name):
    folder = Path(os.environ.get("XHSLINT_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def test_type_a_note_and_see_its_highlight_and_score(page, server, tmp_path):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/check")
    page.select_option("select[name=commercial]", "promotional")
    page.fill("#text", "")
    page.type("#text", "这是全网最低价的粉底液，点链接下单！<b>hi</b>", delay=5)
    mark = page.locator("#highlighted mark.hl.sev-error").first
    mark.wait_for(timeout=10_000)
    assert mark.inner_text() == "最低价"
    assert page.locator("#result .score").inner_text() == "20"
    assert "band-red" in page.locator("#result .score").get_attribute("class")
    assert "<b>hi</b>" in page.locator("#highlighted").inner_text()  # text, not markup
    mark.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "CMP001" in tip.inner_text()
    _shot(page, tmp_path, "serve-check.png")
    # an edit re-lints: the claim removed, the score goes up
    page.fill("#text", "用了一个月，空瓶了，会回购。")
    expect(page.locator("#result .score")).to_have_text("100", timeout=10_000)
    assert not errors, errors  # nothing refused by the Content-Security-Policy, no script error


def test_apply_a_safe_fix_with_one_click(page, server):
    page.goto(f"{server}/check")
    page.select_option("select[name=kind]", "brief")
    page.fill("#text", "请在6月1日发布test笔记。")
    button = page.locator("button.apply-fix").first
    button.wait_for(timeout=10_000)
    page.locator("#fix-all").click()
    expect(page.locator("#text")).to_have_value("请在 6 月 1 日发布 test 笔记。", timeout=10_000)


def test_upload_a_workbook_and_see_the_table(page, server, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "达人昵称", "标题", "正文"])
    sheet.append(["a1", "小美", "好物分享", "这是全网最低价的粉底液，点链接下单！"])
    sheet.append(["a2", "阿杰", "周末", "今天去爬山了，风景很好。"])
    sheet.append(["a3", "小美", "回购", "用了一个月，空瓶了，会回购。"])
    path = tmp_path / "campaign.xlsx"
    book.save(path)
    page.goto(f"{server}/batch")
    page.set_input_files("#batch-file", str(path))
    page.click("#batch-form button[type=submit]")
    table = page.locator("table.batch-table")
    table.wait_for(timeout=15_000)
    rows = table.locator("tbody tr")
    assert rows.count() == 3
    assert "campaign.xlsx#a1" in rows.nth(0).inner_text()
    # sort by score: the blocked note last when ascending is reversed
    score_header = table.locator("th", has_text="score")
    score_header.click()
    assert rows.nth(0).locator("td.n .score").inner_text() != "100"
    # filter by creator
    page.select_option("select[data-filter=creator]", "阿杰")
    assert table.locator("tbody tr:not([hidden])").count() == 1
    page.select_option("select[data-filter=creator]", "")
    # open a note
    table.locator("tbody tr", has_text="a1").locator("a").click()
    page.locator("#note-view mark.hl").first.wait_for(timeout=10_000)
    with page.expect_download() as download:
        page.locator("a.button[href$='/download/xlsx']").click()
    saved = tmp_path / "review.xlsx"
    download.value.save_as(saved)
    assert openpyxl.load_workbook(saved).sheetnames == ["Notes", "Findings", "Rules"]
    _shot(page, tmp_path, "serve-batch.png")


def test_render_a_brief_and_download_it(page, server, tmp_path):
    page.goto(f"{server}/brief?vertical=beauty&brief_locale=zh-CN")
    preview = page.locator("#brief-preview .brief-text")
    preview.wait_for(timeout=20_000)
    assert "Brief" in preview.inner_text() or "brief" in preview.inner_text()
    page.fill("input[name=product]", "玻尿酸保湿精华")
    expect(page.locator("#brief-preview .brief-text")).to_contain_text("玻尿酸保湿精华", timeout=20_000)
    with page.expect_download() as download:
        page.locator("button[data-download=docx]").click()
    saved = tmp_path / "brief.docx"
    download.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"
    _shot(page, tmp_path, "serve-brief.png")


def test_the_interface_switches_to_chinese(page, server, tmp_path):
    page.goto(f"{server}/rules?lang=zh-CN")
    assert page.locator("h1").inner_text() == "规则"
    page.fill("#rule-search", "CMP001")
    expect(page.locator("details.rule-card")).to_have_count(1, timeout=10_000)
    page.goto(f"{server}/check")
    assert page.locator("h1").inner_text() == "检查笔记或 brief"  # the cookie remembers
    _shot(page, tmp_path, "serve-check-zh.png")
    page.goto(f"{server}/check?lang=en")
