"""quadrant: options placed on two axes (e.g. consistency vs latency), each point a named system."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import Field

from ...model import Strict, Text
from .. import Finding, Kind
from .._common import duplicates


class Axis(Strict):
    low: Text
    high: Text


class Point(Strict):
    label: Text
    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)


class Body(Strict):
    x: Axis
    y: Axis
    quadrants: list[Text] = Field(
        min_length=4, max_length=4, description="top-right, top-left, bottom-left, bottom-right"
    )
    points: list[Point] = Field(min_length=2, max_length=14)


def lint(body: Body) -> Iterable[Finding]:
    labels = [p.label for p in body.points]
    for i in duplicates(labels):
        yield ("points", i, "label"), "ID001", f"point {labels[i]!r} appears twice"
    spots = [(round(p.x, 2), round(p.y, 2)) for p in body.points]
    for i in duplicates([f"{x},{y}" for x, y in spots]):
        yield ("points", i), "READ005", f"point {labels[i]!r} sits on another point; move one by 0.03 or more"


def describe(body: Body) -> list[str]:
    out = [f"x: {body.x.low} → {body.x.high}; y: {body.y.low} → {body.y.high}"]
    out += [f"{p.label}: x {p.x:.2f}, y {p.y:.2f}" for p in body.points]
    return out


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "x": {"low": t, "high": "h"},
        "y": {"low": "l", "high": "h"},
        "quadrants": [t, "b", "c", "d"],
        "points": [{"label": t, "x": 0.3, "y": 0.4}, {"label": "p", "x": 0.6, "y": 0.7}],
    }


KIND = Kind(
    sample=sample,
    label_place=".data-point text",
    body=Body,
    lint=lint,
    describe=describe,
    size=lambda b: (len(b.points), 0),
    max_nodes=14,
)
