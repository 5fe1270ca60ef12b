"""Accuracy on the labelled set: precision per rule and severity, recall on the
labelled violations, the commercial-context verdict against the readers', and
the change against the previous run.

Usage::

    python benchmarks/accuracy.py [--corpus DIR] [--save] [--json] [--check]
    python benchmarks/accuracy.py --todo FILE        # unlabelled findings, to label
    python benchmarks/accuracy.py --merge LABELS.yaml --candidates FILE

The labels (``benchmarks/accuracy/``, see its README) point into the shared
corpus (``../shared/corpus/``); without it the script says so and exits 0.

- **precision** of a rule at a severity = correct / judged findings (a
  debatable verdict counts against it); ``lenient`` counts debatable as right;
  findings nobody judged are counted apart (``unjudged``) and left out;
- **recall** = labelled violations (correct findings and the violations the
  readers listed) that some finding of the same rule covers (at any severity;
  a finding in the same sentence counts, since one per sentence is reported,
  and so does one that stands for more of its kind in the note);
- **lawful uses**: findings on spans a reader judged wrong with a lawful-use
  class (time, sequence, advice, ...); the target is none at all;
- **context**: the engine's commercial verdict against the readers' label.

``--save`` writes the figures to ``benchmarks/accuracy/last-run.json``, which
the next run compares against. ``--check`` exits 1 when an ``error`` rule is
below the precision floor or its ``metadata.precision`` differs from the
measured value.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import accuracy_corpus as corpus  # noqa: E402

LABELS_DIR = HERE / "accuracy"
LAST_RUN = LABELS_DIR / "last-run.json"
ERROR_PRECISION_FLOOR = 0.95
# The lawful-use classes that must get no finding at all; the frames the guards cover
# (questions, negation, people and service, quoted mentions) are reported beside them.
LAWFUL_CLASSES = ("time", "sequence", "advice", "critique", "word-boundary", "place", "own-story")
FRAME_CLASSES = ("question", "negation", "person", "personal", "mention", "tag", "not-promotional")
SEVERITIES = ("error", "warning", "info")
_SENTENCE_END = set("。！？!?\n")


# ---------------------------------------------------------------- the labels


@dataclass(frozen=True)
class Span:
    source: str
    row: int
    start: int
    end: int
    rule: str
    sha: str
    detail: str = ""  # a document-level finding's element (``requires``), else empty


@dataclass
class Labels:
    findings: dict[Span, dict] = field(default_factory=dict)  # span -> {verdict, class, reason}
    violations: list[tuple[Span, str]] = field(default_factory=list)  # (span, reason)
    passages: set[tuple[str, int]] = field(default_factory=set)  # documents read in full
    context: dict[tuple[str, int], str] = field(default_factory=dict)
    drifted: list[str] = field(default_factory=list)


def _yaml(path: Path) -> Any:
    import yaml

    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_labels(texts: dict[tuple[str, int], str]) -> Labels:
    labels = Labels()

    def span(record: dict, where: str) -> Span | None:
        key = (record["source"], int(record["row"]))
        text = texts.get(key)
        start, end = int(record["start"]), int(record["end"])
        if (
            text is None
            or not (0 <= start <= end <= len(text))
            or corpus.span_hash(text[start:end]) != record["sha"]
        ):
            labels.drifted.append(f"{where}: {key[0]}#{key[1]} {start}-{end}")
            return None
        return Span(key[0], key[1], start, end, record["rule"], record["sha"], record.get("detail", ""))

    for path in sorted((LABELS_DIR / "findings").glob("*.yaml")):
        for record in _yaml(path) or []:
            s = span(record, path.name)
            if s is not None:
                labels.findings[s] = record
    for path in sorted((LABELS_DIR / "passages").glob("*.yaml")):
        for record in _yaml(path) or []:
            labels.passages.add((record["source"], int(record["row"])))
            for v in record.get("violations") or []:
                s = span({**v, "source": record["source"], "row": record["row"]}, path.name)
                if s is not None:
                    labels.violations.append((s, v.get("reason", "")))
    context_file = LABELS_DIR / "context.yaml"
    if context_file.exists():
        for record in _yaml(context_file) or []:
            labels.context[(record["source"], int(record["row"]))] = record["context"]
    return labels


# ---------------------------------------------------------------- linting


@dataclass(frozen=True)
class Found:
    source: str
    row: int
    start: int
    end: int
    rule: str
    severity: str
    match: str
    detail: str = ""
    more: int = 0  # findings of the rule it stands for (one per sentence, note or tag run)
    related: tuple[tuple[int, int], ...] = ()  # where those are (the outputs list each place)


def lint_corpus(
    rows: list[corpus.CorpusRow], commercial: str | None = None
) -> tuple[list[Found], dict[tuple[str, int], str]]:
    """Every finding on the corpus, and each document's commercial verdict
    (``commercial`` forces it, as a user who declares the texts ads would)."""
    from xhslint import lint_many

    found: list[Found] = []
    verdicts: dict[tuple[str, int], str] = {}
    results = lint_many([r.item() for r in rows], commercial=commercial)
    for row, result in zip(rows, results, strict=True):
        verdicts[(row.source, row.row)] = getattr(result, "commercial", "unknown")
        for d in result.diagnostics:
            detail = str(d.params.get("element_id", ""))
            more = int(d.params.get("more", 0))
            where = (row.source, row.row, d.start, d.end)
            related = tuple((r.start, r.end) for r in d.related)
            found.append(Found(*where, d.rule_id, d.severity, d.match, detail, more, related))
    return found, verdicts


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:  # a document-level finding: only the same point
        return a_start == b_start and a_end == b_end
    return a_start < b_end and b_start < a_end


def _sentence(text: str, offset: int) -> tuple[int, int]:
    lo = offset
    while lo > 0 and text[lo - 1] not in _SENTENCE_END:
        lo -= 1
    hi = offset
    while hi < len(text) and text[hi] not in _SENTENCE_END:
        hi += 1
    return lo, hi


# ---------------------------------------------------------------- measuring


@dataclass
class Cell:
    fired: int = 0
    correct: int = 0
    wrong: int = 0
    debatable: int = 0

    @property
    def judged(self) -> int:
        return self.correct + self.wrong + self.debatable

    @property
    def unjudged(self) -> int:
        return self.fired - self.judged

    def precision(self) -> float | None:
        return self.correct / self.judged if self.judged else None

    def lenient(self) -> float | None:
        return (self.correct + self.debatable) / self.judged if self.judged else None

    def add(self, verdict: str | None) -> None:
        self.fired += 1
        if verdict in ("correct", "wrong", "debatable"):
            setattr(self, verdict, getattr(self, verdict) + 1)

    def as_dict(self) -> dict[str, Any]:
        p, lenient = self.precision(), self.lenient()
        return {
            "fired": self.fired,
            "judged": self.judged,
            "correct": self.correct,
            "wrong": self.wrong,
            "debatable": self.debatable,
            "precision": None if p is None else round(p, 3),
            "lenient": None if lenient is None else round(lenient, 3),
        }


def judge(found: Iterable[Found], labels: Labels) -> Iterable[tuple[Found, dict | None]]:
    """Each finding with the reader's record for its span and rule (None: unjudged)."""
    by_doc: dict[tuple[str, int, str], list[Span]] = defaultdict(list)
    for s in labels.findings:
        by_doc[(s.source, s.row, s.rule)].append(s)
    for f in found:
        label = next(
            (
                s
                for s in by_doc.get((f.source, f.row, f.rule), ())
                if s.detail == f.detail and _overlaps(f.start, f.end, s.start, s.end)
            ),
            None,
        )
        yield f, labels.findings.get(label) if label else None


def as_declared(declared: list[Found], found: list[Found], labels: Labels) -> dict[str, Any]:
    """Findings when the documents readers judged promotional are declared ads
    (``--commercial promotional``): where a rule reports its own severity. The
    error figures join the errors of the default run (briefs, texts with a way
    to buy), once each."""
    per_rule: dict[tuple[str, str], Cell] = defaultdict(Cell)
    errors: dict[str, Cell] = defaultdict(Cell)
    seen: set[tuple] = set()
    for f, record in judge([*declared, *(f for f in found if f.severity == "error")], labels):
        key = (f.source, f.row, f.start, f.end, f.rule, f.detail, f.severity)
        if key in seen:
            continue
        seen.add(key)
        verdict = record["verdict"] if record else None
        per_rule[f.rule, f.severity].add(verdict)
        if f.severity == "error":
            errors[f.rule].add(verdict)
            errors["all"].add(verdict)
    return {
        "rules": {f"{rule} {sev}": cell.as_dict() for (rule, sev), cell in sorted(per_rule.items())},
        "errors": {rule: cell.as_dict() for rule, cell in sorted(errors.items())},
    }


def measure(
    found: list[Found], verdicts: dict, labels: Labels, texts: dict, declared: list[Found] | None = None
) -> dict[str, Any]:
    per_rule: dict[tuple[str, str], Cell] = defaultdict(Cell)
    per_severity: dict[str, Cell] = defaultdict(Cell)
    compliance: dict[str, Cell] = defaultdict(Cell)
    lawful_hits: list[dict] = []
    frame_hits: Counter[str] = Counter()
    unjudged: list[Found] = []
    for f, record in judge(found, labels):
        verdict = record["verdict"] if record else None
        per_rule[f.rule, f.severity].add(verdict)
        per_severity[f.severity].add(verdict)
        if f.rule.startswith("CMP"):
            compliance["all"].add(verdict)
            if f.severity != "info":
                compliance["warning+"].add(verdict)
        if record is None:
            unjudged.append(f)
        elif verdict == "wrong" and record.get("class") in LAWFUL_CLASSES:
            lawful_hits.append(
                {"rule": f.rule, "class": record["class"], "where": f"{f.source}#{f.row}@{f.start}"}
            )
        elif verdict == "wrong" and record.get("class") in FRAME_CLASSES:
            frame_hits[record["class"]] += 1

    # recall: correct findings and the violations readers listed, by rule
    violations = [s for s, r in labels.findings.items() if r["verdict"] == "correct"]
    violations += [s for s, _ in labels.violations if not s.rule.startswith("other:")]
    found_by_doc: dict[tuple[str, int, str], list[Found]] = defaultdict(list)
    for f in found:
        found_by_doc[(f.source, f.row, f.rule)].append(f)
    recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed: list[Span] = []
    for s in violations:
        text = texts[(s.source, s.row)]
        lo, hi = _sentence(text, s.start)
        hits = found_by_doc.get((s.source, s.row, s.rule), ())
        caught = any(
            (f.detail == s.detail and _overlaps(f.start, f.end, s.start, s.end))
            or (f.end > f.start and lo <= f.start < hi)
            or any(_overlaps(a, b, s.start, s.end) for a, b in f.related)
            for f in hits
        )
        recall[s.rule][1] += 1
        recall[s.rule][0] += caught
        if not caught:
            missed.append(s)
    uncovered = Counter(s.rule for s, _ in labels.violations if s.rule.startswith("other:"))

    # findings on passages the readers found clean
    dirty = {(s.source, s.row) for s, _ in labels.violations}
    dirty |= {(s.source, s.row) for s, r in labels.findings.items() if r["verdict"] != "wrong"}
    clean = labels.passages - dirty
    on_clean = [
        f for f in found if (f.source, f.row) in clean and f.rule.startswith("CMP") and f.severity != "info"
    ]

    confusion: Counter[tuple[str, str]] = Counter()
    for key, label in labels.context.items():
        confusion[label, verdicts.get(key, "unknown")] += 1
    agree = sum(n for (a, b), n in confusion.items() if a == b)

    total_recall = [sum(v[0] for v in recall.values()), sum(v[1] for v in recall.values())]
    return {
        "rules": {f"{rule} {sev}": cell.as_dict() for (rule, sev), cell in sorted(per_rule.items())},
        "severities": {sev: per_severity[sev].as_dict() for sev in SEVERITIES},
        "compliance": {k: v.as_dict() for k, v in sorted(compliance.items())},
        "recall": {
            rule: {"caught": c, "labelled": n, "recall": round(c / n, 3)}
            for rule, (c, n) in sorted(recall.items())
        },
        "recall_total": {
            "caught": total_recall[0],
            "labelled": total_recall[1],
            "recall": round(total_recall[0] / total_recall[1], 3) if total_recall[1] else None,
        },
        "uncovered_classes": dict(uncovered.most_common()),
        "lawful_use_findings": lawful_hits,
        "wrong_by_frame": dict(frame_hits.most_common()),
        "clean_passage_findings": len(on_clean),
        "context": {
            "labelled": sum(confusion.values()),
            "agreement": round(agree / sum(confusion.values()), 3) if confusion else None,
            "confusion": {f"{a} -> {b}": n for (a, b), n in sorted(confusion.items())},
        },
        "declared": as_declared(declared or [], found, labels),
        "unjudged": len(unjudged),
        "labels": {
            "findings": len(labels.findings),
            "violations": len(labels.violations),
            "passages": len(labels.passages),
            "context": len(labels.context),
            "drifted": len(labels.drifted),
        },
        "_missed": [f"{s.rule} {s.source}#{s.row}@{s.start}-{s.end}" for s in missed],
        "_unjudged": unjudged,
    }  # fmt: skip


# ---------------------------------------------------------------- reporting


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def _delta(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return ""
    d = now - before
    return "" if abs(d) < 0.0005 else f" ({d:+.3f})"


def _summary_line(label: str, cell: dict[str, Any], previous: dict[str, Any]) -> str:
    before = previous.get(label, {})
    return (
        f"  {label:<8} fired {cell['fired']:>4}  judged {cell['judged']:>4}"
        f"  precision {_fmt(cell['precision'])}{_delta(cell['precision'], before.get('precision'))}"
        f"  lenient {_fmt(cell['lenient'])}"
    )


def report(figures: dict[str, Any], previous: dict[str, Any] | None) -> str:
    prev = previous or {}
    out = ["Precision per rule and severity (correct / judged; lenient counts debatable as right)", ""]
    out.append(f"{'rule':<8} {'severity':<8} {'fired':>5} {'judged':>6} {'precision':>9} {'lenient':>8}")
    for key, cell in figures["rules"].items():
        rule, sev = key.split()
        before = prev.get("rules", {}).get(key, {})
        out.append(
            f"{rule:<8} {sev:<8} {cell['fired']:>5} {cell['judged']:>6} {_fmt(cell['precision']):>9}"
            f"{_delta(cell['precision'], before.get('precision'))} {_fmt(cell['lenient']):>8}"
        )
    out += ["", "Per severity"]
    out += [
        _summary_line(sev, cell, prev.get("severities", {})) for sev, cell in figures["severities"].items()
    ]
    out.append("Compliance findings")
    out += [_summary_line(k, cell, prev.get("compliance", {})) for k, cell in figures["compliance"].items()]
    out += ["", "Recall on labelled violations (caught / labelled, any severity)"]
    for rule, r in figures["recall"].items():
        before = prev.get("recall", {}).get(rule, {})
        out.append(
            f"  {rule:<8} {r['caught']:>4} / {r['labelled']:<4} {r['recall']:.3f}"
            f"{_delta(r['recall'], before.get('recall'))}"
        )
    total = figures["recall_total"]
    out.append(
        f"  {'total':<8} {total['caught']:>4} / {total['labelled']:<4} {_fmt(total['recall'])}"
        f"{_delta(total['recall'], prev.get('recall_total', {}).get('recall'))}"
    )
    if figures["uncovered_classes"]:
        out.append(
            "  violations no rule covers: "
            + ", ".join(f"{k} {v}" for k, v in figures["uncovered_classes"].items())
        )
    ctx = figures["context"]
    out += [
        "",
        f"Commercial context: {ctx['labelled']} labelled, agreement {_fmt(ctx['agreement'])}"
        f"{_delta(ctx['agreement'], prev.get('context', {}).get('agreement'))}",
    ]
    out += [f"  {k}: {v}" for k, v in ctx["confusion"].items()]
    declared = figures.get("declared", {}).get("errors", {})
    if declared:
        out += [
            "",
            "Errors when the documents readers judged promotional are declared ads (and the errors above)",
        ]
        before_all = prev.get("declared", {}).get("errors", {})
        out += [_summary_line(rule, cell, before_all) for rule, cell in declared.items()]
    lawful = figures["lawful_use_findings"]
    out += ["", f"Findings on lawful uses (target 0): {len(lawful)}"]
    out += [f"  {h['rule']} {h['class']} {h['where']}" for h in lawful[:20]]
    if figures["wrong_by_frame"]:
        out.append(
            "Wrong findings by frame: " + ", ".join(f"{k} {v}" for k, v in figures["wrong_by_frame"].items())
        )
    out.append(
        f"Compliance findings (warning+) on passages read as clean: {figures['clean_passage_findings']}"
    )
    labels = figures["labels"]
    out.append(f"Unjudged findings: {figures['unjudged']}  (labels: {labels})")
    return "\n".join(out)  # fmt: skip


def check_metadata(figures: dict[str, Any]) -> list[str]:
    """Error rules: precision of their errors (as declared ads, see ``as_declared``)
    at least the floor, and metadata.precision as measured."""
    from xhslint.linter.rules.loader import load_rules

    problems = []
    for rule in load_rules():
        if rule.severity != "error":
            continue
        cell = figures["declared"]["errors"].get(rule.id)
        stated = (rule.spec.get("metadata") or {}).get("precision")
        if cell is None or cell["precision"] is None:
            problems.append(f"{rule.id}: no judged error findings on the labelled set (stated {stated})")
            continue
        if cell["precision"] < ERROR_PRECISION_FLOOR:
            problems.append(
                f"{rule.id}: precision {cell['precision']:.3f} at error is below {ERROR_PRECISION_FLOOR}"
            )
        if stated is None or abs(float(stated) - cell["precision"]) > 0.0005:
            problems.append(f"{rule.id}: metadata.precision {stated} but measured {cell['precision']:.3f}")
        judged = (rule.spec.get("metadata") or {}).get("judged")
        if judged != cell["judged"]:
            problems.append(f"{rule.id}: metadata.judged {judged} but {cell['judged']} judged errors")
    return problems


def write_metadata(figures: dict[str, Any], when: str) -> list[str]:
    """Rewrite the ``metadata:`` line of every error rule with what was measured."""
    import re

    from xhslint.linter.rules.loader import load_rules

    changed = []
    for rule in load_rules():
        cell = figures["declared"]["errors"].get(rule.id)
        if rule.severity != "error" or cell is None or cell["precision"] is None:
            continue
        path = Path(rule.source)
        text = path.read_text(encoding="utf-8")
        at = text.index(f"id: {rule.id}")
        line = re.compile(r"^(\s*)metadata: \{[^\n]*\}$", re.M).search(text, at)
        if line is None:
            continue
        new = (
            f"{line.group(1)}metadata: {{precision: {cell['precision']}, judged: {cell['judged']}, "
            f'measured: "{when}, errors in briefs, texts with a way to buy and declared ads"}}'
        )
        if line.group() != new:
            path.write_text(text[: line.start()] + new + text[line.end() :], encoding="utf-8")
            changed.append(rule.id)
    return changed


# ---------------------------------------------------------------- labelling


def write_todo(path: Path, unjudged: Iterable[Found], texts: dict, rule_names: dict[str, str]) -> int:
    """Unjudged findings as candidates for readers (JSON lines, with context)."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for i, f in enumerate(unjudged, 1):
            text = texts[(f.source, f.row)]
            lo, hi = max(0, f.start - 60), min(len(text), f.end + 60)
            context = text[lo : f.start] + "【【" + text[f.start : f.end] + "】】" + text[f.end : hi]
            record = {
                "id": i,
                **{k: getattr(f, k) for k in ("source", "row", "start", "end", "rule")},
                "rule_name": rule_names.get(f.rule, ""),
                "match": f.match,
                "detail": f.detail,
                "context": context.replace("\n", "⏎"),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n = i
    return n


def merge(labels_file: Path, candidates_file: Path, texts: dict) -> dict[str, int]:
    """Add a reader's YAML (findings by candidate id, missed, context) to the set."""
    import yaml

    reader = _yaml(labels_file) or {}
    candidates = {}
    with open(candidates_file, encoding="utf-8") as stream:
        for line in stream:
            c = json.loads(line)
            candidates[c["id"]] = c

    def sha(source: str, row: int, start: int, end: int) -> str:
        return corpus.span_hash(texts[(source, row)][start:end])

    by_source: dict[str, list[dict]] = defaultdict(list)
    for entry in reader.get("findings") or []:
        c = candidates[entry["id"]]
        record = {"source": c["source"], "row": c["row"], "start": c["start"], "end": c["end"],
                  "sha": sha(c["source"], c["row"], c["start"], c["end"]), "rule": c["rule"],
                  "verdict": entry["verdict"]}  # fmt: skip
        if c.get("detail"):
            record["detail"] = c["detail"]
        if entry.get("class"):
            record["class"] = entry["class"]
        record["reason"] = _reason(entry)
        by_source[c["source"]].append(record)
    for source, records in by_source.items():
        _append(LABELS_DIR / "findings" / f"{source}.yaml", records, ("source", "row", "start", "rule"))
    passages: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for p in reader.get("passages") or []:
        passages[(p["source"], int(p["row"]))].extend(p.get("violations") or [])
    for m in reader.get("missed") or []:
        passages[(m["source"], int(m["row"]))].append(m)
    n_violations = 0
    by_source_p: dict[str, list[dict]] = defaultdict(list)
    for (source, row), violations in sorted(passages.items()):
        clean = []
        for v in violations:
            start, end = int(v["start"]), int(v["end"])
            clean.append({"start": start, "end": end, "sha": sha(source, row, start, end), "rule": v["rule"],
                          "reason": _reason(v)})  # fmt: skip
        n_violations += len(clean)
        by_source_p[source].append(
            {"source": source, "row": row, "violations": sorted(clean, key=lambda v: v["start"])}
        )
    for source, records in by_source_p.items():
        _append(
            LABELS_DIR / "passages" / f"{source}.yaml", records, ("source", "row"), merge_key="violations"
        )
    context = [{"source": c["source"], "row": int(c["row"]), "context": c["context"], "reason": _reason(c)}
               for c in reader.get("context") or []]  # fmt: skip
    if context:
        _append(LABELS_DIR / "context.yaml", context, ("source", "row"), unique=("source", "row"))
    del yaml
    return {
        "findings": sum(len(r) for r in by_source.values()),
        "violations": n_violations,
        "context": len(context),
    }


def _reason(entry: dict) -> str:
    """The reason, with any words a YAML flow mapping split off at a comma put back."""
    known = {"id", "verdict", "class", "reason", "source", "row", "start", "end", "rule", "context", "sha"}
    extra = [str(k) for k, v in entry.items() if k not in known and v is None]
    return ", ".join([str(entry.get("reason", "")).strip(), *extra]).strip(", ")


def _append(path: Path, records: list[dict], order: tuple[str, ...], merge_key: str | None = None,
            unique: tuple[str, ...] | None = None) -> None:  # fmt: skip
    """Merge records into a YAML list file, sorted, one flow mapping per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = (_yaml(path) or []) if path.exists() else []
    if merge_key:  # passages: one record per document, violations merged
        by_key = {(r["source"], r["row"]): r for r in existing}
        for r in records:
            key = (r["source"], r["row"])
            if key in by_key:
                seen = {(v["start"], v["end"], v["rule"]) for v in by_key[key][merge_key]}
                by_key[key][merge_key] += [
                    v for v in r[merge_key] if (v["start"], v["end"], v["rule"]) not in seen
                ]
            else:
                by_key[key] = r
        merged = list(by_key.values())
    elif unique:
        by_key = {tuple(r[k] for k in unique): r for r in existing}
        for r in records:
            by_key.setdefault(tuple(r[k] for k in unique), r)
        merged = list(by_key.values())
    else:
        merged = existing + records
    merged.sort(key=lambda r: tuple(r[k] for k in order))
    with open(path, "w", encoding="utf-8") as out:
        out.write(_HEADERS.get(path.parent.name if merge_key or not unique else path.stem, ""))
        for r in merged:
            if merge_key:
                out.write(f"- source: {r['source']}\n  row: {r['row']}\n")
                if r[merge_key]:
                    out.write(f"  {merge_key}:\n")
                    for v in r[merge_key]:
                        out.write(f"    - {_flow(v)}\n")
                else:
                    out.write(f"  {merge_key}: []\n")
            else:
                out.write(f"- {_flow(r)}\n")


def _flow(record: dict) -> str:
    return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in record.items()) + "}"


_HEADERS = {
    "findings": "# Judged findings (see ../README.md). Offsets index the corpus document; sha checks it.\n",
    "passages": "# Documents read in full and the violations found in them (see ../README.md).\n",
    "context": "# The commercial context of each document read, as the reader judged it (see README.md).\n",
}


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=corpus.CORPUS_DIR)
    parser.add_argument("--save", action="store_true", help="store the figures for the next run's comparison")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if an error rule misses the floor or its metadata"
    )
    parser.add_argument("--todo", type=Path, help="write the unjudged findings (JSON lines) for readers")
    parser.add_argument("--merge", type=Path, help="a reader's labels (YAML) to add to the set")
    parser.add_argument(
        "--candidates", type=Path, help="with --merge: the --todo file the reader worked from"
    )
    parser.add_argument(
        "--missed", action="store_true", help="list the labelled violations no finding caught"
    )
    parser.add_argument(
        "--write-metadata",
        action="store_true",
        help="write the measured precision into the error rules' YAML",
    )
    args = parser.parse_args(argv)
    if not corpus.available(args.corpus):
        print(f"accuracy: the shared corpus is not at {args.corpus}; nothing to measure (skipped)")
        return 0
    rows = list(corpus.rows(args.corpus))
    texts = {(r.source, r.row): r.text for r in rows}
    if args.merge:
        if not args.candidates:
            parser.error("--merge needs --candidates")
        print(f"merged: {merge(args.merge, args.candidates, texts)}")
        return 0
    labels = load_labels(texts)
    found, verdicts = lint_corpus(rows)
    promotional = [r for r in rows if labels.context.get((r.source, r.row)) == "promotional"]
    declared, _ = lint_corpus(promotional, commercial="promotional")
    figures = measure(found, verdicts, labels, texts, declared)
    if args.todo:
        seen = {(f.source, f.row, f.start, f.end, f.rule) for f in figures["_unjudged"]}
        for f, record in judge(declared, labels):
            key = (f.source, f.row, f.start, f.end, f.rule)
            if record is None and key not in seen:
                seen.add(key)
                figures["_unjudged"].append(f)
        from xhslint.linter.rules.loader import load_rules

        names = {r.id: r.name for r in load_rules()}
        written = write_todo(args.todo, figures["_unjudged"], texts, names)
        print(f"wrote {written} unjudged findings to {args.todo}")
        return 0
    previous = json.loads(LAST_RUN.read_text(encoding="utf-8")) if LAST_RUN.exists() else None
    public = {k: v for k, v in figures.items() if not k.startswith("_")}
    print(json.dumps(public, ensure_ascii=False, indent=2) if args.json else report(public, previous))
    if args.missed:
        print("\nMissed violations:\n  " + "\n  ".join(figures["_missed"]))
    if labels.drifted:
        print(f"\n{len(labels.drifted)} labels no longer match the corpus (first: {labels.drifted[0]})")
    if args.save:
        LAST_RUN.write_text(
            json.dumps(public, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    if args.write_metadata:
        import datetime

        print(
            f"metadata written: {write_metadata(public, datetime.date.today().isoformat()) or 'none changed'}"
        )
    if args.check:
        problems = check_metadata(public)
        for p in problems:
            print(f"check: {p}")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
