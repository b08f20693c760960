"""Cross-links: `related` entries must name a written subject (or diagram), or one the inventory lists."""

from __future__ import annotations

from ..atlas import Atlas
from ..diagnostics import Report
from ..model import Ref


def check(atlas: Atlas, report: Report) -> None:
    """Check subject-level and diagram-level related references."""
    written = {s.key: {d.common.id for d in s.diagrams} for s in atlas.subjects}
    for subject in atlas.subjects:
        for i, ref in enumerate(subject.head.related):
            _one(atlas, written, ref, subject.doc.rel, subject.doc.line(("related", i)), report, subject.key)
        profile = subject.head.profile
        if profile is not None and profile.incident is not None:
            line = subject.doc.line(("profile", "incident"))
            _one(atlas, written, profile.incident, subject.doc.rel, line, report, subject.key)
        for d in subject.diagrams:
            for j, ref in enumerate(d.common.related):
                _one(atlas, written, ref, d.doc.rel, d.doc.line(("diagrams", d.index, "related", j)), report, d.key)


def _one(atlas: Atlas, written: dict[str, set[str]], ref: Ref, rel: str, line: int, report: Report, here: str) -> None:
    key = ref.subject_key
    if key == here:
        report.add(rel, line, "REF003", f"{str(ref)!r} links to itself")
    elif key in written:
        if ref.diagram and ref.diagram not in written[key]:
            have = ", ".join(sorted(written[key]))
            report.add(rel, line, "REF001", f"{str(ref)!r}: {key} has no diagram {ref.diagram!r}; it has: {have}")
    elif not atlas.inventory.listed(ref.category, ref.subject):
        report.add(
            rel,
            line,
            "REF001",
            f"{str(ref)!r} names no written subject and none the inventory lists; "
            "check the spelling against content/inventory.yaml",
        )
