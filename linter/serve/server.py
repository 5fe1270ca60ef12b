"""``xhslint serve``: the workspace on uvicorn, bound to loopback on a free port unless told
otherwise; the URL is printed and opened in the browser."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

from ..core.errors import ConfigError
from ..run.config import discover, load_config_file


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host.strip("[]"), 0))
        return probe.getsockname()[1]


def run_server(
    host: str,
    port: int,
    open_browser: bool,
    config_path: str | None,
    max_upload_mb: int,
    max_rows: int,
    echo: Callable[..., None] = print,
) -> None:
    import uvicorn

    from .app import Settings, create_app

    config = load_config_file(config_path) if config_path else discover(str(Path.cwd()))
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]")
    if not is_loopback(host):
        echo(f"xhslint: warning: serving on {host}: anyone who can reach this address can use the "
             "workspace and read what is checked in it", err=True)  # fmt: skip
        hosts = ("*",)
    try:
        port = port or free_port(host)
    except OSError as exc:
        raise ConfigError(f"cannot bind {host}: {exc.strerror or exc}") from None
    app = create_app(Settings(config=config, max_upload_mb=max_upload_mb, max_rows=max_rows, hosts=hosts))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    echo(f"xhslint workspace: {url}  (Ctrl+C stops it)")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning")
