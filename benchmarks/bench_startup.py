"""Cold start of the command line, as ratios against floors measured in the same run.

Usage::

    python benchmarks/bench_startup.py [--rounds 7] [--json]

Every command runs in a fresh process; the rounds interleave the commands (one
run of each per round) and the best time of each is kept, so drift on a busy
machine hits all of them alike. Measured (issue 13 targets in brackets):

- ``python -c pass`` and a bare rjieba cold start that segments the same
  Chinese note (``import rjieba``; ``rjieba.cut``): the floors;
- ``xhslint --help`` / ``python -c pass`` [<= 2];
- ``xhslint lint`` of one Chinese note / bare rjieba [<= 1.5];
- ``xhslint lint`` of one English note / the Chinese note [<= 1.3];
- with ``xhslint daemon`` running (when ``--daemon``): the client run of the
  Chinese note / ``python -c pass`` [<= 1.5].

The compiled-rule cache is filled by one untimed run first (an installed xhslint
has run before). ``PYTHONDONTWRITEBYTECODE`` is dropped from the children's
environment so modules load from their ``.pyc`` files, as they do in an
installed package, rather than compiling every module on every run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ZH_NOTE = "夏天必备的清爽防晒\n最近入手了这款防晒霜，质地很轻薄，上脸不油腻。\n姐妹们冲，全网最低价！\n"
EN_NOTE = (
    "My summer sunscreen pick\n"
    "I have been using this sunscreen for two weeks. It feels light and leaves no white cast.\n"
    "Honestly the best one I have tried, use my code GLOW20 at the link!\n"
)
TARGETS = {"help": 2.0, "lint_zh": 1.5, "lint_en": 1.3, "daemon_zh": 1.5}


def cli_command() -> list[str]:
    """The console script next to this interpreter, else on PATH, else -m."""
    script = Path(sys.executable).parent / "xhslint"
    if script.is_file():
        return [str(script)]
    found = shutil.which("xhslint")
    return [found] if found else [sys.executable, "-m", "xhslint.cli"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: problems found, a normal lint outcome
        tail = (done.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {tail}")
    return elapsed


def measure(rounds: int, daemon: bool) -> dict:
    cli = cli_command()
    env = _env()
    with tempfile.TemporaryDirectory(prefix="xhslint-startup-") as tmp:
        zh, en = Path(tmp) / "zh.txt", Path(tmp) / "en.txt"
        zh.write_text(ZH_NOTE, encoding="utf-8")
        en.write_text(EN_NOTE, encoding="utf-8")
        floor = "import sys, rjieba; rjieba.cut(open(sys.argv[1], encoding='utf-8').read(), False)"
        commands = {
            "pass": [sys.executable, "-c", "pass"],
            "rjieba": [sys.executable, "-c", floor, str(zh)],
            "help": [*cli, "--help"],
            "lint_zh": [*cli, "lint", str(zh)],
            "lint_en": [*cli, "lint", str(en)],
        }
        for argv in (commands["lint_zh"], commands["lint_en"]):  # fill caches, write .pyc files
            _run(argv, env)
        if daemon:
            subprocess.run([*cli, "daemon", "start"], env=env, check=True, capture_output=True)
            commands["daemon_zh"] = commands["lint_zh"]
        best: dict[str, float] = {}
        try:
            for _ in range(rounds):
                for name, argv in commands.items():
                    run_env = env if name == "daemon_zh" else {**env, "XHSLINT_DAEMON": "off"}
                    best[name] = min(best.get(name, float("inf")), _run(argv, run_env))
        finally:
            if daemon:
                subprocess.run([*cli, "daemon", "stop"], env=env, check=False, capture_output=True)
    ratios = {
        "help": best["help"] / best["pass"],
        "lint_zh": best["lint_zh"] / best["rjieba"],
        "lint_en": best["lint_en"] / best["lint_zh"],
    }
    if "daemon_zh" in best:
        ratios["daemon_zh"] = best["daemon_zh"] / best["pass"]
    return {"command": cli, "rounds": rounds, "seconds": best, "ratios": ratios, "targets": TARGETS}


def report(figures: dict) -> str:
    s, r = figures["seconds"], figures["ratios"]
    floor_of = {
        "help": "python -c pass",
        "lint_zh": "bare rjieba",
        "lint_en": "lint zh",
        "daemon_zh": "python",
    }
    lines = [
        f"command   {' '.join(figures['command'])}  (best of {figures['rounds']} interleaved rounds)",
        f"floors    python -c pass {s['pass']:.3f} s   bare rjieba cold {s['rjieba']:.3f} s",
    ]
    for name, ratio in r.items():
        target = TARGETS[name]
        verdict = "ok" if ratio <= target else "over target"
        lines.append(
            f"{name:<9} {s[name]:.3f} s   {ratio:5.2f}x {floor_of[name]:<15} (target <= {target}: {verdict})"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--daemon", action="store_true", help="also measure a client of `xhslint daemon`")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = measure(args.rounds, args.daemon)
    print(json.dumps(figures, indent=2) if args.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
