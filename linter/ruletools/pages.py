"""``xhslint rules docs DIR``: one Markdown page per rule, and an index.

A page says what the rule flags, why (its rationale and the law, platform rule
or playbook lesson it cites), its messages in every locale, its flag and pass
examples and how to configure it. The pages of the bundled rules are committed
under ``docs/rules/`` and a test checks they are current, so they never drift
from the YAML. Output is deterministic: no dates, paths relative to the
package.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..core.resources import PACKAGE_ROOT
from ..core.vocabulary import LOCALES
from ..rules.model import LIMITS, Rule
from ..rules.references import reference_text
from .examples import example_text

LOCALE_NAMES = {"en": "English", "zh-CN": "中文"}


def _source(rule: Rule) -> str:
    path = Path(rule.source).resolve()
    return path.relative_to(PACKAGE_ROOT).as_posix() if path.is_relative_to(PACKAGE_ROOT) else path.name


def _example_lines(rule: Rule, expect: str) -> list[str]:
    lines = []
    for example in rule.examples[expect]:
        data: dict[str, Any] = {"text": example} if isinstance(example, str) else dict(example)
        text = example_text(example).replace("\n", "⏎")
        data.pop("text", None)
        data.pop("plan", None)
        context = ", ".join(f"{k}: {v}" for k, v in data.items())
        lines.append(f"- `{text}`" + (f" ({context})" if context else ""))
    return lines


def rule_page(rule: Rule) -> str:
    """The Markdown page of one rule."""
    lines = [
        f"# {rule.id} `{rule.name}`",
        "",
        "| | |",
        "|---|---|",
        f"| Category | {rule.category} |",
        f"| Severity | {rule.severity} |",
        f"| Applies to | {rule.applies_to} |",
        f"| Kind | {rule.kind} |",
        f"| Languages | {', '.join(rule.languages)} |",
    ]
    if rule.verticals:
        lines.append(f"| Verticals | {', '.join(rule.verticals)} |")
    if rule.context:
        lines.append(f"| By commercial context | {', '.join(f'{k}: {v}' for k, v in rule.context.items())} |")
    precision = (rule.spec.get("metadata") or {}).get("precision")
    if precision is not None:
        lines.append(f"| Measured precision of its errors | {precision} |")
    lines += ["", "## Message", ""]
    for locale in LOCALES:
        lines.append(f"- {LOCALE_NAMES.get(locale, locale)}: {rule.message[locale]}")
        if rule.suggest.get(locale):
            lines.append(f"  - suggestion: {rule.suggest[locale]}")
    lines += ["", "## Why", "", rule.rationale, "", "## References", ""]
    lines += [f"- {reference_text(ref)}" for ref in rule.references]
    lines += ["", "## Flags", "", *_example_lines(rule, "flag"), "", "## Passes", ""]
    lines += _example_lines(rule, "pass")
    limits = [key for key in LIMITS if key in rule.spec]
    lines += [
        "",
        "## Configure",
        "",
        f'- Turn it off: `--ignore {rule.id}` or `ignore = ["{rule.id}"]` in `.xhslint.toml`; run it alone:'
        f" `--select {rule.id}`.",
        f'- Change its severity: `[rule_options]` `{rule.id} = {{severity = "info"}}`.',
    ]
    if limits:
        current = ", ".join(f"{key} = {rule.spec[key]}" for key in limits)
        lines.append(
            f"- Its limits ({current}) can be set the same way, e.g. `{rule.id} = {{{limits[0]} = ...}}`."
        )
    lines += [
        f"- Silence one line: `<!-- xhslint-disable-next-line {rule.id} -->`.",
        "",
        f"Defined in `{_source(rule)}`.",
        "",
    ]
    return "\n".join(lines)


def index_page(rules: Iterable[Rule]) -> str:
    lines = ["# Rules", "", "| ID | Name | Category | Severity | Applies to |", "|---|---|---|---|---|"]
    for rule in sorted(rules, key=lambda r: r.id):
        cells = [
            f"[{rule.id}]({rule.id}.md)",
            f"`{rule.name}`",
            rule.category,
            rule.severity,
            rule.applies_to,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join([*lines, ""])


def rule_pages(rules: Iterable[Rule]) -> dict[str, str]:
    """File name -> Markdown text for every rule and the index (README.md)."""
    rules = list(rules)
    pages = {f"{rule.id}.md": rule_page(rule) for rule in rules}
    pages["README.md"] = index_page(rules)
    return pages


def write_pages(folder: str | Path, rules: Iterable[Rule]) -> list[Path]:
    """Write the pages into ``folder`` (created if needed); the files written."""
    from ..core.files import write_atomic

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in sorted(rule_pages(rules).items()):
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(str(path), text.encode("utf-8"))
        written.append(path)
    return written
