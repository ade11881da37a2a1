// The report page's own script (plain ES2017, no modules, no build step): pipeline/report/assets.ts
// inlines it after the vega, vega-lite and vega-embed bundles. These leading comment lines are not
// inlined; the page gets the code below them byte for byte.
//
// What it expects of the page (pipeline/report/sections/*.ts renders these):
//   global vegaEmbed(el, spec, options): Promise   from the inlined vega-embed bundle
//   <script type="application/json" id="chart-specs">  {[chartName]: Vega-Lite spec}
//   figure[data-chart=name] > .chart-live           filled with the interactive view; the figure
//                                                   gets data-rendered="live" | "static" and, when
//                                                   live, class "is-live" (CSS hides the static SVG)
//   dialog#fact-dialog with .dialog-body, #fact-dialog-title and .dialog-close
//   a.fig[data-facts="id id…"][data-label]          ids of article.fact elements; opens them in the dialog
//   table.sortable th[data-type="number"|"string"|"boolean"] button.sort; td[data-v] is the sort key
// What it does: draws each chart live, opens a figure's facts in the dialog, sorts tables.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  // Charts: replace each static SVG by an interactive view (the static one stays for print).
  var specs = JSON.parse(doc.getElementById("chart-specs").textContent);
  each(doc.querySelectorAll("figure[data-chart]"), function (fig) {
    var name = fig.getAttribute("data-chart");
    var live = fig.querySelector(".chart-live");
    if (typeof vegaEmbed !== "function" || !specs[name]) return;
    vegaEmbed(live, specs[name], { actions: false, renderer: "svg", tooltip: { theme: "light" }, downloadFileName: name })
      .then(function () {
        // A mark container of an empty layer gets a graphics role but no label: hide it from assistive tech.
        each(live.querySelectorAll('[role="graphics-symbol"]:not([aria-label]), [role="img"]:not([aria-label])'), function (el) { el.setAttribute("aria-hidden", "true"); });
        // The browser measures text, so the live view's width differs from the static SVG's.
        var svg = live.querySelector("svg");
        if (svg && svg.getAttribute("width")) live.style.setProperty("--w", svg.getAttribute("width") + "px");
        fig.classList.add("is-live"); fig.setAttribute("data-rendered", "live");
      })
      .catch(function (e) { fig.setAttribute("data-rendered", "static"); console.error("chart " + name + ": " + (e && e.message ? e.message : e)); });
  });

  // Figures → the facts they come from, in a dialog (without scripts the link jumps to the fact).
  var dialog = doc.getElementById("fact-dialog");
  var body = dialog.querySelector(".dialog-body");
  var title = dialog.querySelector("#fact-dialog-title");
  dialog.querySelector(".dialog-close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (ev) { if (ev.target === dialog) dialog.close(); });
  doc.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a.fig") : null;
    if (!a || typeof dialog.showModal !== "function") return;
    var ids = (a.getAttribute("data-facts") || "").split(" ").filter(Boolean);
    if (ids.length === 0) return;
    ev.preventDefault();
    body.textContent = "";
    ids.forEach(function (id) {
      var src = doc.getElementById(id);
      if (!src) return;
      var copy = src.cloneNode(true);
      copy.removeAttribute("id"); copy.removeAttribute("tabindex"); copy.removeAttribute("aria-labelledby");
      each(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
      var link = doc.createElement("p");
      var to = doc.createElement("a");
      to.href = "#" + id; to.textContent = "Show in the list of facts";
      to.addEventListener("click", function () { dialog.close(); });
      link.appendChild(to); copy.appendChild(link);
      body.appendChild(copy);
    });
    var label = a.getAttribute("data-label") || a.textContent;
    title.textContent = "Where “" + label + "” comes from" + (ids.length > 1 ? " (" + ids.length + " facts)" : "");
    dialog.showModal();
  });

  // Sortable tables: a button in each header; aria-sort on the sorted column.
  each(doc.querySelectorAll("table.sortable"), function (table) {
    var tbody = table.tBodies[0];
    each(tbody.rows, function (r, i) { r.setAttribute("data-i", String(i)); });
    var ths = table.tHead.rows[0].cells;
    each(ths, function (th, col) {
      var btn = th.querySelector("button.sort");
      if (!btn) return;
      btn.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        each(ths, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var numeric = th.getAttribute("data-type") === "number";
        var sign = dir === "ascending" ? 1 : -1;
        var rows = Array.prototype.slice.call(tbody.rows);
        var key = function (r) { var c = r.cells[col]; var v = c ? c.getAttribute("data-v") : null; return v === null || v === "" ? null : numeric ? Number(v) : v; };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null || y === null) return x === y ? Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i")) : x === null ? 1 : -1;
          var c = x < y ? -1 : x > y ? 1 : 0;
          return c !== 0 ? sign * c : Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i"));
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  });
})();
