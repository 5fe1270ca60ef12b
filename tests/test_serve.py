"""``xhslint serve`` over HTTP (Starlette's test client): every page and endpoint, bad
uploads, limits, escaping and the origin and host checks. The browser test is in
tests/test_serve_browser.py."""

from __future__ import annotations

import io
import json
import re
import time
import warnings

import pytest

pytest.importorskip("starlette")
pytest.importorskip("multipart")
pytest.importorskip("httpx")

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)

from starlette.testclient import TestClient  # noqa: E402

from xhslint.linter.serve.app import Settings, create_app  # noqa: E402

NOTES_CSV = (
    "id,达人昵称,标题,正文\n"
    "a1,小美,好物分享,这是全网最低价的粉底液，点链接下单！\n"
    "a2,阿杰,周末,今天去爬山了，风景很好。\n"
)


@pytest.fixture(scope="module")
def client():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield TestClient(create_app(Settings(max_upload_mb=1, max_rows=100)))


@pytest.mark.parametrize("page", ["/check", "/batch", "/brief", "/plan", "/rules"])
def test_every_page_renders_in_both_locales_with_a_strict_policy(client, page):
    en = client.get(page, headers={"accept-language": "en-US,en;q=0.9"})
    assert en.status_code == 200 and '<html lang="en">' in en.text
    assert "script-src 'self'" in en.headers["content-security-policy"]
    assert "<script>" not in en.text  # no inline script anywhere
    zh = client.get(page, headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert '<html lang="zh-CN">' in zh.text and "检查" in zh.text


def test_the_language_switch_is_remembered(client):
    response = client.get("/check?lang=zh-CN", headers={"accept-language": "en"})
    assert '<html lang="zh-CN">' in response.text and "xhslint_locale=zh-CN" in response.headers["set-cookie"]
    client.cookies.clear()


def test_root_goes_to_check(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 307) and response.headers["location"] == "/check"


def test_htmx_is_served_from_here(client):
    response = client.get("/static/htmx.min.js")
    assert response.status_code == 200 and "htmx" in response.text[:200]
    assert 'src="/static/htmx.min.js"' in client.get("/check").text


def test_check_highlights_scores_and_escapes(client):
    text = "这是全网最低价的粉底液，点链接下单！<script>alert(1)</script>"
    response = client.post("/api/check", data={"text": text, "commercial": "promotional"})
    assert response.status_code == 200
    body = response.text
    assert "<script>alert" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert re.search(r'<mark class="hl sev-error" data-d="f\d+" tabindex="0">最低价</mark>', body)
    assert 'class="score band-red"' in body and "CMP001" in body
    assert "Advertising Law" in body  # the message, and the rule's rationale and references
    as_json = client.post("/api/check?format=json", data={"text": text, "commercial": "promotional"}).json()
    assert as_json["band"] == "red" and {d["rule"] for d in as_json["diagnostics"]} >= {"CMP001", "CMP018"}


def test_check_honours_kind_and_vertical(client):
    got = client.post(
        "/api/check?format=json", data={"text": "全网最低价", "kind": "brief", "vertical": "beauty"}
    )
    assert got.json()["kind"] == "brief" and got.json()["vertical"] == "beauty"


def test_fix_all_applies_the_safe_fixes(client):
    response = client.post("/api/fix", data={"text": "请在6月1日发布test笔记。", "kind": "brief"})
    assert response.json()["text"] == "请在 6 月 1 日发布 test 笔记。"


def test_a_dropped_docx_and_a_refused_file(client, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("这是全网最低价的粉底液")
    buffer = io.BytesIO()
    document.save(buffer)
    files = {"file": ("draft.docx", buffer.getvalue(), "application/octet-stream")}
    response = client.post("/api/check", data={"text": ""}, files=files)
    assert response.status_code == 200 and '<template id="dropped-text">' in response.text
    assert "最低价" in response.text
    bad = client.post("/api/check", data={"text": ""}, files={"file": ("x.exe", b"MZ", "application/x")})
    assert bad.status_code == 400 and "drop a .txt, .md or .docx" in bad.text


def test_a_rule_can_be_tried_on_a_sentence(client):
    hit = client.post("/api/check", data={"text": "全网最低价，快来买", "rule": "CMP001",
                                          "commercial": "promotional"})  # fmt: skip
    assert hit.status_code == 200 and "最低价" in hit.text and "try-result" in hit.text
    clean = client.post("/api/check", data={"text": "今天天气很好", "rule": "CMP001"})
    assert "finds nothing" in clean.text


def test_rules_are_searchable(client):
    page = client.get("/rules?q=CMP001")
    assert 'id="rule-CMP001"' in page.text and 'id="rule-ADV001"' not in page.text
    fragment = client.get("/rules?q=hard-sell", headers={"hx-request": "true"})
    assert "<html" not in fragment.text and "ADV001" in fragment.text
    zh = client.get("/rules?q=绝对化", headers={"accept-language": "zh-CN"})
    assert "CMP001" in zh.text


def _batch(client, name, data):
    started = client.post("/api/batch", files={"file": (name, data, "application/octet-stream")})
    if started.status_code != 200:
        return started, None
    job = re.search(r'hx-get="/batch/([\w-]+)"', started.text).group(1)
    for _ in range(300):
        page = client.get(f"/batch/{job}")
        if "batch-done" in page.text:
            return page, job
        time.sleep(0.05)
    raise AssertionError("the batch did not finish")


def test_a_batch_upload_gives_a_table_and_downloads(client):
    page, job = _batch(client, "notes.csv", NOTES_CSV.encode("utf-8"))
    assert page.status_code == 200
    assert "notes.csv#a1" in page.text and "小美" in page.text and 'data-band="red"' in page.text
    assert "/tmp" not in page.text  # the temporary folder never shows
    note = client.get(f"/batch/{job}/note/0")
    assert "<mark" in note.text and "最低价" in note.text
    xlsx = client.get(f"/batch/{job}/download/xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Notes", "Findings", "Rules"]
    report = client.get(f"/batch/{job}/download/json").json()
    assert [f["path"] for f in report["files"]] == ["notes.csv#a1", "notes.csv#a2"]
    html = client.get(f"/batch/{job}/download/html")
    assert html.status_code == 200 and "overview" in html.text
    assert "attachment" in html.headers["content-disposition"]
    assert client.get(f"/batch/{job}/download/exe").status_code == 404
    assert client.get("/batch/nope").status_code == 404


def test_a_gbk_csv_is_read(client):
    page, _ = _batch(client, "gbk.csv", NOTES_CSV.encode("gbk"))
    assert "gbk.csv#a1" in page.text and "小美" in page.text


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("notes.pdf", b"%PDF-1.4", "a batch is a"),
        ("broken.xlsx", b"PK\x03\x04 not really", "xlsx"),
        ("no-text.csv", "名字,粉丝\n小美,1000\n".encode(), "no text column"),
        ("latin.csv", b"title,content\nx,\xff\xfe\xfa bad bytes \x81\n", ""),
    ],
)
def test_bad_uploads_get_one_clear_message(client, name, data, says):
    page, _ = _batch(client, name, data)
    assert page.status_code in (200, 400)
    assert "Traceback" not in page.text
    assert says in page.text


def test_a_large_upload_is_refused(client):
    big = b"title,content\n" + b"x,y\n" * (1024 * 1024 // 4 + 10)  # over the 1 MB of this server
    response = client.post("/api/batch", files={"file": ("big.csv", big, "text/csv")})
    assert response.status_code == 413 and "larger than 1 MB" in response.text


def test_too_many_rows_stop_the_batch_with_a_message(client):
    rows = "".join(f"{i},note {i} 今天很好\n" for i in range(150))
    page, _ = _batch(client, "many.csv", ("id,content\n" + rows).encode())
    assert "more than 100 notes" in page.text


def test_the_brief_form_renders_previews_and_downloads(client):
    page = client.get("/brief?vertical=beauty&brief_locale=zh-CN")
    fields = dict(re.findall(r'<input type="text" name="(\w+)" value="([^"]*)"', page.text))
    areas = dict(
        re.findall(r'<textarea name="(\w+)" rows="\d+" spellcheck="false">(.*?)</textarea>', page.text, re.S)
    )
    assert fields["brand"] and "key_claims" in areas
    zh = client.get("/brief?vertical=beauty", headers={"accept-language": "zh-CN"})
    assert "核心卖点" in zh.text and "要传达的卖点" in zh.text
    import html as html_module

    form = {k: html_module.unescape(v) for k, v in {**fields, **areas}.items()}
    for number in re.findall(r'<input type="number" name="(\w+)" value="([^"]*)"', page.text):
        form[number[0]] = number[1]
    form.update(vertical="beauty", brief_locale="zh-CN")
    preview = client.post("/api/brief", data=form)
    assert preview.status_code == 200, preview.text[:500]
    assert "brief-text" in preview.text and 'class="score' in preview.text
    md = client.post("/api/brief?download=md", data=form)
    assert (
        md.status_code == 200
        and md.text.startswith("#")
        and "attachment" in md.headers["content-disposition"]
    )
    docx = client.post("/api/brief?download=docx", data=form)
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    broken = client.post("/api/brief", data={**form, "key_claims": "- [unclosed"})
    assert broken.status_code == 400 and "key_claims" in broken.text


def test_the_plan_page_lints_a_roster(client):
    from pathlib import Path

    roster = (Path(__file__).parents[1] / "examples" / "plans" / "good-plan.csv").read_bytes()
    response = client.post("/api/plan", files={"roster": ("good-plan.csv", roster, "text/csv")})
    assert response.status_code == 200 and "pyramid" in response.text.lower()
    assert "unsafe-inline" in response.headers["content-security-policy"]
    missing = client.post("/api/plan", data={})
    assert missing.status_code == 400 and "choose a roster" in missing.text


def test_a_foreign_page_cannot_post(client):
    response = client.post("/api/check", data={"text": "x"}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403


def test_a_foreign_host_name_is_refused(client):
    assert client.get("/check", headers={"host": "evil.example"}).status_code == 400


def test_too_long_a_text_is_refused(client):
    response = client.post("/api/check", data={"text": "好" * 200_001})
    assert (response.status_code in (400, 413) and "too long" in response.text) or "larger" in response.text


def test_serve_without_the_extra_says_what_to_install(cli, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_uvicorn(name, *args, **kwargs):
        if name.endswith("serve.server") or name == "uvicorn":
            raise ImportError("No module named 'uvicorn'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_uvicorn)
    result = cli("serve", "--no-browser")
    assert result.exit_code == 2 and "pip install 'xhslint[serve]'" in result.output


def test_loopback_detection():
    from xhslint.linter.serve.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")


def test_json_of_a_check_is_the_lint_contract(client):
    got = client.post("/api/check?format=json", data={"text": "用了一个月，空瓶了，会回购。"}).json()
    assert {"path", "diagnostics", "score", "band"} <= set(got)
    json.dumps(got)


@pytest.mark.slow
def test_the_command_binds_loopback_prints_the_url_and_serves(tmp_path):
    import subprocess
    import sys
    import urllib.request

    pytest.importorskip("uvicorn")
    code = "import sys; from xhslint.cli import run; run(sys.argv[1:])"
    process = subprocess.Popen([sys.executable, "-c", code, "serve", "--no-browser"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group()
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "check", timeout=5) as response:
                    assert response.status == 200 and b"xhslint" in response.read()
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not answer")
    finally:
        process.terminate()
        process.wait(10)


def test_a_public_host_gets_a_warning(cli, monkeypatch):
    from xhslint.linter.serve import server

    seen = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.update(kw))
    monkeypatch.setattr(server, "free_port", lambda host: 8765)
    result = cli("serve", "--no-browser", "--host", "0.0.0.0")
    assert result.exit_code == 0 and seen["host"] == "0.0.0.0"
    assert "warning: serving on 0.0.0.0" in result.output


def test_a_50_mb_upload_is_refused_by_default():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = TestClient(create_app())  # the defaults: 20 MB
        big = b"title,content\n" + b"x" * (50 * 1024 * 1024)
        response = client.post("/api/batch", files={"file": ("big.csv", big, "text/csv")})
    assert response.status_code == 413 and "larger than 20 MB" in response.text
