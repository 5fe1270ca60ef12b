"""Benchmark xhslint: throughput against bare jieba and lazy imports (cold start: bench_startup.py).

Usage::

    python benchmarks/bench_lint.py [--corpus PATH] [--repeat N] [--json]

The corpus defaults to ``../shared/corpus/xhs_notes.jsonl`` (relative to the
repository root; rows with ``title`` and ``content``), else the bundled
``examples/`` folder (*.md, *.txt). Corpus text is only read, never copied.

All in-process timings use ``time.perf_counter`` and keep the best of
``--repeat`` runs. Dictionary loading and rule compilation are excluded from
the throughput numbers (both tools are initialised and warmed up first) and
reported separately. The lazy-import probes run in fresh subprocesses that
inherit this environment unchanged (including ``XHSLINT_SPACY_MODEL``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "xhs_notes.jsonl"
EXAMPLES_DIR = REPO_ROOT / "examples"
TEXT_SUFFIXES = (".md", ".txt")

RATIO_TARGET = 1.5

# Both lines load their pipeline on the warm-up lint: jieba (Han) and spaCy (English line).
WARMUP_TEXT = "这款面霜质地很清爽，上脸不油腻。\nThe texture is light and it is not greasy at all.\n"
ZH_NOTE = (
    "夏天必备的清爽防晒\n"
    "最近入手了这款防晒霜，质地很轻薄，上脸不油腻，出门一整天也没有晒黑。\n"
    "姐妹们可以冲，真的是全网最低价！\n"
)
EN_NOTE = (
    "My summer sunscreen pick\n"
    "I have been using this sunscreen for two weeks. It feels light and leaves no white cast.\n"
    "Honestly the best one I have tried, grab it before it sells out!\n"
)

# Runs in a fresh interpreter: lint one text through the public API, then
# report which heavy modules were imported and whether jieba's dictionary was
# loaded (JiebaSegmenter._load is the only place xhslint loads it).
PROBE = """
import json, sys
from xhslint.linter.analysis import segmentation
loads = []
_original = getattr(segmentation.JiebaSegmenter, "_load", None)
if _original is not None:
    def _counting_load(self):
        loads.append(1)
        return _original(self)
    segmentation.JiebaSegmenter._load = _counting_load
from xhslint import lint_text
result = lint_text(sys.argv[1])
print(json.dumps({
    "language": result.language,
    "diagnostics": len(result.diagnostics),
    "spacy_imported": "spacy" in sys.modules,
    "jieba_imported": "jieba" in sys.modules,
    "jieba_dictionary_loads": len(loads),
}))
"""


@dataclass
class Corpus:
    source: str
    texts: list[str]

    @property
    def characters(self) -> int:
        return sum(len(t) for t in self.texts)


@dataclass
class Report:
    corpus: str
    texts: int
    characters: int
    repeat: int
    spacy_model_env: str | None
    jieba_init_s: float = 0.0
    segmentation_s: float = 0.0
    rules_load_s: float = 0.0
    rules: int = 0
    warmup_lint_s: float = 0.0
    analyse_s: float = 0.0
    lint_s: float = 0.0
    lint_backends: dict[str, float] = field(default_factory=dict)  # segmenter backend -> best lint seconds
    lint_chars_per_s: float = 0.0
    segmentation_chars_per_s: float = 0.0
    ratio_lint_to_segmentation: float = 0.0
    segmented_share: float = 0.0  # Chinese block characters the linter had to segment
    ratio_target: float = RATIO_TARGET
    ratio_ok: bool = False
    diagnostics: int = 0
    texts_with_diagnostics: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    top_rules: list[tuple[str, int]] = field(default_factory=list)
    lazy_zh: dict[str, Any] = field(default_factory=dict)
    lazy_en: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------- corpus


def load_corpus(path: Path | None) -> Corpus:
    """The given path, else the shared corpus, else examples/; exits when empty."""
    if path is None:
        path = DEFAULT_CORPUS if DEFAULT_CORPUS.is_file() else EXAMPLES_DIR
    if not path.exists():
        sys.exit(f"bench_lint: corpus not found: {path}")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    elif path.suffix.lower() == ".jsonl":
        texts = _jsonl_texts(path)
    else:
        texts = [path.read_text(encoding="utf-8", errors="replace")]
    texts = [t for t in texts if t.strip()]
    if not texts:
        sys.exit(
            f"bench_lint: no texts in {path} (expected {DEFAULT_CORPUS} or *.md/*.txt files in "
            f"{EXAMPLES_DIR}); pass --corpus PATH"
        )
    return Corpus(str(path), texts)


def _jsonl_texts(path: Path) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            texts.append(f"{row.get('title') or ''}\n{row.get('content') or ''}")
    return texts


# ----------------------------------------------------------------- in-process


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def measure_throughput(corpus: Corpus, repeat: int, report: Report) -> None:
    import jieba

    from xhslint.linter.api import linter_for
    from xhslint.linter.document.readers import document_from_text
    from xhslint.linter.engine.linter import Options

    texts = corpus.texts
    jieba.setLogLevel(logging.WARNING)  # as xhslint does: no "Building prefix dict" noise

    start = time.perf_counter()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    report.jieba_init_s = time.perf_counter() - start

    start = time.perf_counter()
    linter = linter_for(Options(kind="auto"))
    report.rules_load_s = time.perf_counter() - start
    report.rules = len(linter.rules)

    start = time.perf_counter()
    linter.lint(document_from_text(WARMUP_TEXT))
    report.warmup_lint_s = time.perf_counter() - start

    def segment() -> None:
        for text in texts:
            tokenizer.lcut(text, HMM=False)

    def analyse() -> None:
        for text in texts:
            linter.analyse(document_from_text(text))

    def lint() -> None:
        for text in texts:
            linter.lint(document_from_text(text))

    # The target compares like with like: xhslint on the jieba backend against
    # bare jieba. The rjieba backend (pip install xhslint[fast]) is reported
    # beside it when installed.
    import importlib.util

    backends = ["jieba"] + (["rjieba"] if importlib.util.find_spec("rjieba") else [])
    previous = os.environ.get("XHSLINT_SEGMENTER")
    others: dict[str, float] = {}
    seg_best = lint_best = analyse_best = float("inf")
    try:
        os.environ["XHSLINT_SEGMENTER"] = "jieba"
        # Interleaved so that both sides see the same machine noise.
        for _ in range(repeat):
            seg_best = min(seg_best, timed(segment))
            lint_best = min(lint_best, timed(lint))
            analyse_best = min(analyse_best, timed(analyse))
        for backend in backends[1:]:
            os.environ["XHSLINT_SEGMENTER"] = backend
            linter.lint(document_from_text(WARMUP_TEXT))
            others[backend] = min(timed(lint) for _ in range(repeat))
    finally:
        if previous is None:
            os.environ.pop("XHSLINT_SEGMENTER", None)
        else:
            os.environ["XHSLINT_SEGMENTER"] = previous
    report.lint_backends = {"jieba": lint_best, **others}
    report.segmentation_s = seg_best
    report.lint_s = lint_best
    report.analyse_s = analyse_best
    report.lint_chars_per_s = corpus.characters / lint_best
    report.segmentation_chars_per_s = corpus.characters / seg_best
    report.ratio_lint_to_segmentation = lint_best / seg_best
    report.ratio_ok = report.ratio_lint_to_segmentation <= RATIO_TARGET

    by_rule: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    block_chars = segmented = 0
    for text in texts:
        analysed, _ = linter.analyse(document_from_text(text))
        block_chars += analysed.zh_edges.block_chars
        segmented += analysed.zh_edges.segmented_chars
        result = linter.lint(document_from_text(text))
        languages[result.language] += 1
        by_rule.update(d.rule_id for d in result.diagnostics)
        report.texts_with_diagnostics += bool(result.diagnostics)
    report.segmented_share = segmented / block_chars if block_chars else 0.0
    report.diagnostics = sum(by_rule.values())
    report.top_rules = by_rule.most_common(10)
    report.languages = dict(languages.most_common())


# ----------------------------------------------------------------- subprocess


def probe_lazy_imports(text: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, text],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["(no stderr)"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# -------------------------------------------------------------------- output


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f} s"


def _verdict(ok: bool | None) -> str:
    return "ok" if ok else "OVER TARGET"


def print_report(r: Report) -> None:
    print(f"corpus            {r.corpus}")
    print(f"texts             {r.texts} texts, {r.characters:,} characters (best of {r.repeat})")
    print(f"languages         {', '.join(f'{k}: {v}' for k, v in r.languages.items())}")
    print(f"spaCy model env   XHSLINT_SPACY_MODEL={r.spacy_model_env or '(unset)'}")
    print()
    print("one-off costs (excluded from throughput)")
    print(f"  jieba Tokenizer.initialize()      {_seconds(r.jieba_init_s)}")
    print(f"  {f'load + compile {r.rules} rules':<32}  {_seconds(r.rules_load_s)}")
    print(f"  warm-up lint (jieba dict, spaCy)  {_seconds(r.warmup_lint_s)}")
    print()
    print("throughput")
    seg_rate = f"{r.segmentation_chars_per_s:,.0f} chars/s"
    print(f"  jieba lcut(HMM=False)  {_seconds(r.segmentation_s)}  ({seg_rate})")
    print(f"  xhslint analyse only   {_seconds(r.analyse_s)}")
    print(f"  segmented on demand    {r.segmented_share:.0%} of Chinese block characters")
    lint_rate = f"{r.lint_chars_per_s:,.0f} chars/s, jieba backend"
    print(f"  xhslint lint           {_seconds(r.lint_s)}  ({lint_rate})")
    ratio = f"{r.ratio_lint_to_segmentation:.2f}"
    print(f"  lint / segmentation    {ratio}  (target <= {r.ratio_target}: {_verdict(r.ratio_ok)})")
    for backend, seconds in r.lint_backends.items():
        if backend != "jieba":
            rate = r.characters / seconds
            print(
                f"  xhslint lint ({backend})  {_seconds(seconds)}  ({rate:,.0f} chars/s; "
                f"/ bare jieba segmentation = {seconds / r.segmentation_s:.2f})"
            )
    print()
    print("cold start: see benchmarks/bench_startup.py (ratios against floors)")
    print()
    print("lazy loading (fresh process, lint_text of one note)")
    print(f"  zh-only note: {_lazy_line(r.lazy_zh)}")
    print(f"  en-only note: {_lazy_line(r.lazy_en)}")
    print()
    print(f"diagnostics       {r.diagnostics} in {r.texts_with_diagnostics}/{r.texts} texts")
    for rule_id, count in r.top_rules:
        print(f"  {rule_id:<10} {count:>6}")


def _lazy_line(probe: dict[str, Any]) -> str:
    if "error" in probe:
        return f"ERROR {probe['error']}"
    return (
        f"language={probe['language']} spacy imported={probe['spacy_imported']} "
        f"jieba imported={probe['jieba_imported']} "
        f"jieba dictionary loads={probe['jieba_dictionary_loads']}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--corpus",
        type=Path,
        help=f"JSONL (title, content), folder of *.md/*.txt, or one file [default: {DEFAULT_CORPUS} "
        "if present, else examples/]",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; best kept [3]")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    corpus = load_corpus(args.corpus)
    report = Report(
        corpus=corpus.source,
        texts=len(corpus.texts),
        characters=corpus.characters,
        repeat=args.repeat,
        spacy_model_env=os.environ.get("XHSLINT_SPACY_MODEL"),
    )
    measure_throughput(corpus, args.repeat, report)
    report.lazy_zh = probe_lazy_imports(ZH_NOTE)
    report.lazy_en = probe_lazy_imports(EN_NOTE)

    if args.json:
        print(json.dumps(asdict(report), ensure_ascii=False))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
