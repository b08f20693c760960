"""Export rendered diagrams as SVG/PNG, and preview one subject as a standalone HTML page."""

from __future__ import annotations

import functools
import html
from pathlib import Path

from .atlas import Atlas, Diagram, Subject
from .browser import CHROMIUM_ARGS, ChromiumRenderer, Result, chromium_path, run_async
from .diagnostics import ContentError, Report, SysatlasError
from .paths import Layout


def select(atlas: Atlas, target: str) -> list[Diagram]:
    """Return the diagrams named by `category/subject` or `category/subject#id`."""
    key, _, diagram = target.partition("#")
    subject = atlas.subject(key)
    if subject is None:
        raise SysatlasError(f"no subject {key!r}; subjects look like mechanisms/raft-consensus")
    picked = [d for d in subject.diagrams if not diagram or d.common.id == diagram]
    if not picked:
        have = ", ".join(d.common.id for d in subject.diagrams)
        raise SysatlasError(f"{key} has no diagram {diagram!r}; it has: {have}")
    return picked


def _checked(layout: Layout, target: str) -> tuple[list[Diagram], dict[str, str], Subject]:
    """Return the selected diagrams, their Mermaid texts and their subject; raise when their file has a problem."""
    from .pipeline import check

    outcome = check(layout)
    picked = select(outcome.atlas, target)
    mine = {d.doc.rel for d in picked}
    problems = [x for x in outcome.report if x.path in mine]
    if problems:
        from .diagnostics import Report

        raise ContentError(Report(problems))
    subject = outcome.atlas.subject(target.partition("#")[0])
    assert subject is not None  # select() has already said so otherwise
    return picked, outcome.mermaid, subject


def render_checked(layout: Layout, picked: list[Diagram], mermaid: dict[str, str]) -> list[Result]:
    """The checked SVGs of the picked diagrams, as the build draws them: from the render cache, or rendered (and
    measured) now, turned the other way where the build turns them (too wide for the site)."""
    from .pipeline import browser_stage

    done = browser_stage(layout, picked, mermaid, Report(), ChromiumRenderer(layout.mermaid_bundle, pages=1))
    results = [done[d.key] for d in picked]
    for d, r in zip(picked, results, strict=True):
        if not r.ok:
            raise SysatlasError(f"{d.key} does not render: {r.error}")
        if r.contrast:
            first = r.contrast[0]
            raise SysatlasError(
                f"{d.key}: text {first.text!r} is {first.ratio}:1 in {first.variant}; run sysatlas check --browser"
            )
    return results


def export(
    layout: Layout, target: str, fmt: str, out: Path, variant: str = "light", with_card: bool = False
) -> list[Path]:
    """Write each selected diagram's checked SVG (or a PNG of it), optionally as a card; return the paths."""
    from .card import card

    picked, mermaid, subject = _checked(layout, target)
    results = render_checked(layout, picked, mermaid)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for d, r in zip(picked, results, strict=True):
        svg = r.svg if variant == "light" else r.svg_dark
        if with_card:
            svg = card(subject, d, svg, variant)
        stem = f"{d.subject}--{d.common.id}{'--card' if with_card else ''}.{variant}"
        if fmt == "png":
            png = out / f"{stem}.png"
            run_async(functools.partial(_png, svg, png))
            paths.append(png)
        else:
            path = out / f"{stem}.svg"
            path.write_text(svg, encoding="utf-8")
            paths.append(path)
    return paths


async def _png(svg: str, png: Path) -> None:
    """Screenshot the SVG alone, at twice its size, as a PNG."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 800, "height": 600}, device_scale_factor=2)
        await page.set_content(f"<!doctype html><meta charset=utf-8><body style='margin:0'>{svg}")
        await page.locator("body > svg").screenshot(path=str(png))
        await browser.close()


def preview(layout: Layout, target: str) -> Path:
    """Write a standalone page with the subject's checked SVGs (light and dark by the system scheme)."""
    picked, mermaid, _ = _checked(layout, target)
    results = render_checked(layout, picked, mermaid)
    folder = layout.build / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    blocks = "\n".join(
        f"<h2>{html.escape(d.common.title)}</h2><p>{html.escape(d.common.caption)}</p>"
        f"<div class=light>{r.svg}</div><div class=dark>{r.svg_dark}</div>"
        for d, r in zip(picked, results, strict=True)
    )
    page = folder / f"{picked[0].subject}.html"
    page.write_text(
        '<!doctype html><meta charset="utf-8"><title>preview</title>'
        "<style>body{font-family:system-ui;max-width:1100px;margin:2em auto} svg{max-width:100%;height:auto}"
        ".dark{display:none} @media (prefers-color-scheme: dark){body{background:#1E2129;color:#E2E8F0}"
        ".light{display:none}.dark{display:block}}</style>"
        f"{blocks}",
        encoding="utf-8",
    )
    return page
