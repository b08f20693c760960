"""gantt: a phased plan with dependencies, dual-running and cutover milestones."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import Field, model_validator

from ... import theme
from ...model import Strict, Text
from .. import Finding, Kind
from .._common import NodeId, duplicates

FORMATS = {"YYYY-MM-DD": "%Y-%m-%d", "YYYY-MM": "%Y-%m", "YYYY": "%Y"}
DURATION = re.compile(r"^\d+(?:\.\d+)?(?:ms|s|m|h|d|w|M|y)$")


class Task(Strict):
    id: NodeId
    label: Text
    start: Text | None = None
    after: NodeId | None = None
    end: Text | None = None
    duration: Text | None = Field(None, description="30d, 2w, 6M")
    status: list[Literal["done", "active", "crit", "milestone"]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _bounds(self) -> Task:
        if (self.start is None) == (self.after is None):
            raise ValueError("a task needs exactly one of `start` (a date) or `after` (a task id)")
        if (self.end is None) == (self.duration is None):
            raise ValueError("a task needs exactly one of `end` (a date) or `duration` (30d, 2w)")
        return self


class Section(Strict):
    name: Text
    tasks: list[Task] = Field(min_length=1)


class Body(Strict):
    date_format: Literal["YYYY-MM-DD", "YYYY-MM", "YYYY"] = "YYYY-MM-DD"
    axis_format: Literal["%Y-%m-%d", "%Y-%m", "%b %Y", "%Y", "%b %d"] = "%b %Y"
    sections: list[Section] = Field(min_length=1)


def lint(body: Body) -> Iterable[Finding]:
    fmt = FORMATS[body.date_format]
    tasks = [(s, t, task) for s, sec in enumerate(body.sections) for t, task in enumerate(sec.tasks)]
    ids = [task.id for _, _, task in tasks]
    for i in duplicates(ids):
        s, t, _ = tasks[i]
        yield ("sections", s, "tasks", t, "id"), "ID001", f"task id {ids[i]!r} is used twice"
    for s, t, task in tasks:
        loc = ("sections", s, "tasks", t)
        if task.after and task.after not in ids:
            yield (*loc, "after"), "REF002", f"after {task.after!r} names no task"
        if task.duration and not DURATION.match(task.duration):
            yield (*loc, "duration"), "UNIT001", f"duration {task.duration!r}: write a number and d, w, M or y (30d)"
        dates = {}
        for field in ("start", "end"):
            value = getattr(task, field)
            if value is None:
                continue
            try:
                dates[field] = datetime.strptime(value, fmt)
            except ValueError:
                yield (*loc, field), "TIME001", f"{field} {value!r} does not match date_format {body.date_format}"
        if "start" in dates and "end" in dates and dates["end"] < dates["start"]:
            yield (*loc, "end"), "TIME002", f"task ends ({task.end}) before it starts ({task.start})"


def context(body: Body) -> dict[str, Any]:
    def spec(task: Task) -> str:
        parts = [
            *task.status,
            task.id,
            f"after {task.after}" if task.after else str(task.start),
            str(task.end or task.duration),
        ]
        return ", ".join(parts)

    # the section names sit left of the first gridline: leave them room at the section font size
    longest = max(len(section.name) for section in body.sections)
    left = max(90, 24 + math.ceil(longest * FONT * 0.58))
    tick, axis = ticks(body, theme.DIAGRAM_WIDTH - left - RIGHT)
    return {"spec": spec, "left": left, "tick": tick, "axis": axis}


RIGHT = 90
"""px right of the last gridline (Mermaid's rightPadding)"""
DAYS = {"ms": 0.0, "s": 0.0, "m": 0.0, "h": 1 / 24, "d": 1, "w": 7, "M": 30.44, "y": 365.25}
STEPS = [(1, "day"), (2, "day"), (1, "week"), (2, "week"), (1, "month"), (2, "month"), (3, "month"), (6, "month"),
         (12, "month")]  # fmt: skip
"""Mermaid's tickInterval goes up to months, and d3 counts months within a year: 24month ticks every January"""
STEP_DAYS = {"day": 1, "week": 7, "month": 30.44}


def span_days(body: Body) -> float | None:
    """Return the days from the first task's start to the last task's end, resolving `after` and durations."""
    fmt = FORMATS[body.date_format]
    ends: dict[str, datetime] = {}
    first: datetime | None = None
    last: datetime | None = None
    for task in (t for sec in body.sections for t in sec.tasks):
        try:
            start = ends[task.after] if task.after else datetime.strptime(str(task.start), fmt)
            if task.end:
                end = datetime.strptime(task.end, fmt)
            else:
                amount = str(task.duration)
                unit = amount.lstrip("0123456789.")
                end = start + timedelta(days=float(amount[: -len(unit)]) * DAYS[unit])
        except (KeyError, ValueError):
            continue
        ends[task.id] = end
        first = start if first is None else min(first, start)
        last = end if last is None else max(last, end)
    return (last - first).days if first and last else None


def ticks(body: Body, width: float) -> tuple[str | None, str]:
    """Return the gridline interval (`3month`) that leaves each date label room at the axis' 13 px (None: Mermaid
    chooses; its own choice ignores the label width and ran labels into each other) and the axis format, which
    turns to years alone when even yearly month-and-year labels would not fit."""
    days = span_days(body)
    if not days:
        return None, body.axis_format
    for axis in dict.fromkeys([body.axis_format, "%Y"]):
        label = len(datetime(2024, 12, 28).strftime(axis)) * 8 + 24  # px: 13 px digits and letters, and a gap
        fits = max(2, int(width // label))
        for count, unit in STEPS:
            if days / (count * STEP_DAYS[unit]) <= fits:
                return f"{count}{unit}", axis
    return "12month", "%Y"


FONT = 14
"""px of task, section and axis text (Mermaid's default is 11)."""
STATUS_COLOUR = {"active": "active", "done": "done", "crit": "critical"}


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Name the task colours this plan uses (a task with no status is planned; crit wins over active/done)."""
    used = set()
    for section in body.sections:
        for task in section.tasks:
            flags = set(task.status) - {"milestone"}
            used.add("critical" if "crit" in flags else STATUS_COLOUR[min(flags)] if flags else "planned")
    return theme.legend("task", used)


def describe(body: Body) -> list[str]:
    out = []
    for sec in body.sections:
        for t in sec.tasks:
            when = f"after {t.after}" if t.after else f"from {t.start}"
            until = f"until {t.end}" if t.end else f"for {t.duration}"
            flags = f" [{', '.join(t.status)}]" if t.status else ""
            out.append(f"{sec.name}: {t.label} {when} {until}{flags}")
    return out


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {"sections": [{"name": t, "tasks": [{"id": "a", "label": t, "start": "2024-01-01", "duration": "3d"}]}]}


KIND = Kind(
    legend=legend,
    mermaid_config={
        # drawn at the site's diagram width (Mermaid: the width of the element it renders into), so the site
        # shows its text at the size it was drawn
        "gantt": {
            "fontSize": FONT,
            "sectionFontSize": FONT,
            "barHeight": 26,
            "barGap": 6,
            "rightPadding": RIGHT,
            "useWidth": theme.DIAGRAM_WIDTH,
        }
    },
    sample=sample,
    label_place="text[class*='taskText']",
    body=Body,
    lint=lint,
    context=context,
    describe=describe,
    size=lambda b: (sum(len(s.tasks) for s in b.sections), 0),
    max_nodes=24,
)
