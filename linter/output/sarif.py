"""``--format sarif``: SARIF 2.1.0 (OASIS), for code-scanning dashboards.

One run; ``tool.driver.rules`` describes every rule the run used (help text
from the rule's rationale, suggestion and references); each finding is a
result with its region (lines and columns in Unicode code points, as
``columnKind`` says) and, when it has a safe fix, a SARIF ``fix``. A batch
row is its own artifact, ``FILE#ID`` (the ``#`` percent-encoded). Input
errors are tool execution notifications. Results are streamed; the rules
follow them in the same run object.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from ..core.version import __version__
from ..engine.diagnostics import FileResult, Related
from ..rules.model import Rule
from ..rules.references import reference_text, rule_page_uri
from .base import Writer as BaseWriter
from .base import dump_json

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
HEAD = f'{{\n  "$schema": "{SCHEMA}",\n  "version": "2.1.0",\n  "runs": [\n    {{\n      "results": ['


def artifact_uri(path: str) -> str:
    """A URI reference for a reported path (relative stays relative)."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + ("" if posix.startswith("/") else "/") + quote(posix, safe="/:")
    return quote(posix, safe="/")


def _dump(value, indent: int) -> str:
    return dump_json(value, indent)


def _related(uri: str, index: int, r: Related) -> dict[str, Any]:
    """Another place the result stands for (the rule's ``limit`` reported it once)."""
    return {
        "id": index,
        "physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": {"startLine": r.line, "startColumn": r.column, "charOffset": r.start,
                       "charLength": r.end - r.start, "snippet": {"text": r.match}},
        },
    }  # fmt: skip


def rule_descriptor(rule: Rule, locale: str, docs_url: str | None = None) -> dict[str, Any]:
    references = [reference_text(ref) for ref in rule.references]
    suggestion = rule.suggest.get(locale)
    text = [rule.rationale]
    markdown = [rule.rationale]
    if suggestion:
        text.append(f"Suggestion: {suggestion}")
        markdown.append(f"**Suggestion:** {suggestion}")
    if references:
        text.append("References:\n" + "\n".join(f"- {r}" for r in references))
        markdown.append("**References:**\n\n" + "\n".join(f"- {r}" for r in references))
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": f"{rule.name} ({rule.category}, {rule.kind})"},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "category": rule.category,
            "kind": rule.kind,
            "appliesTo": rule.applies_to,
            "languages": list(rule.languages),
            "tags": [rule.category, *rule.languages],
            "references": references,
        },
    }
    uri = rule_page_uri(rule, docs_url)
    if uri:
        descriptor["helpUri"] = uri
    return descriptor


class Writer(BaseWriter):
    def __init__(self, out, locale, color=False, unit="files", **options) -> None:
        super().__init__(out, locale, color, unit, **options)
        self.rule_index: dict[str, int] = {}
        self.seen_rules: list[Rule] = []
        self.results = 0

    def _index(self, rule: Rule) -> int:
        if rule.id not in self.rule_index:
            self.rule_index[rule.id] = len(self.seen_rules)
            self.seen_rules.append(rule)
        return self.rule_index[rule.id]

    def write(self, result: FileResult) -> None:
        uri = artifact_uri(result.path)
        scored = result.score()
        for d in result.diagnostics:
            entry: dict[str, Any] = {
                "ruleId": d.rule.id,
                "ruleIndex": self._index(d.rule),
                "level": LEVELS[d.severity],
                "message": {"text": d.message(self.locale)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {
                                "startLine": d.line,
                                "startColumn": d.column,
                                "endLine": d.end_line,
                                "endColumn": d.end_column,
                                "charOffset": d.start,
                                "charLength": d.end - d.start,
                                "snippet": {"text": d.match},
                            },
                        }
                    }
                ],
                "properties": {
                    "category": d.category,
                    "name": d.rule.name,
                    "ruleSeverity": d.rule.severity,
                    "severityReasons": list(d.reasons),
                    "commercial": result.commercial,
                    "documentScore": scored.score,
                    "documentBand": scored.band,
                    **({"noteMeta": result.meta} if result.meta else {}),
                },
            }
            if d.waived:  # a reviewer's waiver in the review sheet (--baseline): SARIF's own suppression
                review = d.review or {}
                entry["suppressions"] = [{"kind": "external", "status": "accepted",
                                          "justification": review.get("note") or "waived"}]  # fmt: skip
            if d.related:
                entry["relatedLocations"] = [_related(uri, i, r) for i, r in enumerate(d.related)]
            suggestion = d.suggestion(self.locale)
            if suggestion:
                entry["properties"]["suggestion"] = suggestion
            if d.fix is not None:
                entry["fixes"] = [
                    {
                        "description": {"text": f"Replace “{d.match}” with “{d.fix}”"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "charOffset": d.start,
                                            "charLength": d.end - d.start,
                                        },
                                        "insertedContent": {"text": d.fix},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            self.out.write(",\n        " if self.results else HEAD + "\n        ")
            self.results += 1
            self.out.write(_dump(entry, 8))

    def close(self, rules: Iterable[Rule] = (), errors=()) -> None:
        self.out.write("\n      ],\n" if self.results else HEAD + "],\n")
        for rule in sorted(rules, key=lambda r: r.id):
            self._index(rule)
        tool = {
            "driver": {
                "name": "xhslint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(rule, self.locale, self.docs_url) for rule in self.seen_rules],
            }
        }
        invocation: dict[str, Any] = {"executionSuccessful": not errors}
        if errors:
            invocation["toolExecutionNotifications"] = [_notification(error) for error in errors]
        self.out.write(f'      "tool": {_dump(tool, 6)},\n')
        self.out.write('      "columnKind": "unicodeCodePoints",\n')
        summary = self.tally.summary()
        scores = {"bands": summary["bands"], "score": summary["score"], "waived": summary["waived"]}
        self.out.write(f'      "properties": {_dump({"xhslint": scores}, 6)},\n')
        self.out.write(f'      "invocations": {_dump([invocation], 6)}\n')
        self.out.write("    }\n  ]\n}\n")


def _notification(error) -> dict[str, Any]:
    note: dict[str, Any] = {"level": "error", "message": {"text": error.message}}
    if error.path:
        location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(error.path)}}
        if error.line:
            location["region"] = {"startLine": error.line}
        note["locations"] = [{"physicalLocation": location}]
    return note
