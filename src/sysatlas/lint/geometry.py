"""Geometry: what the rendered SVG looks like, measured in Chromium (browser/geometry.js), against fixed limits.

Every limit is here, and docs/authoring.md ("Geometry") explains them. They are set so a diagram fits the site's
diagram area at 1440x900 with its text at 13 px or more, and so the drawing does not say what the content does
not: an edge through a box reads as a link to it, a label under a group title hides it.

    GEOM001  an edge runs through a node box it does not connect
    GEOM002  two texts overlap (edge labels, node texts, group titles)
    GEOM003  a text spills out of its shape (node, note, actor box, group frame)
    GEOM004  a large group its nodes leave nearly empty
    GEOM005  wider than the site shows with text at MIN_TEXT px or more

A diagram named with a code in the atlas's `geometry-baseline.txt` (`<category>/<subject>#<diagram> GEOMxxx`, one a
line) is not reported for that code: the list of what failed when the lint arrived, to shrink to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..atlas import Diagram
from ..browser.geometry import Geometry
from ..diagnostics import Report
from ..theme import DIAGRAM_WIDTH

MIN_TEXT = 13.0
"""px: the smallest text a reader should get once the site has scaled the diagram to DIAGRAM_WIDTH."""
CROSSING = 8.0
"""px: how far an edge may run inside a box it does not connect (less is a graze at a corner)."""
OVERLAP = 4.0
"""px: two texts overlap when their boxes share more than this in both directions (less is line spacing)."""
OVERFLOW = 3.0
"""px: how far a text may reach past the edge of its shape."""
GROUP_AREA = 120_000.0
"""px²: a group at least this large (about 350 x 350)..."""
GROUP_FILL = 0.1
"""...whose nodes cover less than this share of it is nearly empty."""
PER_RULE = 4
"""At most this many findings of one code per diagram: the first few show what to fix."""
BASELINE = "geometry-baseline.txt"


def width_limit(font: float) -> float:
    """Return the widest natural width at which text of `font` px still shows at MIN_TEXT px on the site."""
    return DIAGRAM_WIDTH * max(font, 1.0) / MIN_TEXT


def read_baseline(root: Path) -> set[tuple[str, str]]:
    """Return the (diagram key, code) pairs the atlas's baseline file lists."""
    try:
        text = (root / BASELINE).read_text(encoding="utf-8")
    except OSError:
        return set()
    out = set()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):  # "#" starts a comment only at the start of a line
            out.add((parts[0], parts[1]))
    return out


class Places:
    """Map the Mermaid ids the templates emit (n_api, p_edge, L_n_a_n_b_0) back to YAML lines of a diagram."""

    def __init__(self, d: Diagram) -> None:
        self.d = d
        self.ids: dict[str, tuple[Any, ...]] = {}
        self.labels: dict[str, tuple[Any, ...]] = {}
        self.edges: dict[tuple[str, str], tuple[Any, ...]] = {}
        self._walk(d.body, ())
        for i, edge in enumerate(getattr(d.body, "edges", None) or []):
            ends = (getattr(edge, "from_", None), getattr(edge, "to", None))
            if all(isinstance(e, str) for e in ends):
                self.edges.setdefault((str(ends[0]), str(ends[1])), ("edges", i))

    def _walk(self, value: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(value, BaseModel):
            ident = getattr(value, "id", None)
            if isinstance(ident, str) and loc:
                self.ids.setdefault(ident, (*loc, "id"))
            for name in ("label", "text", "ask", "note"):
                shown = getattr(value, name, None)
                if isinstance(shown, str) and loc:
                    self.labels.setdefault(squash(shown), (*loc, name))
            for name, info in type(value).model_fields.items():
                self._walk(getattr(value, name), (*loc, info.alias or name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._walk(item, (*loc, i))

    def content_id(self, mermaid_id: str) -> str:
        """Return the content id behind a node or group id ("n_api" -> "api"; a state's note: "x----note")."""
        mermaid_id = re.sub(r"^[a-z]+\d+-", "", mermaid_id)  # Mermaid prefixes some ids with the render's id ("d0-")
        if mermaid_id.endswith("----note"):
            return f"the note on {mermaid_id.removesuffix('----note')}"
        return re.sub(r"^[a-z]+_", "", mermaid_id, count=1)

    def node(self, mermaid_id: str, text: str = "") -> int:
        """Return the line of a node or group, else of the element that shows `text`, else of the diagram."""
        loc = self.ids.get(self.content_id(mermaid_id)) if mermaid_id else None
        loc = loc or self.labels.get(squash(text)) or self._starting(squash(text))
        return self.d.line_of(loc) if loc else self.d.line

    def _starting(self, shown: str) -> tuple[Any, ...] | None:
        """The element whose label starts with `shown`: the measure cuts long texts short (geometry.js)."""
        if len(shown) < 20:
            return None
        found = [loc for label, loc in self.labels.items() if label.startswith(shown)]
        return found[0] if len(found) == 1 else None

    def edge_ends(self, edge_id: str) -> tuple[str, str] | None:
        """Return the content ids of an edge's ends ("L_n_a_n_b_0" -> ("a", "b")), when they are known."""
        core = re.sub(r"_\d+$", "", re.sub(r"^L_", "", edge_id))
        for m in re.finditer("_", core):
            a, b = core[: m.start()], core[m.end() :]
            ends = (self.content_id(a), self.content_id(b))
            if ends in self.edges or (ends[0] in self.ids and ends[1] in self.ids and re.match(r"^[a-z]+_", b)):
                return ends
        return None

    def edge(self, edge_id: str) -> int:
        ends = self.edge_ends(edge_id)
        loc = self.edges.get(ends) if ends else None
        return self.d.line_of(loc) if loc else self.d.line

    def direction(self) -> int:
        return self.d.line_of(("direction",)) if getattr(self.d.body, "direction", None) else self.d.line


Finding = tuple[int, str, str]  # (line, CODE, message)


def squash(text: str) -> str:
    """Compare a label as written with the text the SVG shows (wrapped, entities decoded): letters and digits."""
    return re.sub(r"[\W_]+", "", text).lower()


def findings(d: Diagram, width: float, g: Geometry) -> Iterator[Finding]:
    """Yield the geometry problems of one rendered diagram."""
    places = Places(d)
    yield from _capped(_crossings(d, places, g))
    yield from _capped(_overlaps(d, places, g))
    yield from _capped(_overflows(d, places, g))
    yield from _capped(_groups(d, places, g))
    limit = width_limit(g.font)
    if width > limit:
        shown = g.font * DIAGRAM_WIDTH / width
        yield (
            places.direction(),
            "GEOM005",
            f"{d.key} is {width:.0f} px wide with {g.font:g} px text: the site ({DIAGRAM_WIDTH} px) would show its "
            f"text at {shown:.1f} px (at least {MIN_TEXT:g}); keep it under {limit:.0f} px: "
            + (
                "use direction TB/TD (LR puts every rank side by side), shorten the longest labels, or split it"
                if getattr(d.body, "direction", None)
                else "shorten the longest labels, use fewer entries side by side, or split it"
            ),
        )


def _capped(items: Iterable[Finding]) -> Iterator[Finding]:
    seen: set[str] = set()
    for item in items:
        if item[2] in seen:
            continue
        seen.add(item[2])
        if len(seen) > PER_RULE:
            return
        yield item


def _crossings(d: Diagram, places: Places, g: Geometry) -> Iterator[Finding]:
    for c in sorted(g.crossings, key=lambda c: -float(c["length"])):
        if float(c["length"]) <= CROSSING:
            continue
        ends = places.edge_ends(str(c["edge"]))
        what = f"{ends[0]} → {ends[1]}" if ends else str(c["edge"])
        node = places.content_id(str(c["node"]))
        yield (
            places.edge(str(c["edge"])),
            "GEOM001",
            f"{d.key}: the edge {what} runs {float(c['length']):.0f} px through node {node!r}, which it does not "
            f"connect, so it reads as a link to it; move {node!r} into the group it talks to, reorder the nodes, "
            "or change the direction",
        )


def _overlaps(d: Diagram, places: Places, g: Geometry) -> Iterator[Finding]:
    for o in g.overlaps:
        if min(float(o["w"]), float(o["h"])) <= OVERLAP:
            continue
        roles = {o["a_role"], o["b_role"]}
        hint = (
            "shorten the plane/group title or the label, or move the node out of the group"
            if "group title" in roles
            else "shorten one of them (detail belongs in the caption) or change the direction"
        )
        a_id = str(o["a_id"])
        line = places.edge(a_id) if a_id.startswith("L_") else places.node(a_id, str(o["a"]))
        yield (
            line,
            "GEOM002",
            f"{d.key}: {o['a_role']} {o['a']!r} overlaps {o['b_role']} {o['b']!r} "
            f"({float(o['w']):.0f} x {float(o['h']):.0f} px); {hint}",
        )


def _overflows(d: Diagram, places: Places, g: Geometry) -> Iterator[Finding]:
    for o in sorted(g.overflows, key=lambda o: -float(o["by"])):
        if float(o["by"]) <= OVERFLOW:
            continue
        yield (
            places.node(str(o.get("id") or ""), str(o["text"])),
            "GEOM003",
            f"{d.key}: text {o['text']!r} spills {float(o['by']):.0f} px out of its shape; shorten it, or move the "
            "detail to the caption or the 3 AM box",
        )


def _groups(d: Diagram, places: Places, g: Geometry) -> Iterator[Finding]:
    for grp in g.groups:
        w, h, fill = float(grp["w"]), float(grp["h"]), float(grp["fill"])
        if w * h < GROUP_AREA or fill >= GROUP_FILL:
            continue
        gid = places.content_id(str(grp["id"]))
        yield (
            places.node(str(grp["id"])),
            "GEOM004",
            f"{d.key}: group {gid!r} is {w:.0f} x {h:.0f} px and its {grp['nodes']} node(s) fill {fill:.0%} of it "
            f"(at least {GROUP_FILL:.0%}); it is stretched by edges across it: move the nodes that talk to its "
            "members into it, merge it with a neighbour, or drop the group",
        )


def check(diagrams: list[Diagram], widths: list[float], measured: list[Geometry], report: Report, root: Path) -> None:
    """Report the geometry problems of each rendered diagram, except those the atlas's baseline lists."""
    baseline = read_baseline(root)
    for d, width, g in zip(diagrams, widths, measured, strict=True):
        for line, code, message in findings(d, width, g):
            if (d.key, code) not in baseline:
                report.add(d.doc.rel, line, code, message)
