"""Diagnostics: every problem as `path:line: CODE message`, collected and reported once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in the content."""

    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


@dataclass
class Report:
    """An ordered, de-duplicated collection of diagnostics."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, path: str | Path, line: int, code: str, message: str) -> None:
        """Record one problem."""
        self.items.append(Diagnostic(str(path), max(int(line), 1), code, message))

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        """Record several problems."""
        self.items.extend(diags)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(set(self.items)))

    def codes(self) -> list[str]:
        """Return the codes of all problems, sorted by place."""
        return [d.code for d in self]


class SysatlasError(Exception):
    """Base of every error sysatlas raises on purpose.

    SysatlasError
     +-- ContentError   the content has problems (carries a Report)
     +-- ToolError      a tool we depend on is missing or broken (Chromium, the Mermaid bundle, mkdocs)
    """


class ContentError(SysatlasError):
    """The content failed one or more checks."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report)} problem(s) in the content")
        self.report = report


class ToolError(SysatlasError):
    """A required tool is missing or failed; the message says how to fix it."""
