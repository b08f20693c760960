"""A subject's facts on its page: the table with evidence and the source's words, and the quote on hover."""

from __future__ import annotations

import re

from ..model import Fact, SubjectHead
from ..units import shown
from .text import attr, md

DURATION_FACTS = ("duration", "outage", "downtime")
"""The fact names an incident's length goes by, in the order they are preferred."""


def fact_shown(fact: Fact | str | float | None) -> str:
    """The text a fact interpolates to ("" for no fact)."""
    if fact is None:
        return ""
    if not isinstance(fact, Fact):
        return str(fact)
    return shown(fact.value, fact.unit)


def duration_fact(facts: dict[str, Fact | str | float]) -> tuple[str, Fact | str | float] | None:
    """Return an incident's length as (fact name, fact), from the first of DURATION_FACTS it has."""
    return next(((name, facts[name]) for name in DURATION_FACTS if name in facts), None)


def _fact_evidence(h: SubjectHead, fact: Fact) -> str:
    """What the reader may rely on: the level, and for reported facts whether the source is primary."""
    level = fact.level
    if level == "reported":
        kind = {x.id: x.kind for x in h.sources}.get(fact.source or "")
        return "reported, primary source" if kind == "primary" else "reported, secondary source only"
    if level == "derived" and fact.derive:
        return f"derived: {fact.derive}"
    return level


def fact_label(name: str) -> str:
    """A fact's key as a reader's label: `cloud_peak` -> Cloud peak, `e2e_p50` -> E2e p50."""
    words = name.replace("_", " ").replace("-", " ").replace(".", " ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def facts_table(h: SubjectHead) -> list[str]:
    """Every fact with its value, evidence, the source's own words and where they are (linked)."""
    if not h.facts:
        return []
    sources = {x.id: x for x in h.sources}
    out = [
        '???+ info "Key facts, quoted from their sources"',
        "    | Fact | Value | Evidence | The source says |",
        "    |---|---|---|---|",
    ]
    for name, fact in h.facts.items():
        label = f"**{md(fact_label(name))}**"
        if not isinstance(fact, Fact):
            out.append(f"    | {label} | {md(fact_shown(fact))} | | |")
            continue
        if fact.note:
            label += f"<br><small>{md(fact.note)}</small>"
        says = ""
        if fact.quote:
            says = f"“{md(fact.quote)}”"
        if fact.source:
            source = sources.get(fact.source)
            where = md(source.title if source else fact.source)
            if source and source.url:
                where = f"[{where}]({source.url})"
            says += f" — {where}" + (f", {md(fact.locator)}" if fact.locator else "")
        out.append(f"    | {label} | {md(fact_shown(fact))} | {md(_fact_evidence(h, fact))} | {says} |")
    out.append("")
    return out


def with_quotes(text: str, h: SubjectHead) -> str:
    """Escape `text` for prose and mark each quoted fact's value so the reader can hover it for the quote."""
    out = md(text)
    for fact in sorted(
        (f for f in h.facts.values() if isinstance(f, Fact) and f.quote), key=lambda f: -len(fact_shown(f))
    ):
        shown = md(fact_shown(fact))
        if len(shown) < 3 or shown not in out:
            continue
        tip = attr(f"“{fact.quote}” ({fact.source})")
        marked = f'<abbr class="sysatlas-fact" title="{tip}">{shown}</abbr>'
        out = re.sub(rf"(?<![\w>]){re.escape(shown)}(?![\w<])", marked.replace("\\", "\\\\"), out, count=1)
    return out
