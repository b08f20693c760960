/* sysatlas: make Material for MkDocs use the shared Mermaid configuration (the one the build validated with),
   and open the shadow roots Material renders into so that zoom, download and the tests can reach the SVG. */
(function () {
  "use strict";
  var attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (options) {
    return attach.call(this, Object.assign({}, options, {mode: "open"}));
  };
  if (typeof mermaid === "undefined") { return; }
  var initialize = mermaid.initialize.bind(mermaid);
  mermaid.initialize = function (material) {
    var mine = window.SYSATLAS_MERMAID || {};
    var merged = Object.assign({}, material, mine, {
      themeCSS: ((material && material.themeCSS) || "") + "\n" + (mine.themeCSS || ""),
      sequence: Object.assign({}, material && material.sequence, mine.sequence)
    });
    return initialize(merged);
  };
})();
