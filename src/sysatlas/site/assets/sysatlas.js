/* sysatlas reader tools: a full-screen viewer (buttons, mouse wheel, drag, pinch, keyboard), copy the link or the
   Mermaid source, download the SVG, open the text alternative. No network. Each figure holds the two SVGs the
   build checked (light, dark) as images in links to the files, so without JavaScript a click opens the SVG. */
(function () {
  "use strict";

  function dark() { return document.body.getAttribute("data-md-color-scheme") === "slate"; }

  // The image the reader sees now: the variant of the current colour scheme.
  function imageOf(figure) {
    return figure.querySelector("img.sysatlas-svg.sysatlas-" + (dark() ? "dark" : "light")) ||
      figure.querySelector("img.sysatlas-svg");
  }

  // One polite live region per page: what a button did, read out by screen readers.
  function announce(text) {
    var region = document.getElementById("sysatlas-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "sysatlas-status"; region.className = "sysatlas-status";
      region.setAttribute("role", "status"); region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    setTimeout(function () { region.textContent = text; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { fallbackCopy(text); });
    }
    fallbackCopy(text);
    return Promise.resolve();
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.className = "sysatlas-source";
    document.body.appendChild(area); area.select(); document.execCommand("copy"); area.remove();
  }

  function flash(link, label, said) {
    var was = link.dataset.label || link.textContent;
    link.dataset.label = was;
    link.textContent = label;
    announce(said);
    setTimeout(function () { link.textContent = was; }, 1500);
  }

  function copySource(link) {
    fetch(link.href).then(function (r) { return r.text(); }).then(copyText).then(function () {
      flash(link, "Copied", "Copied the diagram's Mermaid source");
    });
  }

  function copyLink(link) {
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    copyText(url).then(function () { flash(link, "Link copied", "Copied the link to this diagram"); });
  }

  function openViewer(figure, opener) {
    var image = imageOf(figure);
    if (!image) { return; }
    var dialog = document.createElement("dialog");
    dialog.className = "sysatlas-viewer";
    dialog.setAttribute("aria-label", "Full-screen view of " + figure.dataset.title);
    var bar = document.createElement("div");
    bar.className = "sysatlas-viewer-bar";
    var stage = document.createElement("div");
    stage.className = "sysatlas-viewer-stage";
    stage.tabIndex = 0;
    stage.setAttribute("role", "img");
    stage.setAttribute("aria-label", figure.dataset.title + ": drag or use the arrow keys to pan, + and - to zoom");
    var clone = image.cloneNode(true);
    clone.removeAttribute("loading");
    clone.removeAttribute("style");
    var box = {width: image.naturalWidth || image.width, height: image.naturalHeight || image.height};
    clone.setAttribute("width", box.width); clone.setAttribute("height", box.height);
    var holder = document.createElement("div");
    holder.className = "sysatlas-viewer-canvas";
    holder.appendChild(clone);
    stage.appendChild(holder);
    var scale = 1, x = 0, y = 0;
    var percent = document.createElement("span");
    percent.className = "sysatlas-viewer-help";
    function apply() {
      holder.style.transform = "translate(" + x + "px," + y + "px) scale(" + scale + ")";
      holder.dataset.scale = String(scale);
      percent.textContent = Math.round(scale * 100) + "%";
    }
    function zoomAt(factor, cx, cy) {
      var next = Math.min(8, Math.max(0.05, scale * factor));
      if (cx === undefined) { cx = stage.clientWidth / 2; cy = stage.clientHeight / 2; }
      x = cx - (cx - x) * (next / scale); y = cy - (cy - y) * (next / scale);
      scale = next; apply();
    }
    function fit() {
      var w = stage.clientWidth / (box.width || 1), h = stage.clientHeight / (box.height || 1);
      scale = Math.min(w, h, 2);
      x = (stage.clientWidth - box.width * scale) / 2; y = Math.max(0, (stage.clientHeight - box.height * scale) / 2);
      apply();
    }
    function actual() { scale = 1; x = Math.min(0, (stage.clientWidth - box.width) / 2); y = 0; apply(); }
    function button(label, name, action) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = label; b.setAttribute("aria-label", name); b.title = name;
      b.addEventListener("click", action); bar.appendChild(b); return b;
    }
    var title = document.createElement("p");
    title.className = "sysatlas-viewer-title"; title.textContent = figure.dataset.title;
    bar.appendChild(title);
    button("+", "Zoom in", function () { zoomAt(1.25); });
    button("−", "Zoom out", function () { zoomAt(1 / 1.25); });
    button("Fit", "Fit to screen", fit);
    button("1:1", "Actual size", actual);
    bar.appendChild(percent);
    var close = button("Close", "Close (Esc)", function () { dialog.close(); });
    stage.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = stage.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
    }, {passive: false});
    // One pointer drags; two pointers pinch (zoom about their midpoint) and pan together.
    var pointers = new Map();
    var pinch = null;
    function spread() {
      var p = Array.from(pointers.values());
      var r = stage.getBoundingClientRect();
      return {d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1,
              cx: (p[0].x + p[1].x) / 2 - r.left, cy: (p[0].y + p[1].y) / 2 - r.top};
    }
    stage.addEventListener("pointerdown", function (e) {
      pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
      try { stage.setPointerCapture(e.pointerId); } catch (err) { /* synthetic pointer */ }
      pinch = pointers.size === 2 ? spread() : null;
    });
    stage.addEventListener("pointermove", function (e) {
      var last = pointers.get(e.pointerId);
      if (!last) { return; }
      if (pointers.size === 1) { x += e.clientX - last.x; y += e.clientY - last.y; apply(); }
      pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
      if (pointers.size === 2 && pinch) {
        var now = spread();
        x += now.cx - pinch.cx; y += now.cy - pinch.cy;
        zoomAt(now.d / pinch.d, now.cx, now.cy);
        pinch = now;
      }
    });
    function lift(e) { pointers.delete(e.pointerId); pinch = pointers.size === 2 ? spread() : null; }
    stage.addEventListener("pointerup", lift);
    stage.addEventListener("pointercancel", lift);
    // Keyboard: arrows pan, + and - zoom, 0 fits, 1 shows actual size; Esc closes (the dialog's own behaviour).
    dialog.addEventListener("keydown", function (e) {
      var step = e.shiftKey ? 200 : 60;
      var moves = {ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step]};
      if (moves[e.key]) { x += moves[e.key][0]; y += moves[e.key][1]; apply(); }
      else if (e.key === "+" || e.key === "=") { zoomAt(1.25); }
      else if (e.key === "-" || e.key === "_") { zoomAt(1 / 1.25); }
      else if (e.key === "0") { fit(); }
      else if (e.key === "1") { actual(); }
      else { return; }
      e.preventDefault();
    });
    dialog.appendChild(bar);
    dialog.appendChild(stage);
    dialog.addEventListener("close", function () {
      dialog.remove();
      if (opener && opener.focus) { opener.focus(); }
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    fit();
    close.blur();
    stage.focus();
  }

  function openText(figure, link) {
    var details = document.getElementById(decodeURIComponent(new URL(link.href, window.location.href).hash.slice(1)));
    if (!details) { return; }
    details.open = true;
    details.scrollIntoView({block: "nearest"});
    var summary = details.querySelector("summary");
    if (summary) { summary.focus(); }
  }

  // Say in the Full screen button how small the page shows a diagram that had to shrink to fit.
  function showScale(figure) {
    var image = imageOf(figure), zoom = figure.querySelector("[data-action=zoom]");
    if (!image || !zoom || !image.naturalWidth || !image.clientWidth) { return; }
    // A tall diagram narrow enough to leave room beside it gets its 3 AM note there, in view while reading it.
    var pair = figure.parentElement;
    if (pair && pair.classList.contains("sysatlas-pair")) {
      var room = pair.clientWidth - image.naturalWidth;
      var side = window.innerWidth >= 1220 && room >= 340 && image.naturalHeight > 560;
      pair.classList.toggle("sysatlas-side", side);
      pair.style.gridTemplateColumns = side ? image.naturalWidth + "px minmax(15rem, 24rem)" : "";
    }
    var shown = image.clientWidth / image.naturalWidth;
    zoom.textContent = shown < 0.95 ? "Full screen (shown at " + Math.round(shown * 100) + "%)" : "Full screen";
  }

  function wire(figure) {
    if (figure.dataset.wired) { return; }
    figure.dataset.wired = "1";
    var tools = figure.querySelector(".sysatlas-tools");
    if (!tools) { return; }
    var zoom = tools.querySelector("[data-action=zoom]");
    zoom.addEventListener("click", function () { openViewer(figure, zoom); });
    figure.querySelectorAll("a.sysatlas-open").forEach(function (a) {
      a.addEventListener("click", function (event) { event.preventDefault(); openViewer(figure, a); });
    });
    [["copy", copySource], ["link", copyLink], ["text", openText.bind(null, figure)]].forEach(function (pair) {
      var link = tools.querySelector("[data-action=" + pair[0] + "]");
      if (!link) { return; }
      link.setAttribute("role", "button");
      link.addEventListener("click", function (event) { event.preventDefault(); pair[1](link); });
    });
    figure.querySelectorAll("img.sysatlas-svg").forEach(function (image) {
      image.addEventListener("load", function () { showScale(figure); });
    });
    showScale(figure);
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
    document.querySelectorAll("figure.sysatlas-diagram").forEach(wire);
    reportLinks();
    prefillReport();
  }
  window.addEventListener("resize", function () {
    document.querySelectorAll("figure.sysatlas-diagram").forEach(showScale);
  });
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();
