"""Commercial context: does a document promote something people can buy?

Advertising law governs ads. A superlative about a bridge, a job or a news
story is not an Art. 9(3) claim, while the same word in a seeding note is.
Every analysed document gets a verdict:

- ``promotional``: it presents a product, service, shop or brand for readers
  to buy or use. A brief always is (it briefs an ad), so is copy linted with
  ``brand_terms`` configured (the brand says what it sells), and so is a text
  that offers a way to buy (a ``route`` cue group: a purchase link, a code, a
  shop URL), which makes it an ad by law (Internet Advertising Measures
  Art. 9 ¶3);
- ``not_promotional``: nothing in it points at anything for sale;
- ``unclear``: some cues, not enough to tell.

The cues are data (``locales/*/context.yaml``, group ``commercial``): words
that recommend (推荐, 种草, 入手), name a product (这款, 色号), a purchase or a
price (下单, 链接, ¥99, 99元) or a venue (人均, 地址), each group counting its
weight once per distinct word, at most ``PER_GROUP`` words a group; brand
names the text repeats and a confidently detected product vertical add to
the score. Rules declare what a verdict from cues changes (the ``context``
field, e.g. ``{promotional: warning, unclear: warning, not_promotional:
info}``); a verdict that is certain (``basis`` given, brief, brand_terms or
route) keeps the rule's own severity. Config and ``--commercial`` can force it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.vocabulary import NOT_PROMOTIONAL, PROMOTIONAL, UNCLEAR

PER_GROUP = 2  # distinct words that count per cue group
BRAND_WEIGHT = 2  # brand names the text repeats (brands.py)
VERTICAL_WEIGHT = 1  # a confidently detected product vertical
PROMOTIONAL_AT = 5  # score from which a text is promotional
UNCLEAR_AT = 2  # score from which it is at least unclear


@dataclass(frozen=True)
class Commercial:
    verdict: str
    detected: bool = True
    score: int = 0
    cues: tuple[str, ...] = ()  # the words that counted, for reports and debugging
    basis: str = "cues"  # given | brief | brand_terms | route | cues

    @property
    def certain(self) -> bool:
        """Declared, or an ad by law (a way to buy): rules keep their own severity."""
        return self.basis != "cues"


def normalise_verdict(value: str) -> str:
    """``not-promotional`` (a CLI spelling) is ``not_promotional``."""
    return value.strip().lower().replace("-", "_")


def assess(ctx, kind: str, vertical_confident: bool, given: str | None = None) -> Commercial:
    """The document's verdict. ``ctx`` gives hits, the lexicons and brand hits."""
    if given:
        return Commercial(given, detected=False, basis="given")
    if kind == "brief":
        return Commercial(PROMOTIONAL, detected=False, basis="brief")
    if ctx.configured_brands():
        return Commercial(PROMOTIONAL, detected=False, basis="brand_terms")
    score = 0
    found: list[str] = []
    route: list[str] = []
    doc = ctx.analysed.doc
    for group in ctx.lexicons.commercial.values():
        words = list(dict.fromkeys(h.term.lower() for h in ctx.hits(group.termset)))
        for pattern in group.patterns:  # URLs are not prose: a route group reads the content
            words += [m.group() for m in pattern.finditer(doc.content if group.route else doc.prose)][
                :PER_GROUP
            ]
        words = words[:PER_GROUP]
        score += group.weight * len(words)
        found += words
        if group.route:
            route += words
    if route:
        return Commercial(PROMOTIONAL, detected=True, score=score, cues=tuple(found), basis="route")
    brands = ctx.brand_hits()
    if brands:
        score += BRAND_WEIGHT
        found.append(brands[0].term)
    if vertical_confident:
        score += VERTICAL_WEIGHT
    if score >= PROMOTIONAL_AT:
        verdict = PROMOTIONAL
    elif score >= UNCLEAR_AT:
        verdict = UNCLEAR
    else:
        verdict = NOT_PROMOTIONAL
    return Commercial(verdict, detected=True, score=score, cues=tuple(found))
