"""Where things live, relative to the project root."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def find_root(start: Path | None = None) -> Path:
    """Return the project root: $SYSATLAS_ROOT, or the nearest folder above `start` holding content/."""
    env = os.environ.get("SYSATLAS_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "content" / "inventory.yaml").is_file():
            return folder
    return here


@dataclass(frozen=True)
class Layout:
    """The folders of one project checkout."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def inventory(self) -> Path:
        return self.content / "inventory.yaml"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def diagrams(self) -> Path:
        return self.build / "diagrams"

    @property
    def docs(self) -> Path:
        return self.build / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "sysatlas"

    @property
    def mermaid_bundle(self) -> Path:
        return self.root / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"

    def rel(self, path: Path) -> str:
        """Return `path` relative to the root when it is inside it."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)
