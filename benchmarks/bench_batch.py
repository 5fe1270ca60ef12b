"""Benchmark batches: parallel speed-up and flat memory.

Usage::

    python benchmarks/bench_batch.py [--corpus PATH] [--jobs N] [--scale K]
                                     [--rows 100000] [--small-rows 1000] [--repeat 3]
                                     [--small-sizes 33,100,200,500] [--skip-memory] [--json]

1. **Throughput.** The corpus (default ``../shared/corpus/xhs_notes.jsonl``,
   one note per line) is linted as one batch, ``xhslint lint CORPUS --jobs 1``
   against ``--jobs N`` (default 2), each in a fresh process (best of
   ``--repeat``), so the times include start-up. The same comparison is made
   in-process with ``lint_many`` on the corpus repeated ``--scale`` times
   (warm: rules compiled and dictionaries loaded first), which is the steady
   state of a large batch. Reported: notes/s and the speed-up (target >= 1.7
   on 2 cores). The same corpus against a floor measured in the same run: a fresh
   interpreter that segments every note's text with bare rjieba (target: the
   default ``--jobs`` within 3x of it).
2. **Short batches.** CSVs of ``--small-sizes`` rows, the default ``--jobs``
   against ``--jobs 1`` in fresh processes, interleaved: the default must never
   be slower (a pool is started only when the work left is worth it).
3. **Memory.** A CSV of ``--rows`` rows (and one of ``--small-rows``) made by
   repeating the corpus is written to a temporary folder (never into the
   repository) and linted with ``--format json`` (stdout to /dev/null) in a child
   process. Reported: peak RSS of the largest process (``getrusage``) and the
   peak total PSS of the process tree (sampled from ``/proc`` every 50 ms,
   Linux only), for ``--jobs 1`` and ``--jobs N``. Target: the large batch
   within 1.5x of the small one.

The corpus is only read; generated files are deleted at the end.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "xhs_notes.jsonl"
SPEEDUP_TARGET = 1.7
MEMORY_TARGET = 1.5
FLOOR_TARGET = 3.0  # the corpus batch against a bare rjieba pass over the same texts
SMALL_TOLERANCE = 1.05  # default --jobs / --jobs 1 on a short batch: 1.0, within this run-to-run noise
# The floor: a fresh interpreter that segments every note's text (title, newline, content) with rjieba.
FLOOR = (
    "import json, sys, rjieba\n"
    "for line in open(sys.argv[1], encoding='utf-8'):\n"
    "    if line.strip():\n"
    "        row = json.loads(line)\n"
    "        rjieba.cut((row.get('title') or '') + '\\n' + (row.get('content') or ''), False)\n"
)

# Runs the console entry point in this child process and reports its own peak RSS.
CHILD = """
import resource, sys
from xhslint.cli import main
try:
    main(sys.argv[1:], standalone_mode=True)
except SystemExit as exit:
    code = exit.code
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print("USAGE", me.ru_maxrss, kids.ru_maxrss, me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime,
      file=sys.stderr)
"""


def read_corpus(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        sys.exit(f"bench_batch: corpus not found: {path} (pass --corpus FILE.jsonl)")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows.append({"title": row.get("title") or "", "content": row.get("content") or ""})
    if not rows:
        sys.exit(f"bench_batch: no rows in {path}")
    return rows


# ---------------------------------------------------------------- throughput


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_scaling(jobs: int, n: int = 5_000_000) -> float:
    """How many cores' worth of pure-Python work ``jobs`` processes got at
    once (ideal: ``jobs``). Other load on the machine shows up here first."""
    import multiprocessing

    start = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - start
    with multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(
        jobs
    ) as pool:
        pool.map(_burn, [10] * jobs)  # workers started before timing
        start = time.perf_counter()
        pool.map(_burn, [n] * jobs)
        many = time.perf_counter() - start
    return jobs * one / many


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process, and of its reaped children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


# Children load modules from .pyc files, as an installed package does (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which makes every run compile every module).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_cli(argv: Sequence[str], repeat: int) -> tuple[float, float]:
    """Best wall time of ``repeat`` runs and the CPU time (whole process tree) of that run."""
    best, best_cpu = float("inf"), 0.0
    for _ in range(repeat):
        before = _cpu()[1]
        start = time.perf_counter()
        done = subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False, env=_ENV
        )
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(f"bench_batch: {' '.join(argv)} exited {done.returncode}: {done.stderr.strip()[-300:]}")
        if elapsed < best:
            best, best_cpu = elapsed, _cpu()[1] - before
    return best, best_cpu


def _summary(notes: int, jobs: int, serial: tuple, parallel: tuple) -> dict[str, Any]:
    return {
        "notes": notes,
        "jobs_1_s": serial[0],
        f"jobs_{jobs}_s": parallel[0],
        "jobs_1_notes_per_s": notes / serial[0],
        f"jobs_{jobs}_notes_per_s": notes / parallel[0],
        "speedup": serial[0] / parallel[0],
        "jobs_1_cpu_s": serial[1],
        f"jobs_{jobs}_cpu_s": parallel[1],
    }


def cli_throughput(corpus: Path, notes: int, jobs: int, repeat: int) -> dict[str, Any]:
    base = [sys.executable, "-m", "xhslint.cli", "lint", str(corpus), "--format", "json"]
    time_cli(base, 1)  # untimed: fills the compiled-rule cache, as on a machine that ran xhslint before
    floor = time_cli([sys.executable, "-c", FLOOR, str(corpus)], repeat)
    serial = time_cli([*base, "--jobs", "1"], repeat)
    parallel = time_cli([*base, "--jobs", str(jobs)], repeat)
    default = time_cli(base, repeat)
    result = _summary(notes, jobs, serial, parallel)
    result["floor_s"], result["default_jobs_s"] = floor[0], default[0]
    result["floor_ratio_jobs_1"] = serial[0] / floor[0]
    result["floor_ratio_default"] = default[0] / floor[0]
    return result


def small_runs(rows: list[dict[str, str]], sizes: Sequence[int], rounds: int) -> dict[str, Any]:
    """The default ``--jobs`` against ``--jobs 1`` on short batches, fresh processes,
    interleaved round by round, best of ``rounds``: a pool must never make them slower."""
    base = [sys.executable, "-m", "xhslint.cli", "lint", "--format", "json"]
    best: dict[tuple[int, str], float] = {}
    with tempfile.TemporaryDirectory(prefix="xhslint-small-") as tmp:
        paths = {n: Path(tmp) / f"rows{n}.csv" for n in sizes}
        for n, path in paths.items():
            write_csv(path, rows, n)
        for _ in range(rounds):
            for n, path in paths.items():
                for label, extra in (("jobs_1", ["--jobs", "1"]), ("default", [])):
                    elapsed, _cpu_s = time_cli([*base, str(path), *extra], 1)
                    best[n, label] = min(best.get((n, label), float("inf")), elapsed)
    return {
        str(n): {
            "jobs_1_s": best[n, "jobs_1"],
            "default_s": best[n, "default"],
            "ratio": best[n, "default"] / best[n, "jobs_1"],
        }
        for n in sizes
    }


def api_throughput(rows: list[dict[str, str]], scale: int, jobs: int, repeat: int) -> dict[str, Any]:
    from xhslint import lint_many

    records = [{"id": f"{k}-{i}", **row} for k in range(scale) for i, row in enumerate(rows)]
    list(lint_many(records[:50]))  # warm-up: rules, dictionaries, spaCy

    def run(n: int) -> tuple[float, float, float, list]:
        cpu_before = _cpu()
        start = time.perf_counter()
        out = [len(r.diagnostics) for r in lint_many(records, jobs=n)]
        elapsed = time.perf_counter() - start
        cpu_after = _cpu()
        return elapsed, cpu_after[0] - cpu_before[0], cpu_after[1] - cpu_before[1], out

    serial: tuple = (float("inf"),)
    parallel: tuple = (float("inf"),)
    for _ in range(repeat):
        one = run(1)
        many = run(jobs)
        if one[3] != many[3]:
            sys.exit("bench_batch: parallel results differ from serial results")
        serial, parallel = min(serial, one[:3]), min(parallel, many[:3])
    result = _summary(len(records), jobs, (serial[0], serial[1]), (parallel[0], parallel[1] + parallel[2]))
    # What an otherwise idle machine would give: the work is the CPU time; the
    # parent's share (reading, dispatch, results) does not parallelise.
    result["parent_cpu_s"], result["workers_cpu_s"] = parallel[1], parallel[2]
    result["projected_speedup_idle"] = serial[1] / max(parallel[1], (parallel[1] + parallel[2]) / jobs)
    return result


# -------------------------------------------------------------------- memory


def write_csv(path: Path, rows: list[dict[str, str]], count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "content"])
        for i in range(count):
            row = rows[i % len(rows)]
            writer.writerow([i + 1, row["title"], row["content"]])


def _tree_pss_kb(root: int) -> int:
    """Total PSS of ``root`` and its descendants (Linux /proc), 0 if unknown."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def peak_memory(csv_path: Path, jobs: int) -> dict[str, Any]:
    argv = [sys.executable, "-c", CHILD, "lint", str(csv_path), "--format", "json",
            "--exit-zero", "--jobs", str(jobs)]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_ENV)
    peak_pss = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_pss
        while not stop.is_set():
            peak_pss = max(peak_pss, _tree_pss_kb(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.isdir("/proc"):
        sampler.start()
    _, stderr = proc.communicate()
    stop.set()
    if sampler.is_alive():
        sampler.join()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench_batch: lint of {csv_path} exited {proc.returncode}: {stderr.strip()[-300:]}")
    usage = next((line.split()[1:] for line in stderr.splitlines() if line.startswith("USAGE")), ["0"] * 4)
    own, workers, own_cpu, workers_cpu = int(usage[0]), int(usage[1]), float(usage[2]), float(usage[3])
    return {
        "seconds": elapsed,
        "main_max_rss_mb": own / 1024,
        "worker_max_rss_mb": workers / 1024,
        "tree_peak_pss_mb": peak_pss / 1024,
        "main_cpu_s": own_cpu,
        "workers_cpu_s": workers_cpu,
    }


def memory(rows: list[dict[str, str]], big: int, small: int, jobs_list: Sequence[int]) -> dict[str, Any]:
    out: dict[str, Any] = {"rows_small": small, "rows_big": big}
    with tempfile.TemporaryDirectory(prefix="xhslint-bench-batch-") as tmp:
        paths = {}
        for n in (small, big):
            paths[n] = Path(tmp) / f"notes_{n}.csv"
            write_csv(paths[n], rows, n)
        out["csv_mb_big"] = paths[big].stat().st_size / 1048576
        for jobs in jobs_list:
            scaling = machine_scaling(max(jobs_list))
            small_m = peak_memory(paths[small], jobs)
            big_m = peak_memory(paths[big], jobs)
            out[f"jobs_{jobs}"] = {
                "machine_scaling_before": scaling,
                "machine_scaling_after": machine_scaling(max(jobs_list)),
                "small": small_m,
                "big": big_m,
                "ratio_main_rss": big_m["main_max_rss_mb"] / small_m["main_max_rss_mb"],
                "ratio_tree_pss": (big_m["tree_peak_pss_mb"] / small_m["tree_peak_pss_mb"])
                if small_m["tree_peak_pss_mb"]
                else None,
                "big_notes_per_s": big / big_m["seconds"],
            }
    many = max(jobs_list)
    if many > 1 and "jobs_1" in out:
        one, par = out["jobs_1"]["big"], out[f"jobs_{many}"]["big"]
        out["big_speedup"] = one["seconds"] / par["seconds"]
        total = par["main_cpu_s"] + par["workers_cpu_s"]
        out["big_projected_speedup_idle"] = one["main_cpu_s"] / max(par["main_cpu_s"], total / many)
    return out


# -------------------------------------------------------------------- output


def print_report(r: dict[str, Any]) -> None:
    jobs = r["jobs"]
    print(f"corpus            {r['corpus']} ({r['corpus_notes']} notes)")
    segmenter = os.environ.get("XHSLINT_SEGMENTER") or "(unset)"
    print(f"cores             {r['cores']}   XHSLINT_SEGMENTER={segmenter}")
    scaling = f"{r['machine_scaling_before']:.2f} before, {r['machine_scaling_after']:.2f} after"
    print(f"machine scaling   {scaling} (a pure-Python loop on {jobs} processes; ideal {jobs}.00)")
    print()
    for key, title in (
        ("cli", "CLI, fresh process, includes start-up"),
        ("api", "lint_many in-process, warm"),
    ):
        t = r[key]
        verdict = "ok" if t["speedup"] >= SPEEDUP_TARGET else "BELOW TARGET"
        print(f"throughput: {title} ({t['notes']:,} notes, best of {r['repeat']})")
        print(f"  --jobs 1   {t['jobs_1_s']:7.2f} s   {t['jobs_1_notes_per_s']:8,.0f} notes/s")
        print(
            f"  --jobs {jobs}   {t[f'jobs_{jobs}_s']:7.2f} s   {t[f'jobs_{jobs}_notes_per_s']:8,.0f} notes/s"
        )
        print(f"  speed-up   {t['speedup']:.2f}x   (target >= {SPEEDUP_TARGET}: {verdict})")
        print(
            f"  CPU time   {t['jobs_1_cpu_s']:.2f} s with --jobs 1, "
            f"{t[f'jobs_{jobs}_cpu_s']:.2f} s with --jobs {jobs}"
        )
        if "projected_speedup_idle" in t:
            print(
                f"  (parent {t['parent_cpu_s']:.2f} s + workers {t['workers_cpu_s']:.2f} s): "
                f"projected speed-up on an idle machine {t['projected_speedup_idle']:.2f}x"
            )
        print()
    c = r["cli"]
    verdict = "ok" if c["floor_ratio_default"] <= FLOOR_TARGET else "OVER TARGET"
    print(f"floor: a bare rjieba pass over the same texts in a fresh process {c['floor_s']:.2f} s")
    print(
        f"  xhslint --jobs 1 {c['floor_ratio_jobs_1']:.2f}x the floor; default --jobs "
        f"({c['default_jobs_s']:.2f} s) {c['floor_ratio_default']:.2f}x (target <= {FLOOR_TARGET}: {verdict})"
    )
    print()
    small = r.get("small")
    if small:
        print(f"short batches: default --jobs / --jobs 1, fresh processes, best of {r['repeat']} interleaved")
        for n, v in small.items():
            verdict = "ok" if v["ratio"] <= SMALL_TOLERANCE else "SLOWER"
            print(
                f"  {int(n):6,} rows  {v['jobs_1_s']:.3f} s vs {v['default_s']:.3f} s   "
                f"ratio {v['ratio']:.2f} (target 1.00, noise {SMALL_TOLERANCE}: {verdict})"
            )
        print()
    m = r.get("memory")
    if not m:
        return
    print(f"memory: CSV of {m['rows_big']:,} rows ({m['csv_mb_big']:.1f} MiB) vs {m['rows_small']:,} rows,")
    print("        --format json > /dev/null, child process")
    for key, value in m.items():
        if not key.startswith("jobs_"):
            continue
        small, big = value["small"], value["big"]
        verdict = "ok" if value["ratio_main_rss"] <= MEMORY_TARGET else "OVER TARGET"
        print(f"  --{key.replace('_', ' ')}")
        print(
            f"    main process max RSS  {small['main_max_rss_mb']:7.1f} MiB -> "
            f"{big['main_max_rss_mb']:7.1f} MiB"
            f"   ratio {value['ratio_main_rss']:.2f} (target <= {MEMORY_TARGET}: {verdict})"
        )
        if big["worker_max_rss_mb"]:
            print(
                f"    largest worker max RSS {small['worker_max_rss_mb']:6.1f} MiB -> "
                f"{big['worker_max_rss_mb']:7.1f} MiB"
            )
        if value["ratio_tree_pss"] is not None:
            print(
                f"    process tree peak PSS {small['tree_peak_pss_mb']:7.1f} MiB -> "
                f"{big['tree_peak_pss_mb']:7.1f} MiB"
                f"   ratio {value['ratio_tree_pss']:.2f}"
            )
        print(
            f"    {m['rows_big']:,} rows in {big['seconds']:.1f} s "
            f"({value['big_notes_per_s']:,.0f} notes/s); "
            f"CPU main {big['main_cpu_s']:.1f} s + workers {big['workers_cpu_s']:.1f} s; machine scaling "
            f"{value['machine_scaling_before']:.2f} before, {value['machine_scaling_after']:.2f} after"
        )
    if "big_speedup" in m:
        verdict = "ok" if m["big_speedup"] >= SPEEDUP_TARGET else "BELOW TARGET"
        print(
            f"  {m['rows_big']:,}-row CLI speed-up --jobs {jobs} vs 1: {m['big_speedup']:.2f}x "
            f"(target >= {SPEEDUP_TARGET}: {verdict}); projected on an idle machine from CPU time: "
            f"{m['big_projected_speedup_idle']:.2f}x"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL with title and content")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs to compare with 1 [2]")
    parser.add_argument("--scale", type=int, default=5, help="corpus copies for the in-process run [5]")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the large CSV [100000]")
    parser.add_argument("--small-rows", type=int, default=1_000, help="rows of the small CSV [1000]")
    parser.add_argument("--repeat", type=int, default=3, help="runs per throughput measurement [3]")
    parser.add_argument(
        "--small-sizes",
        type=lambda v: [int(x) for x in v.split(",")],
        default=[33, 100, 200, 500],
        help="rows of the short batches compared [33,100,200,500]",
    )
    parser.add_argument("--skip-memory", action="store_true", help="throughput only")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    rows = read_corpus(args.corpus)
    from xhslint.linter.run.parallel import default_jobs

    report: dict[str, Any] = {
        "corpus": str(args.corpus),
        "corpus_notes": len(rows),
        "cores": default_jobs(),
        "jobs": args.jobs,
        "repeat": args.repeat,
        "machine_scaling_before": machine_scaling(args.jobs),
        "cli": cli_throughput(args.corpus, len(rows), args.jobs, args.repeat),
        "api": api_throughput(rows, args.scale, args.jobs, args.repeat),
    }
    report["small"] = small_runs(rows, args.small_sizes, args.repeat)
    report["machine_scaling_after"] = machine_scaling(args.jobs)
    if not args.skip_memory:
        report["memory"] = memory(rows, args.rows, args.small_rows, sorted({1, args.jobs}))
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
