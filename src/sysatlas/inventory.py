"""The inventory (content/inventory.yaml): what the atlas covers, one entry per category.

A category's entry is everything about it: title, purpose, how the site presents it, the diagrams each of its
subjects should have (with the kind `sysatlas new` gives each), and the subjects it must cover. Adding a
category is adding an entry here and a folder under content/.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from .diagnostics import Report
from .kinds import registry
from .load import Portable, read
from .model import Slug, Strict, Text, Url
from .paths import Layout
from .schema import validated


class Slot(Strict):
    """One diagram every subject of the category should have."""

    id: Slug
    kind: str = Field(description="the kind `sysatlas new` gives it; the author may change it")
    what: Text


class Listed(Strict):
    """A subject the category must cover, with what is known about it before it is written."""

    slug: Slug
    company: Text | None = None
    date: Text | None = None


class Category(Strict):
    """A category: its reader-facing title and purpose, its presentation, diagram set and subjects."""

    title: Text
    purpose: Text
    priority: Text
    target_diagrams: int = Field(ge=0)
    pages: Literal["per-subject", "per-diagram"] = Field(
        "per-subject", description="per-diagram: a subject gets an index page and one page per diagram"
    )
    note: Text | None = None
    diagrams_per_subject: list[Slot] = Field(min_length=1)
    subjects: list[Slug | Listed] = Field(default_factory=list)
    subjects_needed: int | None = Field(None, ge=0, description="default: the number of subjects listed")
    requires: list[Literal["company", "date", "cause", "profile"]] = Field(
        default_factory=list,
        description="keys every subject of the category must have (incidents: cause; case studies: profile)",
    )
    _id: str = PrivateAttr("")

    @property
    def id(self) -> str:
        """The category's folder name under content/ (its key in the inventory)."""
        return self._id

    @property
    def target(self) -> int:
        return self.target_diagrams

    @property
    def per_diagram(self) -> bool:
        """Say whether each diagram gets a page of its own."""
        return self.pages == "per-diagram"

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(s if isinstance(s, str) else s.slug for s in self.subjects)

    @property
    def needed(self) -> int:
        return self.subjects_needed if self.subjects_needed is not None else len(self.subjects)

    @property
    def diagram_ids(self) -> tuple[str, ...]:
        return tuple(slot.id for slot in self.diagrams_per_subject)


class Inventory(Strict):
    """What the atlas must cover, and the name and introduction of its site."""

    name: Text = Field(description="the site's name")
    description: Text = Field(description="one sentence: the site's description")
    intro: Text = Field(description="the home page's opening paragraph")
    about: Text | None = Field(None, description="a note for maintainers; not shown")
    report_url: Url | None = Field(
        None, description="the tracker's new-issue URL that each diagram's 'Report an error' link opens, prefilled"
    )
    categories: dict[Slug, Category] = Field(min_length=1)

    @model_validator(mode="after")
    def _name_categories(self) -> Inventory:
        for cid, category in self.categories.items():
            category._id = cid
        return self

    def listed(self, category: str, subject: str) -> bool:
        """Say whether the inventory names this subject (so a link to it is pending, not broken)."""
        cat = self.categories.get(category)
        return cat is not None and subject in cat.slugs


EMPTY = Inventory.model_construct(name="", description="", intro="", about=None, report_url=None, categories={})


def load_inventory(layout: Layout, report: Report, portable: Portable | None = None) -> Inventory | None:
    """Read and validate content/inventory.yaml; on any problem report it and return None."""
    rel = layout.rel(layout.inventory)
    doc = read(layout.inventory, rel, report, portable)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        report.add(
            rel,
            1,
            "SCHEMA001",
            "the inventory must be a mapping with name, description, intro and "
            "categories; `sysatlas init DIR` writes a minimal one",
        )
        return None
    inventory = validated(Inventory, doc.data, doc, (), report)
    if not isinstance(inventory, Inventory):
        return None
    kinds = registry()
    wrong = False
    for cid, category in inventory.categories.items():
        for i, slot in enumerate(category.diagrams_per_subject):
            if slot.kind not in kinds:
                wrong = True
                report.add(
                    rel,
                    doc.line(("categories", cid, "diagrams_per_subject", i, "kind")),
                    "KIND001",
                    f"kind {slot.kind!r} is unknown; use one of: {', '.join(kinds)}",
                )
    return None if wrong else inventory
