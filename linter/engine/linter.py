"""The engine: analyse a document once, scan all terms once, run each rule's
kind, then put each finding in its context.

A kind only finds spans. What a span means is decided here, the same way for
every kind and every rule (a rule says which of these it takes, in YAML):

1. where the rule looks (``scope``), inline suppressions, sentence conditions;
2. whether the word is used at all: a forbidden or quoted word is a mention
   (mentions.py), and a rule's guard classes (guards.py) drop questions,
   advice, personal frames, critique, negation and people;
3. what the finding is worth: ``severity_if`` sets it from the words around
   it (a purchase route in the sentence, a product noun after it, a city just
   before it), a topic tag or @handle lowers it one step (tags.py), and the
   document's commercial verdict caps it (``context``, commercial.py);
4. how many to report: at most ``limit.per_sentence`` per sentence (default
   one), ``limit.per_document`` per document, ``DOCUMENT_CAP`` per rule whatever the
   rule says, and one per note in tags, the
   kept finding counting the rest (``more``) and naming their words (``also``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..analysis.analysed import AnalysedDocument, analyse
from ..analysis.matching import Hit, TermMatcher, TermSet
from ..context.brands import brand_hits, infer_brands
from ..context.commercial import PROMOTIONAL, Commercial, assess
from ..context.detection import detect_kind, detect_vertical
from ..context.guards import guarded
from ..context.lexicons import lexicons
from ..context.mentions import MentionScopes, line_start, list_intro
from ..context.tags import Tag, find_tags
from ..core.errors import ConfigError
from ..core.vocabulary import DOCUMENT_KINDS, LANGS, PLAN
from ..document.model import Document
from ..kinds import get_kind
from ..kinds.base import Finding
from ..rules.model import SEVERITY_RANK, Rule, at_most, lower
from ..rules.selection import check_known, select_rules, selector_matches
from .diagnostics import RELATED_CAP, Diagnostic, FileResult, Related
from .suppression import find_suppressions

DOCUMENT_CAP = 200  # findings of one rule listed per document; the last says how many more there are


@dataclass(frozen=True)
class Options:
    kind: str = "auto"
    vertical: str | None = None
    lang: str = "auto"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    brand_terms: tuple[str, ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()
    commercial: str | None = None  # force the verdict (vocabulary.COMMERCIAL_VERDICTS); None: assess
    # a marketer's word lists (config): (scope, term), scope "*" or a vertical id
    banned_terms: tuple[tuple[str, str], ...] = ()  # findings of the rule that lists them (listed: ...)
    allowed_terms: tuple[tuple[str, str], ...] = ()  # no bundled rule matches inside one of these


_NO_HITS: list[Hit] = []  # shared and never mutated


def _scoped(pairs: tuple[tuple[str, str], ...]) -> dict[str, TermSet]:
    """A config word list as one TermSet per scope ("*": every vertical)."""
    by_scope: dict[str, list[str]] = {}
    for scope, term in pairs:
        by_scope.setdefault(scope, []).append(term)
    return {scope: TermSet(tuple(dict.fromkeys(terms))) for scope, terms in by_scope.items()}


class _Context:
    def __init__(self, linter: Linter, analysed: AnalysedDocument, hits: dict[int, list[Hit]]) -> None:
        self.analysed = analysed
        self._linter = linter
        self._hits = hits
        self._allowed: list[tuple[int, int]] | None = None
        self._starts: dict[int, list[int]] = {}
        self._brands: list[Hit] | None = None
        self._mentions: MentionScopes | None = None
        self._intros: dict[int, tuple[int, int] | None] = {}
        self._tags: list[Tag] | None = None
        self._tag_starts: list[int] = []
        self._memo: dict[Any, Any] = {}

    def hits(self, termset: TermSet) -> list[Hit]:
        return self._hits.get(self._linter.matcher.index_of(termset), _NO_HITS)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A value computed once per document (pattern matches, clause marks)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def hits_in(self, termset: TermSet, start: int, end: int) -> list[Hit]:
        """Hits of a term set that start in [start, end) (bisect, not a scan)."""
        index = self._linter.matcher.index_of(termset)
        hits = self._hits.get(index, _NO_HITS)
        if not hits:
            return _NO_HITS
        starts = self._starts.get(index)
        if starts is None:
            starts = self._starts[index] = [h.start for h in hits]
        return hits[bisect_left(starts, start) : bisect_left(starts, end)]

    @property
    def lexicons(self):
        return self._linter.lex

    def configured_brands(self) -> bool:
        return self._linter.brand_set is not None

    def listed_hits(self, name: str) -> list[tuple[Hit, str]]:
        """Hits of a config word list (``banned_terms``, ``allowed_terms``) that applies here: its
        terms for every vertical and those for this document's vertical, each with its scope."""
        sets = self._linter.listed.get(name, {})
        vertical = self.analysed.vertical
        found = [
            (hit, scope) for scope, ts in sets.items() if scope in ("*", vertical) for hit in self.hits(ts)
        ]
        return sorted(found, key=lambda item: (item[0].start, item[0].end))

    def allowed(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` inside one of the brand's allowed terms?"""
        if self._allowed is None:
            self._allowed = [(h.start, h.end) for h, _ in self.listed_hits("allowed_terms")]
        return any(s <= start and end <= e for s, e in self._allowed)

    def brand_hits(self) -> list[Hit]:
        """Configured brand terms, else names the text itself repeats (see brands.py)."""
        brand = self._linter.brand_set
        if brand is not None:
            return self.hits(brand)
        if self._brands is None:
            text = self.analysed.doc.prose
            self._brands = brand_hits(text, infer_brands(text))
        return self._brands

    def cue_terms(self, vertical: str) -> TermSet | None:
        return self._linter.lex.verticals.get(vertical)

    def is_mention(self, start: int, end: int) -> bool:
        if self._mentions is None:
            self._mentions = MentionScopes(self)
        return self._mentions.covers(start, end)

    def list_intro(self, pos: int) -> tuple[int, int] | None:
        """The line introducing the list whose item holds ``pos`` (memoised per line)."""
        text = self.analysed.doc.prose
        start = line_start(text, pos)
        if start is None:
            return None
        if start not in self._intros:
            self._intros[start] = list_intro(text, start)
        return self._intros[start]

    def tag_at(self, start: int, end: int) -> Tag | None:
        """The topic tag or @handle that holds [start, end), if any."""
        if self._tags is None:
            self._tags = find_tags(self.analysed.doc.prose)
            self._tag_starts = [t.start for t in self._tags]
        i = bisect_left(self._tag_starts, start + 1) - 1
        if i >= 0 and self._tags[i].start <= start and end <= self._tags[i].end:
            return self._tags[i]
        return None


class Linter:
    """Rules chosen and compiled for one configuration; lint many documents."""

    def __init__(self, rules: Sequence[Rule], options: Options | None = None) -> None:
        self.options = options or Options()
        check_known(self.options.select, rules, "select")
        check_known(self.options.ignore, rules, "ignore")
        rules = apply_rule_options(rules, self.options.rule_options)
        # the plan rules check rosters (plan_linter.py), never a text
        chosen = select_rules(rules, self.options.select, self.options.ignore)
        self.rules = [rule for rule in chosen if rule.applies_to != PLAN]
        self.lex = lexicons()
        self.brand_set = TermSet(tuple(self.options.brand_terms)) if self.options.brand_terms else None
        self.listed = {"banned_terms": _scoped(self.options.banned_terms),
                       "allowed_terms": _scoped(self.options.allowed_terms)}  # fmt: skip
        listed = [ts for sets in self.listed.values() for ts in sets.values()]
        termsets = [ts for rule in self.rules for ts in rule.termsets()] + listed
        if self.brand_set is not None:
            termsets.append(self.brand_set)
        self.matcher = TermMatcher([*termsets, *self.lex.termsets()])
        # The segmenter's user words come from every loaded rule, selected or not, so a
        # rule's results never depend on which other rules run (核心成分 stays one word
        # for ADV003 whether or not the pillars rule that lists it is selected).
        segmenting = [ts for rule in rules for ts in rule.termsets()]
        if self.brand_set is not None:
            segmenting.append(self.brand_set)
        segmenting += listed
        segmenting += self.lex.segmenting()
        self.user_words = frozenset(w for ts in segmenting for w in ts.han_terms())
        self._by_context: dict[tuple, list[Rule]] = {}

    def _applicable(self, kind: str, languages: frozenset[str], vertical: str | None) -> list[Rule]:
        """The rules for a kind, language set and vertical (memoised: few combinations)."""
        key = (kind, languages, vertical)
        rules = self._by_context.get(key)
        if rules is None:
            rules = self._by_context[key] = [r for r in self.rules if r.applies(kind, languages, vertical)]
        return rules

    def analyse(self, doc: Document) -> tuple[AnalysedDocument, _Context]:
        analysed = analyse(doc, user_words=self.user_words)
        ctx = _Context(self, analysed, self.matcher.scan(analysed))
        opts = self.options
        if opts.kind in DOCUMENT_KINDS:
            analysed.kind = opts.kind
        else:
            analysed.kind = detect_kind(self.lex, ctx.hits, doc.heading_spans())
            analysed.kind_detected = True
        if opts.vertical:
            analysed.vertical = opts.vertical
            analysed.vertical_confidence = "given"
        else:
            analysed.vertical, analysed.vertical_confidence = detect_vertical(self.lex, ctx.hits)
            analysed.vertical_detected = True
        if opts.lang in LANGS:
            analysed.languages = frozenset({opts.lang})
            analysed.language = opts.lang
        confident = analysed.vertical_confidence in ("given", "high")
        analysed.commercial = assess(ctx, analysed.kind, confident, opts.commercial)
        return analysed, ctx

    def lint(self, doc: Document) -> FileResult:
        analysed, ctx = self.analyse(doc)
        suppressed = find_suppressions(doc)
        diagnostics: list[Diagnostic] = []
        for rule in self._applicable(analysed.kind, analysed.languages, analysed.vertical):
            if _excluded(rule, analysed, ctx) or not rule.conditions.document_ok(ctx):
                continue
            placed: list[_Placed] = []
            for finding in get_kind(rule.kind).check(rule, ctx):
                if not _in_scope(rule.scope, doc, finding):
                    continue
                if any(s.covers(rule, finding.start) for s in suppressed):
                    continue
                spans_text = finding.end > finding.start
                if spans_text and not _used(rule, ctx, finding):
                    continue
                if spans_text and not rule.spec.get("listed") and ctx.allowed(finding.start, finding.end):
                    continue  # the brand allows this wording (allowed_terms)
                item = _place(rule, ctx, analysed.commercial, finding)
                if item is not None:
                    placed.append(item)
            diagnostics += [_diagnostic(rule, analysed, p) for p in _limit(rule, analysed, placed)]
        diagnostics.sort(key=_order)
        return FileResult(
            path=doc.path,
            kind=analysed.kind,
            language=analysed.language,
            vertical=analysed.vertical,
            diagnostics=diagnostics,
            kind_detected=analysed.kind_detected,
            vertical_detected=analysed.vertical_detected,
            text=doc.text,
            commercial=analysed.commercial.verdict,
            commercial_detected=analysed.commercial.detected,
            commercial_basis=analysed.commercial.basis,
            vertical_confidence=analysed.vertical_confidence,
        )


@dataclass
class _Placed:
    """A finding that survived, with the severity and reasons its context gave it."""

    finding: Finding
    severity: str
    reasons: tuple[str, ...]
    tag: Tag | None = None
    others: list[_Placed] = field(default_factory=list)  # the findings it stands for
    why: dict[str, str] | None = None  # a severity_if entry's note
    capped: int = 0  # findings of the rule past DOCUMENT_CAP, not listed


def _excluded(rule: Rule, analysed: AnalysedDocument, ctx: _Context) -> bool:
    """``exclude_verticals`` for a given or confidently detected vertical only."""
    if analysed.vertical is None or analysed.vertical not in rule.exclude_verticals:
        return False
    if analysed.vertical_confidence not in ("given", "high"):
        return False
    return not rule.conditions.kept_on(ctx)


def _used(rule: Rule, ctx: _Context, finding: Finding) -> bool:
    """The matched words are used, not mentioned and not in a frame the rule's guards drop."""
    start, end = finding.start, finding.end
    if rule.conditions.per_sentence and not rule.conditions.sentence_ok(ctx, start):
        return False
    if rule.mentions == "skip" and ctx.is_mention(start, end):
        return False
    return not (rule.guards and guarded(ctx, rule.guards, start, end))


def _place(rule: Rule, ctx: _Context, commercial: Commercial, finding: Finding) -> _Placed | None:
    severity = rule.severity
    reasons: list[str] = []
    spans_text = finding.end > finding.start
    why = None
    if spans_text:
        adjusted = rule.conditions.severity_for(ctx, finding.start, finding.end)
        if adjusted is not None and adjusted.severity != severity:
            if adjusted.why:  # an entry without a note is one of the rule's own tiers
                up = SEVERITY_RANK[adjusted.severity] > SEVERITY_RANK[severity]
                reasons.append("raised" if up else "lowered")
                why = adjusted.why
            severity = adjusted.severity
    tag = ctx.tag_at(finding.start, finding.end) if spans_text else None
    if tag is not None:
        severity = lower(severity)
        reasons.append("tag")
    # an ad for certain keeps the rule's severity; every other verdict caps it
    certain_ad = commercial.certain and commercial.verdict == PROMOTIONAL
    cap = None if certain_ad else rule.context.get(commercial.verdict)
    if cap == "off":
        return None
    if cap is not None and at_most(severity, cap) != severity:
        severity = at_most(severity, cap)
        reasons.append(commercial.verdict)
    return _Placed(finding, severity, tuple(reasons), tag, why=why)


def _limit(rule: Rule, analysed: AnalysedDocument, placed: list[_Placed]) -> list[_Placed]:
    """One finding per note in tags; ``per_sentence`` per sentence; ``per_document``. Where
    findings are merged, the most severe is kept (then the first), and it stands for the rest."""
    groups: dict[Any, list[_Placed]] = {}
    kept: list[_Placed] = []
    for item in placed:
        f = item.finding
        if item.tag is not None:
            groups.setdefault("tags", []).append(item)
            continue
        index = analysed.sentence_index(f.start) if f.end > f.start else None
        if index is None or rule.per_sentence is None:
            kept.append(item)
        else:
            groups.setdefault(index, []).append(item)
    for key, group in groups.items():
        kept += _keep(group, 1 if key == "tags" else rule.per_sentence or len(group))
    kept.sort(key=lambda item: item.finding.start)
    if rule.per_document is not None:
        kept = _keep(kept, rule.per_document)
    if len(kept) > DOCUMENT_CAP:  # a pathological note cannot flood a report
        listed = kept[:DOCUMENT_CAP]
        listed[-1].capped = sum(1 + len(item.others) for item in kept[DOCUMENT_CAP:])
        kept = listed
    return kept


def _keep(items: list[_Placed], n: int) -> list[_Placed]:
    """The ``n`` most severe items (earliest first on a tie), in text order; the last one
    kept stands for the others."""
    if len(items) <= n:
        return items
    ranked = sorted(items, key=lambda item: (-SEVERITY_RANK[item.severity], item.finding.start))
    chosen = sorted(ranked[:n], key=lambda item: item.finding.start)
    for item in ranked[n:]:
        chosen[-1].others += [item, *item.others]
    return chosen


def _order(d: Diagnostic) -> tuple[Any, ...]:
    """Position order; findings of presentation-only kinds (typography) after all others."""
    return (getattr(get_kind(d.rule.kind), "SORT_LAST", False), d.start, d.rule.id, d.end)


def apply_rule_options(rules: Sequence[Rule], options) -> list[Rule]:
    """Copies of the rules with config overrides (severity, limits) applied.

    A severity may go to every rule a selector matches (``CMP = {severity = "warning"}``);
    a limit means one rule's number, so its selector must match exactly one rule and that
    rule's kind must read it. Otherwise ``FMT = {max = 5}`` would silently change the
    title, body and tag limits at once."""
    if not options:
        return list(rules)
    check_known([selector for selector, _ in options], rules, "rule_options")
    for selector, values in options:
        limits = [key for key, _ in values if key != "severity"]
        if limits:
            _check_limit_target(selector, limits, rules)
    out = []
    for rule in rules:
        changes: dict = {}
        for selector, values in options:
            if selector_matches(selector, rule):
                changes.update(values)
        if changes:
            severity = changes.pop("severity", rule.severity)
            rule = replace(rule, severity=severity, spec={**rule.spec, **changes})
        out.append(rule)
    return out


def _check_limit_target(selector: str, limits: list[str], rules: Sequence[Rule]) -> None:
    matched = [rule for rule in rules if selector_matches(selector, rule)]
    if len(matched) > 1:
        ids = ", ".join(rule.id for rule in matched[:6]) + (", ..." if len(matched) > 6 else "")
        raise ConfigError(
            f"rule_options.{selector}: '{limits[0]}' is one rule's limit, but '{selector}' matches "
            f"{len(matched)} rules ({ids}); name the rule by its id"
        )
    (rule,) = matched
    unread = [key for key in limits if key not in get_kind(rule.kind).FIELDS and key not in rule.spec]
    if unread:
        raise ConfigError(f"rule_options.{selector}: {rule.id} ({rule.kind}) has no '{unread[0]}' limit")


def _in_scope(scope: str, doc: Document, finding: Finding) -> bool:
    if scope == "any":
        return True
    lo, hi = doc.scope_span(scope)
    return lo <= finding.start < max(hi, lo + 1) if hi > lo else False


def _matched(doc: Document, f: Finding) -> str:
    return doc.text[f.start : f.end] if f.match is None else f.match


def _diagnostic(rule: Rule, analysed: AnalysedDocument, placed: _Placed) -> Diagnostic:
    doc = analysed.doc
    f = placed.finding
    # a fix replaces the characters as written: none across a normalisation (繁體, ＶＸ, 最 低 价)
    fix = f.fix if f.fix is None or analysed.rewritable(f.start, f.end) else None
    line, column = doc.line_col(f.start)
    end_line, end_column = doc.line_col(f.end)
    match = _matched(doc, f)
    params = dict(f.params)
    if placed.tag is not None:
        params["tag"] = doc.text[placed.tag.start : placed.tag.end]
    if placed.why:
        params["why"] = placed.why
    if placed.others:
        params["more"] = len(placed.others)
        words = dict.fromkeys(_matched(doc, o.finding) for o in placed.others)
        words.pop(match, None)
        params["also"] = "、".join(w for w in list(words)[:5] if w)
    if placed.capped:
        params["capped"] = placed.capped
    level = placed.severity if placed.severity != rule.severity else None
    return Diagnostic(
        rule,
        f.start,
        f.end,
        line,
        column,
        end_line,
        end_column,
        match,
        params,
        fix,
        level,
        placed.reasons,
        _related(doc, placed.others),
    )


def _related(doc: Document, others: list[_Placed]) -> tuple[Related, ...]:
    found = (o.finding for o in others if o.finding.end > o.finding.start)
    spans = sorted(found, key=lambda f: (f.start, f.end))[:RELATED_CAP]
    return tuple(Related(f.start, f.end, *doc.line_col(f.start), _matched(doc, f)) for f in spans)
