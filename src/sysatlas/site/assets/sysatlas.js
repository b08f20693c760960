/* sysatlas reader tools: zoom/pan and full screen, copy the Mermaid source, download the SVG. No network. */
(function () {
  "use strict";

  // Material replaces each pre.mermaid with its rendering; keep the source first (this script runs before
  // DOMContentLoaded, when Material has not rendered yet) so "Copy source" needs no second copy in the page.
  var sources = new WeakMap();
  document.querySelectorAll("figure.sysatlas-diagram").forEach(function (figure) {
    var pre = figure.querySelector("pre.mermaid");
    if (pre) { sources.set(figure, pre.textContent.replace(/\n?$/, "\n")); }  // as the .mmd file has it
  });

  function svgOf(figure) {
    var host = figure.querySelector("div.mermaid");
    var root = host && (host.shadowRoot || host);
    return root ? root.querySelector("svg") : null;
  }

  function download(figure) {
    var svg = svgOf(figure);
    if (!svg) { return; }
    var text = new XMLSerializer().serializeToString(svg);
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
    link.download = figure.dataset.diagram + ".svg";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function copySource(figure, button) {
    var text = sources.get(figure);
    if (text === undefined) { return; }
    var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy source"; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else { fallbackCopy(text); done(); }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.className = "sysatlas-source";
    document.body.appendChild(area); area.select(); document.execCommand("copy"); area.remove();
  }

  function openViewer(figure) {
    var svg = svgOf(figure);
    if (!svg) { return; }
    var dialog = document.createElement("dialog");
    dialog.className = "sysatlas-viewer";
    dialog.setAttribute("aria-label", "Zoomable view of " + figure.dataset.title);
    var bar = document.createElement("div");
    bar.className = "sysatlas-viewer-bar";
    var stage = document.createElement("div");
    stage.className = "sysatlas-viewer-stage";
    var clone = svg.cloneNode(true);
    clone.removeAttribute("style");
    clone.style.maxWidth = "none";
    var box = clone.viewBox && clone.viewBox.baseVal;
    if (box && box.width) { clone.setAttribute("width", box.width); clone.setAttribute("height", box.height); }
    var holder = document.createElement("div");
    holder.className = "sysatlas-viewer-canvas " + figure.className;
    holder.appendChild(clone);
    stage.appendChild(holder);
    var scale = 1, x = 0, y = 0;
    function apply() { holder.style.transform = "translate(" + x + "px," + y + "px) scale(" + scale + ")"; }
    function button(label, action) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = label; b.className = "md-button";
      b.addEventListener("click", action); bar.appendChild(b); return b;
    }
    button("+", function () { scale *= 1.25; apply(); });
    button("−", function () { scale /= 1.25; apply(); });
    button("Fit", function () {
      var w = stage.clientWidth / (box && box.width || 1), h = stage.clientHeight / (box && box.height || 1);
      scale = Math.min(w, h, 4); x = 0; y = 0; apply();
    });
    button("Close", function () { dialog.close(); });
    stage.addEventListener("wheel", function (e) {
      e.preventDefault(); scale *= e.deltaY < 0 ? 1.1 : 1 / 1.1; apply();
    }, {passive: false});
    var drag = null;
    stage.addEventListener("pointerdown", function (e) { drag = {x: e.clientX - x, y: e.clientY - y}; stage.setPointerCapture(e.pointerId); });
    stage.addEventListener("pointermove", function (e) { if (drag) { x = e.clientX - drag.x; y = e.clientY - drag.y; apply(); } });
    stage.addEventListener("pointerup", function () { drag = null; });
    dialog.appendChild(bar);
    dialog.appendChild(stage);
    dialog.addEventListener("close", function () { dialog.remove(); });
    document.body.appendChild(dialog);
    dialog.showModal();
    bar.querySelectorAll("button")[2].click();
  }

  function wire(figure) {
    if (figure.dataset.wired) { return; }
    figure.dataset.wired = "1";
    var tools = figure.querySelector(".sysatlas-tools");
    if (!tools) { return; }
    tools.querySelector("[data-action=zoom]").addEventListener("click", function () { openViewer(figure); });
    var copy = tools.querySelector("[data-action=copy]");
    copy.addEventListener("click", function () { copySource(figure, copy); });
    tools.querySelector("[data-action=download]").addEventListener("click", function () { download(figure); });
  }

  // Wide diagrams: never shrink text below 60% of its size; the figure scrolls sideways instead.
  var MIN_SCALE = 0.6;
  function fit(figure) {
    var svg = svgOf(figure);
    if (!svg) { return false; }
    var box = svg.viewBox && svg.viewBox.baseVal;
    var scroller = figure.querySelector(".sysatlas-scroll");
    if (box && box.width && scroller && box.width * MIN_SCALE > scroller.clientWidth) {
      svg.style.maxWidth = "none";
      svg.style.width = Math.round(box.width * MIN_SCALE) + "px";
      svg.style.height = "auto";
      figure.classList.add("sysatlas-wide");
    }
    return true;
  }

  function whenRendered(figure, tries) {
    if (fit(figure) || tries <= 0) { return; }
    setTimeout(function () { whenRendered(figure, tries - 1); }, 150);
  }

  // The about page: fill the report with the diagram the reader came from.
  function prefillReport() {
    var box = document.getElementById("sysatlas-report-text");
    var id = new URLSearchParams(window.location.search).get("diagram");
    if (box && id) {
      box.value = "Diagram: " + id + "\nPage: " + document.referrer + "\nWhat is wrong:\nWhat it should say:\n" +
        "Public source for the correction (URL):";
    }
  }

  function reportLinks() {
    document.querySelectorAll("a.sysatlas-report[data-diagram]").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), window.location.href);
      url.searchParams.set("diagram", a.dataset.diagram);
      a.setAttribute("href", url.pathname + url.search + url.hash);
    });
  }

  function start() {
    document.querySelectorAll("figure.sysatlas-diagram").forEach(function (figure) {
      wire(figure);
      whenRendered(figure, 60);
    });
    reportLinks();
    prefillReport();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
