"""state: a state machine with composite states, real timer values on transitions, and health colours."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal

from pydantic import Field

from ... import escape, theme
from ...model import Strict, Text
from ...theme import Health
from .. import Finding, Kind, Loc
from .._common import KEEP_DIRECTION, NodeId, duplicates, mid, turner, wrap

START = "start"
STOP = "stop"


class Transition(Strict):
    from_: NodeId = Field(alias="from", description="a state id, or `start` for the initial pseudo-state")
    to: NodeId = Field(description="a state id, or `stop` for the final pseudo-state")
    label: Text | None = None


class State(Strict):
    id: NodeId
    label: Text
    note: Text | None = None
    status: Health | None = None
    states: list[State] = Field(default_factory=list, description="child states make this a composite state")
    transitions: list[Transition] = Field(default_factory=list)


class Body(Strict):
    direction: Literal["TB", "LR"] = "TB"
    keep_direction: bool = Field(False, description=KEEP_DIRECTION)
    states: list[State] = Field(min_length=2)
    transitions: list[Transition] = Field(min_length=1)


def _all(states: list[State], loc: Loc) -> Iterator[tuple[Loc, State]]:
    for i, state in enumerate(states):
        yield (*loc, i), state
        yield from _all(state.states, (*loc, i, "states"))


def _scopes(body: Body) -> Iterator[tuple[Loc, list[State], list[Transition]]]:
    yield (), body.states, body.transitions
    for loc, state in _all(body.states, ("states",)):
        if state.states:
            yield loc, state.states, state.transitions


def lint(body: Body) -> Iterable[Finding]:
    every = list(_all(body.states, ("states",)))
    ids = [s.id for _, s in every]
    for i in duplicates(ids):
        yield (*every[i][0], "id"), "ID001", f"state id {ids[i]!r} is used twice"
    for loc, s in every:
        if s.id in (START, STOP):
            yield (*loc, "id"), "ID002", f"{s.id!r} is reserved for the initial/final pseudo-state"
    known = set(ids)
    for loc, _, transitions in _scopes(body):
        for t, tr in enumerate(transitions):
            for end, ref, extra in (("from", tr.from_, START), ("to", tr.to, STOP)):
                if ref not in known and ref != extra:
                    yield (
                        (*loc, "transitions", t, end),
                        "REF002",
                        f"{end} {ref!r} names no state; use a state id or `{extra}`",
                    )
    if not any(tr.from_ == START for tr in body.transitions):
        yield ("transitions",), "STATE001", "no transition from `start`: say which state the machine begins in"


NOTE_CHARS = 40
"""Characters per line of a state's description: Mermaid draws each description line as written, never wrapped."""
LOOP = "↻"
"""Marks a self-transition, written into its state's note: Mermaid draws a self-loop as a small arc whose label
lands on the state's other edges and labels (GEOM002 in leader election and two-phase commit)."""


def _loops(body: Body) -> dict[str, list[str]]:
    """Each state's self-transitions, as the note lines that stand for them."""
    out: dict[str, list[str]] = {}
    for _, _, transitions in _scopes(body):
        for tr in transitions:
            if tr.from_ == tr.to:
                out.setdefault(tr.from_, []).append(f"{LOOP} {tr.label or 'stays in this state'}")
    return out


def _lines(states: list[State], transitions: list[Transition], depth: int, loops: dict[str, list[str]]) -> list[str]:
    pad = "  " * depth
    out: list[str] = []
    for s in states:
        out.append(f'{pad}state "{escape.label(s.label)}" as {mid("s", s.id)}')
        if s.states:
            out.append(f"{pad}state {mid('s', s.id)} {{")
            out += _lines(s.states, s.transitions, depth + 1, loops)
            out.append(f"{pad}}}")
        note = [s.note] if s.note else []
        note += loops.get(s.id, [])
        if note and s.states:  # a composite state has no description compartment
            out.append(f"{pad}note right of {mid('s', s.id)} : {'<br/>'.join(escape.label(n) for n in note)}")
        else:  # a description: under the state's name, inside its box, one statement a line
            out += [f"{pad}{mid('s', s.id)} : {escape.label(line)}" for n in note for line in wrap(n, NOTE_CHARS)]
    for tr in transitions:
        if tr.from_ == tr.to:
            continue
        a = "[*]" if tr.from_ == START else mid("s", tr.from_)
        b = "[*]" if tr.to == STOP else mid("s", tr.to)
        out.append(f"{pad}{a} --> {b}" + (f" : {escape.label(tr.label)}" if tr.label else ""))
    return out


def context(body: Body) -> dict[str, Any]:
    coloured = [(mid("s", s.id), s.status) for _, s in _all(body.states, ()) if s.status and not s.states]
    return {
        "lines": _lines(body.states, body.transitions, 1, _loops(body)),
        "coloured": coloured,
        "classes": sorted({c for _, c in coloured}),
    }


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Name the health colours this diagram uses."""
    return theme.legend("health", {c for _, c in context(body)["coloured"]})


def describe(body: Body) -> list[str]:
    names = {s.id: s.label for _, s in _all(body.states, ())} | {START: "start", STOP: "end"}
    out = []
    for _, s in _all(body.states, ()):
        if s.states:
            out.append(f"{s.label} contains: {', '.join(c.label for c in s.states)}")
    for _, _, transitions in _scopes(body):
        out += [
            f"{names.get(t.from_, t.from_)} → {names.get(t.to, t.to)}" + (f": {t.label}" if t.label else "")
            for t in transitions
        ]
    return out


def _size(body: Body) -> tuple[int, int]:
    return (sum(1 for _ in _all(body.states, ())), sum(len(trs) for _, _, trs in _scopes(body)))


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "states": [{"id": "a", "label": t, "note": t}, {"id": "b", "label": "x"}],
        "transitions": [{"from": "start", "to": "a"}, {"from": "a", "to": "b", "label": t}],
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
    size=_size,
    max_nodes=20,
    max_edges=35,
)
