"""Derived facts: evaluate `derive:` over other facts (units and times included) and check the `value` written.

An expression is parsed with `ast` and only fact names, numbers, + - * / and parentheses are allowed; nothing is
ever passed to eval(). Times (`2018-10-21 22:52` or `22:52` with a zone as unit) subtract to durations; physical
units (time, bytes, money) convert and must agree; any other unit word (nodes, requests, %) is a label: a count.
A derived fact without `value` gets the computed one before `${fact}` interpolation, so text shows the result.
"""

from __future__ import annotations

import ast
import calendar
import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .diagnostics import Report
from .load import Document
from .units import CURRENCIES, dated

Dims = tuple[tuple[str, int], ...]
SECONDS: Dims = (("s", 1),)
_TIME = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
    "month": 2_629_746,
    "months": 2_629_746,
    "year": 31_556_952,
    "years": 31_556_952,
    "yr": 31_556_952,
}
_DATA = {
    "B": 1,
    "byte": 1,
    "bytes": 1,
    "bit": 0.125,
    "bits": 0.125,
    "KB": 1e3,
    "kB": 1e3,
    "MB": 1e6,
    "GB": 1e9,
    "TB": 1e12,
    "PB": 1e15,
    "KiB": 2**10,
    "MiB": 2**20,
    "GiB": 2**30,
    "TiB": 2**40,
    "PiB": 2**50,
}
_RATE = {"bps": 0.125, "Kbps": 125, "Mbps": 125e3, "Gbps": 125e6, "Tbps": 125e9}
_MONEY = {name: code for code, sign in CURRENCIES.items() for name in (code, sign)}  # `$` and `USD`: one dimension
_SCALE = {"K": 1e3, "k": 1e3, "M": 1e6, "thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9}
ZONES = frozenset(
    {
        "UTC",
        "GMT",
        "Z",
        "PST",
        "PDT",
        "MST",
        "MDT",
        "CST",
        "CDT",
        "EST",
        "EDT",
        "CET",
        "CEST",
        "BST",
        "IST",
        "JST",
        "KST",
        "SGT",
        "HKT",
        "AEST",
        "AEDT",
    }
)
_ZONE = re.compile(
    r"^(?:UTC|GMT)[+-]\d{1,2}(?::\d{2})?$|^(?:Africa|America|Antarctica|Asia|Atlantic|Australia|"
    r"Europe|Indian|Pacific|US|Canada|Etc)/[A-Za-z_]+(?:/[A-Za-z_]+)?$"
)  # US/Pacific, Europe/Berlin
_TOKEN = re.compile(r"[$€£]|[^\s$€£*·()]+")  # whole words: "R7625" is a label, not 7625
_DURATION = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*([a-zµ]+)\s*(?:and\s*|,\s*)?)+$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-zµ]+)")
_CLOCK = re.compile(r"^(?:Day\s*(?P<day>\d+)\s+)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?$")
_APPROX = re.compile(r"^\s*(?:~|≈|about|around|approx(?:\.|imately)?|roughly|nearly|almost)\s*", re.I)
MAX_EXPRESSION = 300


class DeriveError(Exception):
    """A derivation that cannot be evaluated; `code` is FACT006 (expression, names) or UNIT003 (units)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class _Skip(Exception):
    """A fact this one depends on has its own error, reported there."""


@dataclass(frozen=True)
class Q:
    """A quantity: a value in base units (seconds, bytes, USD) with its dimensions, or a moment in time."""

    value: float
    dims: Dims = ()
    moment: str = ""  # "" for a quantity; "dated" (epoch seconds) or "clock" (seconds from day 1, 00:00)
    zone: str = ""
    step: float = 0.0  # the size of one unit in the last place written (0 for computed values)
    approx: bool = False

    def describe(self) -> str:
        """Say what this is in words a reader knows: `88 min`, `2018-10-21 22:52 UTC`, `42`."""
        if self.moment:
            return format_moment(self)
        if self.dims == SECONDS:
            return format_duration(self.value)
        return f"{_num(self.value)}{' ' + _dims_text(self.dims) if self.dims else ''}"


def _dims_text(dims: Dims) -> str:
    top = " ".join(f"{b}^{e}" if e > 1 else b for b, e in dims if e > 0) or "1"
    bottom = " ".join(f"{b}^{-e}" if e < -1 else b for b, e in dims if e < 0)
    return f"{top}/{bottom}" if bottom else top


def _num(value: float) -> str:
    return f"{value:.6g}" if abs(value) < 1e15 else f"{value:.6e}"


def _merge(a: Dims, b: Dims, sign: int) -> Dims:
    out = dict(a)
    for base, exp in b:
        out[base] = out.get(base, 0) + sign * exp
    return tuple(sorted((k, v) for k, v in out.items() if v))


def unit_of(text: str | None) -> tuple[float, Dims]:
    """Return (scale to base units, dimensions) of a unit as written: `min`, `GB/s`, `$M/year`, `$B`, `K ops/s`."""
    if not text:
        return 1.0, ()
    scale: float = 1.0
    dims: Dims = ()
    for i, part in enumerate(re.split(r"/|\bper\b", text)):
        sign = 1 if i == 0 else -1
        previous = ""
        for token in _TOKEN.findall(part):
            factor, base = 1.0, ""
            if token == "B" and previous in _MONEY:  # `$B` is billions of dollars, not dollar-bytes
                factor = 1e9
            elif re.fullmatch(r"\d+(?:\.\d+)?", token):
                factor = float(token)
            elif token in _TIME:
                factor, base = _TIME[token], "s"
            elif token in _DATA:
                factor, base = _DATA[token], "B"
            elif token in _RATE:
                factor, base = _RATE[token], "B"
                dims = _merge(dims, SECONDS, -sign)
            elif token in _MONEY:
                base = _MONEY[token]
            elif token in _SCALE:
                factor = _SCALE[token]
            previous = token
            scale = scale * factor if sign > 0 else scale / factor
            if base:
                dims = _merge(dims, ((base, 1),), sign)
    return scale, dims


def _step(digits: str, approx: bool) -> float:
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if approx and stripped else 1.0


def is_zone(unit: str | None) -> bool:
    """Say whether a fact's unit names a time zone (so its value is a moment)."""
    return bool(unit) and (unit in ZONES or bool(_ZONE.match(unit or "")))


def quantity(value: Any, unit: str | None) -> Q | None:
    """Read a written fact value with its unit; None when it is not a number, duration or time."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        scale, dims = unit_of(unit)
        return Q(
            float(value) * scale,
            dims,
            step=_step(str(value), False) * scale if isinstance(value, int) else _step(repr(value), False) * scale,
        )
    text = str(value).strip()
    if unit is None or is_zone(unit):
        stamp = dated(text)
        zone = unit or ""
        if stamp is not None:
            step = 1.0 if text.count(":") == 2 else 60.0 if ":" in text else 86400.0
            return Q(float(calendar.timegm(stamp.timetuple())), moment="dated", zone=zone, step=step)
        match = _CLOCK.match(text)
        if match:
            day = int(match.group("day") or 1) - 1
            seconds = day * 86400 + int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"] or 0)
            return Q(float(seconds), moment="clock", zone=zone, step=1.0 if match["s"] else 60.0)
        if is_zone(unit):
            return None
    approx = bool(_APPROX.match(text))
    bare = _APPROX.sub("", text).replace(",", "").strip()
    if unit is None and _DURATION.match(bare):
        parts = _DURATION_PART.findall(bare)
        if all(u in _TIME for _, u in parts):
            total = sum(float(n) * _TIME[u] for n, u in parts)
            last_n, last_u = parts[-1]
            return Q(total, SECONDS, step=_step(last_n, approx) * _TIME[last_u], approx=approx)
    match = re.match(r"^-?\d+(?:\.\d+)?", bare)
    if not match or bare[match.end() :].strip():
        return None
    scale, dims = unit_of(unit)
    return Q(float(match.group(0)) * scale, dims, step=_step(match.group(0), approx) * scale, approx=approx)


def format_duration(seconds: float) -> str:
    """Write a duration as people do: `43 s`, `88 min` is `1 h 28 min`, `24 h 11 min`."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    if seconds < 60:
        return f"{sign}{_num(seconds)} s"
    whole = round(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    parts = [f"{h} h" if h else "", f"{m} min" if m else "", f"{s} s" if s else ""]
    return sign + " ".join(p for p in parts if p)


def format_moment(q: Q) -> str:
    """Write a moment back as a fact value: `2018-10-21 22:52` or `Day 2 00:41`."""
    if q.moment == "dated":
        stamp = datetime.fromtimestamp(q.value, tz=UTC)
        return stamp.strftime("%Y-%m-%d %H:%M:%S" if stamp.second else "%Y-%m-%d %H:%M")
    day, rest = divmod(round(q.value), 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    clock = f"{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")
    return f"Day {day + 1} {clock}" if day else clock


def _combine(op: ast.operator, a: Q, b: Q) -> Q:
    if isinstance(op, (ast.Add, ast.Sub)):
        sub = isinstance(op, ast.Sub)
        if a.moment and b.moment:
            if not sub:
                raise DeriveError("UNIT003", "two times cannot be added; subtract them to get a duration")
            if a.moment != b.moment:
                raise DeriveError(
                    "UNIT003", "one time has a date and the other does not; write both as YYYY-MM-DD HH:MM"
                )
            if a.zone and b.zone and a.zone != b.zone:
                raise DeriveError(
                    "UNIT003", f"the times are in different zones ({a.zone}, {b.zone}); write both in one zone"
                )
            return Q(a.value - b.value, SECONDS)
        if a.moment or b.moment:
            moment, other = (a, b) if a.moment else (b, a)
            if other.dims != SECONDS or (sub and b.moment):
                raise DeriveError("UNIT003", f"a time can only be moved by a duration, not by {other.describe()}")
            return Q(moment.value + (-other.value if sub else other.value), moment=moment.moment, zone=moment.zone)
        if a.dims != b.dims:
            raise DeriveError(
                "UNIT003", f"cannot {'subtract' if sub else 'add'} {a.describe()} and {b.describe()}: the units differ"
            )
        return Q(a.value - b.value if sub else a.value + b.value, a.dims)
    if a.moment or b.moment:
        raise DeriveError("UNIT003", "a time cannot be multiplied or divided; subtract two times first")
    if isinstance(op, ast.Mult):
        return Q(a.value * b.value, _merge(a.dims, b.dims, 1))
    if b.value == 0:
        raise DeriveError("FACT006", "division by zero")
    return Q(a.value / b.value, _merge(a.dims, b.dims, -1))


@dataclass
class FactTable:
    """A subject's facts read as quantities, with derivations evaluated once."""

    raw: Mapping[str, Any]
    plain: bool = False
    """Read every unit as a label (numbers as written): how an author who converts by hand (`* 1000`) computes."""
    computed: dict[str, Q] = field(default_factory=dict)
    errors: dict[str, DeriveError] = field(default_factory=dict)
    uses: dict[str, list[str]] = field(default_factory=dict)
    raw_diagrams: list[Any] = field(default_factory=list)

    def spec(self, name: str) -> tuple[Any, str | None, str | None]:
        """Return (value, unit, derive) of a fact as written."""
        fact = self.raw[name]
        if isinstance(fact, Mapping):
            unit, derive = fact.get("unit"), fact.get("derive")
            return (
                fact.get("value"),
                str(unit) if unit is not None else None,
                str(derive) if derive is not None else None,
            )
        return fact, None, None

    def written(self, name: str) -> Q | None:
        """The fact's written value as a quantity, if it has one."""
        value, unit, _ = self.spec(name)
        return quantity(value, None if self.plain and not is_zone(unit) else unit)

    def get(self, name: str, stack: tuple[str, ...] = ()) -> Q:
        """Return a fact's quantity: computed for a derived fact, as written otherwise."""
        if name not in self.raw:
            known = ", ".join(sorted(self.raw)) or "none"
            raise DeriveError("FACT006", f"{name!r} is not a fact of this subject (known: {known})")
        if name in stack:
            raise DeriveError("FACT006", "the derivation goes round in a circle: " + " -> ".join((*stack, name)))
        if name in self.computed:
            return self.computed[name]
        if name in self.errors:
            raise _Skip
        value, _, derive = self.spec(name)
        if derive is None:
            q = self.written(name)
            if q is None:
                raise DeriveError("FACT006", f"fact {name!r} ({value!r}) is not a number, duration or time")
            return q
        try:
            q = self._evaluate(name, derive, (*stack, name))
        except DeriveError as exc:
            if stack:  # report each error once, at the fact where it arises
                self.errors[name] = exc
                raise _Skip from exc
            raise
        self.computed[name] = q
        return q

    def _evaluate(self, name: str, derive: str, stack: tuple[str, ...]) -> Q:
        if len(derive) > MAX_EXPRESSION:
            raise DeriveError("FACT006", f"the expression is longer than {MAX_EXPRESSION} characters")
        try:
            tree = ast.parse(derive, mode="eval")
        except SyntaxError as exc:
            raise DeriveError(
                "FACT006", f"cannot read `{derive}`: {exc.msg}; write fact names, numbers, + - * / and parentheses"
            ) from exc
        names: list[str] = []

        def ev(node: ast.AST) -> Q:
            if isinstance(node, ast.Expression):
                return ev(node.body)
            if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
                return _combine(node.op, ev(node.left), ev(node.right))
            if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
                inner = ev(node.operand)
                if inner.moment:
                    raise DeriveError("UNIT003", "a time cannot be negated")
                return Q(-inner.value if isinstance(node.op, ast.USub) else inner.value, inner.dims)
            if isinstance(node, ast.Name):
                names.append(node.id)
                return self.get(node.id, stack)
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, (int, float))
                and not isinstance(node.value, bool)
            ):
                return Q(float(node.value))
            raise DeriveError(
                "FACT006",
                f"`{ast.unparse(node)}` is not allowed in `derive`; use fact names, numbers, + - * / and parentheses",
            )

        result = ev(tree)
        self.uses[name] = names
        return result


def compare(name: str, computed: Q, written: Q, value: Any, unit: str | None) -> DeriveError | None:
    """Check a written value against the computed one, within the precision written; None when they agree.

    The tolerance is half a unit in the last place written (`73` +- 0.5, `2.5 h` +- 0.05 h, `24 h 11 min` +- 30 s)
    and, unless the value is marked `~`, at most 0.5%: a computed number is written as computed, not rounded away
    (`2.5 h` for 148 min fails, `1 h 28 min` for 88 min passes).
    """
    if not computed.moment and not computed.dims and not written.moment:
        # plain numbers (30 * 24 * 60) carry no unit: the result is read in the unit the value is written in
        computed = Q(computed.value * unit_of(unit)[0], written.dims)
    if bool(computed.moment) != bool(written.moment) or computed.dims != written.dims:
        want = "a time" if written.moment else (_dims_text(written.dims) if written.dims else "a plain number")
        return DeriveError(
            "UNIT003",
            f"fact {name!r}: `derive` gives {computed.describe()} but the value is written "
            f"as {want}; fix the unit or the expression",
        )
    tolerance = written.step / 2
    if not written.moment and not written.approx:
        tolerance = min(tolerance, 0.005 * abs(written.value))
    if abs(computed.value - written.value) <= tolerance + 1e-9 * max(1.0, abs(written.value)):
        return None
    in_unit = unit and not written.moment
    shown = f"{_num(computed.value / unit_of(unit)[0])} {unit}" if in_unit else computed.describe()
    said = f"{value} {unit}" if unit else str(value)
    ratio = written.value / computed.value if computed.value else 0.0
    hint = (
        " (units convert themselves: drop a hand conversion such as `/ 60` or `* 1000`)"
        if any(abs(ratio - f) < 1e-6 * f or abs(ratio * f - 1) < 1e-6 for f in (60.0, 1000.0, 3600.0, 1024.0, 86400.0))
        else ""
    )
    return DeriveError(
        "FACT005",
        f"fact {name!r}: `derive` gives {shown} but the value says {said}{hint}; write "
        "the computed value (to the precision you write, at most 0.5% off unless marked `~`), or fix "
        "the facts it uses",
    )


def written_text(q: Q, unit: str | None) -> Any:
    """The value to fill in for a derived fact written without one."""
    if q.moment:
        return format_moment(q)
    if unit:
        scale, _ = unit_of(unit)
        value = q.value / scale if q.dims else q.value
        return round(value) if abs(value - round(value)) < 1e-9 else float(f"{value:.4g}")
    if q.dims == SECONDS:
        return format_duration(q.value)
    return round(q.value) if abs(q.value - round(q.value)) < 1e-9 else float(f"{q.value:.4g}")


def _agrees_as_written(raw: Mapping[str, Any], name: str, value: Any, unit: str | None) -> bool:
    """Say whether `derive` gives the written value when every unit is read as a label."""
    try:
        q = FactTable(raw, plain=True).get(name)
    except (DeriveError, _Skip):
        return False
    written = quantity(value, None if not is_zone(unit) else unit)
    return (
        written is not None
        and not q.moment
        and not q.dims
        and not written.dims
        and compare(name, q, written, value, None) is None
    )


def prepare(doc: Document, report: Report) -> FactTable:
    """Evaluate every `derive:` of a parsed file, fill in missing values, report errors; run before interpolation."""
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    facts, diagrams = data.get("facts"), data.get("diagrams")
    raw: dict[str, Any] = facts if isinstance(facts, dict) else {}
    table = FactTable(raw, raw_diagrams=copy.deepcopy(diagrams) if isinstance(diagrams, list) else [])
    for name, fact in raw.items():
        if not isinstance(fact, dict) or fact.get("derive") is None:
            continue
        value, unit, _ = table.spec(name)
        try:
            q = table.get(name)
        except _Skip:
            continue
        except DeriveError as exc:
            report.add(
                doc.rel,
                doc.line(("facts", name, "derive")),
                exc.code,
                f"fact {name!r}: {exc.message}" if not exc.message.startswith("fact ") else exc.message,
            )
            continue
        if value is None:
            if q.moment and q.zone and unit is None:
                fact["unit"] = q.zone
            fact["value"] = written_text(q, unit if not q.moment else None)
            continue
        written = quantity(value, unit)
        problem = (
            compare(name, q, written, value, unit)
            if written is not None
            else DeriveError(
                "FACT006",
                f"fact {name!r}: the value {value!r} is not a number, duration or time to compare with "
                f"`derive` ({q.describe()})",
            )
        )
        if problem and written is not None and _agrees_as_written(raw, name, value, unit):
            problem = None  # the author converted units by hand (`* 1000`, `/ 60`): the numbers agree as written
        if problem:
            report.add(doc.rel, doc.line(("facts", name, "value")), problem.code, problem.message)
    for name, error in table.errors.items():
        report.add(doc.rel, doc.line(("facts", name, "derive")), error.code, f"fact {name!r}: {error.message}")
    return table
