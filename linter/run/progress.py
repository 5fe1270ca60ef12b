"""A progress line on stderr for batches: shown only on a terminal, redrawn
at most ten times a second, erased when the run ends."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


class Progress:
    def __init__(self, stream: TextIO, label: str = "linted", interval: float = 0.1) -> None:
        self.stream = stream
        self.label = label
        self.interval = interval
        self.count = 0
        self._start = time.monotonic()
        self._last = 0.0
        self._width = 0

    def track(self, items: Iterable[T]) -> Iterator[T]:
        try:
            for item in items:
                self.count += 1
                now = time.monotonic()
                if now - self._last >= self.interval:
                    self._last = now
                    self._draw(now)
                yield item
        finally:
            self.clear()

    def _draw(self, now: float) -> None:
        rate = self.count / max(now - self._start, 1e-9)
        line = f"xhslint: {self.count:,} {self.label} ({rate:,.0f}/s)"
        self._width = max(self._width, len(line))
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()

    def clear(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def track(items: Iterable[T], stream: TextIO, enabled: bool) -> Iterable[T]:
    """``items``, with a progress line on ``stream`` when ``enabled`` and it is a terminal."""
    isatty = getattr(stream, "isatty", None)
    if not enabled or not (isatty and isatty()):
        return items
    return Progress(stream).track(items)
