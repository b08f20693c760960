"""Diagram kinds. Each is a folder with its schema, template, lint rules and a README; a new kind is a new folder.

A kind's `__init__.py` defines `KIND = Kind(...)`; the registry imports every sub-package that does.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str, str]  # (location inside the body, CODE, message)


def _no_findings(body: Any) -> Iterable[Finding]:
    return ()


def _no_context(body: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Kind:
    """What the pipeline needs to know about one diagram kind."""

    name: str
    body: type[BaseModel]
    folder: Path
    size: Callable[[Any], tuple[int, int]]
    """(nodes, edges) for the readability limits."""
    shape: Callable[[Any], tuple[Any, ...]]
    """The structure with every label removed, for the duplicate check."""
    describe: Callable[[Any], list[str]]
    """The text alternative, one line per element, in reading order."""
    lint: Callable[[Any], Iterable[Finding]] = _no_findings
    context: Callable[[Any], dict[str, Any]] = _no_context
    max_nodes: int = 30
    max_edges: int = 45
    same_shape_is_stamping: bool = True
    """False where the structure is only counts (slices, bars, columns) and so coincides by nature."""
    max_width: int = 2400
    """px of natural SVG width; beyond it the site shrinks text below half size (timelines scroll instead)."""
    limits_note: str = field(default="")

    @property
    def template(self) -> Path:
        return self.folder / "template.mmd.j2"


@cache
def registry() -> dict[str, Kind]:
    """Discover every kind folder below this package."""
    kinds: dict[str, Kind] = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, Kind):
            kinds[kind.name] = kind
    return dict(sorted(kinds.items()))


# Fields that hold ids, references or enum values: never shown as text, so never checked as text.
NOT_TEXT = frozenset(
    {
        "id",
        "from_",
        "to",
        "kind",
        "type",
        "shape",
        "status",
        "role",
        "severity",
        "style",
        "arrow",
        "goto",
        "choose",
        "after",
        "direction",
        "start",
        "over",
        "better",
        "date_format",
        "axis_format",
        "evidence",
    }
)


def walk_text(model: Any) -> list[str]:
    """Return every string a reader sees in a model (ids and enum values left out), depth first."""
    out: list[str] = []
    if isinstance(model, BaseModel):
        for name in type(model).model_fields:
            if name not in NOT_TEXT:
                out.extend(walk_text(getattr(model, name)))
    elif isinstance(model, (list, tuple)):
        for item in model:
            out.extend(walk_text(item))
    elif isinstance(model, dict):
        for value in model.values():
            out.extend(walk_text(value))
    elif isinstance(model, str):
        out.append(model)
    return out
