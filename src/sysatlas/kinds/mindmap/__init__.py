"""mindmap: a symptom (root) and its candidate causes, grouped, with the check that confirms each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field

from ...model import Strict, Text
from .. import Kind


class Branch(Strict):
    label: Text
    children: list[Branch] = Field(default_factory=list, max_length=8)


class Body(Strict):
    root: Text
    children: list[Branch] = Field(min_length=2, max_length=8)


def _walk(branches: list[Branch], depth: int) -> Iterator[tuple[int, Branch]]:
    for b in branches:
        yield depth, b
        yield from _walk(b.children, depth + 1)


def context(body: Body) -> dict[str, Any]:
    return {
        "items": [
            {"pad": "  " * (depth + 2), "mid": f"m{i}", "label": b.label}
            for i, (depth, b) in enumerate(_walk(body.children, 0))
        ]
    }


def describe(body: Body) -> list[str]:
    return [f"{body.root}"] + [f"{'  ' * depth}- {b.label}" for depth, b in _walk(body.children, 0)]


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {"root": t, "children": [{"label": t}, {"label": "x"}]}


KIND = Kind(
    sample=sample,
    label_place="g.node text",
    accessible=False,
    body=Body,
    context=context,
    describe=describe,
    size=lambda b: (1 + sum(1 for _ in _walk(b.children, 0)), 0),
    max_nodes=36,
)
