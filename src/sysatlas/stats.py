"""Coverage against the inventory: subjects and diagrams done vs target, and evidence levels."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .atlas import Atlas


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
