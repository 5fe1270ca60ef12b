"""One large Chinese document: xhslint against textlint + prh with the same terms, and peak memory.

Usage::

    python benchmarks/bench_large.py [--corpus FILE.jsonl] [--mb 1] [--rounds 3]
                                     [--textlint-dir DIR] [--no-install] [--json]

- **The document**: the corpus notes (title, newline, content, blank line) one after
  another until the text reaches ``--mb`` MB of UTF-8, written to a temporary
  folder (never into the repository).
- **xhslint**: ``xhslint lint FILE --format json > /dev/null`` in a fresh process,
  every bundled rule on; wall time (best of ``--rounds``) and the child's peak RSS.
  Target: peak RSS <= 150 MB.
- **textlint + prh**: the same file with textlint's ``prh`` rule and a prh dictionary
  built from every term of the bundled ``terms`` rules (each term a pattern of its
  own; prh has no word boundaries, so it matches more than xhslint does, which only
  makes its job easier). textlint is looked for in ``--textlint-dir`` (default: a
  folder in the user cache directory) and installed there with npm when it is missing,
  unless ``--no-install``. Without node, npm or the registry the comparison is skipped
  with a message. Target: xhslint >= 5x faster.

The runs interleave (one of each per round), so drift on a busy machine hits both.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "xhs_notes.jsonl"
SPEED_TARGET = 5.0
MEMORY_TARGET_MB = 150
TEXTLINT_PACKAGES = ("textlint@15", "textlint-rule-prh@6")

# Runs the console entry point in this child and reports its own peak RSS (KiB on Linux).
CHILD = """
import resource, sys
from xhslint.cli import main
try:
    main(sys.argv[1:], standalone_mode=True)
except SystemExit:
    pass
print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def build_text(corpus: Path, megabytes: float) -> str:
    from bench_batch import read_corpus  # this folder is on sys.path when the script runs

    notes = [f"{row['title']}\n{row['content']}\n\n" for row in read_corpus(corpus)]
    parts, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        note = notes[i % len(notes)]
        parts.append(note)
        size += len(note.encode("utf-8"))
        i += 1
    return "".join(parts)


def bundled_terms() -> list[str]:
    """Every term of the bundled ``terms`` rules, in every language."""
    from xhslint.linter.rules.loader import load_rules

    found: set[str] = set()
    for rule in load_rules():
        if rule.kind != "terms":
            continue
        terms = rule.spec.get("terms") or []
        for group in terms.values() if isinstance(terms, dict) else [terms]:
            for term in group:
                text = (
                    term if isinstance(term, str) else (term.get("term") if isinstance(term, dict) else None)
                )
                if text:
                    found.add(text)
    return sorted(found)


def _js_regex(term: str) -> str:
    # prh escapes plain patterns for a /u regex, where an escaped "-" is invalid: give those as /regex/.
    return "/" + re.sub(r"([.*+?^${}()|\[\]\\/])", r"\\\1", term) + "/"


def write_prh(folder: Path, terms: Sequence[str]) -> None:
    import yaml

    rules = [{"expected": f"〔{t}〕", "patterns": [_js_regex(t) if "-" in t else t]} for t in terms]
    (folder / "prh.yml").write_text(
        yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True), encoding="utf-8"
    )
    (folder / ".textlintrc.json").write_text(
        json.dumps({"rules": {"prh": {"rulePaths": ["prh.yml"]}}}), encoding="utf-8"
    )


def _default_textlint_dir() -> Path:
    from xhslint.linter.core.resources import cache_dir

    return cache_dir() / "bench-textlint"


def find_textlint(folder: Path, install: bool) -> tuple[Path | None, str]:
    """The textlint executable in ``folder`` (installed there when missing), or why not."""
    binary = folder / "node_modules" / ".bin" / "textlint"
    if binary.is_file():
        return binary, ""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None, "node or npm not found"
    if not install:
        return None, f"textlint not in {folder} (--no-install)"
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", *TEXTLINT_PACKAGES],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not binary.is_file():
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"npm install failed: {tail}"
    return binary, ""


def _run(argv: Sequence[str], cwd: Path | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd, env=_ENV, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"bench_large: {' '.join(map(str, argv))} exited {done.returncode}: {done.stderr[-300:]}")
    return elapsed, done.stderr


def measure(text: str, rounds: int, textlint: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="xhslint-large-") as tmp:
        folder = Path(tmp)
        path = folder / "large.txt"
        path.write_text(text, encoding="utf-8")
        xhslint = [sys.executable, "-c", CHILD, "lint", str(path), "--format", "json"]
        _run(xhslint)  # untimed: fills the compiled-rule cache
        commands: dict[str, tuple[list[str], Path | None]] = {"xhslint": (xhslint, None)}
        if textlint is not None:
            write_prh(folder, bundled_terms())
            commands["textlint"] = ([str(textlint), "--format", "json", path.name], folder)
            _run(*commands["textlint"])  # untimed: node's compile cache, the rule loaded once
        best = {name: float("inf") for name in commands}
        rss_kb = 0
        for _ in range(rounds):
            for name, (argv, cwd) in commands.items():
                elapsed, stderr = _run(argv, cwd)
                best[name] = min(best[name], elapsed)
                if name == "xhslint":
                    found = re.search(r"MAXRSS (\d+)", stderr)
                    rss_kb = max(rss_kb, int(found.group(1)) if found else 0)
    result = {
        "characters": len(text),
        "utf8_mb": len(text.encode("utf-8")) / 1_000_000,
        "xhslint_s": best["xhslint"],
        "xhslint_peak_rss_mb": rss_kb / 1024,
    }
    if "textlint" in best:
        result["textlint_prh_s"] = best["textlint"]
        result["speedup_vs_textlint"] = best["textlint"] / best["xhslint"]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL with title and content")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the document in MB of UTF-8 [1]")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds, best kept [3]")
    parser.add_argument("--textlint-dir", type=Path, default=None, help="where textlint is (or goes)")
    parser.add_argument("--no-install", action="store_true", help="never run npm install")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    text = build_text(args.corpus, args.mb)
    textlint, why = find_textlint(args.textlint_dir or _default_textlint_dir(), not args.no_install)
    result = measure(text, args.rounds, textlint)
    result["textlint_skipped"] = why or None
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"document        {result['characters']:,} characters, {result['utf8_mb']:.2f} MB of UTF-8")
    rss_ok = "ok" if result["xhslint_peak_rss_mb"] <= MEMORY_TARGET_MB else "OVER TARGET"
    print(
        f"xhslint         {result['xhslint_s']:.2f} s, peak RSS {result['xhslint_peak_rss_mb']:.0f} MiB "
        f"(target <= {MEMORY_TARGET_MB}: {rss_ok})"
    )
    if textlint is None:
        print(f"textlint + prh  skipped: {why}")
        return 0
    speed_ok = "ok" if result["speedup_vs_textlint"] >= SPEED_TARGET else "BELOW TARGET"
    print(
        f"textlint + prh  {result['textlint_prh_s']:.2f} s: xhslint is {result['speedup_vs_textlint']:.2f}x "
        f"faster (target >= {SPEED_TARGET}: {speed_ok})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
