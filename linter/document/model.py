"""The document model: original text plus what the readers learned about it.

Every offset anywhere in xhslint is an index into ``Document.text``, the text
exactly as decoded (BOM removed). Parts that are not prose (code, HTML
comments, URLs) are blanked out in ``prose`` -- a copy of the same length --
so rules skip them without any offset arithmetic.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_SURROGATE = re.compile("[\ud800-\udfff]")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()（）\"'，。！？、]+", re.IGNORECASE)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``<!-- ... -->``. Linear: once one is unclosed, so is every later
    one (a regex would rescan to the end of the text from each opener)."""
    spans = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        spans.append((start, end + 3))
        start = text.find("<!--", end + 3)
    return spans


@dataclass(frozen=True)
class Section:
    """A Markdown heading and the span of text it governs."""

    heading: str
    level: int
    start: int
    end: int


@dataclass
class Document:
    path: str
    text: str
    prose: str = ""
    content: str = ""
    title_span: tuple[int, int] | None = None
    sections: list[Section] = field(default_factory=list)
    source_format: str = "txt"
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        lone = _SURROGATE.search(self.text)
        if lone is not None:  # decoded with surrogateescape, or a JSON \\ud800: not text
            from ..core.errors import InputError

            line = self.text.count("\n", 0, lone.start()) + 1
            code = f"U+{ord(lone.group()):04X}"
            raise InputError(
                f"contains an unpaired surrogate ({code}), which is not valid Unicode text", self.path, line
            )
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        base = self.content or self.text
        self.content = blank(base, comment_spans(base))
        if not self.prose:
            self.prose = blank(self.content, [m.span() for m in _URL.finditer(self.content)])
        if self.title_span is None:
            self.title_span = find_title(self.content)  # comments and code are not the title

    @property
    def title(self) -> str:
        """The title line; empty when there is none (a batch row with an empty title cell)."""
        if not self.title_span:
            return ""
        return self.text[self.title_span[0] : self.title_span[1]]

    @property
    def last_line_span(self) -> tuple[int, int] | None:
        """The last non-empty line of the prose (a note's closing line)."""
        end = len(self.prose.rstrip())
        if end == 0:
            return None
        start = self.prose.rfind("\n", 0, end) + 1
        line_end = self.prose.find("\n", start)
        return start, len(self.prose) if line_end == -1 else line_end

    def scope_span(self, scope: str) -> tuple[int, int]:
        """The region a rule's ``scope`` covers (empty when it does not exist)."""
        if scope == "title":
            return self.title_span or (0, 0)
        if scope == "body":
            return self.body_start, len(self.text)
        if scope == "last_line":
            return self.last_line_span or (0, 0)
        return 0, len(self.text)

    @property
    def body_start(self) -> int:
        return self.title_span[1] if self.title_span else 0

    def heading_spans(self) -> list[tuple[int, int]]:
        """The heading line of each Markdown section."""
        spans = []
        for section in self.sections:
            end = self.text.find("\n", section.start)
            spans.append((section.start, len(self.text) if end == -1 else end))
        return spans

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def line_span(self, line: int) -> tuple[int, int]:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._line_starts)


def sections_from_headings(headings: list[tuple[int, str, int]], length: int) -> list[Section]:
    """Sections from (start, heading, level) in text order: each runs to the
    next heading of the same or a higher level, else to ``length``."""
    sections = []
    for i, (start, heading, level) in enumerate(headings):
        following = [h[0] for h in headings[i + 1 :] if h[2] <= level]
        sections.append(Section(heading, level, start, following[0] if following else length))
    return sections


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span by spaces (newlines kept), preserving length and lines."""
    if not spans:
        return text
    parts = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        if end <= start:
            continue
        parts.append(text[last:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def find_title(text: str) -> tuple[int, int] | None:
    """The first non-empty line, without a leading Markdown '#' marker."""
    for match in re.finditer(r"[^\n]*", text):
        line = match.group()
        if not line.strip():
            continue
        start, end = match.span()
        stripped = line.lstrip()
        start += len(line) - len(stripped)
        heading = re.match(r"#{1,6}\s+", stripped)
        if heading:
            start += heading.end()
        end = start + len(text[start:end].rstrip())
        return (start, end) if end > start else None
    return None
