"""Measure the geometry of rendered SVGs in headless Chromium (geometry.js), cached by the SVG's hash.

The measurements are raw (lengths, overlaps, fill ratios, the text size); `lint/geometry.py` holds the limits
and turns them into GEOM diagnostics. The light SVG is measured: the dark one has the same geometry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import CHROMIUM_ARGS, HERE, chromium_path, run_async

BATCH = 20


@dataclass(frozen=True)
class Geometry:
    """What geometry.js measured on one SVG (see its comments for each list's fields)."""

    crossings: list[dict[str, Any]] = field(default_factory=list)
    overlaps: list[dict[str, Any]] = field(default_factory=list)
    overflows: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    font: float = 16.0

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Geometry:
        return cls(**{k: raw[k] for k in ("crossings", "overlaps", "overflows", "groups", "font") if k in raw})


def script() -> str:
    return (HERE / "geometry.js").read_text(encoding="utf-8")


def digest() -> str:
    """The part of every cache key that is not the SVG: the measuring script."""
    return hashlib.sha256(script().encode()).hexdigest()[:16]


def measure(svgs: Sequence[str]) -> list[Geometry]:
    """Measure each SVG in one headless Chromium page; return one Geometry each, in order."""
    if not svgs:
        return []
    return run_async(lambda: _measure(list(svgs)))


async def _measure(svgs: list[str]) -> list[Geometry]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            page = await browser.new_page(viewport={"width": 1200, "height": 900})
            await page.set_content("<!doctype html><html><body style='margin:0'></body></html>")
            await page.add_script_tag(content=script())
            out: list[Geometry] = []
            for i in range(0, len(svgs), BATCH):
                raw = await page.evaluate("(svgs) => svgs.map((s) => measureGeometry(s))", svgs[i : i + BATCH])
                out += [Geometry.from_json(r) for r in raw]
            return out
        finally:
            await browser.close()


class GeometryCache:
    """Measurements on disk: one JSON file per version of geometry.js, keyed by the hash of the SVG."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / f"{digest()}.json"
        try:
            self.entries: dict[str, dict[str, Any]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.dirty = False

    @staticmethod
    def key(svg: str) -> str:
        return hashlib.sha256(svg.encode()).hexdigest()

    def get(self, svg: str) -> Geometry | None:
        raw = self.entries.get(self.key(svg))
        return Geometry.from_json(raw) if isinstance(raw, dict) else None

    def put(self, svg: str, geometry: Geometry) -> None:
        self.entries[self.key(svg)] = geometry.__dict__
        self.dirty = True

    def save(self) -> None:
        """Write the file atomically if anything was added; drop what older scripts left in the folder."""
        if not self.dirty:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.entries, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        tmp.replace(self.path)
        self.dirty = False
        for other in self.folder.iterdir():
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
            elif other != self.path and not other.name.endswith(".tmp"):
                other.unlink(missing_ok=True)


def measure_all(svgs: Sequence[str], cache: GeometryCache | None) -> list[Geometry]:
    """Return a Geometry per SVG: from the cache when it has one, else measured (and cached)."""
    # an SVG without text (a failed render, a test's stand-in) has nothing to measure: no browser for it
    found: list[Geometry | None] = [(cache.get(s) if cache else None) if "<text" in s else Geometry() for s in svgs]
    todo = [i for i, g in enumerate(found) if g is None]
    if todo:
        for i, g in zip(todo, measure([svgs[i] for i in todo]), strict=True):
            found[i] = g
            if cache:
                cache.put(svgs[i], g)
        if cache:
            cache.save()
    return [g for g in found if g is not None]
