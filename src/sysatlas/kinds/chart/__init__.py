"""chart: an xychart of measured numbers: latency percentiles, throughput curves, scaling knees.

Mermaid's xychart spaces x categories evenly and has no numeric or logarithmic axis for data points, so a line is
only true when its x values are evenly spaced (or, declared with `x.scale: log`, at a steady ratio): CHART006
checks that. xychart draws no point markers, and its value labels (showDataLabel) are bars-only and, in 11.17.2,
put one series' numbers on every series' bars, so they stay off; the values are in the text alternative. A
threshold or SLO is drawn as a flat line in the next series colour and named in the legend.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field, model_validator

from ...model import Strict, Text
from ...theme import DARK_SERIES, SERIES
from ...units import offset_seconds, quantity, shown
from .. import Finding, Kind
from .._common import number

PERCENTILE = re.compile(r"^p(\d+(?:\.\d+)?)$", re.IGNORECASE)


class XAxis(Strict):
    label: Text
    categories: list[Text] = Field(min_length=2, max_length=16)
    scale: Literal["linear", "log"] = Field(
        "linear", description="log: numeric categories at a steady ratio (1, 10, 100), and the axis title says so"
    )


class YAxis(Strict):
    label: Text
    unit: Text
    min: float | None = None
    max: float | None = None


class Series(Strict):
    name: Text
    type: Literal["bar", "line"] = "line"
    values: list[float] = Field(min_length=2)


class Threshold(Strict):
    value: Text = Field(description="where the line sits on the y axis, a number or ${fact}: 200 ms, ${slo_p99}")
    label: Text = Field(description="what it is: SLO p99, alert threshold, saturation")


class Body(Strict):
    horizontal: bool = False
    x: XAxis
    y: YAxis
    series: list[Series] = Field(min_length=1, max_length=4)
    threshold: Threshold | None = Field(None, description="a threshold or SLO the content gives, drawn across x")
    monotonic: Literal["increasing", "decreasing"] | None = Field(
        None, description="declare that every series must rise (or fall) along x; percentiles are checked always"
    )

    @model_validator(mode="after")
    def _room_for_threshold(self) -> Body:
        if self.threshold is not None and len(self.series) > len(SERIES) - 1:
            raise ValueError(f"a threshold takes a series colour: at most {len(SERIES) - 1} series with one")
        return self


def _percentiles(categories: list[str]) -> list[float] | None:
    found = [PERCENTILE.match(c.strip()) for c in categories]
    if not all(found):
        return None
    return [float(m.group(1)) for m in found if m]


PLOT_WIDTH = 620  # px of plot area in Mermaid's default 700 px xychart
CHAR_WIDTH = 7.5  # px per character of an axis label at the default font size


def _ordered(categories: list[str]) -> bool:
    """Say whether categories have an order a line could follow: numbers, percentiles or times."""
    return all(
        quantity(c) is not None or PERCENTILE.match(c.strip()) or offset_seconds(c) is not None for c in categories
    )


# a number, its unit (one word) and an optional note in brackets: `256`, `64 MiB (CRDB v19.1)`, `8 (default)`
_NUMERIC_UNIT = re.compile(r"^[A-Za-zµ%/]*$")
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def _numbers(categories: list[str]) -> list[float] | None:
    """Return the categories as numbers when every one is a number with the same unit; else None."""
    out, units = [], set()
    for category in categories:
        q = quantity(_NOTE.sub("", category))
        if q is None or not _NUMERIC_UNIT.match(q[1]):
            return None
        out.append(q[0])
        units.add(q[1])
    return out if len(units) == 1 else None


def _even(steps: list[float], tolerance: float) -> bool:
    return min(steps) > 0 and max(steps) <= min(steps) * (1 + tolerance)


def _spacing(body: Body) -> str | None:
    """Say what is wrong with the spacing of numeric x categories a line is drawn across, or None."""
    xs = _numbers(body.x.categories)
    if xs is None or len(xs) < 3 or all(s.type == "bar" for s in body.series):
        return None
    shown = ", ".join(number(x) for x in xs)
    gaps = [b - a for a, b in itertools.pairwise(xs)]
    ratios = [b / a for a, b in itertools.pairwise(xs) if a > 0]
    # a steady ratio: the logs of the ratios agree within 40% (1, 2, 5, 10 passes; 3, 5, 7, 9 does not)
    steady = len(ratios) == len(gaps) and _even([math.log(r) for r in ratios], 0.4)
    if body.x.scale == "log":
        return None if steady else f"x values {shown} are declared log scale but do not grow by a steady ratio"
    if _even(gaps, 0.1):
        return None
    if steady:
        return f"x values {shown} grow by a steady ratio: set `scale: log` under x so the axis says it is logarithmic"
    return (
        f"x values {shown} are unevenly spaced, but Mermaid's xychart draws categories evenly (it has no numeric "
        "or log x axis for data), so the line's slopes are false: use type: bar for separate measurements, "
        "or give values at even steps"
    )


def lint(body: Body) -> Iterable[Finding]:
    n = len(body.x.categories)
    pct = _percentiles(body.x.categories)
    if n <= 3:
        yield (
            ("x", "categories"),
            "CHART005",
            f"{n} values per series are too few for a chart: say them in a sentence, or use kind: comparison "
            "(a table); a chart earns its place from 4 points",
        )
    spacing = _spacing(body) if n > 3 else None  # too few points: one fix, not two
    if spacing:
        yield ("x", "categories"), "CHART006", spacing
    if body.threshold is not None and quantity(body.threshold.value) is None:
        yield (
            ("threshold", "value"),
            "UNIT001",
            f"threshold {body.threshold.value!r} starts with no number; write it as `200 ms` or `${{fact}}`",
        )
    if len(body.series) == 1 and body.series[0].type == "line" and not _ordered(body.x.categories):
        yield (
            ("series", 0, "type"),
            "CHART003",
            "a line implies an order between categories, and these are separate things; use type: bar",
        )
    longest = max(len(c) for c in body.x.categories)
    if not body.horizontal and longest * CHAR_WIDTH > PLOT_WIDTH / n:
        yield (
            ("x", "categories"),
            "CHART004",
            f"category labels up to {longest} characters overlap at {n} categories across the chart; "
            "shorten them or set horizontal: true",
        )
    yield from _hidden_bars(body)
    if pct is not None and pct != sorted(pct):
        yield ("x", "categories"), "NUM002", "percentile categories must run p50, p90, p99, p99.9 in order"
    for i, series in enumerate(body.series):
        if len(series.values) != n:
            yield (
                ("series", i, "values"),
                "CHART001",
                f"{series.name!r} has {len(series.values)} values for {n} categories",
            )
            continue
        rising = body.monotonic == "increasing" or pct is not None
        pairs = list(zip(series.values, series.values[1:], strict=False))
        if rising and any(b < a for a, b in pairs):
            what = "percentiles cannot decrease (p50 <= p95 <= p99 <= p99.9)" if pct else "declared increasing"
            yield ("series", i, "values"), "NUM002", f"{series.name!r} decreases along x: {what}"
        if body.monotonic == "decreasing" and any(b > a for a, b in pairs):
            yield ("series", i, "values"), "NUM002", f"{series.name!r} rises along x but is declared decreasing"
        for v, value in enumerate(series.values):
            if (body.y.min is not None and value < body.y.min) or (body.y.max is not None and value > body.y.max):
                yield (
                    ("series", i, "values", v),
                    "CHART002",
                    f"value {value:g} lies outside the y range {body.y.min}..{body.y.max}",
                )


def _hidden_bars(body: Body) -> Iterable[Finding]:
    """Mermaid draws bar series over each other, not side by side: a later, taller bar hides an earlier one."""
    bars = [(i, s) for i, s in enumerate(body.series) if s.type == "bar"]
    for a, (_, first) in enumerate(bars):
        for j, later in bars[a + 1 :]:
            hidden = [c for c, x, y in zip(body.x.categories, first.values, later.values, strict=False) if y > x > 0]
            if hidden:
                yield (
                    ("series", j, "values"),
                    "CHART007",
                    f"{later.name!r} is drawn over {first.name!r} and is taller at {', '.join(hidden)}, so it hides "
                    "it there (Mermaid draws bar series on top of each other); list the taller series first, or "
                    "draw one as type: line",
                )


def _threshold(body: Body) -> float | None:
    """Where the threshold sits in the axis' unit: `80 Gbit/s` on a Gbit/s axis is 80, `800 Mbit/s` is 0.8."""
    q = quantity(body.threshold.value) if body.threshold else None
    if q is None:
        return None
    axis = quantity(f"1 {body.y.unit}")
    if axis is not None and axis[1] == q[1] and axis[0]:
        return q[0] / axis[0]
    return q[0]


def context(body: Body) -> dict[str, Any]:
    top = body.y.max if body.y.max is not None else None
    at = _threshold(body)
    return {
        "y_range": f" {number(body.y.min)} --> {number(top)}" if body.y.min is not None and top is not None else "",
        "fmt": lambda values: ", ".join(number(v) for v in values),
        "x_title": body.x.label + (" (log scale)" if body.x.scale == "log" else ""),
        "threshold": None if at is None else [at] * len(body.x.categories),
    }


def describe(body: Body) -> list[str]:
    out = [f"x: {body.x.label}; y: {body.y.label} ({body.y.unit})"]
    for s in body.series:
        values = zip(body.x.categories, s.values, strict=False)
        pairs = ", ".join(f"{c} {shown(number(v), body.y.unit)}" for c, v in values)
        out.append(f"{s.name} ({s.type}): {pairs}")
    if body.threshold:
        out.append(f"{body.threshold.label}: {body.threshold.value}")
    return out


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Mermaid's xychart draws no legend: name each series in the colour each variant gives it, in order."""
    rows = [
        (f"{s.name} ({s.type})", SERIES[i % len(SERIES)], DARK_SERIES[i % len(DARK_SERIES)])
        for i, s in enumerate(body.series)
    ]
    if body.threshold is not None:
        i = len(body.series)
        rows.append((f"{body.threshold.label}: {body.threshold.value}", SERIES[i], DARK_SERIES[i]))
    return rows


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "x": {"label": t, "categories": [t, "b"]},
        "y": {"label": t, "unit": "ms"},
        "series": [{"name": "s", "values": [1, 2]}],
    }


KIND = Kind(
    sample=sample,
    label_place=".bottom-axis .label text",
    legend=legend,
    body=Body,
    lint=lint,
    context=context,
    describe=describe,
    size=lambda b: (len(b.x.categories), len(b.series)),
    max_nodes=16,
)
