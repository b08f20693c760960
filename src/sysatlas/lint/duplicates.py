"""Template stamping: two diagrams with the same structure, or nearly the same words, are one diagram twice."""

from __future__ import annotations

import re
from itertools import combinations

from ..atlas import Atlas, Diagram
from ..diagnostics import Report
from ..kinds import walk_text
from .placeholders import find

MIN_ELEMENTS = 8  # small shapes (a 3-slice pie, a 2-question tree) coincide by nature
SIMILAR = 0.8  # Jaccard similarity of word sets above which two diagrams say the same thing
WORD = re.compile(r"[a-z][a-z0-9]+")


def _words(d: Diagram) -> frozenset[str]:
    return frozenset(w for t in walk_text(d.body) for w in WORD.findall(t.lower()) if not w.isdigit())


def check(atlas: Atlas, report: Report) -> None:
    """Flag same-structure diagrams (DUP001) and near-identical wording (DUP002)."""
    # unfinished diagrams are PH001's business; two fresh skeletons are not stamped content
    diagrams = [d for d in atlas.diagrams() if not any(find(t) for t in walk_text(d.body))]
    shapes: dict[tuple[object, ...], Diagram] = {}
    for d in diagrams:
        nodes, edges = d.kind.size(d.body)
        if nodes + edges < MIN_ELEMENTS:
            continue
        key = (d.kind.name, d.kind.shape(d.body))
        first = shapes.setdefault(key, d)
        if first is not d and d.kind.name not in ("pie", "chart", "quadrant"):
            report.add(d.doc.rel, d.line, "DUP001",
                       f"{d.key} has the same structure as {first.key} ({first.origin}) with only labels "
                       "changed; make each diagram say something the other does not")
    words = [(d, _words(d)) for d in diagrams]
    for (a, wa), (b, wb) in combinations(words, 2):
        if a.kind.name != b.kind.name or len(wa) < 8 or len(wb) < 8:
            continue
        score = len(wa & wb) / len(wa | wb)
        if score >= SIMILAR:
            report.add(b.doc.rel, b.line, "DUP002",
                       f"{b.key} shares {score:.0%} of its words with {a.key} ({a.origin}); "
                       "merge them or make them differ in substance")
