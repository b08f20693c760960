"""Coverage against the inventory: subjects and diagrams done vs target, evidence levels, checkable facts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .atlas import Atlas
from .load import FACT_REF, fact_values
from .model import Fact, shown_fields


@dataclass
class CategoryStats:
    id: str
    title: str
    priority: str
    target: int
    subjects_needed: int
    subjects_done: int = 0
    diagrams: int = 0
    complete_subjects: int = 0
    evidence: Counter[str] = field(default_factory=Counter)
    sourced: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * min(self.diagrams, self.target) / self.target if self.target else 100.0


def coverage(atlas: Atlas) -> list[CategoryStats]:
    """Return per-category coverage, in inventory order."""
    out = []
    for cat in atlas.inventory.categories.values():
        row = CategoryStats(cat.id, cat.title, cat.priority, cat.target, cat.needed)
        for subject in (s for s in atlas.subjects if s.category == cat.id):
            row.subjects_done += 1
            ids = {d.common.id for d in subject.diagrams}
            if cat.diagram_ids and set(cat.diagram_ids) <= ids:
                row.complete_subjects += 1
            for d in subject.diagrams:
                row.diagrams += 1
                row.evidence[d.common.evidence] += 1
                row.sourced += bool(d.common.sources)
        out.append(row)
    return out


def table(rows: list[CategoryStats]) -> list[str]:
    """Return the coverage as aligned text lines."""
    head = (
        f"{'category':<14}{'pri':<5}{'subjects':>10}{'complete':>10}{'diagrams':>14}{'done':>7}"
        f"{'reported':>10}{'derived':>9}{'illustr.':>10}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.id:<14}{r.priority:<5}{f'{r.subjects_done}/{r.subjects_needed}':>10}"
            f"{r.complete_subjects:>10}{f'{r.diagrams}/{r.target}':>14}{r.percent:>6.0f}%"
            f"{r.evidence['reported']:>10}{r.evidence['derived']:>9}{r.evidence['illustrative']:>10}"
        )
    total = sum(r.diagrams for r in rows)
    target = sum(r.target for r in rows)
    lines.append("-" * len(head))
    lines.append(
        f"{'total':<19}{sum(r.subjects_done for r in rows):>10}{sum(r.complete_subjects for r in rows):>10}"
        f"{f'{total}/{target}':>14}{100.0 * total / target if target else 0:>6.0f}%"
        f"{sum(r.evidence['reported'] for r in rows):>10}{sum(r.evidence['derived'] for r in rows):>9}"
        f"{sum(r.evidence['illustrative'] for r in rows):>10}"
    )
    return lines


def coverage_markdown(rows: list[CategoryStats]) -> str:
    """Return the coverage table as Markdown."""
    out = [
        "| Category | Priority | Subjects | Complete subjects | Diagrams | Done | Reported | Derived | Illustrative |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        title = r.title.replace("|", "\\|")  # a pipe would end the cell
        out.append(
            f"| {title} | {r.priority} | {r.subjects_done}/{r.subjects_needed} | "
            f"{r.complete_subjects} | {r.diagrams}/{r.target} | {r.percent:.0f}% | {r.evidence['reported']} | "
            f"{r.evidence['derived']} | {r.evidence['illustrative']} |"
        )
    total, target = sum(r.diagrams for r in rows), sum(r.target for r in rows)
    out.append(
        f"| **Total** | | {sum(r.subjects_done for r in rows)}/{sum(r.subjects_needed for r in rows)} | "
        f"{sum(r.complete_subjects for r in rows)} | {total}/{target} | "
        f"{100 * total / target if target else 0:.0f}% | {sum(r.evidence['reported'] for r in rows)} | "
        f"{sum(r.evidence['derived'] for r in rows)} | {sum(r.evidence['illustrative'] for r in rows)} |"
    )
    return "\n".join(out) + "\n"


DIGITS = re.compile(r"(?<![\w.])\d+(?:[.,:-]\d+)*")  # 1,200 or 99.99 or 22:52 or 2018-10-21: one number each


@dataclass
class FactStats:
    """How much of a category's numbers can be checked: quoted, on primary sources, traced to a fact."""

    id: str
    reported_facts: int = 0
    quoted: int = 0
    on_primary: int = 0
    traced_numbers: int = 0
    typed_numbers: int = 0


def _count(model: Any, raw: Any, shown: bool, values: dict[str, str], row: FactStats) -> None:
    """Count the numbers of a diagram as written (`raw`, before interpolation) in what the reader sees: those
    `${fact}` brings in, and those typed literally. The validated `model` says which strings are shown (`Text`) and
    which became numbers; ids, references and `Spec` fields (dates, durations) are not counted."""
    if isinstance(model, BaseModel) and isinstance(raw, dict):
        fields = type(model).model_fields
        for name, field_shown in shown_fields(type(model)):
            _count(getattr(model, name), raw.get(fields[name].alias or name), field_shown, values, row)
    elif isinstance(model, (list, tuple)) and isinstance(raw, list):
        for item, raw_item in zip(model, raw, strict=False):
            _count(item, raw_item, shown, values, row)
    elif isinstance(model, dict) and isinstance(raw, dict):
        for key, item in model.items():
            _count(item, raw.get(key), shown, values, row)
    elif isinstance(raw, str) and (shown or (isinstance(model, (int, float)) and not isinstance(model, bool))):
        for match in FACT_REF.finditer(raw):
            if not match.group(0).startswith("$$"):
                row.traced_numbers += len(DIGITS.findall(values.get(match.group(1), "")))
        row.typed_numbers += len(DIGITS.findall(FACT_REF.sub(" ", raw)))
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        row.typed_numbers += 1  # a slice, a series value, a coordinate: typed, never interpolated


def fact_coverage(atlas: Atlas) -> list[FactStats]:
    """Per category: reported facts, how many quote their source, how many rest on a primary source, and the
    numbers in `reported` diagrams that come from a fact (`${fact}`) against those typed literally."""
    out = []
    for cat in atlas.inventory.categories.values():
        row = FactStats(cat.id)
        for subject in (s for s in atlas.subjects if s.category == cat.id):
            kinds = {src.id: src.kind for src in subject.head.sources}
            for fact in subject.head.facts.values():
                if isinstance(fact, Fact) and fact.level == "reported":
                    row.reported_facts += 1
                    row.quoted += bool(fact.quote)
                    row.on_primary += kinds.get(fact.source or "") == "primary"
            raw = subject.facts.raw_diagrams if subject.facts else []
            values = fact_values(subject.facts.raw if subject.facts else {})
            for d in subject.diagrams:
                if d.common.evidence == "reported" and d.index < len(raw) and isinstance(raw[d.index], dict):
                    _count(d.common.title, raw[d.index].get("title"), True, values, row)
                    _count(d.body, raw[d.index].get("body"), False, values, row)
        out.append(row)
    return out


FACT_COLUMNS = ("reported", "quoted", "primary", "from facts", "typed")
FACT_HEADINGS = ("Reported facts", "With quote", "On a primary source", "Numbers from facts", "Numbers typed")


def _fact_cells(r: FactStats) -> tuple[int, int, int, int, int]:
    return r.reported_facts, r.quoted, r.on_primary, r.traced_numbers, r.typed_numbers


def _total(rows: list[FactStats]) -> FactStats:
    total = FactStats("total")
    for r in rows:
        total.reported_facts += r.reported_facts
        total.quoted += r.quoted
        total.on_primary += r.on_primary
        total.traced_numbers += r.traced_numbers
        total.typed_numbers += r.typed_numbers
    return total


def fact_table(rows: list[FactStats]) -> list[str]:
    """Return the fact coverage as aligned text lines (numbers counted in `reported` diagrams only)."""
    head = f"{'facts':<14}" + "".join(f"{c:>12}" for c in FACT_COLUMNS)
    lines = [head, "-" * len(head)]
    lines += [f"{r.id:<14}" + "".join(f"{n:>12}" for n in _fact_cells(r)) for r in rows]
    total = _total(rows)
    lines += ["-" * len(head), f"{'total':<14}" + "".join(f"{n:>12}" for n in _fact_cells(total))]
    return lines


def fact_markdown(rows: list[FactStats]) -> str:
    """Return the fact coverage as a Markdown table."""
    out = ["| Category | " + " | ".join(FACT_HEADINGS) + " |", "|---|" + "---|" * len(FACT_COLUMNS)]
    out += [f"| {r.id} | " + " | ".join(str(n) for n in _fact_cells(r)) + " |" for r in rows]
    out.append("| **Total** | " + " | ".join(str(n) for n in _fact_cells(_total(rows))) + " |")
    return "\n".join(out) + "\n"
