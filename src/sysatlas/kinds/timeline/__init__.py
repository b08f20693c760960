"""timeline: what happened when, in sections (detection, impact, mitigation, recovery); times must run forward."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from ... import theme
from ...model import Strict, Text
from ...theme import Phase
from ...units import moments
from .. import Finding, Kind, Timed
from .._common import KEEP_DIRECTION, turner


class Event(Strict):
    at: Text = Field(description="22:52, Day 2 00:00, 2018-10-22 23:03, T+43s")
    what: list[Text] = Field(min_length=1, max_length=4)


class Section(Strict):
    name: Text
    phase: Phase | None = Field(
        None,
        description="the incident phase its entries are in, which sets its colour: latent, trigger, impact, "
        "detection, mitigation, recovery (every section has one, or none does)",
    )
    events: list[Event] = Field(min_length=1)


class Body(Strict):
    timezone: Text | None = Field(None, description="the zone the times are in, e.g. UTC; shown in the caption")
    direction: Literal["LR", "TD"] = Field(
        "LR",
        description="LR: entries side by side along a horizontal axis; TD: down a vertical axis (the build turns a "
        "timeline too wide for the site to TD by itself)",
    )
    keep_direction: bool = Field(False, description=KEEP_DIRECTION)
    sections: list[Section] = Field(
        min_length=1, max_length=12, description="at most 12: Mermaid colours section i with colour slot i % 12"
    )


def lint(body: Body) -> Iterable[Finding]:
    phased = [s.phase is not None for s in body.sections]
    if any(phased) and not all(phased):
        missing = ", ".join(repr(s.name) for s in body.sections if s.phase is None)
        yield (
            ("sections", phased.index(False)),
            "TL001",
            f"sections {missing} have no phase while others do; give every section a phase (latent, trigger, "
            "impact, detection, mitigation, recovery) or none",
        )
    places = [(s, e, event.at) for s, section in enumerate(body.sections) for e, event in enumerate(section.events)]
    last: tuple[tuple[str, float], str] | None = None
    for (s, e, at), when in zip(places, moments([p[2] for p in places]), strict=True):
        loc = ("sections", s, "events", e, "at")
        if when is None:
            yield (loc, "TIME001", f"cannot read time {at!r}; write HH:MM, Day 2 HH:MM, YYYY-MM-DD HH:MM or T+90s")
            continue
        if last is not None and when[0] == last[0][0] and when[1] < last[0][1]:
            yield (
                loc,
                "TIME002",
                f"{at!r} comes before the previous entry {last[1]!r}; keep entries in time "
                "order (use `Day 2 00:10` after midnight; `HH:MM` after a dated entry is on that date)",
            )
        last = (when, at)


def _colours(body: Body) -> list[str]:
    return [s.phase or "entry" for s in body.sections]


def context(body: Body) -> dict[str, Any]:
    """Colour each section by its phase (Mermaid colours by position, so each slot is set per diagram), and write
    under each time how long after the entry before it came, the longest gap called out."""
    names = _colours(body)
    variables: dict[str, str] = {}
    for i, name in enumerate(names):
        sw = theme.swatch(name)
        variables |= {f"cScale{i}": sw.fill, f"cScaleLabel{i}": sw.ink, f"cScaleInv{i}": sw.stroke}
    return {"init": json.dumps({"themeVariables": variables}, sort_keys=True), "after": gaps(body)}


def gaps(body: Body) -> dict[tuple[int, int], str]:
    """Return (section, event) -> "+5 min" for each entry a readable time after the one before it."""
    places = [(s, e, event.at) for s, section in enumerate(body.sections) for e, event in enumerate(section.events)]
    when = moments([at for _, _, at in places])
    found: dict[tuple[int, int], float] = {}
    for i in range(1, len(places)):
        a, b = when[i - 1], when[i]
        if a is not None and b is not None and a[0] == b[0] and b[1] > a[1]:
            found[places[i][:2]] = b[1] - a[1]
    longest = max(found.values(), default=0)
    out = {}
    for key, seconds in found.items():
        out[key] = f"+{duration(seconds)}" + (", longest gap" if len(found) > 2 and seconds == longest else "")
    return out


def duration(seconds: float) -> str:
    """Write a gap as a reader says it: 43 s, 5 min, 1 h 28 min, 2 d 3 h."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    m = round(s / 60)
    if m < 60:
        return f"{m} min"
    h, m = divmod(m, 60)
    if h < 24:
        return f"{h} h {m} min" if m else f"{h} h"
    d, h = divmod(h, 24)
    return f"{d} d {h} h" if h else f"{d} d"


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Name the phase colours this timeline uses."""
    return theme.legend("phase", {s.phase for s in body.sections if s.phase})


def describe(body: Body) -> list[str]:
    zone = f" {body.timezone}" if body.timezone else ""
    return [
        f"{section.name}{f' ({section.phase})' if section.phase else ''} — {event.at}{zone}: {'; '.join(event.what)}"
        for section in body.sections
        for event in section.events
    ]


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {"sections": [{"name": t, "phase": "trigger", "events": [{"at": "22:52", "what": [t]}]}]}


def timed(body: Body) -> list[Timed]:
    return [
        Timed(("sections", s, "events", e), event.at, list(event.what), ("at", "what"))
        for s, section in enumerate(body.sections)
        for e, event in enumerate(section.events)
    ]


KIND = Kind(
    legend=legend,
    context=context,
    timed=timed,
    shows_both_ends=True,
    turn=turner("TD"),
    mermaid_config={"timeline": {"disableMulticolor": False, "useMaxWidth": True}},
    sample=sample,
    label_place=".eventWrapper text",
    body=Body,
    lint=lint,
    describe=describe,
    size=lambda b: (sum(len(s.events) for s in b.sections), 0),
    max_nodes=14,
    max_width=3600,
)
