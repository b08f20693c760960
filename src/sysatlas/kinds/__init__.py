"""Diagram kinds. A kind is a folder, and nothing outside its folder names it; a new kind is a new folder.

A kind's folder holds:

    __init__.py        `KIND = Kind(...)`: the body schema, lint rules, text alternative, sizes, site presentation
                       and a sample body for the property test (with where its SVG shows the label)
    template.mmd.j2    the Jinja template that writes its Mermaid
    skeleton.yaml      the body `sysatlas new` writes (every FILL is reported until replaced)
    golden/            golden cases: <case>.yaml (a diagram without `kind:`) and the <case>.mmd it must render to
    README.md          the body, with one example

The registry imports every sub-package that defines `KIND`; a kind's name is its folder's name.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str, str]  # (location inside the body, CODE, message)


class Timed(NamedTuple):
    """An entry placed in time, for the time checks (TIME003/TIME004)."""

    loc: Loc
    """Where the entry is in the body; its time is the `at` key there."""
    at: str
    shown: list[str]
    """The texts it shows (after `${fact}` interpolation)."""
    fields: tuple[str, ...]
    """Its keys whose text as written may name a time fact, `at` first."""


class RunbookStep(NamedTuple):
    """One numbered step of a drawn procedure, as the runbook view lists it (site/runbook.py)."""

    number: int
    """The number the drawing shows beside it."""
    actor: str
    target: str
    text: str
    answer: bool
    """A reply (what the engineer should see), not an action."""
    when: str
    """The condition or loop it sits in ("if the slot is inactive"), or ""."""
    notes: tuple[str, ...]
    """Notes drawn right after it."""
    branches: tuple[str, ...] = ()
    """For a numbered question: each answer and where it leads ("yes → step 4")."""


def _no_findings(body: Any) -> Iterable[Finding]:
    return ()


def _no_context(body: Any) -> dict[str, Any]:
    return {}


def _no_legend(body: Any) -> list[tuple[str, str, str]]:
    return []


@dataclass(frozen=True)
class Kind:
    """Everything the pipeline and the site need to know about one diagram kind."""

    body: type[BaseModel]
    size: Callable[[Any], tuple[int, int]]
    """(nodes, edges) for the readability limits."""
    describe: Callable[[Any], list[str]]
    """The text alternative, one line per element, in reading order."""
    sample: Callable[[str], dict[str, Any]]
    """A body showing `text` in every label it has: the property test renders it for any text in Chromium."""
    label_place: str
    """CSS selector of the SVG elements that show the sample's first label (node, message, event, slice, point or
    task): the property test looks for the text there, not in the SVG's <title>/<desc>, which also hold it."""
    shape: Callable[[Any], tuple[Any, ...]] | None = None
    """For a kind whose order is the story (a sequence's messages): the structure with every label removed, in
    order, which the duplicate check (DUP001) compares. None: DUP001 compares the graph of ids up to reordering,
    or, for a kind without links, its numbers and times."""
    lint: Callable[[Any], Iterable[Finding]] = _no_findings
    lint_in: Callable[[str, Any], Iterable[Finding]] | None = None
    """Checks that depend on the category the diagram is in, given (category, body)."""
    context: Callable[[Any], dict[str, Any]] = _no_context
    """Extra names for the template, computed in Python (templates hold no logic)."""
    max_nodes: int = 30
    max_edges: int = 45
    max_width: int = 2400
    """px of natural SVG width; beyond it the site shrinks text below half size (timelines scroll instead)."""
    accessible: bool = True
    """Mermaid's grammar for this kind takes accTitle/accDescr; when not, only the page's figure labels it."""
    legend: Callable[[Any], list[tuple[str, str, str]]] = _no_legend
    """(label, light colour, dark colour) rows drawn into the SVG under the diagram, where Mermaid draws no legend
    itself (so exports carry it too)."""
    timed: Callable[[Any], list[Timed]] | None = None
    """Its entries that happen at a time (TIME003: a stated total is spanned; TIME004: one event, one time)."""
    shows_both_ends: bool = False
    """TIME003: the entries show both the start and the end of a stated total (else at least one of them)."""
    steps: Callable[[Any], list[RunbookStep]] | None = None
    """For a kind that can number its steps: the numbered steps in the order and with the numbers the drawing shows,
    or [] when this diagram is not numbered. The site lists them as the subject's runbook."""
    turn: Callable[[Any], Any] | None = None
    """For a kind drawn in a direction: the body drawn the other way (LR -> TB), or None when the author fixed
    the direction. The browser stage uses it when the written way is too wide for the site and the other way is
    narrower (see lint/geometry.py)."""
    mermaid_config: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Settings for Mermaid's grammar of this kind, merged into the one configuration (harness and site)."""
    name: str = ""
    """Set by the registry: the folder's name."""
    folder: Path = Path()
    """Set by the registry: the folder."""

    @property
    def template(self) -> Path:
        return self.folder / "template.mmd.j2"

    @property
    def skeleton(self) -> str:
        """The body `sysatlas new` writes, as YAML."""
        return (self.folder / "skeleton.yaml").read_text(encoding="utf-8")

    def golden(self) -> list[Path]:
        """Return the golden cases: each <case>.yaml renders to the <case>.mmd beside it."""
        return sorted((self.folder / "golden").glob("*.yaml"))


@cache
def registry() -> dict[str, Kind]:
    """Discover every kind folder below this package."""
    kinds: dict[str, Kind] = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, Kind) and module.__file__:
            kinds[info.name] = dataclasses.replace(kind, name=info.name, folder=Path(module.__file__).parent)
    return dict(sorted(kinds.items()))
