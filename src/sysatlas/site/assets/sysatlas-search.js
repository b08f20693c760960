/* sysatlas: load the search index only when the reader uses search. Material asks for search_index.json at
   start-up; this holds that one request back until the search box is focused or clicked (or a search shortcut
   is pressed), so a page costs only its own HTML, CSS, JS and SVGs. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var released = false;
  function release() {
    if (released) { return; }
    released = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.sysatlasIndex = /search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.sysatlasIndex && !released) {
      waiting.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };
  function onSearch(event) {
    var t = event.target;
    if (t && t.closest && t.closest(".md-search, label[for='__search'], [data-md-toggle='search']")) { release(); }
  }
  document.addEventListener("focusin", onSearch, true);
  document.addEventListener("pointerdown", onSearch, true);
  document.addEventListener("keydown", function (event) {
    if (["/", "s", "f", "S", "F"].indexOf(event.key) >= 0) { release(); }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") { release(); }
  }, true);
  window.sysatlasSearchReleased = function () { return released; };
})();
