/* sysatlas: the geometry of a rendered SVG, measured where the reader's browser would draw it.
   Returns raw measurements (how long an edge runs inside a box, how much two texts overlap, how far a text
   spills out of its shape, how full a group is, the text size); the limits that make them problems live in
   Python (src/sysatlas/lint/geometry.py), so changing a limit needs no new measurement. */
"use strict";

function geomBox(el) {
  const r = el.getBoundingClientRect();
  return {x: r.left, y: r.top, w: r.width, h: r.height};
}
function geomOverlap(a, b) {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? {w, h} : null;
}
function geomInside(p, b, inset) {
  return p.x > b.x + inset && p.x < b.x + b.w - inset && p.y > b.y + inset && p.y < b.y + b.h - inset;
}
const round1 = (v) => Math.round(v * 10) / 10;

// The Mermaid id of a flowchart or state node ("d3-light-flowchart-n_api-4" -> "n_api"), or of a group.
function geomId(el) {
  const id = el.getAttribute("id") || "";
  const m = /-flowchart-(.+)-\d+$/.exec(id) || /^[^-]+-[a-z]+-state-(.+)-\d+$/.exec(id) || /^[^-]+-[a-z]+-(.+)$/.exec(id);
  return m ? m[1] : id;
}
// The shape a node draws around its text: the first painted child that is not a text background.
function nodeShape(g) {
  for (const el of g.children) {
    if (!/^(rect|polygon|path|circle|ellipse)$/.test(el.tagName) || el.classList.contains("background")) continue;
    const b = geomBox(el);
    if (b.w > 1 && b.h > 1) return el;
  }
  const inner = g.querySelector(":scope > g:not(.label) > rect, :scope > g:not(.label) > polygon, :scope > g:not(.label) > path");
  return inner || null;
}

function visibleTexts(svg) {
  const out = [];
  for (const t of svg.querySelectorAll("text")) {
    if (t.closest(".sysatlas-legend, defs, marker")) continue;
    const rows = t.querySelectorAll(":scope > tspan.row");  // wrapped lines: read them with a space between
    const label = (rows.length ? Array.from(rows, (r) => r.textContent).join(" ") : t.textContent || "").trim();
    if (!label) continue;
    const cs = getComputedStyle(t);
    if (cs.display === "none" || cs.visibility === "hidden" || Number(cs.opacity) === 0) continue;
    const b = geomBox(t);
    if (b.w < 1 || b.h < 1) continue;
    out.push({el: t, text: label.slice(0, 60), box: b});
  }
  return out;
}

// What a text belongs to: a node, an edge label, a group title, or the group its own shape is in.
function owner(t) {
  return t.closest("g.node, g.edgeLabel, g.cluster-label, g.cluster, g[data-et], g.actor-man") || t.parentNode;
}
function role(t) {
  if (t.closest("g.cluster-label")) return "group title";
  if (t.closest("g.edgeLabel")) return "edge label";
  if (t.closest("g.node")) return "node";
  return "text";
}

function measureCrossings(svg) {
  const nodes = [];
  for (const g of svg.querySelectorAll("g.node")) {
    const shape = nodeShape(g);
    if (shape) nodes.push({id: geomId(g), box: geomBox(shape)});
  }
  const out = [];
  const step = 3;
  for (const path of svg.querySelectorAll("path.flowchart-link, path.transition")) {
    const total = path.getTotalLength();
    const ctm = path.getScreenCTM();
    if (!total || !ctm) continue;
    const points = [];
    for (let l = 0; l <= total; l += step) points.push(path.getPointAtLength(l).matrixTransform(ctm));
    const ends = [points[0], points[points.length - 1]];
    const edge = path.getAttribute("data-id") || geomId(path);
    for (const n of nodes) {
      if (ends.some((p) => geomInside(p, n.box, -10))) continue;  // the edge's own ends
      const inside = points.filter((p) => geomInside(p, n.box, 2)).length * step;
      if (inside > 0) out.push({edge, node: n.id, length: round1(inside)});
    }
  }
  return out;
}

function measureOverlaps(texts) {
  const out = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i], b = texts[j];
      const o = geomOverlap(a.box, b.box);
      if (!o || o.w < 0.5 || o.h < 0.5) continue;
      const oa = owner(a.el), ob = owner(b.el);
      if (oa === ob || oa.contains(ob) || ob.contains(oa)) continue;
      out.push({a: a.text, b: b.text, a_role: role(a.el), b_role: role(b.el),
                a_id: geomId(oa), b_id: geomId(ob), w: round1(o.w), h: round1(o.h)});
    }
  }
  return out;
}

// A text spilling out of the shape drawn around it: a node's box, a note, an actor, a group's frame.
function container(t) {
  const node = t.closest("g.node");
  if (node) return nodeShape(node);
  const cluster = t.closest("g.cluster");
  if (cluster) return cluster.querySelector(":scope > rect");
  if (t.closest("g.edgeLabel")) return null;  // its background is sized to the text
  const g = t.parentNode;
  if (!g || g.tagName !== "g") return null;
  for (const el of g.children) {
    if (el === t || !/^(rect|polygon|circle|ellipse)$/.test(el.tagName) || el.classList.contains("background")) continue;
    return el;
  }
  return null;
}
function measureOverflows(texts) {
  const out = [];
  for (const t of texts) {
    const shape = container(t.el);
    if (!shape) continue;
    const c = geomBox(shape), b = t.box;
    const cx = b.x + b.w / 2, cy = b.y + b.h / 2;
    if (cx < c.x || cx > c.x + c.w || cy < c.y || cy > c.y + c.h) continue;  // not the text's shape
    const by = Math.max(c.x - b.x, b.x + b.w - (c.x + c.w), c.y - b.y, b.y + b.h - (c.y + c.h));
    const holder = t.el.closest("g.node, g.cluster, g[data-id]") || t.el.parentNode;
    if (by > 0.5) out.push({text: t.text, id: holder.getAttribute("data-id") || geomId(holder), by: round1(by)});
  }
  return out;
}

// How much of each group's frame its nodes fill.
function measureGroups(svg) {
  const nodes = Array.from(svg.querySelectorAll("g.node")).map((g) => nodeShape(g)).filter(Boolean).map(geomBox);
  const out = [];
  for (const g of svg.querySelectorAll("g.cluster")) {
    const rect = g.querySelector(":scope > rect");
    if (!rect) continue;
    const c = geomBox(rect);
    const inside = nodes.filter((n) => geomInside({x: n.x + n.w / 2, y: n.y + n.h / 2}, c, 0));
    const filled = inside.reduce((s, n) => s + n.w * n.h, 0);
    out.push({id: geomId(g), w: round1(c.w), h: round1(c.h), nodes: inside.length,
              fill: Math.round((filled / Math.max(1, c.w * c.h)) * 1000) / 1000});
  }
  return out;
}

function fontSize(texts) {
  const sizes = texts.map((t) => parseFloat(getComputedStyle(t.el).fontSize)).filter((v) => v > 0).sort((a, b) => a - b);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : 16;
}

// Measure one SVG (markup), drawn at its natural size at the top left of the page.
function measureGeometry(markup) {
  let stage = document.getElementById("geometry-stage");
  if (!stage) {
    stage = document.createElement("div");
    stage.id = "geometry-stage";
    stage.style.cssText = "position:absolute;left:0;top:0";
    document.body.appendChild(stage);
  }
  stage.innerHTML = markup;
  const svg = stage.querySelector("svg");
  if (!svg) return {crossings: [], overlaps: [], overflows: [], groups: [], font: 16};
  const texts = visibleTexts(svg);
  const out = {crossings: measureCrossings(svg), overlaps: measureOverlaps(texts), overflows: measureOverflows(texts),
               groups: measureGroups(svg), font: fontSize(texts)};
  stage.innerHTML = "";
  return out;
}

window.measureGeometry = measureGeometry;
