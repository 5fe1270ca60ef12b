"""Detect a document's kind (brief or copy) and vertical from its words.

Both are reported in the output so a wrong guess is visible and can be
overridden with ``--kind`` / ``--vertical``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..analysis.matching import Hit, TermSet
from .lexicons import Lexicons

BRIEF_MIN_SCORE = 3
VERTICAL_MIN_DISTINCT = 2
VERTICAL_MARGIN = 1.5
# A guess confident enough to switch a rule off (exclude_verticals): more
# distinct cues, and a wider lead over the runner-up.
CONFIDENT_DISTINCT = 3
CONFIDENT_MARGIN = 2.0


def detect_kind(
    lex: Lexicons, hits: Callable[[TermSet], list[Hit]], heading_spans: list[tuple[int, int]]
) -> str:
    """Distinct brief markers count 1; distinct section words 2 in a heading, else 1."""
    score = len({h.term.lower() for h in hits(lex.brief_markers)})
    sections: dict[str, int] = {}
    for hit in hits(lex.brief_headings):
        in_heading = any(start <= hit.start < end for start, end in heading_spans)
        word = hit.term.lower()
        sections[word] = max(sections.get(word, 0), 2 if in_heading else 1)
    score += sum(sections.values())
    return "brief" if score >= BRIEF_MIN_SCORE else "copy"


def detect_vertical(lex: Lexicons, hits: Callable[[TermSet], list[Hit]]) -> tuple[str | None, str | None]:
    """The vertical with the most distinct cue words when it clearly leads, and
    the confidence of the guess: ``high`` or ``low`` (None without a guess)."""
    scores = sorted(
        ((len({h.term.lower() for h in hits(ts)}), v) for v, ts in lex.verticals.items()),
        reverse=True,
    )
    if not scores or scores[0][0] < VERTICAL_MIN_DISTINCT:
        return None, None
    runner_up = scores[1][0] if len(scores) > 1 else 0
    if scores[0][0] < VERTICAL_MARGIN * runner_up:
        return None, None
    confident = scores[0][0] >= CONFIDENT_DISTINCT and scores[0][0] >= CONFIDENT_MARGIN * runner_up
    return scores[0][1], "high" if confident else "low"
