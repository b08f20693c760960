"""Each kind's golden cases, wrapped as content: for the golden tests, the site fixture and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .kinds import Kind, registry

FRAME = """\
id: {subject_id}  # the frame golden cases are wrapped in: one subject, one source, and the cases' diagrams
title: {title}
summary: A fixture subject that carries golden diagrams for the tests.
as_of: "2026-11"
sources:
  - id: fixture-source
    url: https://raft.github.io/raft.pdf
    title: In Search of an Understandable Consensus Algorithm
    publisher: USENIX ATC
    date: "2014"
    kind: primary
"""


@dataclass(frozen=True)
class Case:
    """One golden case: a diagram of a kind (its YAML has no `kind:`) and the Mermaid it must render to."""

    kind: Kind
    path: Path

    @property
    def name(self) -> str:
        return f"{self.kind.name}-{self.path.stem}"

    @property
    def expected(self) -> Path:
        return self.path.with_suffix(".mmd")

    @property
    def shows(self) -> list[str]:
        """Texts the rendered SVG must show exactly as written (from <case>.shows, one a line), if any."""
        path = self.path.with_suffix(".shows")
        return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []

    def item(self, new_id: str | None = None) -> str:
        """Return the case as an item of a subject's `diagrams:` list, with its kind, optionally another id."""
        lines = self.path.read_text(encoding="utf-8").splitlines()
        if new_id:
            lines[0] = f"id: {new_id}"
        rest = [("    " + line if line.strip() else line) for line in lines[1:]]
        return "\n".join([f"  - {lines[0]}", f"    kind: {self.kind.name}", *rest])


def cases() -> list[Case]:
    """Return every kind's golden cases, by kind then name."""
    return [Case(kind, path) for kind in registry().values() for path in kind.golden()]


PROFILE = """\
profile:
  scale: 3 servers in one cluster
  datastores: the replicated log of the Raft paper
  deployment: one data centre
"""
"""The comparison-table row a fixture subject needs where its category requires one (case studies)."""


def subject_text(
    *items: str, subject_id: str = "golden-case", title: str = "Golden case", profile: bool = False
) -> str:
    """Wrap diagram items in the fixture subject (with a `profile:`, as a case study needs, if asked)."""
    head = FRAME.format(subject_id=subject_id, title=title) + (PROFILE if profile else "")
    return head + "diagrams:\n" + "\n".join(items) + "\n"
