/* sysatlas reader tools: zoom/pan and full screen, copy the Mermaid source, download the SVG. No network.
   Each figure holds the two SVGs the build checked (light, dark) as images; the page runs no diagram code. */
(function () {
  "use strict";

  function dark() { return document.body.getAttribute("data-md-color-scheme") === "slate"; }

  // The image the reader sees now: the variant of the current colour scheme.
  function imageOf(figure) {
    return figure.querySelector("img.sysatlas-svg.sysatlas-" + (dark() ? "dark" : "light")) ||
      figure.querySelector("img.sysatlas-svg");
  }

  function copySource(figure, link) {
    var done = function () {
      link.textContent = "Copied";
      link.setAttribute("aria-live", "polite");
      setTimeout(function () { link.textContent = "Copy source"; }, 1500);
    };
    fetch(link.href).then(function (r) { return r.text(); }).then(function (text) {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
      } else { fallbackCopy(text); done(); }
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.className = "sysatlas-source";
    document.body.appendChild(area); area.select(); document.execCommand("copy"); area.remove();
  }

  function openViewer(figure) {
    var image = imageOf(figure);
    if (!image) { return; }
    var dialog = document.createElement("dialog");
    dialog.className = "sysatlas-viewer";
    dialog.setAttribute("aria-label", "Zoomable view of " + figure.dataset.title);
    var bar = document.createElement("div");
    bar.className = "sysatlas-viewer-bar";
    var stage = document.createElement("div");
    stage.className = "sysatlas-viewer-stage";
    var clone = image.cloneNode(true);
    clone.removeAttribute("loading");
    clone.removeAttribute("style");
    clone.style.maxWidth = "none";
    var box = {width: image.naturalWidth || image.width, height: image.naturalHeight || image.height};
    clone.setAttribute("width", box.width); clone.setAttribute("height", box.height);
    var holder = document.createElement("div");
    holder.className = "sysatlas-viewer-canvas";
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
      var w = stage.clientWidth / (box.width || 1), h = stage.clientHeight / (box.height || 1);
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
    copy.setAttribute("role", "button");
    copy.addEventListener("click", function (event) { event.preventDefault(); copySource(figure, copy); });
  }

  // Wide diagrams: never shrink text below 60% of its size; the figure scrolls sideways instead.
  var MIN_SCALE = 0.6;
  function fit(figure) {
    figure.querySelectorAll("img.sysatlas-svg").forEach(function (image) {
      var scroller = figure.querySelector(".sysatlas-scroll");
      var width = Number(image.getAttribute("width")) || image.naturalWidth;
      if (width && scroller && width * MIN_SCALE > scroller.clientWidth) {
        image.style.maxWidth = "none";
        image.style.width = Math.round(width * MIN_SCALE) + "px";
        figure.classList.add("sysatlas-wide");
      }
    });
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
      if (url.origin !== window.location.origin) { return; }  // a tracker's new-issue link is prefilled already
      url.searchParams.set("diagram", a.dataset.diagram);
      a.setAttribute("href", url.pathname + url.search + url.hash);
    });
  }

  function start() {
    document.querySelectorAll("figure.sysatlas-diagram").forEach(function (figure) {
      wire(figure);
      fit(figure);
    });
    reportLinks();
    prefillReport();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
