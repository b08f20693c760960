"""decision: a decision tree of questions that ends in concrete choices (system + setting)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import Field, model_validator

from ... import theme
from ...model import Strict, Text
from ...theme import Outcome
from .. import Finding, Kind, RunbookStep
from .._common import KEEP_DIRECTION, NodeId, duplicates, mid, turner


class Answer(Strict):
    label: Text
    goto: NodeId | None = Field(None, description="the next question")
    choose: NodeId | None = Field(None, description="the choice this answer ends in")

    @model_validator(mode="after")
    def _one_target(self) -> Answer:
        if (self.goto is None) == (self.choose is None):
            raise ValueError("an answer needs exactly one of `goto` (a question id) or `choose` (a choice id)")
        return self


class Question(Strict):
    id: NodeId
    ask: Text
    answers: list[Answer] = Field(min_length=2)


class Choice(Strict):
    id: NodeId
    label: Text
    detail: list[Text] = Field(default_factory=list, max_length=5)
    status: Text | None = Field(None, description="optional verdict shown in the node, e.g. avoid")
    outcome: Outcome = Field(
        description="what reaching it means, and its colour: healthy (nothing to fix), act (do this), "
        "escalate (page, stop or avoid)"
    )


class Body(Strict):
    direction: str = Field("TD", pattern="^(TD|LR)$")
    autonumber: bool = Field(
        False, description="number the questions (from the start, level by level); the page lists them as a runbook"
    )
    keep_direction: bool = Field(False, description=KEEP_DIRECTION)
    start: NodeId
    questions: list[Question] = Field(min_length=1)
    choices: list[Choice] = Field(min_length=2)


def lint(body: Body) -> Iterable[Finding]:
    qids = [q.id for q in body.questions]
    cids = [c.id for c in body.choices]
    for i in duplicates(qids + cids):
        where = ("questions", i, "id") if i < len(qids) else ("choices", i - len(qids), "id")
        yield where, "ID001", f"id {(qids + cids)[i]!r} is used twice among questions and choices"
    if body.start not in qids:
        yield ("start",), "REF002", f"start {body.start!r} names no question; known: {', '.join(qids)}"
    reached: set[str] = set()
    for qi, q in enumerate(body.questions):
        for ai, a in enumerate(q.answers):
            if a.goto and a.goto not in qids:
                yield ("questions", qi, "answers", ai, "goto"), "REF002", f"goto {a.goto!r} names no question"
            if a.choose and a.choose not in cids:
                yield ("questions", qi, "answers", ai, "choose"), "REF002", f"choose {a.choose!r} names no choice"
            reached.add(a.goto or a.choose or "")
    for qi, q in enumerate(body.questions):
        if q.id != body.start and q.id not in reached:
            yield ("questions", qi, "id"), "DEC001", f"question {q.id!r} is never reached from {body.start!r}"
    for ci, c in enumerate(body.choices):
        if c.id not in reached:
            yield ("choices", ci, "id"), "DEC001", f"choice {c.id!r} is never chosen by any answer"
    graph = {q.id: [a.goto for a in q.answers if a.goto] for q in body.questions}
    if _has_cycle(graph):
        yield ("questions",), "DEC002", "the questions form a loop; a decision tree must always reach a choice"


def _has_cycle(graph: dict[str, list[str]]) -> bool:
    state: dict[str, int] = {}

    def visit(node: str) -> bool:
        if state.get(node) == 1:
            return True
        if state.get(node) == 2:
            return False
        state[node] = 1
        if any(visit(n) for n in graph.get(node, [])):
            return True
        state[node] = 2
        return False

    return any(visit(n) for n in graph)


def numbers(body: Body) -> dict[str, int]:
    """Question id -> its number, so that every answer leads forward: a question comes after all the questions
    that lead to it (the tree has no loops, DEC002), and among those ready, the one reached first comes first."""
    by_id = {q.id: q for q in body.questions}
    leads = {q.id: [a.goto for a in q.answers if a.goto in by_id] for q in body.questions}
    waiting = {q.id: 0 for q in body.questions}
    for targets in leads.values():
        for t in targets:
            waiting[t] += 1
    found = [body.start] if body.start in by_id else []
    order: list[str] = []
    while found:
        ready = next((qid for qid in found if waiting[qid] == 0), found[0])
        found.remove(ready)
        order.append(ready)
        for t in leads[ready]:
            waiting[t] -= 1
            if t not in found and t not in order:
                found.append(t)
    order += [q.id for q in body.questions if q.id not in order]
    return {qid: i for i, qid in enumerate(order, 1)}


def steps(body: Body) -> list[RunbookStep]:
    """Each numbered question with its answers and where each leads; [] when the tree is not numbered."""
    if not body.autonumber:
        return []
    num = numbers(body)
    by_id = {q.id: q for q in body.questions}
    picks = {c.id: c for c in body.choices}
    out = []
    for qid, n in sorted(num.items(), key=lambda item: item[1]):
        branches = []
        for a in by_id[qid].answers:
            if a.goto:
                branches.append(f"{a.label} → step {num[a.goto]}")
            else:
                c = picks.get(a.choose or "")
                if c is not None:
                    detail = f" ({'; '.join(c.detail)})" if c.detail else ""
                    branches.append(f"{a.label} → {c.outcome}: {c.label}{detail}")
        out.append(RunbookStep(n, "Ask", "", by_id[qid].ask, False, "", (), tuple(branches)))
    return out


def context(body: Body) -> dict[str, Any]:
    edges = []
    for q in body.questions:
        for a in q.answers:
            target = mid("q", a.goto) if a.goto else mid("c", a.choose or "")
            edges.append({"a": mid("q", q.id), "b": target, "label": a.label})
    num = numbers(body) if body.autonumber else {}
    return {"edges": edges, "classes": ["question", *(c.outcome for c in body.choices)], "num": num}


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Name the outcome colours this tree uses."""
    return theme.legend("outcome", {c.outcome for c in body.choices})


def describe(body: Body) -> list[str]:
    asks = {q.id: q.ask for q in body.questions}
    picks = {
        c.id: f"{c.label}" + (f" ({'; '.join(c.detail)})" if c.detail else "") + f" [{c.outcome}]" for c in body.choices
    }
    out = []
    for q in body.questions:
        for a in q.answers:
            nxt = asks[a.goto] if a.goto in asks else picks.get(a.choose or "", "")
            out.append(f"{q.ask} — {a.label} → {nxt}")
    return out


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "start": "q",
        "questions": [{"id": "q", "ask": t, "answers": [{"label": t, "choose": "a"}, {"label": "no", "choose": "b"}]}],
        "choices": [
            {"id": "a", "label": t, "detail": [t], "status": t, "outcome": "act"},
            {"id": "b", "label": "x", "outcome": "healthy"},
        ],
    }


KIND = Kind(
    turn=turner("TD"),
    legend=legend,
    sample=sample,
    label_place="g.node text",
    body=Body,
    lint=lint,
    context=context,
    describe=describe,
    size=lambda b: (len(b.questions) + len(b.choices), sum(len(q.answers) for q in b.questions)),
    max_nodes=22,
    steps=steps,
)
