/* sysatlas: the contrast of every text in a rendered SVG against what is actually painted behind it.
   Used by the render harness (a build error below 4.5:1) and by the site tests on the shipped SVG files. */
"use strict";
const MIN_CONTRAST = 4.5;

function parseColour(value) {
  const m = /rgba?\(([^)]+)\)/.exec(value || "");
  if (!m) return null;
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
}
function over(top, bottom) {
  const a = top.a;
  return {r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1};
}
function luminance(c) {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function ratio(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
function hex(c) {
  return "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("").toUpperCase();
}

const SHAPES = "rect, path, polygon, circle, ellipse";
// The colour behind a text: the topmost painted shape (in document order) whose box holds the text's centre.
function contrastProblems(svg, background, variant) {
  const base = parseColour(background) || {r: 255, g: 255, b: 255, a: 1};
  const shapes = [];
  for (const el of svg.querySelectorAll(SHAPES)) {
    if (el.closest("defs, marker, clipPath, mask")) continue;
    const cs = getComputedStyle(el);
    if (cs.display === "none" || cs.visibility === "hidden") continue;
    const fill = parseColour(cs.fill);
    if (!fill) continue;
    const alpha = fill.a * Number(cs.fillOpacity || 1) * Number(cs.opacity || 1);
    if (alpha <= 0.05) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    const ctm = el.getScreenCTM();
    shapes.push({el, r, inverse: ctm ? ctm.inverse() : null, colour: Object.assign({}, fill, {a: alpha})});
  }
  const problems = [];
  for (const t of svg.querySelectorAll("text")) {
    const label = (t.textContent || "").trim();
    if (!label) continue;
    const cs = getComputedStyle(t);
    if (cs.display === "none" || cs.visibility === "hidden" || Number(cs.opacity) === 0) continue;
    const box = t.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const leaf = Array.from(t.querySelectorAll("tspan")).find((s) => (s.textContent || "").trim()) || t;
    const fg = parseColour(getComputedStyle(leaf).fill);
    if (!fg) continue;
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    let behind = base;
    if (t.classList.contains("sequenceNumber")) {  // its disc is drawn by a marker on the message line
      const disc = svg.querySelector("marker[id$='sequencenumber'] circle");
      const fill = disc && parseColour(getComputedStyle(disc).fill);
      if (fill) behind = over(fill, base);
    }
    else for (const s of shapes) {
      if (cx < s.r.left || cx > s.r.right || cy < s.r.top || cy > s.r.bottom) continue;
      // the box is a first cut; the shape's own fill decides (a diamond's corners are empty)
      if (s.inverse && s.el.isPointInFill) {
        const p = new DOMPoint(cx, cy).matrixTransform(s.inverse);
        if (!s.el.isPointInFill(p)) continue;
      }
      behind = over(s.colour, behind);
    }
    const value = ratio(over(fg, behind), behind);
    if (value < MIN_CONTRAST) {
      problems.push({variant, text: label.slice(0, 80), fg: hex(fg), bg: hex(behind), ratio: Math.round(value * 100) / 100});
    }
  }
  return problems;
}


window.sysatlasContrast = contrastProblems;
