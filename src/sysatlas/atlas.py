"""The loaded content: subjects, their diagrams, the inventory they are counted against, and the links between them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .derive import FactTable
from .inventory import Category, Inventory
from .kinds import Kind
from .load import Document
from .model import DiagramCommon, Ref, SubjectHead
from .tags import Vocabulary


@dataclass
class Diagram:
    """One validated diagram and where it came from."""

    category: str
    subject: str
    common: DiagramCommon
    kind: Kind
    body: BaseModel
    doc: Document
    index: int

    @property
    def key(self) -> str:
        return f"{self.category}/{self.subject}#{self.common.id}"

    @property
    def line(self) -> int:
        return self.doc.line(("diagrams", self.index))

    @property
    def origin(self) -> str:
        return f"{self.doc.rel}:{self.line}"

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """Return the line of a place inside this diagram's body."""
        return self.doc.line(("diagrams", self.index, "body", *loc))


@dataclass
class Subject:
    """One subject file: its metadata, sources, facts and diagrams."""

    category: str
    head: SubjectHead
    doc: Document
    diagrams: list[Diagram] = field(default_factory=list)
    facts: FactTable | None = None
    """The facts read as quantities, derivations evaluated, and the diagrams as written before interpolation."""

    @property
    def key(self) -> str:
        return f"{self.category}/{self.head.id}"


@dataclass
class Atlas:
    """Everything loaded from content/."""

    root: Path
    inventory: Inventory
    subjects: list[Subject] = field(default_factory=list)
    vocabulary: Vocabulary | None = None
    """content/tags.yaml, when the atlas has one."""

    def tags(self, s: Subject) -> list[str]:
        """Return a subject's tags in canonical form (as written when there is no vocabulary), without repeats."""
        out: list[str] = []
        for t in s.head.tags:
            c = (self.vocabulary.canonical(t) if self.vocabulary else None) or t
            if c not in out:
                out.append(c)
        return out

    def diagrams(self) -> list[Diagram]:
        return [d for s in self.subjects for d in s.diagrams]

    def subject(self, key: str) -> Subject | None:
        return next((s for s in self.subjects if s.key == key), None)

    def category(self, subject: Subject | Diagram) -> Category:
        """Return the inventory entry of a subject's or diagram's category."""
        return self.inventory.categories[subject.category]

    def resolve(self, ref: Ref) -> tuple[Subject, Diagram | None] | None:
        """Return the subject (and diagram) a reference names, or None when it is not written yet."""
        subject = self.subject(ref.subject_key)
        if subject is None:
            return None
        diagram = next((d for d in subject.diagrams if d.common.id == ref.diagram), None) if ref.diagram else None
        return subject, diagram

    def backlinks(self) -> dict[str, list[Subject]]:
        """Return, for each subject key, the other subjects whose related links (subject or diagram level) name it."""
        out: dict[str, list[Subject]] = defaultdict(list)
        for s in self.subjects:
            targets = {r.subject_key for r in s.head.related} | {
                r.subject_key for d in s.diagrams for r in d.common.related
            }
            for key in sorted(targets - {s.key}):
                out[key].append(s)
        return out
