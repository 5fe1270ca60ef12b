"""The HTML report's inline style sheet and script (no external resources).

The script never parses HTML: tooltips are built by cloning the findings'
already-escaped list items, and filters only toggle ``hidden`` and classes.
"""

CSS = """
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --fg: #1f2328; --muted: #656d76;
  --line: #d0d7de; --bg: #fff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: var(--fg); background: var(--bg); }
header#summary { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--soft); }
h1 { margin: 0 0 4px; font-size: 20px; }
.generated { margin: 0 0 12px; color: var(--muted); font-size: 12px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
.card .num { font-size: 22px; font-weight: 600; }
.card .label { color: var(--muted); }
.breakdown { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; margin-bottom: 12px; }
.breakdown table { border-collapse: collapse; background: var(--bg); border: 1px solid var(--line); }
.breakdown caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
.breakdown td { padding: 2px 10px; border-top: 1px solid var(--line); }
td.n, span.n { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); }
.chart { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 4px; }
.chart-label, .chart-n { font-size: 12px; fill: var(--fg); }
.bar.sev-error { fill: var(--error); } .bar.sev-warning { fill: var(--warning); }
.bar.sev-info { fill: var(--info); }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; color: #fff; }
.badge.sev-error { background: var(--error); } .badge.sev-warning { background: var(--warning); }
.badge.sev-info { background: var(--info); }
#filters { display: flex; gap: 12px; flex-wrap: wrap; }
#filters fieldset { border: 1px solid var(--line); border-radius: 6px; background: var(--bg); margin: 0;
  padding: 4px 10px; }
#filters label { margin-right: 10px; white-space: nowrap; cursor: pointer; }
#showing { color: var(--muted); margin-left: 8px; }
.errors { margin-bottom: 12px; color: var(--error); }
main { padding: 8px 24px 48px; }
article.note { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; background: var(--bg); }
article.note > details > summary { padding: 8px 12px; cursor: pointer; background: var(--soft);
  border-radius: 6px; }
.path { font-weight: 600; word-break: break-all; }
.meta, .count { color: var(--muted); margin-left: 8px; }
pre.text { margin: 0; padding: 12px; white-space: pre-wrap; word-break: break-word; font: inherit;
  line-height: 1.8; border-top: 1px solid var(--line); }
mark.hl { background: transparent; color: inherit; border-bottom: 2px solid; cursor: pointer;
  border-radius: 2px; }
mark.hl.sev-error { background: rgba(198, 40, 40, .14); border-color: var(--error); }
mark.hl.sev-warning { background: rgba(178, 106, 0, .16); border-color: var(--warning); }
mark.hl.sev-info { background: rgba(21, 101, 192, .12); border-color: var(--info); }
mark.hl.point { border: 0; background: none; padding: 0; }
mark.hl.point::before { content: "\\2038"; font-weight: 700; }
mark.hl.point.sev-error::before { color: var(--error); }
mark.hl.point.sev-warning::before { color: var(--warning); }
mark.hl.point.sev-info::before { color: var(--info); }
mark.hl.off { background: none; border-bottom-color: transparent; cursor: text; }
mark.hl.point.off::before { content: none; }
mark.hl.open { outline: 2px solid var(--fg); }
mark.hl:focus-visible { outline: 2px solid var(--fg); }
ol.findings { margin: 0; padding: 8px 12px 12px 36px; border-top: 1px solid var(--line); }
li.finding { margin: 4px 0; }
li.finding.active { background: #fff8c5; }
.rule { font-size: 12px; } .cat, .where { color: var(--muted); font-size: 12px; }
.suggestion { color: var(--muted); }
#tip { position: absolute; z-index: 10; max-width: 460px; background: var(--bg);
  border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 4px 16px rgba(0, 0, 0, .15);
  padding: 8px 10px; font-size: 13px; }
#tip .body + .body { border-top: 1px solid var(--line); margin-top: 6px; padding-top: 6px; }
[hidden] { display: none !important; }
section.plan { padding: 4px 12px 12px; }
section.plan h2 { font-size: 15px; margin: 14px 0 6px; }
section.plan svg { background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
  max-width: 100%; }
.pyramid .band { fill: #e6f4ea; stroke: #7cb98b; }
.pyramid .count.fits { fill: #2e7d32; } .pyramid .count.off { fill: var(--warning); }
.chart-note, .window-label, .wave-label { font-size: 11px; fill: var(--muted); }
.timeline .window { fill: rgba(198, 40, 40, 0.10); stroke: rgba(198, 40, 40, 0.35); }
.timeline .wave-seeding { fill: #e3f2fd; } .timeline .wave-launch { fill: #ffe0b2; }
.timeline .wave-sustain { fill: #e8f5e9; }
.timeline .posts { fill: var(--info); } .timeline .launch { stroke: var(--error); stroke-width: 2; }
.timeline .axis, .timeline .tick { stroke: var(--muted); }
table.sortable { border-collapse: collapse; width: 100%; background: var(--bg); font-size: 13px; }
table.sortable th, table.sortable td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; }
table.sortable th { background: var(--soft); cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
table.sortable td.n { text-align: right; color: var(--fg); }
table.creators tr.beats td:first-child { box-shadow: inset 3px 0 #2e7d32; }
.muted { color: var(--muted); font-size: 12px; }
.score { display: inline-block; min-width: 2.2em; text-align: center; border-radius: 10px; font-weight: 600;
  padding: 0 6px; font-size: 12px; }
.score.band-green { background: #c6efce; color: #1e5c2b; }
.score.band-amber { background: #ffeb9c; color: #6b4e00; }
.score.band-red { background: #ffc7ce; color: #8a1c1c; }
.verdict { font-size: 12px; color: var(--muted); }
.band-card.band-green { border-left: 4px solid #4caf50; }
.band-card.band-amber { border-left: 4px solid #f0b400; }
.band-card.band-red { border-left: 4px solid #d93025; }
.badge.note-level { cursor: help; }
dl.row-meta { display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 0; padding: 6px 12px; font-size: 12px;
  border-bottom: 1px solid var(--line); }
dl.row-meta dt { color: var(--muted); } dl.row-meta dt::after { content: ":"; }
dl.row-meta dd { margin: 0 0 0 -10px; }
#overview { padding: 8px 24px 0; } #overview h2 { font-size: 15px; }
table.overview td a { color: inherit; }
@media print {
  #filters, #tip, .generated + form { display: none !important; }
  body { background: #fff; } article.note { break-inside: avoid; box-shadow: none; }
  details > summary { list-style: none; } table.overview { font-size: 11px; }
  mark.hl { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .score, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var pinned = null;
  function findings(mark) {
    return mark.getAttribute("data-d").split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(function (li) { return li && !li.hidden; });
  }
  function show(mark) {
    var items = findings(mark);
    if (!items.length) { hide(); return; }
    tip.replaceChildren.apply(tip, items.map(function (li) {
      return li.querySelector(".body").cloneNode(true);
    }));
    var r = mark.getBoundingClientRect();
    tip.hidden = false;
    var left = Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth
      - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function hide() { tip.hidden = true; }
  function unpin() {
    if (pinned) { pinned.classList.remove("open"); }
    document.querySelectorAll("li.finding.active").forEach(function (li) { li.classList.remove("active"); });
    pinned = null;
  }
  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest && e.target.closest("mark.hl");
    if (mark && !mark.classList.contains("off")) { show(mark); } else if (!pinned) { hide(); }
  });
  document.addEventListener("focusin", function (e) {
    var mark = e.target;
    if (mark.matches && mark.matches("mark.hl") && !mark.classList.contains("off")) { show(mark); }
  });
  document.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest("mark.hl");
    if (!mark || mark.classList.contains("off")) {
      if (!(e.target.closest && e.target.closest("#tip"))) { unpin(); hide(); }
      return;
    }
    var again = pinned === mark;
    unpin();
    if (again) { hide(); return; }
    pinned = mark;
    mark.classList.add("open");
    findings(mark).forEach(function (li) { li.classList.add("active"); });
    show(mark);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { unpin(); hide(); }
    if ((e.key === "Enter" || e.key === " ") && e.target.matches && e.target.matches("mark.hl")) {
      e.preventDefault(); e.target.click();
    }
  });
  function checked(kind) {
    var values = {};
    document.querySelectorAll('input[data-filter="' + kind + '"]:checked').forEach(function (input) {
      values[input.value] = true;
    });
    return values;
  }
  function apply() {
    var sev = checked("sev"), cat = checked("cat");
    var only = document.getElementById("only-findings").checked;
    var shown = 0, total = 0;
    document.querySelectorAll("li.finding").forEach(function (li) {
      var ok = !!(sev[li.getAttribute("data-sev")] && cat[li.getAttribute("data-cat")]);
      li.hidden = !ok;
      total += 1;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("mark.hl").forEach(function (mark) {
      mark.classList.toggle("off", findings(mark).length === 0);
    });
    document.querySelectorAll("article.note").forEach(function (note) {
      note.hidden = only && !note.querySelector("li.finding:not([hidden])");
    });
    var out = document.getElementById("showing");
    out.textContent = out.getAttribute("data-template").replace("{shown}", shown).replace("{total}", total);
    unpin();
    hide();
  }
  // printing shows every note opened, whatever was folded on screen
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("article.note > details").forEach(function (d) { d.open = true; });
  });
  document.getElementById("filters").addEventListener("change", apply);
  apply();
  // plan reports: a table sorts by the clicked column (each cell's data-v), again for descending
  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
    function sort() {
      var table = th.closest("table"), body = table.tBodies[0];
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.getAttribute("data-sort") === "number";
      var down = th.getAttribute("aria-sort") === "ascending";
      table.querySelectorAll("th[data-sort]").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-v"), y = b.cells[index].getAttribute("data-v");
        if (x === "" || y === "") { return (x === "") - (y === ""); }  // empty cells last, either way
        var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return down ? -c : c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
  });
})();
"""
