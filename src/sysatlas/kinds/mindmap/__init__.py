"""mindmap: a symptom (root) and its candidate causes, grouped, with the check that confirms each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, get_args

from pydantic import Field

from ... import theme
from ...model import Strict, Text
from ...theme import Leaf
from .. import Kind


class Branch(Strict):
    label: Text
    type: Leaf | None = Field(
        None,
        description="symptom, cause, check or fix: its colour; a label starting `Symptom:`, `Cause:`, `Check:` "
        "or `Fix:` has that type without it",
    )
    children: list[Branch] = Field(default_factory=list, max_length=8)


class Body(Strict):
    root: Text
    children: list[Branch] = Field(min_length=2, max_length=8)


def _walk(branches: list[Branch], depth: int) -> Iterator[tuple[int, Branch]]:
    for b in branches:
        yield depth, b
        yield from _walk(b.children, depth + 1)


PREFIX = re.compile(rf"^({'|'.join(t.capitalize() for t in get_args(Leaf))}):")


def kind_of(branch: Branch) -> str | None:
    """Return a branch's type: declared, or read from its label's prefix."""
    if branch.type:
        return branch.type
    found = PREFIX.match(branch.label)
    return found.group(1).lower() if found else None


def context(body: Body) -> dict[str, Any]:
    """Colour typed branches by type; in a map with types, the untyped ones are neutral (colour means type)."""
    branches = list(_walk(body.children, 0))
    typed = any(kind_of(b) for _, b in branches)
    return {
        "items": [
            {
                "pad": "  " * (depth + 2),
                "mid": f"m{i}",
                "label": b.label,
                "cls": kind_of(b) or ("detail" if typed else None),
            }
            for i, (depth, b) in enumerate(branches)
        ]
    }


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Name the branch types this map uses."""
    return theme.legend("leaf", {t for _, b in _walk(body.children, 0) if (t := kind_of(b))})


def describe(body: Body) -> list[str]:
    return [f"{body.root}"] + [f"{'  ' * depth}- {b.label}" for depth, b in _walk(body.children, 0)]


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {"root": t, "children": [{"label": t, "type": "check"}, {"label": "x"}]}


KIND = Kind(
    legend=legend,
    sample=sample,
    label_place="g.node text",
    accessible=False,
    body=Body,
    context=context,
    describe=describe,
    size=lambda b: (1 + sum(1 for _ in _walk(b.children, 0)), 0),
    max_nodes=36,
)
