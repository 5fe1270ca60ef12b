"""``--format github``: GitHub Actions workflow commands, one annotation per
finding (``::error file=...,line=...,col=...::message``). Severity info is a
``notice``. A batch row's annotation names its note (``FILE#ID``)."""

from __future__ import annotations

from ..engine.diagnostics import FileResult
from .base import Writer as BaseWriter

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


class Writer(BaseWriter):
    def write(self, result: FileResult) -> None:
        for d in result.diagnostics:
            message = d.message(self.locale)
            suggestion = d.suggestion(self.locale)
            if suggestion:
                message += f"\n{suggestion}"
            line = command(
                LEVELS[d.severity],
                message,
                file=result.path,
                line=d.line,
                col=d.column,
                endLine=d.end_line,
                endColumn=d.end_column,
                title=f"{d.rule.id} {d.rule.name}",
            )
            self.out.write(line + "\n")

    def close(self, rules=(), errors=()) -> None:
        for error in errors:
            where = {"file": error.path} if error.path else {}
            if error.line:
                where["line"] = error.line
            self.out.write(command("error", error.message, **where, title="xhslint input error") + "\n")
