"""Stage 1: read YAML with line numbers; reject syntax errors and duplicate keys; interpolate facts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .diagnostics import Report

FACT_REF = re.compile(r"\$\{([A-Za-z0-9_.-]+)\}")


@dataclass
class Document:
    """One YAML file, parsed, with the positions of every key and item."""

    path: Path
    rel: str
    data: Any

    def line(self, loc: Sequence[str | int]) -> int:
        """Return the 1-based line of the deepest part of `loc` that exists in the file."""
        return line_of(self.data, loc)


def line_of(node: Any, loc: Sequence[str | int]) -> int:
    """Walk `loc` through ruamel containers and return the line of the deepest existing step."""
    return _walk(node, loc)[0]


def present(node: Any, loc: Sequence[str | int]) -> list[str | int]:
    """Return the steps of `loc` that exist in the data (dropping validator tags and missing keys)."""
    return _walk(node, loc)[1]


def _walk(node: Any, loc: Sequence[str | int]) -> tuple[int, list[str | int]]:
    line = getattr(getattr(node, "lc", None), "line", 0) or 0
    found: list[str | int] = []
    for step in loc:
        lc = getattr(node, "lc", None)
        if isinstance(node, CommentedMap) and step in node:
            if lc is not None:
                line = lc.key(step)[0]
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            if lc is not None:
                line = lc.item(step)[0]
            node = node[step]
        elif isinstance(step, str) and isinstance(node, (CommentedMap, CommentedSeq)):
            continue  # a union tag or a missing key: keep looking deeper
        else:
            break
        found.append(step)
    return line + 1, found


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def read(path: Path, rel: str, report: Report) -> Document | None:
    """Parse one file; on failure record YAML001/YAML002 and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.add(rel, 1, "YAML003", f"cannot read the file: {exc}")
        return None
    try:
        data = _yaml().load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        key = _dup_key(str(exc.problem))
        report.add(rel, line, "YAML002", f"duplicate key {key}: each key may appear once in a mapping; "
                   "merge the two entries or rename one")
        return None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = (exc.problem or exc.context or "syntax error").strip()
        report.add(rel, line, "YAML001", f"YAML syntax error: {problem}; check indentation and quote "
                   "values containing ': ' or starting with '{', '[', '*', '&', '!', '%' or '@'")
        return None
    except YAMLError as exc:
        report.add(rel, 1, "YAML001", f"YAML syntax error: {exc}")
        return None
    return Document(path, rel, data)


def _dup_key(problem: str) -> str:
    found = re.search(r'found duplicate key "([^"]*)"', problem)
    return f'"{found.group(1)}"' if found else "(see the line)"


def fact_values(facts: Any) -> dict[str, str]:
    """Return the text each fact interpolates to: a scalar as written, or a mapping's `value` + `unit`."""
    out: dict[str, str] = {}
    if not isinstance(facts, dict):
        return out
    for name, fact in facts.items():
        if isinstance(fact, dict):
            value = fact.get("value")
            unit = fact.get("unit")
            if value is None:
                continue
            out[str(name)] = f"{value} {unit}" if unit else str(value)
        elif fact is not None and not isinstance(fact, list):
            out[str(name)] = str(fact)
    return out


def interpolate(doc: Document, facts: dict[str, str], report: Report, start: Sequence[str | int]) -> None:
    """Replace `${fact}` in every string below `start`, in place; unknown names are FACT001."""

    def walk(node: Any, loc: list[str | int]) -> Any:
        if isinstance(node, dict):
            for key in list(node.keys()):
                node[key] = walk(node[key], [*loc, key])
        elif isinstance(node, list):
            for i, item in enumerate(node):
                node[i] = walk(item, [*loc, i])
        elif isinstance(node, str) and "${" in node:
            def sub(match: re.Match[str]) -> str:
                name = match.group(1)
                if name in facts:
                    return facts[name]
                known = ", ".join(sorted(facts)) or "none defined"
                report.add(doc.rel, doc.line(loc), "FACT001",
                           f"unknown fact ${{{name}}}; define it under `facts:` (known: {known})")
                return match.group(0)
            return FACT_REF.sub(sub, node)
        return node

    node = doc.data
    for step in start:
        node = node[step]
    walk(node, list(start))
