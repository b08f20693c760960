"""Pydantic errors as SCHEMA diagnostics at the line of the offending key, with the keys allowed there."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Report
from .load import Document, present


def validated(
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
