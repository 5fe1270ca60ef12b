"""Errors and warnings of the brief path: values with a path and a line."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import XhslintError


class BriefError(XhslintError):
    """A brief data file, template or output problem: one line, exit 2."""


@dataclass(frozen=True)
class BriefWarning:
    """Something worth a planner's attention that does not stop the brief."""

    message: str
    path: str | None = None
    line: int | None = None

    def one_line(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"xhslint: warning: {where}{self.message}"
