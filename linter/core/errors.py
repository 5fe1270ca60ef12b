"""Errors about input, configuration and rules.

They are values with a path and (where known) a line. The CLI turns each one
into a single line on stderr and exit code 2; nothing else prints tracebacks.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class XhslintError(Exception):
    """A user-facing error: bad input, config, rule file or command-line usage."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __reduce__(self):
        # Errors cross process boundaries (``--jobs``) with their path and line.
        return type(self), (self.message, self.path, self.line)

    def one_line(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"xhslint: error: {where}{self.message}".replace("\n", " ")


class InputError(XhslintError):
    """A document could not be read or decoded."""


class ConfigError(XhslintError):
    """A configuration file or option is invalid."""


class RuleError(XhslintError):
    """A rule file is malformed or a rule selector names no rule."""


EXIT_INTERNAL = 3


class InternalError(XhslintError):
    """A bug met while linting one input: reported for that input, the others are
    still linted and the report is complete; the run exits 3."""

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = "(please report it; XHSLINT_DEBUG=1 shows details)"
        return f"xhslint: internal error: {where}{self.message} {hint}"
