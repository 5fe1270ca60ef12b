// The workspace's own script (no inline script: the Content-Security-Policy allows only this server).
(function () {
  "use strict";
  var tip = null;

  function text() { return document.getElementById("text"); }

  function changed(area) {
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // one safe fix: replace the matched text if it is still where the finding saw it
  document.addEventListener("click", function (e) {
    var button = e.target.closest("button.apply-fix");
    if (!button) { return; }
    var area = text();
    if (!area) { return; }
    var start = +button.dataset.start, end = +button.dataset.end;
    var chars = Array.from(area.value);  // offsets count code points, as xhslint does
    if (chars.slice(start, end).join("") !== button.dataset.match) { return; }
    area.value = chars.slice(0, start).join("") + button.dataset.fix + chars.slice(end).join("");
    changed(area);
  });

  document.addEventListener("click", function (e) {
    if (e.target.id === "fix-all") {
      var area = text(), form = document.getElementById("check-form");
      var data = new FormData(form);
      data.delete("file");
      fetch("/api/fix", { method: "POST", body: data }).then(function (r) { return r.json(); })
        .then(function (body) { area.value = body.text; changed(area); });
    } else if (e.target.id === "copy-text") {
      navigator.clipboard.writeText(text().value).then(function () {
        var note = document.getElementById("copied");
        note.hidden = false;
        setTimeout(function () { note.hidden = true; }, 1500);
      });
    }
  });

  // the brief's downloads: the form posted, the answer saved as a file
  document.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-download]");
    if (!button) { return; }
    var form = button.closest("form"), fmt = button.dataset.download;
    var problem = document.getElementById("brief-download-error");
    fetch("/api/brief?download=" + fmt, { method: "POST", body: new FormData(form) }).then(function (r) {
      if (!r.ok) { return r.text().then(function (t) { throw new Error(t); }); }
      var name = (r.headers.get("content-disposition") || "").match(/filename="([^"]+)"/);
      return r.blob().then(function (blob) { return [blob, name ? name[1] : "brief." + fmt]; });
    }).then(function (got) {
      problem.hidden = true;
      var link = document.createElement("a");
      link.href = URL.createObjectURL(got[0]);
      link.download = got[1];
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    }).catch(function (err) {
      // the server's error fragment, read as text (DOMParser runs nothing)
      problem.textContent = new DOMParser().parseFromString(err.message, "text/html").body.textContent;
      problem.hidden = false;
    });
  });

  // a highlight shows its findings' messages; a click pins the finding in the list
  function show(mark) {
    tip = tip || document.getElementById("tip");
    if (!tip) { return; }
    var items = mark.getAttribute("data-d").split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
    if (!items.length) { return; }
    tip.replaceChildren.apply(tip, items.map(function (li) { return li.querySelector(".body").cloneNode(true); }));
    var r = mark.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(8, r.left + window.scrollX) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest("mark.hl");
    if (mark) { show(mark); } else if (tip && !e.target.closest("#tip")) { tip.hidden = true; }
  });
  document.addEventListener("click", function (e) {
    var mark = e.target.closest("mark.hl");
    if (!mark) { return; }
    document.querySelectorAll("li.finding.active").forEach(function (li) { li.classList.remove("active"); });
    mark.getAttribute("data-d").split(" ").forEach(function (id) {
      var li = document.getElementById(id);
      if (li) { li.classList.add("active"); li.scrollIntoView({ block: "nearest" }); }
    });
  });

  // a dropped .txt/.md/.docx comes back as text: it goes into the box, the file input is cleared
  document.addEventListener("htmx:afterSwap", function (e) {
    var dropped = document.getElementById("dropped-text");
    if (dropped && text()) {
      text().value = dropped.content.textContent;
      var file = document.querySelector("#check-form input[type=file]");
      if (file) { file.value = ""; }
      dropped.remove();
    }
    wireTables(e.target);
  });

  // batch tables: sort by a column, filter by band, category and creator
  function wireTables(root) {
    (root || document).querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
      if (th.dataset.wired) { return; }
      th.dataset.wired = "1";
      function sort() {
        var table = th.closest("table"), body = table.tBodies[0];
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var numeric = th.dataset.sort === "number";
        var down = th.getAttribute("aria-sort") === "ascending";
        table.querySelectorAll("th[data-sort]").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].dataset.v, y = b.cells[index].dataset.v;
          var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
          return down ? -c : c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { sort(); } });
    });
  }
  document.addEventListener("change", function (e) {
    if (!e.target.matches(".filters select")) { return; }
    var want = {};
    document.querySelectorAll(".filters select").forEach(function (s) { want[s.dataset.filter] = s.value; });
    var shown = 0;
    document.querySelectorAll("table.batch-table tbody tr").forEach(function (row) {
      var ok = (!want.band || row.dataset.band === want.band) &&
        (!want.cat || row.dataset.cat.split(" ").indexOf(want.cat) >= 0) &&
        (!want.creator || row.dataset.creator === want.creator);
      row.hidden = !ok;
      shown += ok ? 1 : 0;
    });
    var out = document.getElementById("batch-count");
    if (out) { out.textContent = out.textContent.replace(/\d+/, shown); }
  });
  document.addEventListener("DOMContentLoaded", function () { wireTables(document); });
})();
