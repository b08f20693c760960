"""Coverage against the inventory: subjects and diagrams done vs target, evidence levels, checkable facts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .atlas import Atlas
from .kinds import NOT_TEXT
from .load import FACT_REF, fact_values
from .model import Fact


@dataclass
class CategoryStats:
    id: str
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
        row = CategoryStats(cat.id, cat.priority, cat.target, cat.subjects_needed)
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
    head = f"{'category':<14}{'pri':<5}{'subjects':>10}{'complete':>10}{'diagrams':>14}{'done':>7}" \
           f"{'reported':>10}{'derived':>9}{'illustr.':>10}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r.id:<14}{r.priority:<5}{f'{r.subjects_done}/{r.subjects_needed}':>10}"
                     f"{r.complete_subjects:>10}{f'{r.diagrams}/{r.target}':>14}{r.percent:>6.0f}%"
                     f"{r.evidence['reported']:>10}{r.evidence['derived']:>9}{r.evidence['illustrative']:>10}")
    total = sum(r.diagrams for r in rows)
    target = sum(r.target for r in rows)
    lines.append("-" * len(head))
    lines.append(f"{'total':<19}{sum(r.subjects_done for r in rows):>10}{sum(r.complete_subjects for r in rows):>10}"
                 f"{f'{total}/{target}':>14}{100.0 * total / target if target else 0:>6.0f}%"
                 f"{sum(r.evidence['reported'] for r in rows):>10}{sum(r.evidence['derived'] for r in rows):>9}"
                 f"{sum(r.evidence['illustrative'] for r in rows):>10}")
    return lines


DIGITS = re.compile(r"(?<![\w.])\d+(?:[.,:-]\d+)*")  # 1,200 or 99.99 or 22:52 or 2018-10-21: one number each
SHOWN = ("title", "body")  # what the rendered diagram shows; three_am, notes and ids are not in its text


@dataclass
class FactStats:
    """How much of a category's numbers can be checked: quoted, on primary sources, traced to a fact."""

    id: str
    reported_facts: int = 0
    quoted: int = 0
    on_primary: int = 0
    traced_numbers: int = 0
    typed_numbers: int = 0


def _count(node: Any, values: dict[str, str], row: FactStats) -> None:
    """Count the numbers of a diagram as written: those `${fact}` brings in, and those typed literally."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_TEXT:
                _count(value, values, row)
    elif isinstance(node, list):
        for item in node:
            _count(item, values, row)
    elif isinstance(node, str):
        for match in FACT_REF.finditer(node):
            if not match.group(0).startswith("$$"):
                row.traced_numbers += len(DIGITS.findall(values.get(match.group(1), "")))
        row.typed_numbers += len(DIGITS.findall(FACT_REF.sub(" ", node)))
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
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
                    for key in SHOWN:
                        _count(raw[d.index].get(key), values, row)
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
    out = ["| Category | " + " | ".join(FACT_HEADINGS) + " |",
           "|---|" + "---|" * len(FACT_COLUMNS)]
    out += [f"| {r.id} | " + " | ".join(str(n) for n in _fact_cells(r)) + " |" for r in rows]
    out.append("| **Total** | " + " | ".join(str(n) for n in _fact_cells(_total(rows))) + " |")
    return "\n".join(out) + "\n"
