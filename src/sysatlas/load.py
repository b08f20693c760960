"""Stage 1: read YAML with line numbers; reject syntax errors and duplicate keys; interpolate facts.

libyaml (through PyYAML's C composer) builds the node tree fast; we construct values ourselves so that every
mapping and sequence keeps the line of each key and item, duplicate keys are errors, and plain scalars follow
YAML 1.2's core schema (`no` stays a string; `1.10` is still a float, which the model refuses for text).
Each file is also composed by PyYAML's pure-Python parser: where the two disagree (libyaml accepts a few
things the YAML spec and other parsers reject, such as `?` inside a plain scalar in a flow mapping), YAML004.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Report
from .units import shown

FACT_REF = re.compile(r"\$?\$\{([A-Za-z0-9_.-]+)\}")  # $${x} is a literal ${x}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PURE = yaml.SafeLoader
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(
    r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|"
    r"^\.(?:nan|NaN|NAN)$"
)


class YMap(dict[Any, Any]):
    """A mapping that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class YSeq(list[Any]):
    """A sequence that knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


class DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


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
    """Walk `loc` through the containers and return the line of the deepest existing step."""
    return _walk(node, loc)[0]


def present(node: Any, loc: Sequence[str | int]) -> list[str | int]:
    """Return the steps of `loc` that exist in the data (dropping validator tags and missing keys)."""
    return _walk(node, loc)[1]


def _walk(node: Any, loc: Sequence[str | int]) -> tuple[int, list[str | int]]:
    line = getattr(node, "line", 0)
    found: list[str | int] = []
    for step in loc:
        if isinstance(node, YMap) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, YSeq) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        elif isinstance(step, str) and isinstance(node, (YMap, YSeq)):
            continue  # a union tag or a missing key: keep looking deeper
        else:
            break
        found.append(step)
    return line + 1, found


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style or node.tag == "tag:yaml.org,2002:str":  # quoted, literal or folded: text as written
        return value
    if node.tag not in (
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:value",
        "tag:yaml.org,2002:merge",
    ):
        return value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value):
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.match(value):
        return float(
            value.replace(".inf", "inf")
            .replace(".Inf", "inf")
            .replace(".INF", "inf")
            .replace(".nan", "nan")
            .replace(".NaN", "nan")
            .replace(".NAN", "nan")
        )
    return value


def _build(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = YMap()
        out.line = node.start_mark.line
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _build(key_node)
            if isinstance(key, (YMap, YSeq)):
                key = str(key)
            if key in out:
                raise DuplicateKey(str(key), key_node.start_mark.line + 1)
            out[key] = _build(value_node)
            out.key_lines[key] = key_node.start_mark.line
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = YSeq(_build(item) for item in node.value)
        seq.line = node.start_mark.line
        seq.item_lines = [item.start_mark.line for item in node.value]
        return seq
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node)


class Portable:
    """Digests of file texts both parsers were seen to read the same way, kept across runs in one JSON file.

    The pure-Python parse costs about three times the libyaml one, so a file is compared once per change.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.seen: set[str] = set()
        self.used: set[str] = set()
        self.added = False
        if path is not None:
            try:
                self.seen = set(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                self.seen = set()

    @staticmethod
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def save(self, prune: bool) -> None:
        """Write the digests atomically if any changed; `prune` (after reading every file) keeps only theirs."""
        keep = self.used if prune else self.seen
        if self.path is None or (not self.added and keep == self.seen):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(sorted(keep)), encoding="utf-8")
        tmp.replace(self.path)


def read(path: Path, rel: str, report: Report, portable: Portable | None = None) -> Document | None:
    """Parse one file; on failure record YAML001/YAML002/YAML003 and return None; YAML004 where parsers differ."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.add(rel, 1, "YAML003", f"cannot read the file: {exc}")
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = _build(node) if node is not None else None
    except DuplicateKey as exc:
        report.add(
            rel,
            exc.line,
            "YAML002",
            f'duplicate key "{exc.key}": each key may appear once in a mapping; merge the two entries or rename one',
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = (exc.problem or exc.context or "syntax error").strip()
        report.add(
            rel,
            line,
            "YAML001",
            f"YAML syntax error: {problem}; check indentation and quote values "
            "containing ': ' or starting with '{', '[', '*', '&', '!', '%' or '@'",
        )
        return None
    except yaml.YAMLError as exc:
        report.add(rel, 1, "YAML001", f"YAML syntax error: {exc}")
        return None
    if _Loader is not _PURE:
        known = portable or Portable(None)
        digest = known.digest(text)
        if digest not in known.seen and same_in_pure_python(text, node, rel, report):
            known.seen.add(digest)
            known.added = True
        if digest in known.seen:
            known.used.add(digest)
    return Document(path, rel, data)


def same_in_pure_python(text: str, node: yaml.Node | None, rel: str, report: Report) -> bool:
    """YAML004 where PyYAML's pure-Python parser rejects the file or reads it differently from libyaml."""
    fix = (
        'quote the value ("...") so that every YAML parser reads it the same way; libyaml accepts this, '
        "the YAML spec and other parsers do not"
    )
    try:
        pure = yaml.compose(text, Loader=_PURE)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "syntax error").strip()
        report.add(
            rel,
            mark.line + 1 if mark else 1,
            "YAML004",
            f"the pure-Python YAML parser rejects this line ({problem}); {fix}",
        )
        return False
    except yaml.YAMLError as exc:
        report.add(rel, 1, "YAML004", f"the pure-Python YAML parser rejects this file ({exc}); {fix}")
        return False
    line = _differs(node, pure)
    if line is not None:
        report.add(rel, line, "YAML004", f"libyaml and the pure-Python YAML parser read this line differently; {fix}")
    return line is None


def _differs(a: yaml.Node | None, b: yaml.Node | None) -> int | None:
    """Return the 1-based line of the first place where two node trees differ, or None when they are the same."""
    if a is None or b is None:
        return None if a is b else 1
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if not _same_shell(x, y):
            return int(x.start_mark.line) + 1
        if isinstance(x, yaml.MappingNode):
            for (kx, vx), (ky, vy) in zip(reversed(x.value), reversed(y.value), strict=True):
                stack += [(vx, vy), (kx, ky)]
        elif isinstance(x, yaml.SequenceNode):
            stack += list(zip(reversed(x.value), reversed(y.value), strict=True))
    return None


def _same_shell(x: yaml.Node, y: yaml.Node) -> bool:
    """Whether two nodes have the same kind and tag, and the same value and quoting (scalars) or length."""
    if type(x) is not type(y) or x.tag != y.tag:
        return False
    if isinstance(x, yaml.ScalarNode):
        return bool(x.value == y.value and bool(x.style) == bool(y.style))
    return len(x.value) == len(y.value)


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
            out[str(name)] = shown(value, unit)
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
                if match.group(0).startswith("$$"):
                    return match.group(0)[1:]
                if name in facts:
                    return facts[name]
                known = ", ".join(sorted(facts)) or "none defined"
                report.add(
                    doc.rel,
                    doc.line(loc),
                    "FACT001",
                    f"unknown fact ${{{name}}}; define it under `facts:` (known: {known})",
                )
                return match.group(0)

            return FACT_REF.sub(sub, node)
        return node

    parent = doc.data
    for step in start[:-1]:
        parent = parent[step]
    parent[start[-1]] = walk(parent[start[-1]], list(start))
