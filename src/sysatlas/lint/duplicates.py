"""Template stamping: two diagrams with the same structure, or nearly the same words, are one diagram twice."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from ..atlas import Atlas, Diagram
from ..diagnostics import Report
from ..model import walk_text
from .placeholders import find

MIN_ELEMENTS = 8  # small shapes (a 3-slice pie, a 2-question tree) coincide by nature
MIN_TREE = 24  # a decision tree: small trees of one shape (3 questions, 4 choices) coincide by nature
MIN_VALUES = 4  # numbers and times of a kind without links (pie, chart, timeline): fewer coincide by nature
MIN_SERIES = 3  # values in a chart series: two points (before/after) may coincide by nature
SIMILAR = 0.8  # Jaccard similarity of word sets above which two diagrams say the same thing
WORD = re.compile(r"[a-z][a-z0-9]+")
ROUNDS = 3  # Weisfeiler-Lehman refinements: enough to tell apart the small graphs diagrams are
# fields that only decorate an element: adding or removing them does not change what the diagram shows
DECORATION = frozenset(
    {
        "label",
        "note",
        "detail",
        "details",
        "status",
        "severity",
        "stage",
        "cost",
        "shape",
        "text",
        "what",
        "name",
        "title",
        "role",
    }
)
KIND_OF = ("status", "severity", "role")  # what an element is (healthy/failed, trigger/impact): part of the shape


def _graph(body: BaseModel) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Collect the elements that have ids and the links between them (edges, transitions, answers, nesting)."""
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []

    def walk(model: Any, parent: str | None) -> None:
        if isinstance(model, (list, tuple)):
            for item in model:
                walk(item, parent)
            return
        if not isinstance(model, BaseModel):
            return
        here = parent
        node_id = getattr(model, "id", None)
        if isinstance(node_id, str):
            nodes[node_id] = ":".join(str(getattr(model, k, "")) for k in KIND_OF) + type(model).__name__
            if parent is not None:
                edges.append((parent, node_id, "contains"))
            here = node_id
        ends = getattr(model, "from_", None), getattr(model, "to", None)
        if isinstance(ends[0], str) and isinstance(ends[1], str):
            style = str(getattr(model, "style", None) or getattr(model, "arrow", None) or "")
            edges.append((ends[0], ends[1], style))
        target = getattr(model, "goto", None) or getattr(model, "choose", None)
        if isinstance(target, str) and parent is not None:
            edges.append((parent, target, "answer"))
        for name in type(model).model_fields:
            if name not in DECORATION:
                walk(getattr(model, name), here)

    walk(body, None)
    for a, b, _ in edges:  # start/end pseudo-states and the like: a node named by its reference
        for end in (a, b):
            nodes.setdefault(end, f"ref:{end}" if end in ("start", "end") else "ref")
    return nodes, edges


def _signature(d: Diagram) -> tuple[str, ...] | None:
    """What stays when labels change: the graph up to reordering (WL colours), or else the numbers and times."""
    if d.kind.shape is not None:  # the order is the story (messages); star-shaped multigraphs coincide by nature
        nodes_n, edges_n = d.kind.size(d.body)
        return ("ordered", repr(d.kind.shape(d.body))) if nodes_n + edges_n >= MIN_ELEMENTS else None
    nodes, edges = _graph(d.body)
    minimum = MIN_TREE if any(style == "answer" for _, _, style in edges) else MIN_ELEMENTS
    if edges and len(nodes) + len(edges) >= minimum:
        colour = dict(nodes)
        for _ in range(ROUNDS):
            out: dict[str, list[str]] = {n: [] for n in nodes}
            into: dict[str, list[str]] = {n: [] for n in nodes}
            for a, b, style in edges:
                out[a].append(f"{style}>{colour[b]}")
                into[b].append(f"{style}<{colour[a]}")
            colour = {
                n: hashlib.sha1(f"{colour[n]}|{sorted(out[n])}|{sorted(into[n])}".encode()).hexdigest()[:16]
                for n in nodes
            }
        return ("graph", *sorted(colour.values()))
    values = _values(d.body)
    return ("values", *values) if len(values) >= MIN_VALUES else None


def _values(model: Any) -> list[str]:
    """Every number and time in a body (slices, series, points, dates, `at`), sorted: data, not labels."""
    out: list[str] = []
    if isinstance(model, BaseModel):
        for name in type(model).model_fields:
            value = getattr(model, name)
            if name in ("at", "start", "end", "date", "after") and isinstance(value, str):
                out.append(f"{name}={value}")
            else:
                out.extend(_values(value))
    elif isinstance(model, (list, tuple)):
        for item in model:
            out.extend(_values(item))
    elif isinstance(model, (int, float)) and not isinstance(model, bool):
        out.append(f"{float(model):g}")
    return sorted(out)


def _words(d: Diagram) -> frozenset[str]:
    return frozenset(w for t in walk_text(d.body) for w in WORD.findall(t.lower()) if not w.isdigit())


def _series(diagrams: list[Diagram], report: Report) -> None:
    """DUP003: the same data series (3+ values) in charts of two subjects is one measurement copied, or made up."""
    seen: dict[tuple[float, ...], tuple[Diagram, int]] = {}
    for d in diagrams:
        for i, series in enumerate(getattr(d.body, "series", None) or []):
            values = tuple(getattr(series, "values", ()))
            if len(values) < MIN_SERIES or len(set(values)) < 2:
                continue
            first, j = seen.setdefault(values, (d, i))
            name = getattr(first.body, "series")[j].name  # noqa: B009 - BaseModel has no series attribute
            if first is not d and (first.category, first.subject) != (d.category, d.subject):
                report.add(
                    d.doc.rel,
                    d.line_of(("series", i, "values")),
                    "DUP003",
                    f"{d.key} series {series.name!r} has the same values as {first.key} series "
                    f"{name!r} ({first.origin}); a measurement belongs to one system: cite the values "
                    "measured for this one, or link to that chart instead",
                )


def check(atlas: Atlas, report: Report) -> None:
    """Flag same-structure diagrams (DUP001) and near-identical wording (DUP002)."""
    # unfinished diagrams are PH001's business; two fresh skeletons are not stamped content
    diagrams = [d for d in atlas.diagrams() if not any(find(t) for t in walk_text(d.body))]
    shapes: dict[tuple[object, ...], Diagram] = {}
    for d in diagrams:
        signature = _signature(d)
        if signature is None:
            continue
        first = shapes.setdefault((d.kind.name, signature), d)
        if first is not d:
            report.add(
                d.doc.rel,
                d.line,
                "DUP001",
                f"{d.key} has the same structure as {first.key} ({first.origin}) with only labels "
                "changed; make each diagram say something the other does not",
            )
    _series(diagrams, report)
    by_kind: dict[str, list[tuple[Diagram, frozenset[str]]]] = {}
    for d in diagrams:
        words = _words(d)
        if len(words) >= 8:
            by_kind.setdefault(d.kind.name, []).append((d, words))
    for group in by_kind.values():
        for i, j in similar_pairs([words for _, words in group]):
            (a, wa), (b, wb) = group[i], group[j]
            score = len(wa & wb) / len(wa | wb)
            first, second = sorted((a, b), key=lambda d: (d.doc.rel, d.index))
            report.add(
                second.doc.rel,
                second.line,
                "DUP002",
                f"{second.key} shares {score:.0%} of its words with {first.key} ({first.origin}); "
                "merge them or make them differ in substance",
            )


def similar_pairs(sets: Sequence[frozenset[str]], threshold: float = SIMILAR) -> list[tuple[int, int]]:
    """Return every pair (i < j) of sets whose Jaccard similarity is at least `threshold`, sorted.

    Exact, and near-linear on real text (prefix filtering, as in PPJoin): order each set's words rarest
    first. Two sets with Jaccard >= t share at least ceil(t * |x|) words of x, so they share a word within
    the first |x| - ceil(t * |x|) + 1 rarest words of each; only sets meeting in such a prefix are compared.
    """
    df = Counter(w for s in sets for w in s)
    pairs: set[tuple[int, int]] = set()
    index: dict[str, list[int]] = {}
    order = sorted(range(len(sets)), key=lambda i: len(sets[i]))
    for i in order:  # smaller sets first: a candidate is at least SIMILAR of this one's size
        words = sorted(sets[i], key=lambda w: (df[w], w))
        size = len(words)
        prefix = size - math.ceil(threshold * size - 1e-9) + 1  # the 1e-9 keeps it long enough under rounding
        candidates = {j for w in words[:prefix] for j in index.get(w, ())}
        for j in candidates:
            other = sets[j]
            if len(other) < threshold * size:
                continue
            if len(sets[i] & other) / len(sets[i] | other) >= threshold:
                pairs.add((min(i, j), max(i, j)))
        for w in words[:prefix]:
            index.setdefault(w, []).append(i)
    return sorted(pairs)
