"""pie: where a total goes; the slices must add up to the stated total."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import Field

from ...model import Strict, Text
from ...units import shown
from .. import Finding, Kind
from .._common import duplicates, number


class Slice(Strict):
    label: Text
    value: float = Field(ge=0, description="a share in the total's unit; negative slices cannot be drawn")


class Total(Strict):
    value: float = Field(gt=0)
    unit: Text = Field(description="e.g. USD K/month, % of requests")


class Body(Strict):
    total: Total
    slices: list[Slice] = Field(min_length=2, max_length=10)


TOLERANCE = 0.01  # relative gap allowed for rounding; fixed, so no diagram can widen it to pass


def lint(body: Body) -> Iterable[Finding]:
    labels = [s.label for s in body.slices]
    for i in duplicates(labels):
        yield ("slices", i, "label"), "ID001", f"slice {labels[i]!r} appears twice"
    added = sum(s.value for s in body.slices)
    if abs(added - body.total.value) > TOLERANCE * body.total.value:
        yield (
            ("total", "value"),
            "NUM001",
            f"slices add up to {added:g} {body.total.unit} but total says {body.total.value:g}; "
            f"fix a slice or the total (tolerance {TOLERANCE:.0%}; write slices to the precision that adds up)",
        )


def context(body: Body) -> dict[str, Any]:
    return {"title": f"Total {shown(number(body.total.value), body.total.unit)}", "number": number}


def describe(body: Body) -> list[str]:
    return [f"Total: {shown(number(body.total.value), body.total.unit)}"] + [
        f"{s.label}: {s.value:g} ({s.value / body.total.value:.0%})" for s in body.slices
    ]


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "total": {"value": 3, "unit": "units"},
        "slices": [{"label": t, "value": 1}, {"label": "x", "value": 2}],
    }


KIND = Kind(
    sample=sample,
    label_place=".legend text",
    body=Body,
    lint=lint,
    context=context,
    describe=describe,
    size=lambda b: (len(b.slices), 0),
    max_nodes=10,
)
