"""The sandboxed Jinja environment for brief templates.

``ImmutableSandboxedEnvironment`` with ``StrictUndefined``: a template can read
the context but not reach Python internals (``''.__class__.__mro__``), call
unsafe methods or mutate data, and a misspelt variable is an error instead
of an empty string. Data values are only ever inserted as text, never
compiled, so a ``{{ ... }}`` inside a data file stays literal. Any failure
while loading or rendering a template becomes one ``BriefError`` with the
template file and line.

Rendering is bounded: the output may hold at most ``MAX_OUTPUT`` characters
(it is streamed and stopped there), a render may take ``TIME_LIMIT`` seconds
(a timer in the main thread; checked at every call and filter elsewhere),
``*``, ``**`` and ``%`` refuse results that would be too large before Python
builds them, and padding calls and filters refuse a width over
``MAX_WIDTH`` (``center(10**9)``, ``'x'.ljust(10**9)``, ``'%9999999d'``,
``'{:>9999999}'``); Jinja's sandbox already caps ``range`` at 100,000 items.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
import traceback
from datetime import date
from pathlib import Path
from typing import Any

from .bundled import TEMPLATES_DIR
from .errors import BriefError

ZH_WEEKDAYS = "一二三四五六日"
MAX_OUTPUT = 5 * 1024 * 1024  # characters: the size of a document xhslint lints
TIME_LIMIT = 10.0  # seconds per render
MAX_WIDTH = 9_999
MAX_INT_BITS = 4096  # ** and * on numbers
# Calls and filters that pad to a width given as a number.
_WIDTH_TAKERS = {"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "truncate", "wordwrap"}
_PERCENT_WIDTH = re.compile(r"%[-+ #0]*(?:\*|\d{5,})|%[-+ #0]*\d*\.(?:\*|\d{5,})")
_BRACE_WIDTH = re.compile(r"\{[^{}]*:[^{}]*(?:\d{5,}|\{)")


class _Exceeded(Exception):
    """A template went over a rendering bound (the message says which)."""


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

    roots = [FileSystemLoader(str(templates))] if templates is not None else []
    env = _bounded_class()(
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
    env.filters = {name: _bounded_filter(env, name, function) for name, function in env.filters.items()}
    return env


@functools.lru_cache(maxsize=1)
def _bounded_class():
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox with a deadline and size checks (see the module)."""

        intercepted_binops = frozenset({"*", "**", "%"})
        deadline = float("inf")

        def call_binop(self, context, operator, left, right):
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context, __obj, *args, **kwargs):
            method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
            __self.check(getattr(method, "__name__", ""), getattr(method, "__self__", None), args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def check(self, name: str, value, args, kwargs) -> None:
            if time.monotonic() > self.deadline:
                raise _Exceeded(f"the template ran longer than {TIME_LIMIT:g} seconds")
            if name in _WIDTH_TAKERS:
                for number in (*args, *kwargs.values()):
                    if isinstance(number, int) and abs(number) > MAX_WIDTH:
                        raise _Exceeded(f"{name}() with a width of {number:,} (at most {MAX_WIDTH:,})")
            elif (
                name in ("format", "format_map")
                and isinstance(value, str)
                and (_PERCENT_WIDTH.search(value) or _BRACE_WIDTH.search(value))
            ):
                raise _Exceeded(f"a format with a width over {MAX_WIDTH:,} or given as an argument")

    return BoundedSandbox


def _bounded_filter(env, name: str, function):
    skip = 2 if hasattr(function, "jinja_pass_arg") else 1  # (context,) value, arguments...

    @functools.wraps(function)  # keeps Jinja's pass_context/pass_environment marks
    def bounded(*args, **kwargs):
        value = args[skip - 1] if len(args) >= skip else None
        env.check(name, value, args[skip:], kwargs)
        return function(*args, **kwargs)

    return bounded


def _length(value) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _check_binop(operator: str, left, right) -> None:
    numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
    if operator == "**" and numbers:
        if right < 0 or abs(left) < 2:
            return
        if right * max(abs(left), 2).bit_length() > MAX_INT_BITS:
            raise _Exceeded(f"{left} ** {right} is too large a number")
    elif operator == "*":
        size = _length(left) if _length(left) is not None else _length(right)
        count = right if _length(left) is not None else left
        if size is not None and isinstance(count, int) and size * count > MAX_OUTPUT:
            raise _Exceeded(f"repeating a text or list makes over {MAX_OUTPUT:,} items")
        if numbers and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise _Exceeded("a product too large a number")
    elif operator == "%" and isinstance(left, str) and _PERCENT_WIDTH.search(left):
        raise _Exceeded("a %-format with a width or precision of * or over 9,999")


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

    template = None
    try:
        template = env.get_template(name)
        with _Deadline(env):
            return _collect(template.generate(context))
    except TemplateNotFound as exc:
        raise BriefError(f"template not found: {exc.name}") from None
    except TemplateSyntaxError as exc:
        raise BriefError(
            f"template syntax error: {exc.message}", exc.filename or exc.name, exc.lineno
        ) from None
    except _Exceeded as exc:
        where = _template_frame(exc)
        if where[0] is None and template is not None:
            where = (template.filename, None)  # the output bound: met between template lines
        raise BriefError(f"template stopped: {exc}", *where) from None
    except SecurityError as exc:
        raise BriefError(f"template refused an unsafe operation: {exc}", *_template_frame(exc)) from None
    except UndefinedError as exc:
        raise BriefError(f"template uses an undefined value: {exc}", *_template_frame(exc)) from None
    except Exception as exc:  # a user template's runtime error (1/0, bad filter input) is bad input
        raise BriefError(f"template failed: {type(exc).__name__}: {exc}", *_template_frame(exc)) from None


def _collect(chunks) -> str:
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise _Exceeded(f"the brief grew over {MAX_OUTPUT:,} characters")
        out.append(chunk)
    return "".join(out)


class _Deadline:
    """Set the environment's deadline; in the main thread also a timer that
    interrupts a loop that calls nothing (``{% for i in range(..) %}`` nested)."""

    def __init__(self, env) -> None:
        self.env = env
        self.timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def __enter__(self):
        self.env.deadline = time.monotonic() + TIME_LIMIT
        if self.timer:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
        return self

    def __exit__(self, *exc_info) -> None:
        self.env.deadline = float("inf")
        if self.timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    @staticmethod
    def _expired(_signum, _frame):
        raise _Exceeded(f"the template ran longer than {TIME_LIMIT:g} seconds")
