"""chart: an xychart of measured numbers: latency percentiles, throughput curves, scaling knees."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from ...model import Strict, Text
from ...theme import DARK_SERIES, SERIES
from ...units import offset_seconds, quantity
from .. import Finding, Kind
from .._common import number

PERCENTILE = re.compile(r"^p(\d+(?:\.\d+)?)$", re.IGNORECASE)


class XAxis(Strict):
    label: Text
    categories: list[Text] = Field(min_length=2, max_length=16)


class YAxis(Strict):
    label: Text
    unit: Text
    min: float | None = None
    max: float | None = None


class Series(Strict):
    name: Text
    type: Literal["bar", "line"] = "line"
    values: list[float] = Field(min_length=2)


class Body(Strict):
    horizontal: bool = False
    x: XAxis
    y: YAxis
    series: list[Series] = Field(min_length=1, max_length=4)
    monotonic: Literal["increasing", "decreasing"] | None = Field(
        None, description="declare that every series must rise (or fall) along x; percentiles are checked always"
    )


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


def lint(body: Body) -> Iterable[Finding]:
    n = len(body.x.categories)
    pct = _percentiles(body.x.categories)
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


def context(body: Body) -> dict[str, Any]:
    top = body.y.max if body.y.max is not None else None
    return {
        "y_range": f" {number(body.y.min)} --> {number(top)}" if body.y.min is not None and top is not None else "",
        "fmt": lambda values: ", ".join(number(v) for v in values),
    }


def describe(body: Body) -> list[str]:
    out = [f"x: {body.x.label}; y: {body.y.label} ({body.y.unit})"]
    for s in body.series:
        pairs = ", ".join(f"{c} {v:g} {body.y.unit}" for c, v in zip(body.x.categories, s.values, strict=False))
        out.append(f"{s.name} ({s.type}): {pairs}")
    return out


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Mermaid's xychart draws no legend: name each series in the colour each variant gives it, in order."""
    return [
        (f"{s.name} ({s.type})", SERIES[i % len(SERIES)], DARK_SERIES[i % len(DARK_SERIES)])
        for i, s in enumerate(body.series)
    ]


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
