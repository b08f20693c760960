"""Export rendered diagrams as SVG/PNG, and preview one subject as a standalone HTML page."""

from __future__ import annotations

import functools
import html
import shutil
from pathlib import Path

from .atlas import Atlas, Diagram
from .browser import CHROMIUM_ARGS, ChromiumRenderer, chromium_path, run_async
from .browser.config import config_js
from .diagnostics import ContentError, SysatlasError
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


def _checked(layout: Layout, target: str) -> tuple[list[Diagram], dict[str, str]]:
    """Return the selected diagrams and their Mermaid texts; raise when any of their files has a problem."""
    from .pipeline import check

    outcome = check(layout)
    picked = select(outcome.atlas, target)
    mine = {d.doc.rel for d in picked}
    problems = [x for x in outcome.report if x.path in mine]
    if problems:
        from .diagnostics import Report

        raise ContentError(Report(problems))
    return picked, outcome.mermaid


def export(layout: Layout, target: str, fmt: str, out: Path) -> list[Path]:
    """Render the selected diagrams and write one file each; return the paths."""
    picked, mermaid = _checked(layout, target)
    results = ChromiumRenderer(layout.mermaid_bundle, pages=1).render(
        [(f"d{i}", mermaid[d.key]) for i, d in enumerate(picked)]
    )
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for d, r in zip(picked, results, strict=True):
        if not r.ok:
            raise SysatlasError(f"{d.key} does not render: {r.error}")
        stem = out / f"{d.subject}--{d.common.id}"
        if fmt == "png":
            png = stem.with_suffix(".png")
            run_async(functools.partial(_png, r.svg, png, r.width))
            paths.append(png)
        else:
            svg = stem.with_suffix(".svg")
            svg.write_text(r.svg, encoding="utf-8")
            paths.append(svg)
    return paths


async def _png(svg: str, png: Path, width: float) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = await browser.new_page(
            viewport={"width": max(int(width) + 40, 400), "height": 600}, device_scale_factor=2
        )
        await page.set_content(
            f"<!doctype html><meta charset=utf-8><body style='margin:16px;background:#fff'>"
            f"<div id=d style='width:{int(width)}px'>{svg}</div>"
        )
        await page.locator("#d svg").screenshot(path=str(png))
        await browser.close()


def preview(layout: Layout, target: str) -> Path:
    """Write a standalone page with the subject's diagrams rendered by the local bundle; return its path."""
    picked, mermaid = _checked(layout, target)
    folder = layout.build / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(layout.mermaid_bundle, folder / "mermaid.min.js")
    (folder / "config.js").write_text(config_js(), encoding="utf-8")
    blocks = "\n".join(
        f"<h2>{html.escape(d.common.title)}</h2><p>{html.escape(d.common.caption)}</p>"
        f'<pre class="mermaid">{html.escape(mermaid[d.key])}</pre>'
        for d in picked
    )
    page = folder / f"{picked[0].subject}.html"
    page.write_text(
        '<!doctype html><meta charset="utf-8"><title>preview</title>'
        '<script src="mermaid.min.js"></script><script src="config.js"></script>'
        "<style>body{font-family:system-ui;max-width:1100px;margin:2em auto}</style>"
        f"{blocks}<script>mermaid.initialize(Object.assign({{}}, SYSATLAS_MERMAID, {{startOnLoad: true}}));</script>",
        encoding="utf-8",
    )
    return page
