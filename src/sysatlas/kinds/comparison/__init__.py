"""comparison: options side by side against one workload, metric by metric, with the best value marked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from ...model import Strict, Text
from ...units import quantity
from .. import Finding, Kind
from .._common import NodeId, duplicates, mid


class Metric(Strict):
    id: NodeId
    label: Text
    better: Literal["lower", "higher", "none"] = "none"


class Option(Strict):
    id: NodeId
    label: Text
    values: dict[NodeId, Text]
    best_for: Text


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


def context(body: Body) -> dict[str, Any]:
    best = _best(body)
    cards = []
    for option in body.options:
        rows = [f"{m.label}: {option.values.get(m.id, 'n/a')}" for m in body.metrics]
        cards.append(
            {
                "mid": mid("o", option.id),
                "option": option,
                "rows": rows,
                "best": sorted(best[option.id]),
                "cls": "best" if best[option.id] else "external",
            }
        )
    return {"cards": cards, "classes": sorted({c["cls"] for c in cards} | {"question"})}


def describe(body: Body) -> list[str]:
    best = _best(body)
    out = [f"Workload: {body.workload}"]
    for option in body.options:
        values = "; ".join(f"{m.label} {option.values.get(m.id, 'n/a')}" for m in body.metrics)
        star = f" — best {', '.join(sorted(best[option.id]))}" if best[option.id] else ""
        out.append(f"{option.label}: {values}; best for {option.best_for}{star}")
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
    size=lambda b: (len(b.options) + 1, len(b.options)),
)
