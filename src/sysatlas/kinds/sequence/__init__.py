"""sequence: messages between participants, with alt/opt/loop/par/critical/break blocks, notes and latencies."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag

from ... import escape
from ...model import Strict, Text
from .. import Finding, Kind, Loc, RunbookStep
from .._common import NodeId, duplicates, mid, wrap

ARROWS = {"sync": "->>", "reply": "-->>", "async": "-)", "lost": "-x", "plain": "->"}


class Participant(Strict):
    id: NodeId
    label: Text
    type: Literal["participant", "actor"] = "participant"


class Message(Strict):
    from_: NodeId = Field(alias="from")
    to: NodeId
    text: Text
    arrow: Literal["sync", "reply", "async", "lost", "plain"] = "sync"
    latency: Text | None = Field(None, description="shown after the text: 2 ms, p99 40 ms")
    at: Text | None = Field(None, description="shown before the text: T+5ms")


class Note(Strict):
    note: Text
    over: list[NodeId] = Field(min_length=1, max_length=2)


class Branch(Strict):
    when: Text
    steps: list[Step] = Field(min_length=1)


class Alt(Strict):
    alt: list[Branch] = Field(min_length=1, description="first branch is `alt`, the rest `else`")


class Par(Strict):
    par: list[Branch] = Field(min_length=2)


class Opt(Strict):
    opt: Branch


class Loop(Strict):
    loop: Branch


class Critical(Strict):
    critical: Branch


class Break(Strict):
    break_: Branch = Field(alias="break")


STEP_KEYS = {
    "note": "note",
    "alt": "alt",
    "par": "par",
    "opt": "opt",
    "loop": "loop",
    "critical": "critical",
    "break": "break",
}


def _tag(value: Any) -> str:
    if isinstance(value, dict):
        for key, tag in STEP_KEYS.items():
            if key in value:
                return tag
        return "msg"
    return "note" if hasattr(value, "note") else "msg"


Step = Annotated[
    Union[  # noqa: UP007 - a tagged union reads best spelled out
        Annotated[Message, Tag("msg")],
        Annotated[Note, Tag("note")],
        Annotated[Alt, Tag("alt")],
        Annotated[Par, Tag("par")],
        Annotated[Opt, Tag("opt")],
        Annotated[Loop, Tag("loop")],
        Annotated[Critical, Tag("critical")],
        Annotated[Break, Tag("break")],
    ],
    Discriminator(_tag),
]
Branch.model_rebuild()


class Body(Strict):
    autonumber: bool = False
    participants: list[Participant] = Field(min_length=2, max_length=9)
    steps: list[Step] = Field(min_length=1)


def _walk(steps: list[Any], loc: Loc) -> Iterator[tuple[Loc, Any]]:
    for i, step in enumerate(steps):
        here = (*loc, i)
        yield here, step
        for key in ("alt", "par"):
            for b, branch in enumerate(getattr(step, key, None) or []):
                yield from _walk(branch.steps, (*here, key, b, "steps"))
        for key, field in (("opt", "opt"), ("loop", "loop"), ("critical", "critical"), ("break", "break_")):
            branch = getattr(step, field, None)
            if isinstance(branch, Branch):
                yield from _walk(branch.steps, (*here, key, "steps"))


def lint(body: Body) -> Iterable[Finding]:
    ids = [p.id for p in body.participants]
    for i in duplicates(ids):
        yield ("participants", i, "id"), "ID001", f"participant id {ids[i]!r} is used twice"
    known = set(ids)
    used: set[str] = set()
    for loc, step in _walk(body.steps, ("steps",)):
        refs = [("from", step.from_), ("to", step.to)] if isinstance(step, Message) else []
        refs += [("over", p) for p in step.over] if isinstance(step, Note) else []
        for field, ref in refs:
            used.add(ref)
            if ref not in known:
                yield (*loc, field), "REF002", f"{field} {ref!r} names no participant; known: {', '.join(ids)}"
    for i, p in enumerate(body.participants):
        if p.id not in used:
            yield ("participants", i, "id"), "READ004", f"participant {p.id!r} sends and receives nothing; drop it"


# Characters per line, chosen so that a sequence fits about 1,400 px at 16 px text (the site shows it at 13 px or
# more, lint/geometry.py). Mermaid sets the gap between two neighbours from the widest message between them, so
# messages are broken here, word by word (never inside a word: a metric name stays whole), with <br/>; Mermaid's
# own wrap would cut long words with a hyphen. The more participants side by side, the narrower each gap must be.
@dataclasses.dataclass(frozen=True)
class Budget:
    message: int
    """characters per line of a message between neighbours"""
    span: int
    """added per further participant a message spans"""
    note: int
    """per line of a note over one participant"""
    note_span: int
    """per line of a note over two participants, per participant it spans: Mermaid draws its box from the first
    participant's centre to the last's plus 30 px, however long the text"""
    actor: int
    """per line of a participant's name (at most three lines fit its box; longer names get longer lines)"""
    actor_width: int | None = None
    """px: the participant boxes' width, when narrower than Mermaid's 150"""


BUDGETS = {
    5: Budget(26, 28, 24, 22, 16),
    6: Budget(22, 24, 20, 19, 14),
    7: Budget(18, 20, 16, 16, 12, 120),
    8: Budget(16, 18, 14, 14, 11, 110),
}
"""by participants side by side: up to 5, 6, 7, 8 or more"""


def budget(body: Body) -> Budget:
    return BUDGETS[min(max(len(body.participants), 5), 8)]


def _broken(text: str, chars: int) -> str:
    """Escape text for a sequence label, broken into lines of about `chars` characters."""
    return "<br/>".join(escape.wrapped(line) for line in wrap(text, chars))


def _actor(label: str, chars: int) -> str:
    """Escape a participant's name, broken into at most three lines where it can be."""
    return _broken(label, max(chars, -(-len(label) // 3) + 2))


RUNBOOKS = {"operations", "debugging"}
"""Categories whose sequences are procedures an engineer follows step by step, so the steps carry numbers."""


def lint_in(category: str, body: Body) -> Iterable[Finding]:
    if category in RUNBOOKS and not body.autonumber:
        yield (
            ("autonumber",),
            "SEQ001",
            f"a sequence in {category} is a procedure followed step by step: number its steps with "
            "`autonumber: true` in the body",
        )


def _lines(steps: list[Any], depth: int, order: dict[str, int], room: Budget) -> list[str]:
    pad = "  " * depth
    out: list[str] = []
    for step in steps:
        if isinstance(step, Message):
            text = (f"{step.at} " if step.at else "") + step.text + (f" ({step.latency})" if step.latency else "")
            span = abs(order.get(step.from_, 0) - order.get(step.to, 0))
            chars = room.message + room.span * max(0, span - 1)
            out.append(f"{pad}{mid('p', step.from_)}{ARROWS[step.arrow]}{mid('p', step.to)}: {_broken(text, chars)}")
        elif isinstance(step, Note):
            where = "over " + ",".join(mid("p", p) for p in step.over)
            span = abs(order.get(step.over[0], 0) - order.get(step.over[-1], 0))
            chars = room.note_span * span if span else room.note
            out.append(f"{pad}Note {where}: {_broken(step.note, chars)}")
        elif isinstance(step, (Alt, Par)):
            branches = step.alt if isinstance(step, Alt) else step.par
            first, other = ("alt", "else") if isinstance(step, Alt) else ("par", "and")
            for b, branch in enumerate(branches):
                out.append(f"{pad}{first if b == 0 else other} {escape.block(branch.when)}")
                out += _lines(branch.steps, depth + 1, order, room)
            out.append(f"{pad}end")
        else:
            word, branch = next(
                (k, getattr(step, f))
                for k, f in (("opt", "opt"), ("loop", "loop"), ("critical", "critical"), ("break", "break_"))
                if hasattr(step, f)
            )
            out.append(f"{pad}{word} {escape.block(branch.when)}")
            out += _lines(branch.steps, depth + 1, order, room)
            out.append(f"{pad}end")
    return out


def context(body: Body) -> dict[str, Any]:
    order = {p.id: i for i, p in enumerate(body.participants)}
    b = budget(body)
    return {
        "lines": _lines(body.steps, 1, order, b),
        "actors": [_actor(p.label, b.actor) for p in body.participants],
        "init": json.dumps({"sequence": {"width": b.actor_width}}) if b.actor_width else "",
    }


def describe(body: Body) -> list[str]:
    names = {p.id: p.label for p in body.participants}
    out = [f"Participants: {', '.join(names.values())}"]
    for _, step in _walk(body.steps, ()):
        if isinstance(step, Message):
            out.append(
                f"{names.get(step.from_, step.from_)} → {names.get(step.to, step.to)}: {step.text}"
                + (f" ({step.latency})" if step.latency else "")
            )
        elif isinstance(step, Note):
            out.append(f"Note: {step.note}")
        elif isinstance(step, (Alt, Par)):
            out.append(
                f"{'Alternatives' if isinstance(step, Alt) else 'In parallel'}: "
                + " / ".join(b.when for b in (step.alt if isinstance(step, Alt) else step.par))
            )
    return out


def shape(body: Body) -> tuple[Any, ...]:
    index = {p.id: i for i, p in enumerate(body.participants)}
    out: list[Any] = []
    for loc, step in _walk(body.steps, ()):
        if isinstance(step, Message):
            out.append((len(loc), index.get(step.from_, -1), index.get(step.to, -1), step.arrow))
        else:
            out.append((len(loc), type(step).__name__))
    return (len(body.participants), tuple(out))


def steps(body: Body) -> list[RunbookStep]:
    """The numbered messages as Mermaid's `autonumber` numbers them (every message, replies too), each with the
    branch it sits in and the notes drawn right after it; [] when the sequence is not numbered."""
    if not body.autonumber:
        return []
    names = {p.id: p.label for p in body.participants}
    out: list[RunbookStep] = []

    def walk(items: list[Any], when: str) -> None:
        for item in items:
            if isinstance(item, Message):
                text = (f"{item.at} " if item.at else "") + item.text + (f" ({item.latency})" if item.latency else "")
                answer = item.arrow == "reply"
                out.append(RunbookStep(len(out) + 1, names[item.from_], names[item.to], text, answer, when, ()))
            elif isinstance(item, Note):
                if out:
                    out[-1] = out[-1]._replace(notes=(*out[-1].notes, item.note))
            elif isinstance(item, (Alt, Par)):
                for branch in item.alt if isinstance(item, Alt) else item.par:
                    walk(branch.steps, ("if " if isinstance(item, Alt) else "in parallel: ") + branch.when)
            else:
                for word, field in (("if", "opt"), ("repeat", "loop"), ("", "critical"), ("stop if", "break_")):
                    inner = getattr(item, field, None)
                    if isinstance(inner, Branch):
                        walk(inner.steps, f"{word} {inner.when}".strip())

    walk(body.steps, "")
    return out


def _size(body: Body) -> tuple[int, int]:
    return len(body.participants), sum(1 for _, s in _walk(body.steps, ()) if isinstance(s, Message))


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "participants": [{"id": "a", "label": t}, {"id": "b", "label": "x"}],
        "steps": [{"from": "a", "to": "b", "text": t}, {"note": t, "over": ["a"]}],
    }


# the font sizes Material for MkDocs sets, so the harness lays sequences out as the site does
CONFIG = {
    "sequence": {
        "useMaxWidth": True,
        "wrap": False,  # text is broken into lines here (see Budget)
        "mirrorActors": False,  # no second participant row at the bottom
        "actorMargin": 30,
        "messageMargin": 30,
        "actorFontSize": "16px",
        "messageFontSize": "16px",
        "noteFontSize": "16px",
    }
}

KIND = Kind(
    mermaid_config=CONFIG,
    sample=sample,
    label_place="text.messageText",
    body=Body,
    lint=lint,
    lint_in=lint_in,
    context=context,
    describe=describe,
    shape=shape,
    steps=steps,
    size=_size,
    max_nodes=9,
    max_edges=40,
)
