"""comparison: options side by side against one workload, as a table read row by row, the best value marked.

Drawn with Mermaid's block diagram: a workload row across the table, a header row of option names, one row per
metric and a last row saying what each option is best for. Mermaid gives every cell the size of the largest, so
the text is wrapped here to a column width chosen from the number of columns, to keep the table near 1,000 px.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from ...model import Strict, Text
from ...theme import swatch
from ...units import quantity
from .. import Finding, Kind
from .._common import NodeId, duplicates, mid, wrap


class Metric(Strict):
    id: NodeId
    label: Text
    better: Literal["lower", "higher", "none"] = "none"


class Option(Strict):
    id: NodeId
    label: Text
    values: dict[NodeId, Text]
    best_for: Text | None = Field(None, description="what the option suits; the table's last row")


class Body(Strict):
    workload: Text = Field(description="what is compared: the workload, the setup, the question")
    metrics: list[Metric] = Field(min_length=1, max_length=6)
    options: list[Option] = Field(min_length=2, max_length=5)


def _best(body: Body) -> dict[str, set[str]]:
    """Return, per option id, the labels of the metrics on which it is best."""
    best: dict[str, set[str]] = {o.id: set() for o in body.options}
    for metric in body.metrics:
        if metric.better == "none":
            continue
        numbers = {o.id: q[0] for o in body.options if (q := quantity(o.values.get(metric.id, "")))}
        if len(numbers) < 2:
            continue
        pick = min if metric.better == "lower" else max
        target = pick(numbers.values())
        if list(numbers.values()).count(target) == 1:
            best[next(k for k, v in numbers.items() if v == target)].add(metric.label)
    return best


def lint(body: Body) -> Iterable[Finding]:
    metric_ids = [m.id for m in body.metrics]
    for i in duplicates(metric_ids):
        yield ("metrics", i, "id"), "ID001", f"metric id {metric_ids[i]!r} is used twice"
    for i in duplicates([o.id for o in body.options]):
        yield ("options", i, "id"), "ID001", f"option id {body.options[i].id!r} is used twice"
    for oi, option in enumerate(body.options):
        missing = [m for m in metric_ids if m not in option.values]
        extra = [k for k in option.values if k not in metric_ids]
        if missing:
            yield ("options", oi, "values"), "CMP001", f"{option.id} has no value for {', '.join(missing)}"
        for key in extra:
            yield ("options", oi, "values", key), "REF002", f"{key!r} is not a metric; known: {', '.join(metric_ids)}"
        for metric in body.metrics:
            value = option.values.get(metric.id)
            if metric.better != "none" and value is not None and quantity(value) is None:
                yield (
                    ("options", oi, "values", metric.id),
                    "UNIT001",
                    f"{metric.label} is compared ({metric.better} is better) but {value!r} starts with no "
                    "number; write it as `12 ms`, `~40K writes/s` or set better: none",
                )


TABLE_WIDTH = 1000  # px the table aims at: the site's diagram width
CHAR_WIDTH = 8.2  # px per character of cell text at Mermaid's default 16 px
BEST = "★ "  # marks the best value in text too, so the mark does not rest on colour alone
BETTER = {"lower": "lower is better", "higher": "higher is better", "none": ""}


def _chars(columns: int) -> int:
    """Return how many characters a cell line holds so that `columns` columns fit the table width."""
    return max(16, min(34, int(TABLE_WIDTH / columns / CHAR_WIDTH) - 3))


def context(body: Body) -> dict[str, Any]:
    best = _best(body)
    columns = len(body.options) + 1
    width = _chars(columns)
    head = [{"mid": "x_corner", "lines": ["Metric"]}]
    # option names are bold and often capitals: a narrower wrap keeps their column as wide as the values'
    head += [{"mid": mid("h", o.id), "lines": wrap(o.label, width * 4 // 5, split_names=True)} for o in body.options]
    rows: list[dict[str, Any]] = []
    best_cells: list[str] = []
    for mi, metric in enumerate(body.metrics):
        cells: list[dict[str, Any]] = [
            {
                "mid": f"c{oi}_{mi}",
                "lines": wrap(
                    (BEST if metric.label in best[option.id] else "") + option.values.get(metric.id, "n/a"),
                    width,
                    split_names=True,
                ),
                "best": metric.label in best[option.id],
            }
            for oi, option in enumerate(body.options)
        ]
        best_cells += [c["mid"] for c in cells if c["best"]]
        note = BETTER[metric.better]
        rows.append(
            {
                "mid": mid("m", metric.id),
                "lines": wrap(metric.label, width, split_names=True),
                "note": note,
                "cells": cells,
            }
        )
    best_for = [{"mid": mid("f", o.id), "lines": wrap(o.best_for or "", width, split_names=True)} for o in body.options]
    return {
        "columns": columns,
        "workload": wrap("Workload: " + body.workload, width * columns, split_names=True),
        "head": head,
        "rows": rows,
        "best_for": best_for if any(o.best_for for o in body.options) else [],
        "best_cells": best_cells,
        "classes": ["best", "external"] if any(best.values()) else ["external"],
    }


def legend(body: Body) -> list[tuple[str, str, str]]:
    """Name the one colour the table uses: the best value of a metric that has a better direction."""
    if not any(_best(body).values()):
        return []
    return [(f"{BEST}best value on its metric", swatch("best").fill, swatch("best", "dark").fill)]


def describe(body: Body) -> list[str]:
    best = _best(body)
    out = [f"Workload: {body.workload}"]
    for option in body.options:
        values = "; ".join(f"{m.label} {option.values.get(m.id, 'n/a')}" for m in body.metrics)
        star = f" — best {', '.join(sorted(best[option.id]))}" if best[option.id] else ""
        suits = f"; best for {option.best_for}" if option.best_for else ""
        out.append(f"{option.label}: {values}{suits}{star}")
    return out


def sample(t: str) -> dict[str, Any]:
    """A body showing `t` in every label."""
    return {
        "workload": t,
        "metrics": [{"id": "m", "label": t}],
        "options": [
            {"id": "a", "label": t, "values": {"m": t}, "best_for": t},
            {"id": "b", "label": "x", "values": {"m": "1"}, "best_for": "y"},
        ],
    }


KIND = Kind(
    sample=sample,
    label_place="g.node text",
    body=Body,
    lint=lint,
    context=context,
    describe=describe,
    legend=legend,
    accessible=False,
    size=lambda b: (len(b.options) * len(b.metrics), 0),  # values: the schema allows at most 5 x 6 = 30
)
