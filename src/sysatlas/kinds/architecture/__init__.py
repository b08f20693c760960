"""architecture: a flowchart with one subgraph per plane (edge, service, state, control...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from ... import theme
from ...model import Strict, Text
from ...theme import Health, Role
from ...units import quantity
from .. import Finding, Kind
from .._common import ARROWS, KEEP_DIRECTION, Edge, NodeId, duplicates, mid, turner

SHAPES = {
    "box": ('["', '"]'),
    "round": ('("', '")'),
    "db": ('[("', '")]'),
    "queue": ('[["', '"]]'),
    "hex": ('{{"', '"}}'),
    "circle": ('(("', '"))'),
}


class Node(Strict):
    id: NodeId
    label: Text
    details: list[Text] = Field(default_factory=list, max_length=6)
    shape: Literal["box", "round", "db", "queue", "hex", "circle"] = "box"
    status: Health | None = None
    role: Role | None = None
    cost: Text | None = Field(None, description="e.g. $10K/month; the plane's cost must be the sum")


class Plane(Strict):
    id: NodeId
    label: Text
    role: Role
    cost: Text | None = None
    nodes: list[Node] = Field(min_length=1)


class Body(Strict):
    direction: Literal["TB", "LR"] = "TB"
    keep_direction: bool = Field(False, description=KEEP_DIRECTION)
    planes: list[Plane] = Field(min_length=1)
    edges: list[Edge] = Field(default_factory=list)


def _nodes(body: Body) -> list[tuple[int, int, Node]]:
    return [(p, n, node) for p, plane in enumerate(body.planes) for n, node in enumerate(plane.nodes)]


def lint(body: Body) -> Iterable[Finding]:
    ids = [node.id for _, _, node in _nodes(body)]
    flat = _nodes(body)
    for i in duplicates(ids):
        p, n, node = flat[i]
        yield ("planes", p, "nodes", n, "id"), "ID001", f"node id {node.id!r} is used twice; ids must be unique"
    for i in duplicates([plane.id for plane in body.planes]):
        yield ("planes", i, "id"), "ID001", f"plane id {body.planes[i].id!r} is used twice"
    known = set(ids)
    for e, edge in enumerate(body.edges):
        for end, ref in (("from", edge.from_), ("to", edge.to)):
            if ref not in known:
                names = ", ".join(sorted(known))
                yield ("edges", e, end), "REF002", f"edge {end} {ref!r} names no node; known: {names}"
    for p, plane in enumerate(body.planes):
        yield from _rollup(p, plane)
    linked = {edge.from_ for edge in body.edges} | {edge.to for edge in body.edges}
    if body.edges and len(ids) > 1:
        for p, n, node in flat:
            if node.id not in linked:
                yield (
                    ("planes", p, "nodes", n, "id"),
                    "READ004",
                    f"node {node.id!r} has no edge; connect it or drop it (an island tells the reader nothing)",
                )


def _rollup(p: int, plane: Plane) -> Iterable[Finding]:
    """A plane's stated cost must equal the sum of its nodes' costs, in the same unit."""
    if plane.cost is None or not any(n.cost for n in plane.nodes):
        return
    total = quantity(plane.cost)
    parts = [quantity(n.cost) if n.cost else None for n in plane.nodes]
    if total is None or any(q is None for q in parts):
        yield ("planes", p, "cost"), "UNIT001", f"cannot read every cost in plane {plane.id!r}; write $12K/month"
        return
    units = {q[1] for q in parts if q} | {total[1]}
    if len(units) > 1:
        yield ("planes", p, "cost"), "UNIT002", f"plane {plane.id!r} mixes cost units: {', '.join(sorted(units))}"
        return
    added = sum(q[0] for q in parts if q)
    if abs(added - total[0]) > 0.01 * total[0]:
        yield (
            ("planes", p, "cost"),
            "NUM001",
            f"plane {plane.id!r} says {plane.cost} but its nodes add up to {added:,.0f}; fix one of them",
        )


def context(body: Body) -> dict[str, Any]:
    nodes = []
    for plane in body.planes:
        for node in plane.nodes:
            open_, close = SHAPES[node.shape]
            nodes.append(
                {
                    "plane": plane.id,
                    "node": node,
                    "mid": mid("n", node.id),
                    "open": open_,
                    "close": close,
                    "cls": node.status or node.role or plane.role,
                }
            )
    edges = [
        {"a": mid("n", e.from_), "b": mid("n", e.to), "arrow": ARROWS[e.style], "label": e.label} for e in body.edges
    ]
    return {"nodes": nodes, "edges": edges, "classes": sorted({n["cls"] for n in nodes})}


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Name the role and health colours this diagram uses."""
    used = {n["cls"] for n in context(body)["nodes"]}
    return theme.legend("role", used) + theme.legend("health", used)


def describe(body: Body) -> list[str]:
    names = {node.id: node.label for _, _, node in _nodes(body)}
    out = []
    for plane in body.planes:
        parts = [
            f"{n.label}" + (f" ({'; '.join(n.details)})" if n.details else "") + (f" [{n.status}]" if n.status else "")
            for n in plane.nodes
        ]
        out.append(f"{plane.label}: " + ", ".join(parts))
    for e in body.edges:
        out.append(f"{names.get(e.from_, e.from_)} → {names.get(e.to, e.to)}" + (f": {e.label}" if e.label else ""))
    return out


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "planes": [
            {
                "id": "p",
                "label": t,
                "role": "edge",
                "nodes": [{"id": "a", "label": t, "details": [t]}, {"id": "b", "label": "x"}],
            }
        ],
        "edges": [{"from": "a", "to": "b", "label": t}],
    }


KIND = Kind(
    turn=turner("TB"),
    legend=legend,
    sample=sample,
    label_place="g.node text",
    body=Body,
    lint=lint,
    context=context,
    describe=describe,
    size=lambda b: (sum(len(p.nodes) for p in b.planes), len(b.edges)),
)
