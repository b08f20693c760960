"""Stage 4: checks on the rendered atlas. Each module is one family of rules; `run` applies them all."""

from __future__ import annotations

from ..atlas import Atlas
from ..diagnostics import Report
from . import duplicates, facts, kinds, links, placeholders, readability, sources, times

RULES = (kinds, sources, facts, times, links, placeholders, readability, duplicates)


def run(atlas: Atlas, report: Report) -> None:
    """Apply every rule family to the atlas."""
    for rule in RULES:
        rule.check(atlas, report)
