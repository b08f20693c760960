"""The pipeline as named stages: load -> validate -> render -> lint -> browser -> outputs -> site.

Each stage returns what it made; problems go to one `Report`. The CLI calls one function per command:
`check` (the browser stage on request) and `build` (check with the browser, then publish, or raise).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Protocol

import jinja2

from . import browser, lint
from .atlas import Atlas, Diagram
from .browser import Cache, ChromiumRenderer, Renderer, Result
from .browser.geometry import Geometry, GeometryCache, measure_all
from .diagnostics import ContentError, Report
from .lint import geometry
from .paths import Layout
from .render import render
from .validate import load_atlas


class Progress(Protocol):
    """Told how many diagrams the browser stage will render, then how many it has done."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int) -> None: ...


@dataclass
class Outcome:
    """What a check produced: the atlas, each diagram's Mermaid text and browser result by key, every problem."""

    atlas: Atlas
    mermaid: dict[str, str]
    report: Report
    renders: dict[str, Result] = field(default_factory=dict)


def render_stage(atlas: Atlas, report: Report) -> dict[str, str]:
    """Return every diagram's Mermaid text, by diagram key."""
    out = {}
    for d in atlas.diagrams():
        try:
            out[d.key] = render(d.kind, d.body, title=d.common.title, caption=d.common.caption, origin=d.origin)
        except jinja2.TemplateError as exc:  # a bug in a template, not in the content
            report.add(d.doc.rel, d.line, "KIND002", f"template {d.kind.name} failed: {exc}")
    return out


def browser_stage(
    layout: Layout,
    diagrams: list[Diagram],
    mermaid: dict[str, str],
    report: Report,
    renderer: Renderer | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> dict[str, Result]:
    """Render each diagram with the real Mermaid in Chromium and measure it: MMD001-003, CONTRAST001, READ003, GEOM.

    A diagram too wide for the site whose kind can draw it the other way (LR -> TB) is drawn that way when that
    is narrower: `mermaid` is updated, so the .mmd written is what was rendered.
    """
    todo = [d for d in diagrams if d.key in mermaid]
    if progress:
        progress.start(len(todo))
    cache = Cache(layout.cache / "render", browser.bundle_digest(layout.mermaid_bundle)) if use_cache else None
    if renderer is None and todo:
        pages = int(os.environ.get("SYSATLAS_PAGES", "2"))
        renderer = ChromiumRenderer(layout.mermaid_bundle, pages=pages)
    advance = progress.advance if progress else None
    legends = [d.kind.legend(d.body) for d in todo]
    results = browser.render_all([mermaid[d.key] for d in todo], renderer, cache, advance, legends)
    shapes = GeometryCache(layout.cache / "geometry") if use_cache else None
    measured = measure_all([r.svg for r in results], shapes)
    turn_too_wide(todo, mermaid, results, measured, renderer, cache, shapes)
    out = {}
    fit = []
    for d, result in zip(todo, results, strict=True):
        out[d.key] = result
        report_render(d, result, report)
        if result.ok and result.width <= d.kind.max_width:
            fit.append(d)
    found = {d.key: g for d, g in zip(todo, measured, strict=True)}
    geometry.check(fit, [out[d.key].width for d in fit], [found[d.key] for d in fit], report, layout.root)
    return out


def turn_too_wide(
    todo: list[Diagram],
    mermaid: dict[str, str],
    results: list[Result],
    measured: list[Geometry],
    renderer: Renderer | None,
    cache: Cache | None,
    shapes: GeometryCache | None,
) -> None:
    """Draw the other way each diagram too wide for the site whose kind can turn (see Kind.turn), if narrower."""
    tries = []
    for i, d in enumerate(todo):
        if not (d.kind.turn and results[i].ok and results[i].width > geometry.width_limit(measured[i].font)):
            continue
        body = d.kind.turn(d.body)
        if body is not None:
            text = render(d.kind, body, title=d.common.title, caption=d.common.caption, origin=d.origin)
            tries.append((i, text, d.kind.legend(body)))
    if not tries:
        return
    fresh = browser.render_all([t for _, t, _ in tries], renderer, cache, None, [leg for _, _, leg in tries])
    shapes_of = measure_all([r.svg for r in fresh], shapes)
    for (i, text, _), result, shape in zip(tries, fresh, shapes_of, strict=True):
        if result.ok and result.width < results[i].width:
            mermaid[todo[i].key], results[i], measured[i] = text, result, shape


def report_render(d: Diagram, result: Result, report: Report) -> None:
    """Report what the render of one diagram showed: contrast, failure, too wide."""
    for problem in result.contrast:
        report.add(
            d.doc.rel,
            d.line,
            "CONTRAST001",
            f"{d.key} ({problem.variant}): text {problem.text!r} is {problem.ratio}:1 ({problem.fg} on "
            f"{problem.bg}), below 4.5:1; give the node a role/class whose ink suits its fill, or drop the "
            "custom colour",
        )
    if not result.ok:
        first = result.error.strip().splitlines()[0] if result.error.strip() else "unknown error"
        if result.code == "MMD002":
            report.add(
                d.doc.rel,
                d.line,
                "MMD002",
                f"Mermaid {browser.config.MERMAID_VERSION} hangs on "
                f"{d.key}: {first}; split the diagram or simplify it (fewer nodes, shorter labels)",
            )
        elif result.code == "MMD003":
            report.add(
                d.doc.rel,
                d.line,
                "MMD003",
                f"{first} ({d.key}); run `sysatlas check --browser "
                "--no-cache` again, and split the diagram if it crashes again",
            )
        else:
            report.add(
                d.doc.rel,
                d.line,
                "MMD001",
                f"Mermaid {browser.config.MERMAID_VERSION} cannot render {d.key}: {first}",
            )
    elif result.width > d.kind.max_width:
        report.add(
            d.doc.rel,
            d.line,
            "READ003",
            f"{d.key} renders {result.width:.0f} px wide (limit "
            f"{d.kind.max_width}); use direction TB, fewer entries, or split it",
        )


def check(
    layout: Layout,
    *,
    with_browser: bool = False,
    renderer: Renderer | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> Outcome:
    """Load, validate, render and lint all content; with_browser adds the Chromium render."""
    report = Report()
    atlas = load_atlas(layout, report)
    mermaid = render_stage(atlas, report)
    lint.run(atlas, report)
    renders = {}
    if with_browser:
        renders = browser_stage(layout, atlas.diagrams(), mermaid, report, renderer, progress, use_cache)
    return Outcome(atlas, mermaid, report, renders)


def publish(layout: Layout, outcome: Outcome, *, site: bool = True) -> None:
    """Write build/diagrams and, unless told not to, the site."""
    from . import outputs

    outputs.write_diagrams(layout, outcome.atlas, outcome.mermaid, outcome.renders)
    if site:
        from .site import build_site

        build_site(layout, outcome.atlas)


def build(
    layout: Layout,
    *,
    renderer: Renderer | None = None,
    progress: Progress | None = None,
    site: bool = True,
    use_cache: bool = True,
) -> Outcome:
    """Check everything in the browser, then write diagrams and the site; on any problem write nothing."""
    outcome = check(layout, with_browser=True, renderer=renderer, progress=progress, use_cache=use_cache)
    if outcome.report:
        raise ContentError(outcome.report)
    publish(layout, outcome, site=site)
    return outcome
