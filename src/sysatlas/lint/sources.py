"""Sources: every diagram cites what it rests on; `reported` needs a source with a URL."""

from __future__ import annotations

from ..atlas import Atlas
from ..diagnostics import Report


def check(atlas: Atlas, report: Report) -> None:
    """Check source references and evidence levels."""
    for subject in atlas.subjects:
        known = {s.id: s for s in subject.head.sources}
        used: set[str] = set()
        for i, src in enumerate(subject.head.sources):
            if [s.id for s in subject.head.sources].index(src.id) != i:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("sources", i, "id")),
                    "SRC005",
                    f"source id {src.id!r} is defined twice",
                )
        for d in subject.diagrams:
            c = d.common
            for j, ref in enumerate(c.sources):
                used.add(ref)
                if ref not in known:
                    report.add(
                        d.doc.rel,
                        d.doc.line(("diagrams", d.index, "sources", j)),
                        "SRC002",
                        f"source {ref!r} is not defined under `sources:`; known: {', '.join(known)}",
                    )
            if not c.sources:
                report.add(
                    d.doc.rel,
                    d.line,
                    "SRC001",
                    f"diagram {c.id!r} cites no source; add the ids of the sources it rests on",
                )
            elif c.evidence == "reported" and not any(known[r].url for r in c.sources if r in known):
                report.add(
                    d.doc.rel,
                    d.doc.line(("diagrams", d.index, "evidence")),
                    "SRC001",
                    f"diagram {c.id!r} is `reported` but none of its sources has a URL; add one, "
                    "or mark it derived/illustrative",
                )
            if c.evidence != "reported" and not c.evidence_note:
                report.add(
                    d.doc.rel,
                    d.doc.line(("diagrams", d.index, "evidence")),
                    "SRC004",
                    f"diagram {c.id!r} is {c.evidence}: say in `evidence_note` how the numbers were "
                    "derived or what the illustration stands for",
                )
        for name, fact in subject.head.facts.items():
            cited = getattr(fact, "source", None)
            if cited and cited not in known:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("facts", name, "source")),
                    "SRC002",
                    f"fact {name!r} cites {cited!r}, which is not under `sources:`",
                )
            elif cited:
                used.add(cited)
        for i, src in enumerate(subject.head.sources):
            if src.id not in used:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("sources", i, "id")),
                    "SRC003",
                    f"source {src.id!r} is cited by no diagram or fact; cite it or drop it",
                )
