"""cascade: how a failure propagates, from trigger through amplifiers to impact and recovery."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from ... import theme
from ...model import Strict, Text
from ...units import moments
from .. import Finding, Kind, Timed
from .._common import ARROWS, KEEP_DIRECTION, Edge, NodeId, duplicates, mid, turner

Level = Literal["trigger", "critical", "major", "minor", "recovery", "info"]
COLOUR: dict[str, str] = {
    "trigger": "trigger",
    "critical": "critical",
    "major": "warning",
    "minor": "minor",
    "recovery": "recovered",
    "info": "info",
}
"""A step's severity as written -> its colour in the language's severity group."""


class Step(Strict):
    id: NodeId
    label: Text
    at: Text | None = Field(None, description="when: T+0, T+43s, 22:54, 2018-10-21 22:54")
    detail: list[Text] = Field(default_factory=list, max_length=5)
    severity: Level
    stage: Text | None = Field(None, description="groups steps into a subgraph, e.g. Trigger, Amplifiers, Impact")


class Body(Strict):
    direction: Literal["TD", "LR"] = "TD"
    keep_direction: bool = Field(False, description=KEEP_DIRECTION)
    steps: list[Step] = Field(min_length=2)
    links: list[Edge] = Field(min_length=1)


def lint(body: Body) -> Iterable[Finding]:
    ids = [s.id for s in body.steps]
    for i in duplicates(ids):
        yield ("steps", i, "id"), "ID001", f"step id {ids[i]!r} is used twice"
    by_id = {s.id: s for s in body.steps}
    when = dict(zip(ids, moments([s.at for s in body.steps]), strict=True))
    for i, link in enumerate(body.links):
        for end, ref in (("from", link.from_), ("to", link.to)):
            if ref not in by_id:
                yield ("links", i, end), "REF002", f"link {end} {ref!r} names no step; known: {', '.join(ids)}"
        a, b = by_id.get(link.from_), by_id.get(link.to)
        if a and b:
            ta, tb = when.get(a.id), when.get(b.id)
            if ta is not None and tb is not None and ta[0] == tb[0] and tb[1] < ta[1]:
                yield (
                    ("links", i),
                    "TIME002",
                    f"link goes back in time: {a.id} at {a.at} -> {b.id} at {b.at}; a cause precedes its effect",
                )
    for i, step in enumerate(body.steps):
        if step.at is not None and when.get(step.id) is None:
            yield (
                ("steps", i, "at"),
                "TIME001",
                f"cannot read time {step.at!r}; write T+0, T+90s, T+5m, T+2h, T+1d, HH:MM or YYYY-MM-DD HH:MM",
            )
    if not any(s.severity == "trigger" for s in body.steps):
        yield ("steps",), "CAS001", "a cascade needs one step with severity: trigger (where it started)"


def context(body: Body) -> dict[str, Any]:
    stages: dict[str, list[Step]] = {}
    loose: list[Step] = []
    for step in body.steps:
        (stages.setdefault(step.stage, []) if step.stage else loose).append(step)
    return {
        "stages": [
            {"sid": mid("g", str(i)), "name": name, "steps": steps} for i, (name, steps) in enumerate(stages.items())
        ],
        "loose": loose,
        "links": [
            {"a": mid("s", link.from_), "b": mid("s", link.to), "arrow": ARROWS[link.style], "label": link.label}
            for link in body.links
        ],
        "classes": sorted({COLOUR[s.severity] for s in body.steps}),
        "colour": COLOUR,
    }


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Name the severity colours this cascade uses."""
    return theme.legend("severity", {COLOUR[s.severity] for s in body.steps})


def describe(body: Body) -> list[str]:
    names = {s.id: s.label for s in body.steps}
    out = [
        f"{s.at + ' - ' if s.at else ''}{s.label} ({s.severity})" + (f": {'; '.join(s.detail)}" if s.detail else "")
        for s in body.steps
    ]
    out += [
        f"{names.get(x.from_, x.from_)} → {names.get(x.to, x.to)}" + (f": {x.label}" if x.label else "")
        for x in body.links
    ]
    return out


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "steps": [
            {"id": "a", "label": t, "severity": "trigger", "stage": t, "detail": [t]},
            {"id": "b", "label": "x", "severity": "minor"},
        ],
        "links": [{"from": "a", "to": "b", "label": t}],
    }


def timed(body: Body) -> list[Timed]:
    return [Timed(("steps", i), s.at, [s.label], ("at", "label")) for i, s in enumerate(body.steps) if s.at is not None]


KIND = Kind(
    turn=turner("TD"),
    legend=legend,
    timed=timed,
    sample=sample,
    label_place="g.node text",
    body=Body,
    lint=lint,
    context=context,
    describe=describe,
    size=lambda b: (len(b.steps), len(b.links)),
    max_nodes=24,
)
