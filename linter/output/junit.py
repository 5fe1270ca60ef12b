"""``--format junit``: JUnit XML for CI test reports. One ``testsuite`` per
document (a batch row is its own, ``FILE#ID``); each finding is a failing
``testcase`` (``failure type`` = severity), a document without findings one
passing testcase; input errors are ``error`` testcases in a last suite."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from ..engine.diagnostics import FileResult
from .base import Spool
from .base import Writer as BaseWriter

# Characters XML 1.0 cannot hold at all, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    return escape(_INVALID_XML.sub("\ufffd", str(value)))


def _attr(value: object) -> str:
    return quoteattr(_INVALID_XML.sub("\ufffd", str(value)), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class Writer(BaseWriter):
    def __init__(self, out, locale, color=False, unit="files", **options) -> None:
        super().__init__(out, locale, color, unit, **options)
        self.body = Spool()
        self.tests = 0

    def write(self, result: FileResult) -> None:
        path = _attr(result.path)
        count = max(1, len(result.diagnostics))
        waived = sum(d.waived for d in result.diagnostics)
        failures = len(result.diagnostics) - waived
        self.tests += count
        scored = result.score()
        lines = [
            f'  <testsuite name={path} tests="{count}" failures="{failures}" errors="0" skipped="{waived}">',
            "    <properties>",
            *(
                f"      <property name={_attr(name)} value={_attr(value)}/>"
                for name, value in (
                    ("kind", result.kind),
                    ("vertical", result.vertical or ""),
                    ("commercial", result.commercial),
                    ("commercial_basis", result.commercial_basis),
                    ("score", scored.score),
                    ("band", scored.band),
                    ("verdict", scored.verdict),
                    *((f"meta.{k}", v) for k, v in (result.meta or {}).items()),
                )
            ),
            "    </properties>",
        ]
        if not result.diagnostics:
            lines.append(f'    <testcase classname={path} name="xhslint"/>')
        for d in result.diagnostics:
            message = d.message(self.locale)
            detail = f"{result.path}:{d.line}:{d.column}: {d.rule.id} [{d.severity}] {message}"
            suggestion = d.suggestion(self.locale)
            if suggestion:
                detail += f"\nsuggestion: {suggestion}"
            name = _attr(f"{d.rule.id} {d.rule.name} at {d.line}:{d.column}")
            failure = f"<failure type={_attr(d.severity)} message={_attr(message)}>{_text(detail)}</failure>"
            # a finding a reviewer waived in the review sheet (--baseline) is skipped, not failed
            outcome = "      " + (
                f"<skipped message={_attr('waived: ' + message)}/>" if d.waived else failure
            )
            lines += [f'    <testcase classname={path} name={name} file={path} line="{d.line}">', outcome,
                      "    </testcase>"]  # fmt: skip
        lines.append("  </testsuite>")
        self.body.write("\n".join(lines) + "\n")

    def close(self, rules=(), errors=()) -> None:
        if errors:
            lines = [
                f'  <testsuite name="xhslint input errors" tests="{len(errors)}" failures="0" '
                f'errors="{len(errors)}" skipped="0">'
            ]
            for error in errors:
                lines += [
                    f'    <testcase classname={_attr(error.path or "xhslint")} name="input">',
                    f'      <error type="input" message={_attr(error.message)}>'
                    f"{_text(error.one_line())}</error>",
                    "    </testcase>",
                ]
            lines.append("  </testsuite>")
            self.body.write("\n".join(lines) + "\n")
        failures = sum(self.tally.severities.values())
        tests = self.tests + len(errors)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(
            f'<testsuites name="xhslint" tests="{tests}" failures="{failures}" errors="{len(errors)}">\n'
        )
        self.body.copy_to(self.out)
        self.out.write("</testsuites>\n")
