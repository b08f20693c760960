"""Times that must agree: a stated total with the entries it spans, and one event's time across diagrams.

The kinds whose entries happen at a time say so (`Kind.timed`): a timeline and a cascade.

TIME003: a timeline or cascade that interpolates a duration derived as `end - start` from two time facts must show
that span: a timeline starts at `start` (or lists it) and ends at `end` (or lists it); a cascade shows at least one
of them. TIME004: an entry that names a time fact (`at: ${t}` or `${t}` in its text) is at that fact's time, and
entries of one subject with the same text (20+ characters) are at the same time in every diagram.
"""

from __future__ import annotations

import ast
import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ..atlas import Atlas, Diagram, Subject
from ..derive import SECONDS, FactTable, Q, format_moment, is_zone
from ..diagnostics import Report
from ..load import FACT_REF
from ..units import dated, moments

SLACK = 60.0  # seconds: entries are written to the minute
Time = tuple[str, float, float]  # (domain, seconds, span): a date without a time spans its whole day
MIN_LABEL = 20  # characters: shorter texts ("Recovery", "Alerts fire") repeat by nature


@dataclass
class Entry:
    """One timed entry of a diagram: where it is, when, what it says as written and as shown."""

    loc: tuple[str | int, ...]
    at: str
    when: tuple[str, float] | None
    raw: list[str]
    shown: list[str]


def _entries(d: Diagram, raw_body: Any, anchor: date | None) -> list[Entry]:
    """The kind's timed entries, each with its texts as written (before `${fact}`) and its place on the clock."""
    timed = d.kind.timed(d.body) if d.kind.timed else []
    raws: list[list[str]] = []
    for t in timed:
        node = _at(raw_body, t.loc)
        texts: list[str] = []
        for key in t.fields:
            value = node.get(key) if isinstance(node, dict) else None
            texts += [str(v) for v in value] if isinstance(value, list) else [str(value) if value is not None else ""]
        raws.append(texts)
    whens = moments([t.at for t in timed], anchor)
    return [
        Entry((*t.loc, "at"), t.at, when, raw, list(t.shown)) for t, raw, when in zip(timed, raws, whens, strict=True)
    ]


def _at(node: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _moment(q: Q, anchor: date | None) -> tuple[str, float] | None:
    """Put a time fact on the clock the entries use."""
    if q.moment == "dated":
        return ("clock", q.value)
    if q.moment == "clock":
        return ("clock", calendar.timegm(anchor.timetuple()) + q.value) if anchor else ("undated", q.value)
    return None


def _time_facts(table: FactTable, anchor: date | None) -> dict[str, Time]:
    out: dict[str, Time] = {}
    for name in table.raw:
        value, unit, derive = table.spec(name)
        if not derive and not is_zone(unit) and not dated(str(value)):
            continue  # "04:25" without a zone is a time of day in some text, not a time fact
        try:
            q = table.get(name)
        except Exception:  # its own error is reported by derive; here it simply is no time
            continue
        when = _moment(q, anchor)
        if when:
            out[name] = (*when, 86400.0 if q.step >= 86400 else 0.0)
    return out


def _total(table: FactTable, name: str) -> tuple[str, str] | None:
    """Return (end, start) when fact `name` is derived as `end - start` of two time facts and is a duration."""
    _, _, derive = table.spec(name)
    if not derive:
        return None
    try:
        tree = ast.parse(derive, mode="eval").body
    except SyntaxError:
        return None
    if (
        isinstance(tree, ast.BinOp)
        and isinstance(tree.op, ast.Sub)
        and isinstance(tree.left, ast.Name)
        and isinstance(tree.right, ast.Name)
        and table.computed.get(name, Q(0)).dims == SECONDS
    ):
        return tree.left.id, tree.right.id
    return None


def _show(when: tuple[str, float]) -> str:
    if when[0] == "clock":
        return format_moment(Q(when[1], moment="dated"))
    return format_moment(Q(when[1], moment="clock"))


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set().union(*(_refs(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node)) if node else set()
    if isinstance(node, str):
        return {m.group(1) for m in FACT_REF.finditer(node) if not m.group(0).startswith("$$")}
    return set()


def check(atlas: Atlas, report: Report) -> None:
    """TIME003: stated total vs first/last entries; TIME004: one event, two times."""
    for subject in atlas.subjects:
        if subject.facts is None:
            continue
        stamp = dated(subject.head.date or "")
        anchor = stamp.date() if stamp else None
        times = _time_facts(subject.facts, anchor)
        entries = {}
        for d in subject.diagrams:
            if d.kind.timed is not None and d.index < len(subject.facts.raw_diagrams):
                raw = subject.facts.raw_diagrams[d.index]
                entries[d.key] = (d, _entries(d, raw.get("body") if isinstance(raw, dict) else None, anchor))
                _stated_total(subject, d, raw, entries[d.key][1], times, report)
        _same_event(subject, list(entries.values()), times, report)


def _stated_total(
    subject: Subject, d: Diagram, raw: Any, entries: list[Entry], times: dict[str, Time], report: Report
) -> None:
    assert subject.facts is not None
    for name in sorted(
        _refs({k: v for k, v in raw.items() if k in ("title", "caption", "body")}) if isinstance(raw, dict) else set()
    ):
        ends = _total(subject.facts, name) if name in subject.facts.raw else None
        if not ends or ends[0] not in times or ends[1] not in times:
            continue
        end, start = times[ends[0]], times[ends[1]]
        readings = [entries]
        if start[0] == "clock" and not any(dated(e.at) for e in entries):
            # entries give times of day only, so their day is a reading: the subject's `date` (which may be the UTC
            # day of an incident told in PST), the start's day or the end's day; an error only if none fits
            body = raw.get("body") if isinstance(raw, dict) else None
            readings += [_entries(d, body, datetime.fromtimestamp(t[1], tz=UTC).date()) for t in (start, end)]
        fits = [
            _fits(d.kind.shows_both_ends, [e.when for e in r if e.when and e.when[0] == start[0]], start, end)
            for r in readings
        ]
        shown = [e.when for e in entries if e.when and e.when[0] == start[0]]
        if not shown or end[0] != start[0] or any(fits):
            continue
        first, last = min(w[1] for w in shown), max(w[1] for w in shown)
        report.add(
            d.doc.rel,
            d.line,
            "TIME003",
            f"{d.key} states ${{{name}}} = {ends[0]} - {ends[1]} ({_show(start[:2])} to {_show(end[:2])}) "
            f"but its entries run from {_show((start[0], first))} to {_show((start[0], last))}; add entries "
            "at those times or fix the facts",
        )


def _fits(both: bool, shown: list[tuple[str, float]], start: Time, end: Time) -> bool:
    """A timeline shows both ends of the total (`both`); a cascade at least one of them."""
    has_start = any(_within(w[1], start) for w in shown)
    has_end = any(_within(w[1], end) for w in shown)
    return has_start and has_end if both else has_start or has_end


def _within(seconds: float, time: Time) -> bool:
    return time[1] - SLACK <= seconds <= time[1] + time[2] + SLACK


def _same_event(
    subject: Subject, diagrams: list[tuple[Diagram, list[Entry]]], times: dict[str, Time], report: Report
) -> None:
    by_text: dict[str, tuple[Diagram, Entry]] = {}
    for d, entries in diagrams:
        for entry in entries:
            if entry.when is None:
                continue
            for name in sorted(set().union(*(_refs(t) for t in entry.raw)) & set(times)):
                fact = times[name]
                seconds = entry.when[1]
                if entry.raw and FACT_REF.fullmatch(entry.raw[0].split()[-1] if entry.raw[0].split() else ""):
                    # `at: "Day 3 ${t}"`: the fact gives the time of day, the entry the day
                    seconds = fact[1] + (seconds - fact[1]) % 86400
                    seconds = seconds - 86400 if seconds - fact[1] > 43200 else seconds
                if fact[0] == entry.when[0] and not _within(seconds, fact):
                    report.add(
                        d.doc.rel,
                        d.line_of(entry.loc),
                        "TIME004",
                        f"{d.key}: the entry at {entry.at!r} names ${{{name}}}, which is at {_show(fact[:2])}; "
                        f'write `at: "${{{name}}}"` or fix the fact',
                    )
            for text in entry.shown:
                key = re.sub(r"\s+", " ", text.strip().lower())
                if len(key) < MIN_LABEL:
                    continue
                first = by_text.setdefault(key, (d, entry))
                other = first[1].when
                if first[0] is not d and other and other[0] == entry.when[0] and abs(other[1] - entry.when[1]) > SLACK:
                    report.add(
                        d.doc.rel,
                        d.line_of(entry.loc),
                        "TIME004",
                        f"{d.key} puts {text!r} at {entry.at!r} but {first[0].key} ({first[0].origin}) puts "
                        f"it at {first[1].at!r}; one event has one time: fix one of them",
                    )
