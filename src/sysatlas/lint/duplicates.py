"""Template stamping: two diagrams with the same structure, or nearly the same words, are one diagram twice."""

from __future__ import annotations

import re

from ..atlas import Atlas, Diagram
from ..diagnostics import Report
from ..model import walk_text
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
        if d.kind.shape is None or nodes + edges < MIN_ELEMENTS:
            continue
        key = (d.kind.name, d.kind.shape(d.body))
        first = shapes.setdefault(key, d)
        if first is not d:
            report.add(
                d.doc.rel,
                d.line,
                "DUP001",
                f"{d.key} has the same structure as {first.key} ({first.origin}) with only labels "
                "changed; make each diagram say something the other does not",
            )
    by_kind: dict[str, list[tuple[Diagram, frozenset[str]]]] = {}
    for d in diagrams:
        words = _words(d)
        if len(words) >= 8:
            by_kind.setdefault(d.kind.name, []).append((d, words))
    for group in by_kind.values():
        # Jaccard >= SIMILAR needs the smaller set to be >= SIMILAR of the larger: compare neighbours by size only
        group.sort(key=lambda item: len(item[1]))
        for i, (a, wa) in enumerate(group):
            for b, wb in group[i + 1 :]:
                if len(wa) < SIMILAR * len(wb):
                    break
                score = len(wa & wb) / len(wa | wb)
                if score >= SIMILAR:
                    first, second = sorted((a, b), key=lambda d: (d.doc.rel, d.index))
                    report.add(
                        second.doc.rel,
                        second.line,
                        "DUP002",
                        f"{second.key} shares {score:.0%} of its words with {first.key} ({first.origin}); "
                        "merge them or make them differ in substance",
                    )
