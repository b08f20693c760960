"""Readability: limits that keep a diagram legible at the site's content width (see the README)."""

from __future__ import annotations

from ..atlas import Atlas
from ..diagnostics import Report
from ..model import walk_text

MAX_TEXT = 110  # characters in one label, message or line of details
MAX_TITLE = 90


def check(atlas: Atlas, report: Report) -> None:
    """Check node and edge counts per kind and the length of every label."""
    for d in atlas.diagrams():
        nodes, edges = d.kind.size(d.body)
        if nodes > d.kind.max_nodes:
            report.add(
                d.doc.rel,
                d.line,
                "READ001",
                f"{nodes} nodes exceed the {d.kind.name} limit of {d.kind.max_nodes}; split the diagram or group nodes",
            )
        if edges > d.kind.max_edges:
            report.add(
                d.doc.rel,
                d.line,
                "READ001",
                f"{edges} edges/messages exceed the {d.kind.name} limit of {d.kind.max_edges}; split the diagram",
            )
        for text in walk_text(d.body):
            if len(text) > MAX_TEXT:
                report.add(
                    d.doc.rel,
                    d.line,
                    "READ002",
                    f"label of {len(text)} characters (limit {MAX_TEXT}): "
                    f"{text[:50]!r}...; shorten it or move detail to the caption",
                )
        if len(d.common.title) > MAX_TITLE:
            report.add(
                d.doc.rel,
                d.doc.line(("diagrams", d.index, "title")),
                "READ002",
                f"title of {len(d.common.title)} characters (limit {MAX_TITLE})",
            )
