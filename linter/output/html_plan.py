"""The plan part of the HTML report (``xhslint plan lint --format html``): what a
planner wants to look at, drawn from a roster's ``plan`` figures.

- the pyramid: creators per tier as bars over the playbook's range (the band),
  green inside it and amber outside;
- the schedule: posts per day on a timeline with the seeding, launch and
  sustain waves, the launch date and the crowded shopping windows drawn in;
- the creators: a table sortable by any column (engagement rate, save rate,
  cost per engagement ...); the script sorts by each cell's ``data-v``.

Inline SVG, no script needed to draw; every value from the input is escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from datetime import date, timedelta
from typing import Any

TIERS = ("top", "mid", "micro", "koc")
WIDTH = 720


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def plan_section(plan: dict[str, Any], cat, locale: str) -> str:
    t = cat.text
    return (
        '<section class="plan">'
        f"<h2>{esc(t('plan_pyramid'))}</h2>{_pyramid(plan, t)}"
        f"<h2>{esc(t('plan_schedule'))}</h2>{_timeline(plan, t, locale)}"
        f"<h2>{esc(t('plan_creators'))}</h2>{_table(plan, t)}"
        "</section>"
    )


def _pyramid(plan: dict[str, Any], t) -> str:
    counts = {tier: plan["tiers"].get(tier, {}).get("creators", 0) for tier in TIERS}
    ranges = plan["tier_ranges"]
    scale_max = max([*counts.values(), *(r["high"] for r in ranges.values())]) * 1.15 or 1
    left, row, bar_w = 90, 30, WIDTH - 90 - 120
    parts = [f'<svg class="pyramid" width="{WIDTH}" height="{row * len(TIERS) + 24}" role="img" '
             f'aria-label="{esc(t("plan_pyramid"))}">']  # fmt: skip
    for index, tier in enumerate(TIERS):
        y = 8 + index * row
        low, high = ranges[tier]["low"], ranges[tier]["high"]
        count = counts[tier]
        fits = low <= count and (ranges[tier]["open_ended"] or count <= high)
        band_x, band_w = left + bar_w * low / scale_max, bar_w * (high - low) / scale_max
        span = f"{low}-{high}{'+' if ranges[tier]['open_ended'] else ''}"
        parts.append(
            f'<text class="chart-label" x="0" y="{y + 15}">{esc(t(f"tier_{tier}"))}</text>'
            f'<rect class="band" x="{band_x:.1f}" y="{y}" width="{max(band_w, 2):.1f}" height="20">'
            f"<title>{esc(t('plan_range', range=span))}</title></rect>"
            f'<rect class="count {"fits" if fits else "off"}" x="{left}" y="{y + 5}" '
            f'width="{bar_w * count / scale_max:.1f}" height="10" data-tier="{tier}" data-count="{count}"/>'
            f'<text class="chart-n" x="{left + bar_w + 8}" y="{y + 15}">{count} / {esc(span)}</text>'
        )
    parts.append(
        f'<text class="chart-note" x="{left}" y="{row * len(TIERS) + 20}">'
        f"{esc(t('plan_pyramid_note'))}</text></svg>"
    )
    return "".join(parts)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _timeline(plan: dict[str, Any], t, locale: str) -> str:
    posts = Counter(_day(c["post_date"]) for c in plan["creators"] if c["post_date"])
    waves = {w: (_day(v["start"]), _day(v["end"])) for w, v in plan["waves"].items()}
    days = [*posts, *(d for span in waves.values() for d in span)]
    if not days:
        return f'<p class="muted">{esc(t("plan_no_dates"))}</p>'
    first, last = min(days) - timedelta(days=3), max(days) + timedelta(days=3)
    span = (last - first).days + 1
    left, top, plot_h = 10, 34, 120
    plot_w = WIDTH - 2 * left

    def x(day: date) -> float:
        return left + plot_w * (day - first).days / span

    parts = [f'<svg class="timeline" width="{WIDTH}" height="{top + plot_h + 40}" role="img" '
             f'aria-label="{esc(t("plan_schedule"))}">']  # fmt: skip
    for index, window in enumerate(plan["windows"]):
        start, end = max(_day(window["start"]), first), min(_day(window["end"]), last)
        if start > end:
            continue
        name = window["name"].get(locale) or window["name"].get("en") or window["id"]
        parts.append(
            f'<rect class="window" x="{x(start):.1f}" y="{top}" '
            f'width="{x(end + timedelta(days=1)) - x(start):.1f}" height="{plot_h}">'
            f"<title>{esc(name)}: {esc(window['start'])} - {esc(window['end'])}</title></rect>"
            f'<text class="window-label" x="{x(start) + 2:.1f}" y="{top + 12 + 13 * (index % 3)}">'
            f"{esc(name)}</text>"
        )
    for wave, (start, end) in waves.items():
        parts.append(
            f'<rect class="wave wave-{wave}" x="{x(start):.1f}" y="{top - 22}" '
            f'width="{x(end + timedelta(days=1)) - x(start):.1f}" height="16"/>'
        )
    for wave, (start, _end) in waves.items():  # over every band, so a short wave's name shows whole
        parts.append(
            f'<text class="wave-label" x="{x(start) + 3:.1f}" y="{top - 10}">'
            f"{esc(t(f'plan_wave_{wave}'))}</text>"
        )
    peak = max(posts.values(), default=1)
    bar = max(plot_w / span - 1, 1.5)
    for day, count in sorted(posts.items()):
        height = (plot_h - 18) * count / peak
        parts.append(
            f'<rect class="posts" x="{x(day):.1f}" y="{top + plot_h - height:.1f}" width="{bar:.1f}" '
            f'height="{height:.1f}" data-day="{day.isoformat()}" data-posts="{count}">'
            f"<title>{day.isoformat()}: {esc(t('plan_posts', count=count))}</title></rect>"
        )
    if plan.get("launch_date"):
        launch = _day(plan["launch_date"])
        parts.append(
            f'<line class="launch" x1="{x(launch):.1f}" x2="{x(launch):.1f}" '
            f'y1="{top - 24}" y2="{top + plot_h}"/>'
        )
    month = date(first.year, first.month, 1)
    while month <= last:
        if month >= first and x(month) < left + plot_w - 50:  # no label cut off at the right edge
            parts.append(
                f'<line class="tick" x1="{x(month):.1f}" x2="{x(month):.1f}" y1="{top + plot_h}" '
                f'y2="{top + plot_h + 5}"/><text class="chart-n" x="{x(month) + 2:.1f}" '
                f'y="{top + plot_h + 18}">{month.isoformat()[:7]}</text>'
            )
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    parts.append(
        f'<line class="axis" x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}"/>'
        f'<text class="chart-n" x="{left}" y="{top + plot_h + 34}">{esc(first.isoformat())}</text>'
        f'<text class="chart-n" x="{left + plot_w}" y="{top + plot_h + 34}" text-anchor="end">'
        f"{esc(last.isoformat())}</text></svg>"
    )
    return "".join(parts)


COLUMNS = (
    # key, header, kind (number|text), how a value shows
    ("row", "plan_col_row", "number", "{:.0f}"),
    ("creator", "plan_col_creator", "text", "{}"),
    ("tier", "plan_col_tier", "text", "{}"),
    ("followers", "plan_col_followers", "number", "{:,.0f}"),
    ("fee", "plan_col_fee", "number", "{:,.0f}"),
    ("post_date", "plan_col_date", "text", "{}"),
    ("engagement_rate", "plan_col_engagement", "number", "{:.2%}"),
    ("save_rate", "plan_col_saves", "number", "{:.2%}"),
    ("cost_per_engagement", "plan_col_cpe", "number", "{:,.2f}"),
)


def _table(plan: dict[str, Any], t) -> str:
    heads = "".join(
        f'<th data-sort="{kind}" tabindex="0" aria-sort="none">{esc(t(label))}</th>'
        for _, label, kind, _ in COLUMNS
    )
    rows = []
    for creator in plan["creators"]:
        cells = []
        for key, _, kind, shown in COLUMNS:
            value = creator.get(key)
            if key == "tier" and value:
                cells.append(f'<td data-v="{TIERS.index(value)}">{esc(t(f"tier_{value}"))}</td>')
                continue
            text = "" if value is None else shown.format(value)
            cells.append(
                f'<td data-v="{esc("" if value is None else value)}"'
                f"{' class=n' if kind == 'number' else ''}>{esc(text)}</td>"
            )
        beats = " beats" if creator.get("beats_tier_median") else ""
        rows.append(f'<tr class="creator{beats}">{"".join(cells)}</tr>')
    return (
        f'<table class="creators sortable"><thead><tr>{heads}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table><p class="muted">{esc(t("plan_table_note"))}</p>'
    )
