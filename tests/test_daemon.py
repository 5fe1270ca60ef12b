"""``xhslint daemon``: a client run gives the output and exit code of a run without
it, the socket is private, a stale daemon steps aside, and stop/status say so."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from xhslint.linter.run import daemon

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not daemon.supported(), reason="the daemon needs Unix sockets and fork"),
]
CLIENT = "from xhslint import main; main()"


@pytest.fixture
def served(tmp_path):
    env = {**os.environ, "XHSLINT_DAEMON_SOCKET": str(tmp_path / "run" / "d.sock")}
    env.pop("XHSLINT_DAEMON", None)

    def xhslint(*args, daemon_on=True, stdin=None, pythonpath=None):
        run_env = env if daemon_on else {**env, "XHSLINT_DAEMON": "off"}
        if pythonpath:
            run_env = {**run_env, "PYTHONPATH": pythonpath}
        done = subprocess.run(
            [sys.executable, "-c", CLIENT, *map(str, args)],
            cwd=tmp_path,
            env=run_env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return done.returncode, done.stdout, done.stderr

    yield xhslint, tmp_path
    xhslint("daemon", "stop")
    if (tmp_path / "site").is_dir():
        xhslint("daemon", "stop", pythonpath=str(tmp_path / "site"))


def test_a_served_run_equals_a_direct_run(served):
    xhslint, folder = served
    (folder / "ad.txt").write_text("全网最低价，加VX领取优惠！\n这款面霜是国家级配方。\n", encoding="utf-8")
    (folder / "clean.txt").write_text("今天去公园散步，天气很好。\n", encoding="utf-8")
    (folder / ".xhslint.toml").write_text('locale = "zh-CN"\n', encoding="utf-8")
    code, out, _ = xhslint("daemon", "start")
    assert code == 0 and "started" in out
    cases = [
        ("lint", "ad.txt"),
        ("lint", "clean.txt"),
        ("lint", "--format", "json", "ad.txt", "clean.txt"),
        ("lint", "missing.txt"),
        ("lint", "--vertical", "beaty", "ad.txt"),
    ]
    for args in cases:
        assert xhslint(*args) == xhslint(*args, daemon_on=False), args
    piped = xhslint("lint", "-", stdin="姐妹们冲，史上最强精华！\n")
    assert piped == xhslint("lint", "-", stdin="姐妹们冲，史上最强精华！\n", daemon_on=False)
    assert "CMP001" in piped[1], "sanity: the stdin text was linted"
    code, out, _ = xhslint("daemon", "status")
    assert code == 0 and "runs served" in out and " 0 runs" not in out


def test_the_socket_is_private_and_stop_is_clean(served):
    xhslint, folder = served
    assert xhslint("daemon", "status")[0] == 1
    assert xhslint("daemon", "start")[0] == 0
    assert "already running" in xhslint("daemon", "start")[1]
    sock = folder / "run" / "d.sock"
    assert stat.S_IMODE(sock.stat().st_mode) == 0o600
    assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700
    assert xhslint("daemon", "stop")[0] == 0
    assert not sock.exists()
    assert xhslint("daemon", "status")[0] == 1
    (folder / "n.txt").write_text("全网最低价\n", encoding="utf-8")
    assert xhslint("lint", "n.txt") == xhslint("lint", "n.txt", daemon_on=False), "no daemon: runs here"


def _private_copy(folder: Path) -> Path:
    """The package copied into ``folder`` (``PYTHONPATH`` puts it first), so touching one of
    its modules changes no other test's fingerprint or cache key."""
    from xhslint.linter.core.resources import PACKAGE_ROOT

    target = folder / "site" / "xhslint"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("linter", "rules", "locales", "brief_templates"):
        shutil.copytree(PACKAGE_ROOT / name, target / name, ignore=ignore)
    for name in ("__init__.py", "cli.py"):
        shutil.copy2(PACKAGE_ROOT / name, target / name)
    return target


def test_a_stale_daemon_steps_aside(served):
    """A changed engine module (its mtime is in the fingerprint): the daemon
    answers stale and exits, and the client runs the command itself."""
    xhslint, folder = served
    package = _private_copy(folder)
    site = str(package.parent)
    (folder / "n.txt").write_text("全网最低价\n", encoding="utf-8")
    assert xhslint("daemon", "start", pythonpath=site)[0] == 0
    probe = xhslint("daemon", "status", pythonpath=site)
    assert probe[0] == 0, probe
    module = package / "linter" / "run" / "daemon.py"
    before = os.stat(module)
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    served_run = xhslint("lint", "n.txt", pythonpath=site)
    assert served_run == xhslint("lint", "n.txt", daemon_on=False, pythonpath=site)
    assert xhslint("daemon", "status", pythonpath=site)[0] == 1, "the stale daemon has exited"
