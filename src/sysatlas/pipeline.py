"""The pipeline as named stages: load -> validate -> render -> lint -> browser -> outputs -> site."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2

from . import browser, lint
from .atlas import Atlas, Diagram
from .browser import Cache, ChromiumRenderer, Renderer, Result
from .diagnostics import ContentError, Report
from .paths import Layout
from .render import render
from .validate import load_atlas


@dataclass
class Outcome:
    """What a check produced: the atlas, every problem found, and the browser results by diagram key."""

    atlas: Atlas
    report: Report
    renders: dict[str, Result] = field(default_factory=dict)


def render_stage(atlas: Atlas, report: Report) -> None:
    """Render every diagram to Mermaid text."""
    for d in atlas.diagrams():
        try:
            d.mermaid = render(d.kind, d.body, title=d.common.title, caption=d.common.caption, origin=d.origin)
        except jinja2.TemplateError as exc:  # a bug in a template, not in the content
            report.add(d.doc.rel, d.line, "KIND002", f"template {d.kind.name} failed: {exc}")


def browser_stage(
    layout: Layout,
    diagrams: list[Diagram],
    report: Report,
    renderer: Renderer | None,
    progress: Callable[[int], None] | None = None,
    use_cache: bool = True,
) -> dict[str, Result]:
    """Render each diagram with the real Mermaid in Chromium; MMD001 on failure, READ003 when too wide."""
    todo = [d for d in diagrams if d.mermaid]
    cache = Cache(layout.cache / "render", browser.bundle_digest(layout.mermaid_bundle)) if use_cache else None
    if renderer is None:
        pages = int(os.environ.get("SYSATLAS_PAGES", "2"))
        renderer = ChromiumRenderer(layout.mermaid_bundle, pages=pages)
    results = browser.render_all([d.mermaid for d in todo], renderer, cache, progress)
    out = {}
    for d, result in zip(todo, results, strict=True):
        out[d.key] = result
        if not result.ok:
            first = result.error.strip().splitlines()[0] if result.error.strip() else "unknown error"
            report.add(
                d.doc.rel, d.line, "MMD001", f"Mermaid {browser.config.MERMAID_VERSION} cannot render {d.key}: {first}"
            )
        elif result.width > d.kind.max_width:
            report.add(
                d.doc.rel,
                d.line,
                "READ003",
                f"{d.key} renders {result.width:.0f} px wide (limit "
                f"{d.kind.max_width}); use direction TB, fewer entries, or split it",
            )
    return out


def check(
    layout: Layout,
    *,
    with_browser: bool = False,
    renderer: Renderer | None = None,
    progress: Callable[[int], None] | None = None,
    use_cache: bool = True,
) -> Outcome:
    """Load, validate, render and lint all content; with_browser adds the Chromium render."""
    report = Report()
    atlas = load_atlas(layout, report)
    render_stage(atlas, report)
    lint.run(atlas, report)
    outcome = Outcome(atlas, report)
    if with_browser:
        outcome.renders = browser_stage(layout, atlas.diagrams(), report, renderer, progress, use_cache)
    return outcome


def build(
    layout: Layout,
    *,
    renderer: Renderer | None = None,
    progress: Callable[[int], None] | None = None,
    site: bool = True,
    use_cache: bool = True,
    ignore: frozenset[str] = frozenset(),
    checked: Outcome | None = None,
) -> Outcome:
    """Check everything in the browser, then write diagrams and the site; on any problem write nothing.

    `checked` is the result of a `check` without browser the caller already ran (the CLI does, to size its
    progress bar). `ignore` drops problems with those codes: for the benchmark and the site fixture, which
    repeat diagrams on purpose. The CLI offers no way to set it.
    """
    from . import outputs

    outcome = checked or check(layout)
    outcome.renders = browser_stage(layout, outcome.atlas.diagrams(), outcome.report, renderer, progress, use_cache)
    outcome.report.items = [d for d in outcome.report.items if d.code not in ignore]
    if outcome.report:
        raise ContentError(outcome.report)
    outputs.write_diagrams(layout, outcome.atlas, outcome.renders)
    if site:
        from .site import build_site

        build_site(layout, outcome)
    return outcome
