"""The loaded content: subjects, their diagrams, and the inventory they are counted against."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .kinds import Kind
from .load import Document
from .model import DiagramCommon, SubjectHead


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
    mermaid: str = ""

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

    @property
    def key(self) -> str:
        return f"{self.category}/{self.head.id}"


@dataclass(frozen=True)
class Category:
    """A category of the inventory: its target and the diagram set each subject should have."""

    id: str
    priority: str
    target: int
    diagram_ids: tuple[str, ...]
    diagram_whats: tuple[str, ...]
    subjects: tuple[str, ...]
    subjects_needed: int


@dataclass
class Inventory:
    """What the atlas must cover (content/inventory.yaml)."""

    categories: dict[str, Category]

    @classmethod
    def from_data(cls, data: Any) -> Inventory:
        cats: dict[str, Category] = {}
        for cid, raw in (data.get("categories") or {}).items():
            listed = raw.get("subjects") or raw.get("subjects_suggested") or []
            slugs = tuple(s["slug"] if isinstance(s, dict) else str(s) for s in listed)
            per = raw.get("diagrams_per_subject") or []
            cats[str(cid)] = Category(
                id=str(cid),
                priority=str(raw.get("priority", "")),
                target=int(raw.get("target_diagrams", 0)),
                diagram_ids=tuple(str(d["id"]) for d in per),
                diagram_whats=tuple(str(d["what"]) for d in per),
                subjects=slugs,
                subjects_needed=int(raw.get("subjects_needed", len(slugs))),
            )
        return cls(cats)

    def listed(self, category: str, subject: str) -> bool:
        """Say whether the inventory names this subject (so a link to it is pending, not broken)."""
        cat = self.categories.get(category)
        return cat is not None and subject in cat.subjects


@dataclass
class Atlas:
    """Everything loaded from content/."""

    root: Path
    inventory: Inventory
    subjects: list[Subject] = field(default_factory=list)

    def diagrams(self) -> list[Diagram]:
        return [d for s in self.subjects for d in s.diagrams]

    def subject(self, key: str) -> Subject | None:
        return next((s for s in self.subjects if s.key == key), None)
