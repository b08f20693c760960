"""An incident's "At a glance" box, computed from its data: date, duration, impact, trigger, root cause, fix, check.

Nothing here is written twice by authors: the date and the start/end/duration facts come from the subject's head,
the trigger, impact and first fix from its cascade's steps (by severity), the root-cause class from its `cause:`
field and the first thing to check from the cascade's 3 AM note. A subject shows the box when it has a date and a
cascade; a row whose data is missing is left out, never guessed.
"""

from __future__ import annotations

from typing import Any

from ..atlas import Diagram, Subject
from ..model import CAUSE_TITLES, Fact
from .facts import duration_fact, fact_shown
from .text import md

IMPACT_STAGES = ("impact", "blast")


def _step_text(step: Any) -> str:
    """A cascade step as one line: its label, its first detail and its time when it has them."""
    text = f"{step.label} ({step.detail[0]})" if step.detail else str(step.label)
    return f"{text}, at {step.at}" if step.at else text


def _impact(body: Any, after: list[Any]) -> list[Any]:
    """The blast radius: critical steps of an impact stage that lead to no further harm (at most two)."""
    harmful = {x.id for x in body.steps if x.severity in ("critical", "major")}
    onward = {link.from_ for link in body.links if link.to in harmful}
    staged = [x for x in after if x.severity == "critical" and any(k in (x.stage or "").lower() for k in IMPACT_STAGES)]
    ends = [x for x in staged if x.id not in onward] or staged[-1:]
    if not ends:
        ends = [x for x in after if x.severity == "critical" and x.id not in onward][:1]
    return ends[:2]


def _cascade(s: Subject) -> Diagram | None:
    return next((d for d in s.diagrams if d.kind.name == "cascade"), None)


def _when(s: Subject) -> str:
    start = s.head.facts.get("start")
    date = str(s.head.date)
    if isinstance(start, Fact) and isinstance(start.value, str) and start.value.startswith(date):
        rest = start.value[len(date) :].strip()
        if rest:
            return f"{date}, from {rest}" + (f" {start.unit}" if start.unit else "")
    return date


def _duration(s: Subject) -> str:
    facts = s.head.facts
    found = duration_fact(facts)
    if found is None:
        return ""
    name, fact = found
    start, end = facts.get("start"), facts.get("end")
    if name == "duration" and isinstance(start, Fact) and isinstance(end, Fact):
        zone = f" {end.unit}" if end.unit else ""
        return f"{fact_shown(fact)} ({start.value} to {end.value}{zone})"
    return fact_shown(fact)


def rows(s: Subject, src: str) -> list[tuple[str, str]]:
    """Return the box's rows as (label, HTML) for a subject with a date and a cascade, else no rows."""
    cascade = _cascade(s)
    if not s.head.date or cascade is None:
        return []
    steps = list(getattr(cascade.body, "steps", []))
    trigger = next((x for x in steps if x.severity == "trigger"), None)
    after = steps[steps.index(trigger) + 1 :] if trigger else steps
    impact = _impact(cascade.body, after)
    fix = next((x for x in after if x.severity == "recovery"), None)
    out = [("Date", md(_when(s))), ("Duration", md(_duration(s)))]
    if s.head.cause:
        out.append(("Root cause", md(CAUSE_TITLES[s.head.cause].capitalize())))
    out.append(("Trigger", md(_step_text(trigger)) if trigger else ""))
    out.append(("Impact", "; ".join(md(_step_text(x)) for x in impact)))
    out.append(("Fix", md(_step_text(fix)) if fix else ""))
    out.append(("Check first", md(cascade.common.three_am.check_first)))
    return [(label, value) for label, value in out if value]


def glance_box(s: Subject, src: str) -> list[str]:
    """Return the "At a glance" box as raw HTML lines, or nothing when the subject has no rows."""
    found = rows(s, src)
    if not found:
        return []
    items = "".join(
        f'<div class="sysatlas-glance-{label.lower().replace(" ", "-")}"><dt>{label}</dt><dd>{value}</dd></div>'
        for label, value in found
    )
    return [
        '<section class="sysatlas-glance" aria-labelledby="at-a-glance">',
        f'<p class="sysatlas-glance-title" id="at-a-glance">At a glance</p><dl>{items}</dl>',
        "</section>",
        "",
    ]
