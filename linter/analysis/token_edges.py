"""Chinese token edges, segmented block by block on demand.

jieba (and jieba-rs) split text into blocks of Han characters and
letters/digits (``[\\u4E00-\\u9FD5a-zA-Z0-9+#&._%-]+``) and segment each block
on its own; every character outside a block is a token by itself. So the
edges of a document are exactly the union of its blocks' edges, and a block
needs segmenting only when a rule asks about a position inside it -- that
is, when the term scan found a Chinese candidate there. Each block is
segmented at most once per document, and the edges equal those of a full
segmentation wherever a Chinese term can start or end. (Blocks of Latin
letters and digits only are not segmented: no Chinese term lies in them,
and every position there answers True.)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from .segmentation import Segmenter

# jieba's re_han_default: what one call of its block segmenter sees.
BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
HAN_IN_BLOCK = re.compile(r"[\u4E00-\u9FD5]")


class TokenEdges:
    """``edge(i)``: does a token start or end at offset ``i`` of the prose?"""

    def __init__(self, prose: str, segmenter: Callable[[], Segmenter]) -> None:
        self._prose = prose
        self._segmenter = segmenter  # called once, on the first block segmented
        self._cut: Callable[[str], list[str]] | None = None
        self._starts: list[int] = []
        self._ends: list[int] = []
        for m in BLOCK.finditer(prose):
            if HAN_IN_BLOCK.search(m.group()):  # Latin-only blocks hold no Chinese term
                self._starts.append(m.start())
                self._ends.append(m.end())
        self._edges: dict[int, bytearray] = {}  # block index -> edges within it
        self.segmented_chars = 0

    @property
    def block_chars(self) -> int:
        """Characters in Chinese blocks (what a full segmentation would cut)."""
        return sum(e - s for s, e in zip(self._starts, self._ends, strict=True))

    def _block(self, pos: int) -> int | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._ends[i]:
            return i
        return None

    def edge(self, pos: int) -> bool:
        i = self._block(pos)
        if i is None or pos == self._starts[i]:
            return True  # outside Han blocks every character is its own token
        edges = self._edges.get(i)
        if edges is None:
            edges = self._segment(i)
        return bool(edges[pos - self._starts[i]])

    def _segment(self, i: int) -> bytearray:
        start, end = self._starts[i], self._ends[i]
        block = self._prose[start:end]
        edges = bytearray(len(block) + 1)
        if self._cut is None:
            self._cut = self._segmenter().cut
        for pos in accumulate(map(len, self._cut(block)), initial=0):
            edges[pos] = 1
        self._edges[i] = edges
        self.segmented_chars += len(block)
        return edges
