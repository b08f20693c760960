"""Stage 2: validate every subject file against the model, and each diagram against its kind."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .atlas import Atlas, Diagram, Inventory, Subject
from .diagnostics import Report
from .kinds import registry
from .load import Document, fact_values, interpolate, present, read
from .model import DiagramCommon, SubjectHead
from .paths import Layout


def load_atlas(layout: Layout, report: Report, only: list[Path] | None = None) -> Atlas:
    """Read content/, validate it, and return what passed; every problem goes to `report`."""
    inv_doc = read(layout.inventory, layout.rel(layout.inventory), report)
    inventory = Inventory.from_data(inv_doc.data if inv_doc else {})
    atlas = Atlas(layout.root, inventory)
    files = sorted(p for p in layout.content.rglob("*.yaml") if p != layout.inventory)
    for path in only if only is not None else files:
        rel = layout.rel(path)
        category = path.parent.name
        if category not in inventory.categories:
            known = ", ".join(inventory.categories)
            report.add(rel, 1, "CAT001", f"folder {category!r} is not a category of the inventory; use one of: {known}")
            continue
        doc = read(path, rel, report)
        if doc is None:
            continue
        subject = validate_subject(doc, category, report)
        if subject is not None:
            if subject.head.id != path.stem:
                report.add(
                    rel,
                    doc.line(("id",)),
                    "ID003",
                    f"subject id {subject.head.id!r} must match the file name {path.stem!r}",
                )
            atlas.subjects.append(subject)
    return atlas


def validate_subject(doc: Document, category: str, report: Report) -> Subject | None:
    """Validate one parsed file; return the subject with the diagrams that passed."""
    if not isinstance(doc.data, dict):
        report.add(
            doc.rel,
            1,
            "SCHEMA001",
            "a subject file must be a mapping with id, title, summary, sources, "
            "facts and diagrams; run `sysatlas new CATEGORY SUBJECT` for a skeleton",
        )
        return None
    facts = fact_values(doc.data.get("facts"))
    if isinstance(doc.data.get("diagrams"), list):
        interpolate(doc, facts, report, ("diagrams",))
    try:
        head = SubjectHead.model_validate(doc.data)
    except ValidationError as exc:
        schema_errors(exc, doc, (), SubjectHead, report)
        return None
    subject = Subject(category, head, doc)
    kinds = registry()
    seen: set[str] = set()
    for i, raw in enumerate(head.diagrams):
        kind = kinds.get(str(raw.get("kind", "")))
        if kind is None:
            report.add(
                doc.rel,
                doc.line(("diagrams", i, "kind")),
                "KIND001",
                f"kind {raw.get('kind')!r} is unknown; use one of: {', '.join(kinds)}",
            )
            continue
        # the common fields and the body are checked separately, so one run reports the mistakes of both
        common = _validated(DiagramCommon, {k: v for k, v in raw.items() if k != "body"}, doc, ("diagrams", i), report)
        if "body" not in raw:
            report.add(
                doc.rel,
                doc.line(("diagrams", i)),
                "SCHEMA003",
                f"missing required key 'body' at diagrams.{i}.body; see src/sysatlas/kinds/{kind.name}/README.md",
            )
            continue
        body = _validated(kind.body, raw["body"], doc, ("diagrams", i, "body"), report)
        if common is None or body is None:
            continue
        assert isinstance(common, DiagramCommon)
        if common.id in seen:
            report.add(doc.rel, doc.line(("diagrams", i, "id")), "ID001", f"diagram id {common.id!r} is used twice")
            continue
        seen.add(common.id)
        subject.diagrams.append(Diagram(category, head.id, common, kind, body, doc, i))
    return subject


def _validated(
    model: type[BaseModel], data: Any, doc: Document, prefix: tuple[Any, ...], report: Report
) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        schema_errors(exc, doc, prefix, model, report)
        return None


def schema_errors(
    exc: ValidationError, doc: Document, prefix: tuple[Any, ...], model: type[BaseModel], report: Report
) -> None:
    """Turn pydantic errors into SCHEMA diagnostics with the line of the offending key."""
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        found = present(doc.data, (*prefix, *loc))
        line = doc.line((*prefix, *loc))
        kind = err["type"]
        last = loc[-1] if loc else "(top)"
        clean = (
            (*found[len(prefix) :], last)
            if kind in ("extra_forbidden", "missing") and last not in found[-1:]
            else tuple(found[len(prefix) :])
        )
        where = ".".join(str(s) for s in (*prefix, *clean)) or "(top)"
        if kind == "extra_forbidden":
            allowed = ", ".join(sorted(allowed_keys(model, loc))) or "none"
            report.add(doc.rel, line, "SCHEMA002", f"unknown key {clean[-1]!r} at {where}; allowed here: {allowed}")
        elif kind == "missing":
            report.add(doc.rel, line, "SCHEMA003", f"missing required key {clean[-1]!r} at {where}")
        else:
            msg = err["msg"].removeprefix("Value error, ")
            report.add(doc.rel, line, "SCHEMA004", f"{where}: {msg}")


def allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    """Return the keys allowed at the mapping that holds the last step of `loc`."""
    current: Any = model
    for step in loc[:-1]:
        current = _unwrap(current, step)
        if current is None:
            return set()
    current = _unwrap_containers(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {f.alias or name for name, f in current.model_fields.items()}
    return set()


def _unwrap_containers(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp
            tp = members[0]
        else:
            return tp


def _unwrap(tp: Any, step: Any) -> Any:
    tp = _unwrap_containers(tp)
    origin = typing.get_origin(tp)
    if isinstance(step, int) and origin in (list, tuple):
        return typing.get_args(tp)[0]
    if isinstance(step, str) and origin is dict:
        return typing.get_args(tp)[1]
    if origin in (typing.Union, types.UnionType):
        for member in typing.get_args(tp):
            for meta in getattr(member, "__metadata__", ()):
                if getattr(meta, "tag", None) == step:
                    return typing.get_args(member)[0]
        return None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, field in tp.model_fields.items():
            if step in (name, field.alias):
                return field.annotation
        return None
    return None
