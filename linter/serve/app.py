"""The workspace's web application (Starlette; pages are Jinja2 templates; htmx is vendored).

Safe by default: the server binds loopback (``xhslint serve``); requests must name a local
host (no DNS rebinding) and a POST must come from the page's own origin; every page sends a
Content-Security-Policy allowing only this server; uploads and pasted texts have limits
with a clear message; Jinja2 escapes everything from the input; no request names a file on
the server (uploads are bytes, written to a private temporary folder and deleted when read).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..core.errors import XhslintError
from ..core.version import __version__
from ..core.vocabulary import AUTO, DOCUMENT_KINDS, SEVERITIES
from ..document.batch import creator_of
from ..engine.score import BANDS
from ..run.config import Config
from ..run.runner import RunSettings
from . import brief_form
from .batch_jobs import DOWNLOADS, Jobs
from .check import COMMERCIAL_CHOICES, apply_fixes, check_text
from .locale import COOKIE, Texts, choose

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")  # fmt: skip
# the HTML report (output/html.py) is one self-contained file: inline CSS and script, nothing else
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
PAGES = ("check", "batch", "brief", "plan", "rules")


@dataclass
class Settings:
    config: Config = field(default_factory=Config)
    max_upload_mb: int = 20
    max_rows: int = 20_000
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]", "testserver")


class Workspace:
    """What one server process keeps warm: the settings, the templates and the batch jobs."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.jobs = Jobs()
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(("html",)),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(version=__version__, severities=SEVERITIES, bands=BANDS, pages=PAGES)

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        locale = choose(request.query_params, request.cookies, request.headers.get("accept-language", ""))
        t = Texts(locale)
        html = self.env.get_template(name).render(t=t, locale=locale, request=request, **context)
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") == locale:
            response.set_cookie(COOKIE, locale, max_age=365 * 86400, samesite="strict")
        return response

    def locale(self, request: Request) -> str:
        return choose(request.query_params, request.cookies, request.headers.get("accept-language", ""))

    @property
    def limit(self) -> int:
        return self.settings.max_upload_mb * 1024 * 1024


class TooLarge(XhslintError):
    pass


async def _form(request: Request, limit: int):
    """The request's form, refused with one clear message when it is larger than ``limit``."""
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise TooLarge(f"the upload is larger than {limit // (1024 * 1024)} MB")
    from starlette.formparsers import MultiPartException

    try:
        return await request.form(max_files=2, max_fields=200, max_part_size=limit)
    except MultiPartException as exc:
        raise TooLarge(f"the upload was refused: {exc.message}") from None


async def _upload(form, name: str, limit: int) -> tuple[str, bytes] | None:
    item = form.get(name)
    if item is None or isinstance(item, str) or not item.filename:
        return None
    data = await item.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"the upload is larger than {limit // (1024 * 1024)} MB")
    return item.filename, data


def _error(
    ws: Workspace, request: Request, error: XhslintError | str, status: int | None = None
) -> HTMLResponse:
    """One clear message: 413 for an upload over the limit, else 400 (or ``status``)."""
    message = error if isinstance(error, str) else error.message
    status = status or (413 if isinstance(error, TooLarge) else 400)
    return ws.page(request, "error.html", status=status, message=message)


# ---------------------------------------------------------------- Check


async def check_page(request: Request) -> HTMLResponse:
    ws: Workspace = request.app.state.ws
    from ..briefs.verticals import list_verticals

    return ws.page(request, "check.html", page="check", kinds=(AUTO, *DOCUMENT_KINDS),
                   verticals=list_verticals(ws.locale(request)), commercials=COMMERCIAL_CHOICES)  # fmt: skip


async def check_api(request: Request) -> Response:
    ws: Workspace = request.app.state.ws
    try:
        form = await _form(request, ws.limit)
        text = str(form.get("text") or "")
        upload = await _upload(form, "file", ws.limit)
        if upload is not None:
            text = _extract(*upload)
        locale = ws.locale(request)
        checked = check_text(
            text,
            ws.settings.config,
            locale,
            kind=str(form.get("kind") or AUTO),
            vertical=str(form.get("vertical") or "") or None,
            commercial=str(form.get("commercial") or AUTO),
            select=(str(form["rule"]),) if form.get("rule") else None,
        )
    except XhslintError as error:
        return _error(ws, request, error)
    if request.query_params.get("format") == "json":
        return JSONResponse(checked.result.to_json(locale))
    template = "rule_try.html" if form.get("rule") else "check_result.html"
    response = ws.page(request, template, checked=checked, score=checked.result.score(),
                       result=checked.result, text=text if upload is not None else None)  # fmt: skip
    return response


async def fix_api(request: Request) -> Response:
    """The text with every safe fix of its findings applied (the "fix all" button)."""
    ws: Workspace = request.app.state.ws
    form = await _form(request, ws.limit)
    text = str(form.get("text") or "")
    try:
        vertical = str(form.get("vertical") or "") or None
        checked = check_text(text, ws.settings.config, ws.locale(request), kind=str(form.get("kind") or AUTO),
                             vertical=vertical, commercial=str(form.get("commercial") or AUTO))  # fmt: skip
    except XhslintError as error:
        return _error(ws, request, error.message)
    fixes = [(f["fix"]["start"], f["fix"]["end"], f["fix"]["text"]) for f in checked.findings if f["fix"]]
    return JSONResponse({"text": apply_fixes(text, fixes), "fixed": len(fixes)})


def _extract(name: str, data: bytes) -> str:
    """The text of a dropped .txt, .md or .docx (read from a private temporary file)."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in (".txt", ".md", ".markdown", ".docx"):
        raise XhslintError(f"drop a .txt, .md or .docx file, not '{suffix or name}'")
    from ..document.readers import read_path

    with tempfile.TemporaryDirectory(prefix="xhslint-drop-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return read_path(str(path)).text
        except XhslintError as error:
            error.path = None
            raise


# ---------------------------------------------------------------- Batch


def _simple(page: str):
    """A page that is only its template (the work happens in its form's endpoint)."""

    async def endpoint(request: Request) -> HTMLResponse:
        return request.app.state.ws.page(request, f"{page}.html", page=page)

    return endpoint


async def batch_api(request: Request) -> Response:
    ws: Workspace = request.app.state.ws
    try:
        form = await _form(request, ws.limit)
        upload = await _upload(form, "file", ws.limit)
        if upload is None:
            raise XhslintError("choose a .xlsx, .csv, .tsv or .jsonl file")
        name, data = upload
        if not data.strip():
            raise XhslintError("the file is empty")
        locale = ws.locale(request)
        settings = RunSettings(
            config_path=ws.settings.config.source,
            kind=str(form.get("kind") or "") or None,
            vertical=str(form.get("vertical") or "") or None,
            locale=locale,
            jobs=1,
        )
        job = ws.jobs.start(name, data, locale, settings, ws.settings.max_rows)
    except XhslintError as error:
        return _error(ws, request, error)
    return ws.page(request, "batch_progress.html", job=job)


async def batch_progress(request: Request) -> Response:
    ws: Workspace = request.app.state.ws
    job = ws.jobs.get(request.path_params["job"])
    if job is None:
        return _error(ws, request, "this batch is no longer on the server: upload it again", 404)
    if not job.done:
        time.sleep(0)  # the page polls; nothing to wait for here
        return ws.page(request, "batch_progress.html", job=job)
    rows = [_row(i, r) for i, r in enumerate(job.results)]
    creators = sorted({r["creator"] for r in rows if r["creator"]})
    categories = sorted({c for r in rows for c in r["categories"]})
    return ws.page(request, "batch_table.html", job=job, rows=rows, creators=creators, categories=categories,
                   downloads=DOWNLOADS)  # fmt: skip


def _row(index: int, result) -> dict[str, Any]:
    scored = result.score()
    counts = {s: 0 for s in SEVERITIES}
    for d in result.diagnostics:
        if not d.waived:
            counts[d.severity] += 1
    return {
        "index": index,
        "path": result.path,
        "title": result.text.split("\n", 1)[0][:80],
        "creator": creator_of(result.meta),
        "score": scored.score,
        "band": scored.band,
        "verdict": scored.verdict,
        "counts": counts,
        "categories": sorted({d.category for d in result.diagnostics}),
    }


async def batch_note(request: Request) -> Response:
    ws: Workspace = request.app.state.ws
    job = ws.jobs.get(request.path_params["job"])
    index = request.path_params["index"]
    if job is None or not job.done or not 0 <= index < len(job.results):
        return _error(ws, request, "no such note", 404)
    from ..output.html import highlight, note_level

    result = job.results[index]
    keyed = [(f"b{index}-{k}", d) for k, d in enumerate(result.diagnostics)]
    marked = [(key, d) for key, d in keyed if not note_level(d)]
    return ws.page(request, "batch_note.html", result=result, keyed=keyed, score=result.score(),
                   highlighted=highlight(result.text, marked), locale_=ws.locale(request))  # fmt: skip


async def batch_download(request: Request) -> Response:
    ws: Workspace = request.app.state.ws
    job = ws.jobs.get(request.path_params["job"])
    fmt = request.path_params["fmt"]
    if job is None or not job.done or fmt not in DOWNLOADS:
        return _error(ws, request, "no such report", 404)
    filename, media = DOWNLOADS[fmt]
    stem = os.path.splitext(job.name)[0]
    body = job.report(fmt)
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(stem + '-' + filename)}"}
    if fmt == "html":
        headers["Content-Security-Policy"] = REPORT_CSP
    return Response(body, media_type=media, headers=headers)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


# ---------------------------------------------------------------- Brief


async def brief_page(request: Request) -> HTMLResponse:
    ws: Workspace = request.app.state.ws
    from ..briefs.verticals import list_verticals

    locale = ws.locale(request)
    verticals = list_verticals(locale)
    chosen = request.query_params.get("vertical") or "beauty"
    if chosen not in {v["id"] for v in verticals}:
        chosen = verticals[0]["id"]
    brief_locale = request.query_params.get("brief_locale") or "zh-CN"  # what creators read
    values = brief_form.starter_values(chosen, brief_locale)
    fields = [
        (f, brief_form.shown(f, values.get(f.name))) for f in brief_form.fields() if f.name != "vertical"
    ]
    return ws.page(request, "brief.html", page="brief", verticals=verticals, vertical=chosen,
                   brief_locale=brief_locale, fields=fields)  # fmt: skip


async def brief_api(request: Request) -> Response:
    ws: Workspace = request.app.state.ws
    form = await _form(request, ws.limit)
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    vertical = values.get("vertical") or "beauty"
    brief_locale = values.get("brief_locale") or "zh-CN"
    fmt = request.query_params.get("download")
    try:
        data = brief_form.data_from_form(values, vertical, brief_locale)
        rendered = brief_form.render_data(data, brief_locale)
    except XhslintError as error:
        return _error(ws, request, error.one_line() if error.line else error.message)
    if fmt in ("md", "docx"):
        from ..briefs.output import brief_bytes

        media = "text/markdown; charset=utf-8" if fmt == "md" else (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")  # fmt: skip
        name = f"brief-{vertical}.{fmt}"
        return Response(brief_bytes(rendered, fmt), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
    checked = check_text(
        rendered.text, ws.settings.config, ws.locale(request), kind="brief", vertical=vertical
    )
    return ws.page(request, "brief_preview.html", rendered=rendered, checked=checked,
                   score=checked.result.score())  # fmt: skip


# ---------------------------------------------------------------- Plan


async def plan_api(request: Request) -> Response:
    """A roster (and optionally its campaign file) in, the plan report (output/html.py) out."""
    ws: Workspace = request.app.state.ws
    try:
        form = await _form(request, ws.limit)
        roster = await _upload(form, "roster", ws.limit)
        campaign = await _upload(form, "campaign", ws.limit)
        if roster is None:
            raise XhslintError("choose a roster: .xlsx, .csv, .tsv or .jsonl, one creator per row")
        body = _plan_report(roster, campaign, ws.locale(request))
    except XhslintError as error:
        return _error(ws, request, error)
    return Response(
        body, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": REPORT_CSP}
    )


def _plan_report(roster: tuple[str, bytes], campaign: tuple[str, bytes] | None, locale: str) -> bytes:
    import io

    from ..output import get_writer
    from ..run.plan_run import lint_plan_file
    from .batch_jobs import safe_name

    with tempfile.TemporaryDirectory(prefix="xhslint-plan-") as folder:
        roster_path = Path(folder) / safe_name(roster[0])
        roster_path.write_bytes(roster[1])
        campaign_path = None
        if campaign is not None:
            if os.path.splitext(campaign[0])[1].lower() not in (".yaml", ".yml"):
                raise XhslintError("the campaign file is a .yaml file (xhslint plan init writes one)")
            campaign_path = Path(folder) / "campaign.yaml"
            campaign_path.write_bytes(campaign[1])
        try:
            outcome = lint_plan_file(
                str(roster_path), campaign_path=str(campaign_path) if campaign_path else None
            )
        except XhslintError as error:
            error.path = None
            raise
        out = io.StringIO()
        writer = get_writer("html")(out, locale, title=roster[0])
        for result in outcome.results:
            result.path = result.path.replace(str(roster_path), roster_path.name).replace(folder + "/", "")
            writer.add(result)
        writer.close(rules=outcome.rules, errors=outcome.problems)
    return out.getvalue().encode("utf-8")


# ---------------------------------------------------------------- Rules


async def rules_page(request: Request) -> HTMLResponse:
    ws: Workspace = request.app.state.ws
    query = request.query_params.get("q", "").strip()
    rules = _rules(ws, query, ws.locale(request))
    template = "rules_list.html" if request.headers.get("hx-request") else "rules.html"
    return ws.page(request, template, page="rules", rules=rules, query=query)


def _rules(ws: Workspace, query: str, locale: str) -> list[dict[str, Any]]:
    from ..rules.references import reference_text
    from ..run.caches import rules_for

    found = []
    needle = query.casefold()
    for rule in sorted(rules_for(ws.settings.config.rule_paths), key=lambda r: r.id):
        message = rule.message.get(locale) or rule.message.get("en", "")
        other = rule.message.get("en" if locale == "zh-CN" else "zh-CN", "")
        haystack = " ".join((rule.id, rule.name, rule.category, message, other, rule.rationale)).casefold()
        if needle and needle not in haystack:
            continue
        found.append({
            "id": rule.id, "name": rule.name, "category": rule.category, "severity": rule.severity,
            "message": message, "other": other, "rationale": rule.rationale, "kind": rule.kind,
            "plan": rule.category == "plan",
            "references": [reference_text(r) for r in rule.references],
            "examples": {k: [_example(e) for e in v[:3]] for k, v in rule.examples.items()},
        })  # fmt: skip
    return found


def _example(example: Any) -> str:
    """A rule example as a reader sees it: its text (a plan example, shortened JSON)."""
    if isinstance(example, dict) and isinstance(example.get("text"), str):
        return example["text"]
    return example if isinstance(example, str) else json.dumps(example, ensure_ascii=False, default=str)[:300]


async def root(request: Request) -> Response:
    return RedirectResponse("/check")


async def favicon(request: Request) -> Response:
    return Response(status_code=204)


# ---------------------------------------------------------------- the app


class _Origin:
    """A POST must come from this server's own pages (a foreign page cannot drive the workspace)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            headers = dict(scope["headers"])
            origin = headers.get(b"origin", b"").decode("latin-1")
            host = headers.get(b"host", b"").decode("latin-1")
            if origin and origin not in (f"http://{host}", f"https://{host}"):
                response = Response("cross-origin request refused", status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _Headers:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]  # fmt: skip
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    routes = [
        Route("/", root),
        Route("/favicon.ico", favicon),
        Route("/check", check_page),
        Route("/api/check", check_api, methods=["POST"]),
        Route("/api/fix", fix_api, methods=["POST"]),
        Route("/batch", _simple("batch")),
        Route("/api/batch", batch_api, methods=["POST"]),
        Route("/batch/{job}", batch_progress),
        Route("/batch/{job}/note/{index:int}", batch_note),
        Route("/batch/{job}/download/{fmt}", batch_download),
        Route("/brief", brief_page),
        Route("/api/brief", brief_api, methods=["POST"]),
        Route("/plan", _simple("plan")),
        Route("/api/plan", plan_api, methods=["POST"]),
        Route("/rules", rules_page),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts)),
        Middleware(_Origin),
        Middleware(_Headers),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.ws = Workspace(settings)
    return app
