"""`sysatlas init`: a new, minimal atlas that `sysatlas build` publishes with no further edit."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import SysatlasError

HERE = Path(__file__).parent / "new_atlas"
# the files of a new atlas: where they go, from where in the package (a dotfile is not package data)
FILES = {
    "README.md": "README.md",
    "package.json": "package.json",
    ".gitignore": "gitignore",
    "content/inventory.yaml": "content/inventory.yaml",
    "content/services/sysatlas-build.yaml": "content/services/sysatlas-build.yaml",
}


def init(directory: Path) -> list[Path]:
    """Write a new atlas into `directory` (created if missing); refuse to write over an existing one."""
    taken = [rel for rel in FILES if (directory / rel).exists()]
    if taken:
        raise SysatlasError(f"{directory} already has {', '.join(taken)}; pick an empty folder")
    written = []
    for rel, packaged in FILES.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((HERE / packaged).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(path)
    return written
