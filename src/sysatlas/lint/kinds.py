"""Each kind's own checks: ids, references, numbers that must add up, times in order."""

from __future__ import annotations

from ..atlas import Atlas
from ..diagnostics import Report


def check(atlas: Atlas, report: Report) -> None:
    """Run the kind-specific lint of every diagram."""
    for d in atlas.diagrams():
        for loc, code, message in d.kind.lint(d.body):
            report.add(d.doc.rel, d.line_of(loc), code, message)
        for loc, code, message in d.kind.lint_in(d.category, d.body) if d.kind.lint_in else ():
            report.add(d.doc.rel, d.line_of(loc), code, message)
