"""The sandboxed Jinja environment for brief templates.

``ImmutableSandboxedEnvironment`` with ``StrictUndefined``: a template can read
the context but not reach Python internals (``''.__class__.__mro__``), call
unsafe methods or mutate data, and a misspelt variable is an error instead
of an empty string. Data values are only ever inserted as text, never
compiled, so a ``{{ ... }}`` inside a data file stays literal. Any failure
while loading or rendering a template becomes one ``BriefError`` with the
template file and line.
"""

from __future__ import annotations

import traceback
from datetime import date
from pathlib import Path
from typing import Any

from .bundled import TEMPLATES_DIR
from .errors import BriefError

ZH_WEEKDAYS = "一二三四五六日"


def day(value: date, locale: str) -> str:
    if locale == "zh-CN":
        return f"{value.month} 月 {value.day} 日（周{ZH_WEEKDAYS[value.weekday()]}）"
    return value.strftime("%a ") + f"{value.day} " + value.strftime("%b")


def monthday(value: date, locale: str) -> str:
    if locale == "zh-CN":
        return f"{value.month} 月 {value.day} 日"
    return f"{value.day} " + value.strftime("%b")


def fulldate(value: date, locale: str) -> str:
    if locale == "zh-CN":
        return f"{value.year} 年 {value.month} 月 {value.day} 日"
    return f"{value.day} " + value.strftime("%B %Y")


def followers(value: int, locale: str) -> str:
    if locale == "zh-CN":
        return f"{value // 10000} 万" if value >= 10000 and value % 10000 == 0 else str(value)
    return f"{value // 1000}k" if value >= 1000 and value % 1000 == 0 else str(value)


def pad(value: object, left: bool = True, right: bool = True) -> str:
    """Spaces around a value that starts or ends with a Latin letter or digit, for
    Chinese sentences (``提到{{ brand|pad }}的`` gives 提到 GlowLab 的, 提到光研的)."""
    text = str(value)
    if not text:
        return text
    before = " " if left and text[0].isascii() and text[0].isalnum() else ""
    after = " " if right and text[-1].isascii() and text[-1].isalnum() else ""
    return f"{before}{text}{after}"


def terms(values: list[str]) -> str:
    """A list of words: 、 between Chinese ones, a comma otherwise (for keywords in English briefs)."""
    chinese = any(ord(ch) > 0x2E7F for value in values for ch in str(value))
    return ("、" if chinese else ", ").join(map(str, values))


def environment(templates: Path | None, locale: str):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    roots = [FileSystemLoader(str(templates))] if templates is not None else []
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([*roots, FileSystemLoader(str(TEMPLATES_DIR))]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["day"] = lambda value: day(value, locale)
    env.filters["monthday"] = lambda value: monthday(value, locale)
    env.filters["fulldate"] = lambda value: fulldate(value, locale)
    env.filters["followers"] = lambda value: followers(value, locale)
    env.filters["pad"] = pad
    env.filters["terms"] = terms
    return env


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a rendering traceback."""
    where: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            where = (frame.filename, frame.lineno)
    return where


def render(env, name: str, context: dict[str, Any]) -> str:
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as exc:
        raise BriefError(f"template not found: {exc.name}") from None
    except TemplateSyntaxError as exc:
        raise BriefError(
            f"template syntax error: {exc.message}", exc.filename or exc.name, exc.lineno
        ) from None
    except SecurityError as exc:
        raise BriefError(f"template refused an unsafe operation: {exc}", *_template_frame(exc)) from None
    except UndefinedError as exc:
        raise BriefError(f"template uses an undefined value: {exc}", *_template_frame(exc)) from None
    except Exception as exc:  # a user template's runtime error (1/0, bad filter input) is bad input
        raise BriefError(f"template failed: {type(exc).__name__}: {exc}", *_template_frame(exc)) from None
