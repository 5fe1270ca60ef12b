"""The workspace's warm latency: one Check request against the engine alone, in one run.

Usage::

    python benchmarks/bench_serve.py [--rounds 200] [--corpus ../shared/corpus] [--json]

Times, on the same notes (the shared corpus's first ``--rounds`` notes when given, else a
bundled example note repeated), the median and 95th percentile of:

- the floor: the server's warm linter linting the text (``Linter.lint``) in this process;
- ``POST /api/check`` through the app (Starlette's test client: form parsing, lint, the
  highlighted fragment rendered by Jinja2), which is what the page waits for while typing.

Target (issue 15): a single-note check answers in under 50 ms warm. The ratio check/floor
says what the web layer adds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTE = "夏天必备的清爽防晒\n最近入手了这款防晒霜，质地很轻薄，上脸不油腻。\n姐妹们冲，全网最低价！\n"


def _notes(corpus: str | None, rounds: int) -> list[str]:
    if corpus:
        path = Path(corpus) / "xhs_notes.jsonl"
        texts = []
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                text = "\n".join(str(row.get(k) or "") for k in ("title", "desc", "content") if row.get(k))
                if text.strip():
                    texts.append(text)
                if len(texts) >= rounds:
                    break
        return texts
    return [NOTE] * rounds


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT.parent))
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

    from xhslint.linter.document.readers import document_from_text
    from xhslint.linter.run.caches import linter_for
    from xhslint.linter.run.runner import options_for
    from xhslint.linter.serve.app import Settings, create_app

    settings = Settings()
    client = TestClient(create_app(settings))
    linter = linter_for(options_for(settings.config), settings.config.rule_paths)
    notes = _notes(args.corpus, args.rounds)
    client.post("/api/check", data={"text": notes[0]})  # warm: rules, automaton, segmenter, templates
    floor, check = [], []
    for text in notes:  # interleaved, so drift hits both alike
        start = time.perf_counter()
        linter.lint(document_from_text(text, "<check>"))
        floor.append(time.perf_counter() - start)
        start = time.perf_counter()
        response = client.post("/api/check", data={"text": text})
        check.append(time.perf_counter() - start)
        assert response.status_code == 200
    report = {"notes": len(notes), "floor_lint": _stats(floor), "post_api_check": _stats(check)}
    report["ratio_median"] = round(
        report["post_api_check"]["median_ms"] / report["floor_lint"]["median_ms"], 2
    )
    report["target_met"] = report["post_api_check"]["median_ms"] < 50
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{len(notes)} notes; lint alone: median {report['floor_lint']['median_ms']} ms, "
              f"p95 {report['floor_lint']['p95_ms']} ms")  # fmt: skip
        print(f"POST /api/check: median {report['post_api_check']['median_ms']} ms, "
              f"p95 {report['post_api_check']['p95_ms']} ms ({report['ratio_median']}x the lint; "
              f"target < 50 ms: {'met' if report['target_met'] else 'not met'})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
