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
//   a.fig[data-facts="id id…"][data-label]          ids of li.cite elements, each inside its quote's
//                                                   article.fact; opens those quotes in the dialog
//   a chart datum's fact_id, fact_ids ("a;b") or facts ("a; b")  the facts a mark comes from
//   table.sortable th[data-type="number"|"string"|"boolean"] button.sort; td[data-v] is the sort key
//   .table-block > template.more-rows                the rows of a long table after its first ones,
//     + p.preview > .preview-status, button.show-all  and the line under it saying how many show
//   .table-wrap > .scroll-cue                        shown while the table is wider than its box
//   main > section[id] > h2 > button.section-toggle + .section-body; nav.toc button.toc-all
// What it does: draws each chart live at the column's width, opens the quote behind a figure or a
// chart mark in the dialog, sorts tables, shows the rest of a long table's rows, flags tables that
// scroll sideways, collapses sections.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  // Charts: replace each static SVG by an interactive view (the static one stays for print), drawn
  // at the column's width: the plot areas are narrowed (labels keep their size) until the chart
  // fits, or down to MIN_SCALE of their width, below which the chart scrolls sideways.
  var specs = JSON.parse(doc.getElementById("chart-specs").textContent);
  var MIN_SCALE = 0.3;
  var copy = function (x) { return JSON.parse(JSON.stringify(x)); };
  // Every width a chart's views set: a number (px) or {step: px}; a facet's or concat's views too.
  var scaleWidths = function (node, f) {
    if (Array.isArray(node)) { node.forEach(function (n) { scaleWidths(n, f); }); return; }
    if (!node || typeof node !== "object") return;
    if (typeof node.width === "number") node.width = Math.max(40, Math.round(node.width * f));
    else if (node.width && typeof node.width.step === "number") node.width = { step: Math.max(12, Math.round(node.width.step * f)) };
    // Slanted labels of narrowed columns would overlap: stand them upright.
    var xAxis = node.encoding && node.encoding.x && node.encoding.x.axis;
    if (f < 0.6 && xAxis && typeof xAxis.labelAngle === "number") xAxis.labelAngle = -90;
    ["spec", "vconcat", "hconcat", "concat", "layer"].forEach(function (k) { if (node[k]) scaleWidths(node[k], f); });
  };
  var narrow = function (spec, f, avail) {
    var s = copy(spec);
    if (f < 1) scaleWidths(s, f);
    // Legends go under the plot when the column is narrow.
    if (avail < 600) { s.config = s.config || {}; s.config.legend = Object.assign({}, s.config.legend, { orient: "bottom", direction: "vertical" }); }
    return s;
  };
  var idsOf = function (datum) {
    if (!datum) return [];
    var raw = datum.fact_ids || datum.fact_id || datum.facts || "";
    return String(raw).split(/[;\s]+/).filter(Boolean).map(factAnchor);
  };
  var factAnchor = function (id) {
    return "fact-" + id.replace(/[^A-Za-z0-9_-]/g, function (c) { return "_" + c.codePointAt(0).toString(16) + "_"; });
  };
  var draw = function (live, name, spec) {
    return vegaEmbed(live, spec, { actions: false, renderer: "svg", tooltip: { theme: "light" }, downloadFileName: name });
  };
  var svgWidth = function (live) { var svg = live.querySelector("svg"); return svg ? Number(svg.getAttribute("width")) || 0 : 0; };
  each(doc.querySelectorAll("figure[data-chart]"), function (fig) {
    var name = fig.getAttribute("data-chart");
    var live = fig.querySelector(".chart-live");
    if (typeof vegaEmbed !== "function" || !specs[name]) return;
    var avail = fig.querySelector(".chart-scroll").clientWidth;
    var natural = Number(fig.getAttribute("data-width")) || 0;
    var current = null;
    var render = function (f) {
      if (current) { current.finalize(); live.textContent = ""; }
      return draw(live, name, narrow(specs[name], f, avail)).then(function (res) { current = res; return svgWidth(live); });
    };
    // The chart's width is about fixed + f × plot: each drawing refines the two (secant steps).
    var fit = function () {
      if (!(natural > avail)) return render(1);
      var step = function (f0, w0, f1, w1, left) {
        if (w1 <= avail || left === 0) return Promise.resolve(w1);
        var plot = Math.max(1, (w0 - w1) / Math.max(0.01, f0 - f1));
        var f = Math.min(1, Math.max(MIN_SCALE, f1 - (w1 - avail) / plot - 0.01));
        if (f >= f1 - 0.005) return Promise.resolve(w1);
        return render(f).then(function (w) { return step(f1, w1, f, w, left - 1); });
      };
      return render(0.5).then(function (half) { return step(1, natural, 0.5, half, 3); });
    };
    fit()
      .then(function () {
        // A mark container of an empty layer gets a graphics role but no label: hide it from assistive tech.
        each(live.querySelectorAll('[role="graphics-symbol"]:not([aria-label]), [role="img"]:not([aria-label])'), function (el) { el.setAttribute("aria-hidden", "true"); });
        var w = svgWidth(live);
        if (w) live.style.setProperty("--w", w + "px");
        fig.classList.toggle("scrolls", w > avail + 1);
        // Each mark opens the facts it comes from.
        current.view.addEventListener("click", function (_ev, item) {
          var ids = idsOf(item && item.datum);
          if (ids.length === 0) return;
          var label = item.datum.provider || item.datum.claim || item.datum.measure || item.datum.macro_geo || name;
          openFacts(ids, String(label));
        });
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
  // The quotes behind the facts, once each, with the facts asked for marked.
  var openFacts = function (ids, label) {
    if (typeof dialog.showModal !== "function") return false;
    body.textContent = "";
    var cards = [];
    ids.forEach(function (id) {
      var li = doc.getElementById(id);
      var card = li && li.closest ? li.closest("article.fact") : null;
      if (!card) return;
      var entry = cards.filter(function (c) { return c.card === card; })[0];
      if (entry) entry.ids.push(id); else cards.push({ card: card, ids: [id] });
    });
    if (cards.length === 0) return false;
    cards.forEach(function (c) {
      var copy = c.card.cloneNode(true);
      each(copy.querySelectorAll("li.cite"), function (li) { if (c.ids.indexOf(li.id) >= 0) li.classList.add("cited"); });
      copy.removeAttribute("id"); copy.removeAttribute("aria-labelledby");
      each(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); el.removeAttribute("tabindex"); });
      var link = doc.createElement("p");
      var to = doc.createElement("a");
      to.href = "#" + c.ids[0]; to.textContent = "Show in the list of quotes";
      to.addEventListener("click", function () { dialog.close(); openSectionOf(doc.getElementById(c.ids[0])); });
      link.appendChild(to); copy.appendChild(link);
      body.appendChild(copy);
    });
    title.textContent = "Where “" + label + "” comes from" + (cards.length > 1 ? " (" + cards.length + " quotes)" : "");
    dialog.showModal();
    return true;
  };
  doc.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a.fig") : null;
    if (!a) return;
    var ids = (a.getAttribute("data-facts") || "").split(" ").filter(Boolean);
    if (ids.length === 0) return;
    if (openFacts(ids, a.getAttribute("data-label") || a.textContent)) ev.preventDefault();
    else openSectionOf(doc.getElementById(ids[0]));
  });

  // Sections: a button in each heading collapses the section; the contents' button collapses or
  // opens them all; following a link into a collapsed section opens it. On a phone the long
  // reference sections start collapsed.
  var toggles = doc.querySelectorAll("button.section-toggle");
  var setOpen = function (btn, open) {
    btn.setAttribute("aria-expanded", open ? "true" : "false");
    var bodyEl = doc.getElementById(btn.getAttribute("aria-controls"));
    if (bodyEl) bodyEl.hidden = !open;
    if (open) flagWide();
  };
  each(toggles, function (btn) {
    btn.addEventListener("click", function () { setOpen(btn, btn.getAttribute("aria-expanded") !== "true"); syncAll(); });
  });
  var all = doc.querySelector("button.toc-all");
  var syncAll = function () {
    if (!all) return;
    var anyOpen = Array.prototype.some.call(toggles, function (b) { return b.getAttribute("aria-expanded") === "true"; });
    all.textContent = anyOpen ? "Collapse all sections" : "Open all sections";
    all.setAttribute("data-open", anyOpen ? "true" : "false");
  };
  if (all) all.addEventListener("click", function () {
    var open = all.getAttribute("data-open") !== "true";
    each(toggles, function (b) { setOpen(b, open); });
    syncAll();
  });
  var openSectionOf = function (el) {
    var section = el && el.closest ? el.closest("main > section") : null;
    var btn = section ? section.querySelector("button.section-toggle") : null;
    if (btn && btn.getAttribute("aria-expanded") !== "true") { setOpen(btn, true); syncAll(); }
    if (el && el.scrollIntoView) el.scrollIntoView();
  };
  var followHash = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id) openSectionOf(doc.getElementById(id));
  };
  if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) {
    each(toggles, function (b) { if (b.getAttribute("data-phone") === "collapsed") setOpen(b, false); });
  }
  syncAll();
  window.addEventListener("hashchange", followHash);
  followHash();

  // Tables wider than their box: a cue says they scroll sideways (shown while they do).
  function scrollCue() {
    var cue = doc.createElement("p");
    cue.className = "scroll-cue"; cue.setAttribute("aria-hidden", "true"); cue.textContent = "Scroll sideways for more columns →";
    return cue;
  }
  function flagWide() {
    each(doc.querySelectorAll(".table-wrap"), function (w) {
      var wide = w.scrollWidth > w.clientWidth + 1;
      w.classList.toggle("scrolls", wide);
      if (wide && !w.querySelector(".scroll-cue")) w.insertBefore(scrollCue(), w.firstChild);
    });
  }
  flagWide();
  window.addEventListener("resize", flagWide);
  doc.addEventListener("toggle", flagWide, true);

  // Long tables: the rows after the first ones wait in a template until "Show all" or a sort (a sort
  // of the first rows alone would mislead). They join in their order, so data-i stays the row's index.
  var showAll = function (table) {
    var block = table.closest(".table-block");
    var rest = block ? block.querySelector("template.more-rows") : null;
    if (!rest) return;
    var tbody = table.tBodies[0];
    tbody.appendChild(rest.content);
    each(tbody.rows, function (r, i) { if (!r.hasAttribute("data-i")) r.setAttribute("data-i", String(i)); });
    rest.parentNode.removeChild(rest);
    var line = block.querySelector("p.preview");
    var btn = line.querySelector("button.show-all");
    var hadFocus = doc.activeElement === btn;
    line.removeChild(btn);
    line.querySelector(".preview-status").textContent = "Showing all " + tbody.rows.length + " rows.";
    // The button is gone: keep the reader's place in the tab order at the table.
    if (hadFocus) table.closest(".table-wrap").focus({ preventScroll: true });
    flagWide();
  };
  each(doc.querySelectorAll("button.show-all"), function (btn) {
    var table = btn.closest(".table-block").querySelector("table.sortable");
    btn.addEventListener("click", function () { showAll(table); });
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
        showAll(table);
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
