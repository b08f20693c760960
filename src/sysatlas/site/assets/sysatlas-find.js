/* sysatlas finding aids: the catalogue's filters and the map's highlighting. No network.
   Without JavaScript the catalogue is a plain table (its filter form stays hidden) with plain lists beside it. */
(function () {
  "use strict";

  function catalogue() {
    var form = document.querySelector("form.sysatlas-filters");
    var table = document.querySelector("table.sysatlas-catalogue");
    if (!form || !table || form.dataset.wired) { return; }
    form.dataset.wired = "1";
    form.hidden = false;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-facet]"));
    var count = form.querySelector(".sysatlas-count");
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (f) { if (params.get(f.dataset.facet)) { f.value = params.get(f.dataset.facet); } });
    function apply() {
      var want = {}, shown = 0;
      fields.forEach(function (f) { if (f.value) { want[f.dataset.facet] = f.value; } });
      rows.forEach(function (row) {
        var ok = Object.keys(want).every(function (facet) {
          if (facet === "text") { return row.cells[0].textContent.toLowerCase().indexOf(want.text.toLowerCase()) >= 0; }
          if (facet === "system") { return (row.dataset.system || "").indexOf(" " + want.system + " ") >= 0; }
          return row.dataset[facet] === want[facet];
        });
        row.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = shown + " of " + rows.length + " diagrams";
      var query = new URLSearchParams(want).toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // The map: pointing at (or focusing) a box brings its lines forward.
  function map() {
    var svg = document.querySelector("svg.sysatlas-map");
    if (!svg || svg.dataset.wired) { return; }
    svg.dataset.wired = "1";
    function mark(key, on) {
      svg.querySelectorAll("path.sysatlas-map-edge").forEach(function (p) {
        if (p.dataset.a === key || p.dataset.b === key) { p.classList.toggle("sysatlas-lit", on); }
      });
    }
    svg.parentElement.querySelectorAll("a.sysatlas-map-node").forEach(function (a) {
      ["mouseenter", "focus"].forEach(function (t) { a.addEventListener(t, function () { mark(a.dataset.key, true); }); });
      ["mouseleave", "blur"].forEach(function (t) { a.addEventListener(t, function () { mark(a.dataset.key, false); }); });
    });
  }

  function start() { catalogue(); map(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
