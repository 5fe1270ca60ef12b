"""Naive substring matching against xhslint's word-aware matching, with the
same word lists, on the same notes.

Usage::

    python benchmarks/naive_vs_wordaware.py [--corpus PATH] [--select compliance] [--json]

For every bundled ``terms`` rule (and ``density`` rule counting terms) in the
selected categories, the word list is read from the rule file itself and
counted three ways on each note (text = ``title`` + "\\n" + ``content``):

- **naive**: every case-insensitive substring occurrence of every term, what
  ``if word in content`` checkers do;
- **edges**: the same terms matched on jieba token edges / Latin word
  boundaries only (no exceptions, guards, conditions or mention handling);
- **xhslint**: the rule's real findings (``xhslint lint --kind copy``).

It prints findings and flagged notes per rule and in total. The corpus
defaults to ``../shared/corpus/xhs_notes.jsonl``; it is read, never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "xhs_notes.jsonl"


def load_notes(path: Path) -> list[str]:
    notes = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                notes.append((row.get("title") or "") + "\n" + (row.get("content") or ""))
    return notes


def word_lists(rules) -> dict[str, tuple[str, ...]]:
    """rule id -> its terms, as written in the rule file."""
    from xhslint.linter.analysis.matching import flatten_terms

    lists = {}
    for rule in rules:
        if rule.kind == "terms":
            lists[rule.id] = flatten_terms(rule.spec["terms"])
        elif rule.kind == "density" and rule.spec["count"].get("terms"):
            lists[rule.id] = flatten_terms(rule.spec["count"]["terms"])
    return lists


def naive_hits(text: str, terms: tuple[str, ...]) -> int:
    lowered = text.lower()
    return sum(lowered.count(term.lower()) for term in terms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--select", default="compliance", help="categories or rule ids, comma-separated")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    from xhslint.linter.analysis.analysed import analyse
    from xhslint.linter.analysis.matching import TermMatcher, TermSet
    from xhslint.linter.api import linter_for
    from xhslint.linter.document.readers import document_from_text
    from xhslint.linter.engine.linter import Options

    select = tuple(s.strip() for s in args.select.split(",") if s.strip())
    linter = linter_for(Options(kind="copy", select=select))
    lists = word_lists(linter.rules)
    ids = sorted(lists)
    # every word once, for the totals (CMP001 and CMP005 share 第一, for example)
    union = tuple(dict.fromkeys(term.lower() for rule_id in ids for term in lists[rule_id]))
    # the same word lists, matched on token edges only
    bare = TermMatcher([TermSet(lists[rule_id]) for rule_id in ids] + [TermSet(union)])
    notes = load_notes(args.corpus)

    counts = {way: Counter() for way in ("naive", "edges", "xhslint")}
    flagged = {way: Counter() for way in ("naive", "edges", "xhslint")}
    total = Counter()
    for text in notes:
        doc = document_from_text(text, "note")
        result = linter.lint(doc)
        real = Counter(d.rule_id for d in result.diagnostics if d.rule_id in lists)
        edges = bare.scan(analyse(doc, user_words=bare.user_words()))
        for index, rule_id in enumerate(ids):
            for way, n in (
                ("naive", naive_hits(text, lists[rule_id])),
                ("edges", len(edges[index])),
                ("xhslint", real[rule_id]),
            ):
                counts[way][rule_id] += n
                flagged[way][rule_id] += n > 0
        for way, n in (
            ("naive", naive_hits(text, union)),
            ("edges", len(edges[-1])),
            ("xhslint", sum(real.values())),
        ):
            total[f"{way}_findings"] += n
            total[f"{way}_notes"] += n > 0

    rows = [
        {
            "rule": rule_id,
            "terms": len(lists[rule_id]),
            **{f"{way}_findings": counts[way][rule_id] for way in counts},
            **{f"{way}_notes": flagged[way][rule_id] for way in flagged},
        }
        for rule_id in ids
    ]
    totals = {"terms": len(union), **total}
    if args.json:
        print(
            json.dumps(
                {"corpus": str(args.corpus), "notes": len(notes), "rules": rows, "total": totals}, indent=2
            )
        )
        return 0
    print(f"corpus: {args.corpus} ({len(notes)} notes); rules: terms and term-density rules in {args.select}")
    print("findings (notes flagged): naive substring | token edges only | xhslint")
    print("(total counts each word once; CMP009 reports once per note by design, so compare notes there)")
    for row in rows + ([{"rule": "total", **totals}] if rows else []):
        cells = [
            f"{row[f'{way}_findings']:>5} ({row[f'{way}_notes']:>3})" for way in ("naive", "edges", "xhslint")
        ]
        print(f"  {row['rule']:<7} " + " | ".join(cells))
    if totals and totals["naive_findings"]:
        naive, ours = totals["naive_findings"], totals["xhslint_findings"]
        print(f"xhslint reports {ours / naive:.0%} of the naive findings ({naive - ours} fewer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
