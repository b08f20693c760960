"""Stage 6: write `build/diagrams/` (one .mmd per diagram + manifest.json), swapped in atomically."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .atlas import Atlas
from .browser import Result
from .browser.config import VARIANTS
from .paths import Layout


def swap_in(dest: Path, fill: Callable[[Path], None]) -> None:
    """Fill a fresh folder beside `dest`, then replace `dest` with it; on failure `dest` is untouched."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        fill(tmp)
        old = dest.with_name(f".{dest.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if dest.exists():
            dest.rename(old)
        tmp.rename(dest)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def svg_variants(result: Result) -> dict[str, str]:
    """The SVG of each variant, by variant name."""
    return {"light": result.svg, "dark": result.svg_dark}


def manifest(atlas: Atlas, renders: dict[str, Result]) -> list[dict[str, object]]:
    """Return one record per diagram: id, kind, title, source file and line, evidence level, size."""
    out = []
    for d in atlas.diagrams():
        r = renders.get(d.key)
        out.append(
            {
                "id": d.key,
                "category": d.category,
                "subject": d.subject,
                "diagram": d.common.id,
                "kind": d.kind.name,
                "title": d.common.title,
                "source_file": d.doc.rel,
                "source_line": d.line,
                "evidence": d.common.evidence,
                "sources": d.common.sources,
                "mmd": f"{d.category}/{d.subject}/{d.common.id}.mmd",
                "svg": {v: f"{d.category}/{d.subject}/{d.common.id}.{v}.svg" for v in VARIANTS} if r else None,
                "width": round(r.width) if r else None,
                "height": round(r.height) if r else None,
            }
        )
    return out


def write_diagrams(layout: Layout, atlas: Atlas, mermaid: dict[str, str], renders: dict[str, Result]) -> None:
    """Write every diagram's Mermaid text and the manifest."""

    def fill(folder: Path) -> None:
        for d in atlas.diagrams():
            path = folder / d.category / d.subject / f"{d.common.id}.mmd"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(mermaid[d.key], encoding="utf-8")
            r = renders.get(d.key)
            if r is not None and r.ok:
                for variant, svg in svg_variants(r).items():
                    path.with_name(f"{d.common.id}.{variant}.svg").write_text(svg, encoding="utf-8")
        (folder / "manifest.json").write_text(json.dumps(manifest(atlas, renders), indent=1) + "\n", encoding="utf-8")

    swap_in(layout.diagrams, fill)
