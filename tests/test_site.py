"""The built site, opened in headless Chromium with every non-local request blocked."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sysatlas.browser import CHROMIUM_ARGS, chromium_path
from sysatlas.diagnostics import Report
from sysatlas.golden import subject_text
from sysatlas.load import read
from sysatlas.paths import Layout
from sysatlas.pipeline import build
from sysatlas.theme import contrast

from .conftest import ROOT
from .test_golden import CASES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Layout]]:
    root = tmp_path_factory.mktemp("siteproject")
    if os.environ.get("SYSATLAS_SCREENSHOTS") == "1":  # the README's pictures: the whole bundled atlas
        shutil.copytree(ROOT / "content", root / "content")
    (root / "content" / "incidents").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "inventory.yaml", root / "content" / "inventory.yaml")
    shutil.copy(ROOT / "content" / "incidents" / "github-2018-10-21.yaml", root / "content" / "incidents")
    (root / "content" / "case-studies").mkdir(exist_ok=True)  # one page per diagram: the real ones and the fixture
    for real in sorted((ROOT / "content" / "case-studies").glob("*.yaml")):
        shutil.copy(real, root / "content" / "case-studies")
    if os.environ.get("SYSATLAS_SCREENSHOTS") != "1":
        (root / "content" / "guarantees").mkdir(exist_ok=True)
        for folder, text in zip(("guarantees", "case-studies"), every_kind(), strict=True):
            (root / "content" / folder / "golden-case.yaml").write_text(text, encoding="utf-8")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    layout = Layout(root)
    build(layout)  # the fixture passes every rule, as real content must
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(layout.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", layout
    server.shutdown()
    server.server_close()


def every_kind() -> tuple[str, str]:
    """Two subjects sharing out every golden diagram, each shown once (on a subject page or a page of its own)."""
    return (
        subject_text(*(case.item(case.name) for case in CASES[0::2])),
        subject_text(*(case.item(case.name) for case in CASES[1::2])),
    )


def pages(layout: Layout) -> list[str]:
    return sorted(str(p.relative_to(layout.site).parent) for p in layout.site.rglob("index.html"))


def test_every_page_renders_offline(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, layout = site
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        errors: list[str] = []
        page.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith(base) else (outside.append(r.request.url), r.abort()),
        )
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for rel in pages(layout):
            outside.clear()
            errors.clear()
            page.goto(f"{base}/{'' if rel == '.' else rel + '/'}")
            expected = page.evaluate("document.querySelectorAll('pre.mermaid, div.mermaid').length")
            if expected:
                page.wait_for_function(
                    "document.querySelectorAll('pre.mermaid').length === 0 && "
                    "Array.from(document.querySelectorAll('div.mermaid')).every(d => d.shadowRoot && "
                    "d.shadowRoot.querySelector('svg'))",
                    timeout=30000,
                )
            rendered = page.evaluate(
                "Array.from(document.querySelectorAll('div.mermaid'))"
                ".filter(d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length"
            )
            if rendered != expected:
                problems.append(f"{rel}: {rendered} of {expected} diagrams rendered")
            if outside:
                problems.append(f"{rel}: requests left the host: {outside[:3]}")
            if errors:
                problems.append(f"{rel}: console errors: {errors[:3]}")
        browser.close()
    assert problems == []
    assert len(pages(layout)) > 10


def test_no_page_embeds_a_cdn(site: tuple[str, Layout]) -> None:
    _, layout = site
    for html in layout.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for host in ("unpkg.com", "cdn.jsdelivr.net", "fonts.googleapis.com", "fonts.gstatic.com"):
            assert host not in text, f"{html}: {host}"


def test_site_ships_the_validated_bundle(site: tuple[str, Layout]) -> None:
    _, layout = site
    shipped = (layout.site / "assets" / "mermaid.min.js").read_bytes()
    assert shipped == layout.mermaid_bundle.read_bytes()


def test_diagram_has_its_reader_furniture(site: tuple[str, Layout]) -> None:
    _, layout = site
    html = (layout.site / "incidents" / "github-2018-10-21" / "index.html").read_text(encoding="utf-8")
    for needle in (
        'id="timeline"',
        "sysatlas-badge reported",
        "At 3 AM",
        "Text alternative",
        "https://github.blog/2018-10-30-oct21-post-incident-analysis/",
        'data-action="download"',
        "22:52 UTC: 100G optical gear replaced",
    ):
        assert needle in html, needle


def _browser(pw):  # type: ignore[no-untyped-def]
    return pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def _rendered(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "document.querySelectorAll('pre.mermaid').length === 0 && "
        "Array.from(document.querySelectorAll('div.mermaid')).every(d => d.shadowRoot && "
        "d.shadowRoot.querySelector('svg'))",
        timeout=30000,
    )


def test_no_page_overflows_a_phone(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, layout = site
    wide = []
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for rel in pages(layout):
            page.goto(f"{base}/{'' if rel == '.' else rel + '/'}")
            _rendered(page)
            page.wait_for_timeout(300)  # let the wide-diagram fitting run
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide.append(f"{rel}: {width}px")
        browser.close()
    assert wide == []


# the incident page shows a themed flowchart (its lines follow the scheme) and a diagram on a light card
THEMED = "figure.sysatlas-diagram:not(.sysatlas-card)"
CARD = "figure.sysatlas-card"
SCHEME_PROBE = """() => {
  const svg = document.querySelector(THEMED + ' div.mermaid').shadowRoot.querySelector('svg');
  const edge = svg.querySelector('.flowchart-link');
  const card = document.querySelector(CARD + ' .sysatlas-scroll');
  const inks = Array.from(svg.querySelectorAll('g.node')).map(n => [
    getComputedStyle(n.querySelector('rect, polygon, path')).fill,
    getComputedStyle(n.querySelector('.nodeLabel b') || n.querySelector('.nodeLabel')).color]);
  return [getComputedStyle(edge).stroke, getComputedStyle(card).backgroundColor,
          getComputedStyle(document.body).backgroundColor, inks];
}"""


def _hex(css: str) -> str:
    r, g, b = (int(float(x)) for x in css[css.index("(") + 1 :].rstrip(")").split(",")[:3])
    return f"#{r:02X}{g:02X}{b:02X}"


def test_dark_mode_recolours_themed_diagrams_and_cards_the_rest(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, _ = site
    seen = {}
    with sync_playwright() as pw:
        browser = _browser(pw)
        for scheme in ("light", "dark"):
            page = browser.new_context(color_scheme=scheme).new_page()
            page.goto(f"{base}/incidents/github-2018-10-21/")
            _rendered(page)
            seen[scheme] = page.evaluate(SCHEME_PROBE.replace("THEMED", repr(THEMED)).replace("CARD", repr(CARD)))
        browser.close()
    (light_edge, light_card, light_body, light_inks), (dark_edge, dark_card, dark_body, dark_inks) = (
        seen["light"],
        seen["dark"],
    )
    for fill, ink in light_inks + dark_inks:  # node text stays readable on its fill in both schemes
        assert contrast(_hex(fill), _hex(ink)) >= 4.5, (fill, ink)
    assert light_body != dark_body
    assert light_edge != dark_edge  # flowchart lines follow the page's scheme
    assert light_card == dark_card == "rgb(255, 255, 255)"  # card kinds keep their light card in both


def test_zoom_copy_and_download(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, layout = site
    with sync_playwright() as pw:
        browser = _browser(pw)
        context = browser.new_context(accept_downloads=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page = context.new_page()
        page.goto(f"{base}/incidents/github-2018-10-21/")
        _rendered(page)
        figure = page.locator(THEMED).first
        name = figure.get_attribute("data-diagram") or ""
        figure.locator("[data-action=zoom]").click()
        dialog = page.locator("dialog.sysatlas-viewer")
        expect(dialog).to_be_visible()
        expect(dialog.locator("svg")).to_have_count(1)
        before = dialog.locator(".sysatlas-viewer-canvas").evaluate("e => e.style.transform")
        dialog.get_by_role("button", name="+").click()
        assert dialog.locator(".sysatlas-viewer-canvas").evaluate("e => e.style.transform") != before
        dialog.get_by_role("button", name="Close").click()
        expect(page.locator("dialog.sysatlas-viewer")).to_have_count(0)  # removed on its close event
        figure.locator("[data-action=copy]").click()
        expect(figure.locator("[data-action=copy]")).to_have_text("Copied")  # the clipboard write has finished
        copied = page.evaluate("navigator.clipboard.readText()")
        subject, diagram = name.split("--")
        mmd = (layout.diagrams / "incidents" / subject / f"{diagram}.mmd").read_text(encoding="utf-8")
        assert copied == mmd
        with page.expect_download() as info:
            figure.locator("[data-action=download]").click()
        download = info.value
        assert download.suggested_filename == f"{name}.svg"
        assert Path(download.path()).read_text(encoding="utf-8").startswith("<svg")
        browser.close()


def test_report_link_prefills_the_report(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, _ = site
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_page()
        page.goto(f"{base}/incidents/github-2018-10-21/")
        _rendered(page)
        link = page.locator("figure.sysatlas-diagram ~ p a.sysatlas-report").first
        diagram = link.get_attribute("data-diagram")
        link.click()
        page.wait_for_url("**/about/**")
        assert page.locator("#sysatlas-report-text").input_value().startswith(f"Diagram: {diagram}\n")
        browser.close()


SHOTS = [
    ("home", "/"),
    ("incident-timeline", "/incidents/github-2018-10-21/#timeline"),
    ("case-study-diagram", "/case-studies/"),
]


def test_screenshots(site: tuple[str, Layout], tmp_path: Path) -> None:
    """Take the README's screenshots; with SYSATLAS_SCREENSHOTS=1 they are written to docs/screenshots."""
    from playwright.sync_api import sync_playwright

    base, layout = site
    out = ROOT / "docs" / "screenshots" if os.environ.get("SYSATLAS_SCREENSHOTS") == "1" else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    case_pages = sorted(p for p in (layout.site / "case-studies").glob("*/*/index.html"))
    with sync_playwright() as pw:
        browser = _browser(pw)
        for scheme in ("light", "dark"):
            page = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}).new_page()
            for name, where in SHOTS:
                path = where
                if name == "case-study-diagram":
                    real = [p for p in case_pages if "golden-case" not in str(p)] or case_pages
                    path = "/" + str(real[0].parent.relative_to(layout.site)) + "/"
                page.goto(base + path)
                _rendered(page)
                page.wait_for_timeout(400)
                if "#" in path:
                    page.locator(f"[id='{path.split('#')[1]}']").scroll_into_view_if_needed()
                target = out / f"{name}-{scheme}.png"
                page.screenshot(path=str(target))
                assert target.stat().st_size > 10_000
        browser.close()


def test_kinds_with_a_legend_show_it(site: tuple[str, Layout]) -> None:
    import html

    _, layout = site
    docs = {p: p.read_text(encoding="utf-8") for p in layout.docs.rglob("*.md")}
    shown = 0
    for case in CASES:
        doc = read(case.path, case.name, Report())
        assert doc is not None
        keys = case.kind.legend(case.kind.body.model_validate(doc.data["body"]))
        for label, colour in keys:
            needle = f'<span class="sysatlas-key"><i style="background:{colour}"></i>{html.escape(label)}</span>'
            assert any(needle in page for page in docs.values()), needle
            shown += 1
    assert shown, "no golden case of a kind with a legend"


def test_search_finds_diagrams_by_component_number_and_company(site: tuple[str, Layout]) -> None:
    import json

    _, layout = site
    docs = json.loads((layout.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def pages_with(needle: str) -> set[str]:
        return {d["location"].split("#")[0] for d in docs if needle in d["text"]}

    incident = "incidents/github-2018-10-21/"
    assert incident in pages_with("Orchestrator promotes US West primaries")  # a component, from the diagram
    assert incident in pages_with("43 s")  # a number, from the text alternative
    assert incident in pages_with("GitHub")  # the company
