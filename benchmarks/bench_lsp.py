"""The language server as an editor meets it: ``xhslint lsp`` driven over stdio by a pygls client.

Usage::

    python benchmarks/bench_lsp.py [--rounds 100] [--corpus ../shared/corpus] [--cold 3] [--json]

Measures, in one run:

- first diagnostics: from spawning ``xhslint lsp`` to the first ``publishDiagnostics`` after
  ``initialize`` and ``didOpen`` of one note (interpreter, imports, rules, segmenter: what
  opening the first file costs), against ``xhslint lint`` of the same note as a fresh process
  (what an editor that spawns the CLI per save pays each time);
- re-lint after one keystroke: a 1,000-character note (the corpus's notes of at least that
  length, cut to 1,000 characters, else a bundled note repeated) gets one character typed;
  the time from sending ``didChange`` to receiving its diagnostics, debounce set to 0 so only
  the work is timed, against the floor: the same warm linter linting the same text in this
  process (``Linter.lint``). The ratio says what the protocol adds.

Target (issue 16): re-lint under 30 ms warm (median).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = [sys.executable, "-c", "from xhslint.cli import run; run(['lsp'])"]
NOTE = "夏天必备的清爽防晒\n最近入手了这款防晒霜，质地很轻薄，上脸不油腻。\n姐妹们冲，全网最低价！\n"
LENGTH = 1000


def _notes(corpus: str | None) -> list[str]:
    if corpus:
        texts = []
        with (Path(corpus) / "xhs_notes.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                text = "\n".join(str(row.get(k) or "") for k in ("title", "desc", "content") if row.get(k))
                if len(text) >= LENGTH:
                    texts.append(text[:LENGTH])
        if texts:
            return texts
    return [(NOTE * (LENGTH // len(NOTE) + 1))[:LENGTH]]


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 2),
    }


class Session:
    """One server process and a pygls client that records every publish by version."""

    def __init__(self) -> None:
        from lsprotocol import types
        from pygls.lsp.client import LanguageClient

        self.types = types
        self.client = LanguageClient("bench", "1")
        self.versions: dict[int | None, asyncio.Event] = {}
        self.arrived: dict[int | None, float] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params) -> None:
            self.arrived[params.version] = time.perf_counter()
            self.versions.setdefault(params.version, asyncio.Event()).set()

    async def start(self, root: Path, debounce_ms: int) -> None:
        types = self.types
        await self.client.start_io(*SERVER)
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=root.as_uri(),
                initialization_options={"debounce_ms": debounce_ms},
            )
        )
        self.client.initialized(types.InitializedParams())

    async def wait(self, version: int) -> float:
        await asyncio.wait_for(self.versions.setdefault(version, asyncio.Event()).wait(), 60)
        return self.arrived[version]

    def open(self, uri: str, text: str) -> None:
        item = self.types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        self.client.text_document_did_open(self.types.DidOpenTextDocumentParams(text_document=item))

    def change(self, uri: str, version: int, text: str) -> None:
        types = self.types
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def _first_diagnostics(root: Path, text: str) -> float:
    start = time.perf_counter()
    session = Session()
    await session.start(root, 0)
    session.open((root / "note.md").as_uri(), text)
    arrived = await session.wait(1)
    await session.stop()
    return arrived - start


def _cli_cold(root: Path, text: str) -> float:
    path = root / "note.md"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "XHSLINT_DAEMON": "off"}
    start = time.perf_counter()
    command = [sys.executable, "-c", f"from xhslint.cli import run; run(['lint', {str(path)!r}])"]
    subprocess.run(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


async def _keystrokes(root: Path, notes: list[str], rounds: int) -> tuple[list[float], list[str]]:
    session = Session()
    await session.start(root, 0)
    uri = (root / "note.md").as_uri()
    session.open(uri, notes[0])
    await session.wait(1)
    version, latencies, typed = 1, [], []
    for n in range(rounds):
        note = notes[n % len(notes)]
        version += 1
        session.change(uri, version, note)  # the note as it was before the key
        await session.wait(version)
        middle = len(note) // 2
        text = note[:middle] + "的" + note[middle + 1 :]  # one key: a character typed over another
        version += 1
        sent = time.perf_counter()
        session.change(uri, version, text)
        latencies.append(await session.wait(version) - sent)
        typed.append(text)
    await session.stop()
    return latencies, typed


def _floor(texts: list[str]) -> list[float]:
    from xhslint.linter.document.readers import document_from_text
    from xhslint.linter.run.caches import linter_for
    from xhslint.linter.run.config import Config
    from xhslint.linter.run.runner import options_for

    config = Config()
    linter = linter_for(options_for(config), config.rule_paths)
    linter.lint(document_from_text(texts[0], "note.md", markdown=True))  # warm
    samples = []
    for text in texts:
        start = time.perf_counter()
        linter.lint(document_from_text(text, "note.md", markdown=True))
        samples.append(time.perf_counter() - start)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--cold", type=int, default=3, help="fresh server processes to time")
    parser.add_argument("--corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT.parent))
    notes = _notes(args.corpus)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        cold = [asyncio.run(_first_diagnostics(root, notes[0])) for _ in range(args.cold)]
        cli = [_cli_cold(root, notes[0]) for _ in range(args.cold)]
        latencies, typed = asyncio.run(_keystrokes(root, notes, args.rounds))
    floor = _floor(typed)
    relint, lint = _stats(latencies), _stats(floor)
    report = {
        "notes": len(notes),
        "rounds": args.rounds,
        "chars": LENGTH,
        "first_diagnostics_s": round(statistics.median(cold), 3),
        "cli_cold_s": round(statistics.median(cli), 3),
        "relint": relint,
        "floor_lint": lint,
        "relint_over_floor": round(relint["median_ms"] / lint["median_ms"], 2),
        "target_relint_ms": 30,
        "met": relint["median_ms"] < 30,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        met = "met" if report["met"] else "NOT met"
        print(f"first diagnostics after open: {report['first_diagnostics_s']} s "
              f"(xhslint lint as a fresh process: {report['cli_cold_s']} s)")  # fmt: skip
        print(f"re-lint after one keystroke, {LENGTH} chars, {args.rounds} rounds over {len(notes)} notes: "
              f"median {relint['median_ms']} ms, p95 {relint['p95_ms']} ms")  # fmt: skip
        print(f"floor (warm Linter.lint, same texts): median {lint['median_ms']} ms, "
              f"p95 {lint['p95_ms']} ms; ratio {report['relint_over_floor']}x")  # fmt: skip
        print(f"target: re-lint under 30 ms: {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
