"""The engine: analyse a document once, scan all terms once, run each rule's
kind, then filter by scope and inline suppressions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .analysis import AnalysedDocument, analyse
from .brands import brand_hits, infer_brands
from .detection import detect_kind, detect_vertical
from .diagnostics import Diagnostic, FileResult
from .document import Document
from .kinds import Finding, get_kind
from .lexicons import lexicons
from .matching import Hit, TermMatcher, TermSet
from .mentions import is_mention
from .rule import Rule
from .selection import check_known, select_rules, selector_matches
from .suppression import find_suppressions

KINDS = ("brief", "copy")
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Options:
    kind: str = "auto"
    vertical: str | None = None
    lang: str = "auto"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    brand_terms: tuple[str, ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()


_NO_HITS: list[Hit] = []  # shared and never mutated


class _Context:
    def __init__(self, linter: Linter, analysed: AnalysedDocument, hits: dict[int, list[Hit]]) -> None:
        self.analysed = analysed
        self._linter = linter
        self._hits = hits
        self._brands: list[Hit] | None = None

    def hits(self, termset: TermSet) -> list[Hit]:
        return self._hits.get(self._linter.matcher.index_of(termset), _NO_HITS)

    @property
    def lexicons(self):
        return self._linter.lex

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


class Linter:
    """Rules chosen and compiled for one configuration; lint many documents."""

    def __init__(self, rules: Sequence[Rule], options: Options | None = None) -> None:
        self.options = options or Options()
        check_known(self.options.select, rules, "select")
        check_known(self.options.ignore, rules, "ignore")
        rules = apply_rule_options(rules, self.options.rule_options)
        self.rules = select_rules(rules, self.options.select, self.options.ignore)
        self.lex = lexicons()
        self.brand_set = TermSet(tuple(self.options.brand_terms)) if self.options.brand_terms else None
        termsets = [ts for rule in self.rules for ts in rule.termsets()]
        termsets += self.lex.termsets()
        if self.brand_set is not None:
            termsets.append(self.brand_set)
        self.matcher = TermMatcher(termsets)
        self.user_words = self.matcher.user_words()
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
        if opts.kind in KINDS:
            analysed.kind = opts.kind
        else:
            analysed.kind = detect_kind(self.lex, ctx.hits, doc.heading_spans())
            analysed.kind_detected = True
        if opts.vertical:
            analysed.vertical = opts.vertical
        else:
            analysed.vertical = detect_vertical(self.lex, ctx.hits)
            analysed.vertical_detected = True
        if opts.lang in LANGS:
            analysed.languages = frozenset({opts.lang})
            analysed.language = opts.lang
        return analysed, ctx

    def lint(self, doc: Document) -> FileResult:
        analysed, ctx = self.analyse(doc)
        suppressed = find_suppressions(doc)
        diagnostics: list[Diagnostic] = []
        for rule in self._applicable(analysed.kind, analysed.languages, analysed.vertical):
            if not rule.conditions.document_ok(ctx):
                continue
            for finding in get_kind(rule.kind).check(rule, ctx):
                if not _in_scope(rule.scope, doc, finding):
                    continue
                if any(s.covers(rule, finding.start) for s in suppressed):
                    continue
                spans_text = finding.end > finding.start
                if (
                    spans_text
                    and rule.conditions.per_sentence
                    and not rule.conditions.sentence_ok(ctx, finding.start)
                ):
                    continue
                if spans_text and rule.mentions == "skip" and is_mention(ctx, finding.start, finding.end):
                    continue
                diagnostics.append(_diagnostic(rule, doc, finding))
        diagnostics.sort(key=lambda d: (d.start, d.rule.id, d.end))
        return FileResult(
            path=doc.path,
            kind=analysed.kind,
            language=analysed.language,
            vertical=analysed.vertical,
            diagnostics=diagnostics,
            kind_detected=analysed.kind_detected,
            vertical_detected=analysed.vertical_detected,
            text=doc.text,
        )


def apply_rule_options(rules: Sequence[Rule], options) -> list[Rule]:
    """Copies of the rules with config overrides (severity, limits) applied."""
    if not options:
        return list(rules)
    check_known([selector for selector, _ in options], rules, "rule_options")
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


def _in_scope(scope: str, doc: Document, finding: Finding) -> bool:
    if scope == "any":
        return True
    lo, hi = doc.scope_span(scope)
    return lo <= finding.start < max(hi, lo + 1) if hi > lo else False


def _diagnostic(rule: Rule, doc: Document, f: Finding) -> Diagnostic:
    line, column = doc.line_col(f.start)
    end_line, end_column = doc.line_col(f.end)
    match = doc.text[f.start : f.end] if f.match is None else f.match
    return Diagnostic(rule, f.start, f.end, line, column, end_line, end_column, match, f.params, f.fix)
