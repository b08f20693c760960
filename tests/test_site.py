"""The built site, opened in headless Chromium with every non-local request blocked."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator

import pytest

from sysatlas.browser import CHROMIUM_ARGS, chromium_path
from sysatlas.paths import Layout
from sysatlas.pipeline import build

from .conftest import ROOT
from .test_golden import CASES, GOLDEN

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Layout]]:
    root = tmp_path_factory.mktemp("siteproject")
    (root / "content" / "incidents").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "inventory.yaml", root / "content" / "inventory.yaml")
    shutil.copy(ROOT / "content" / "incidents" / "github-2018-10-21.yaml", root / "content" / "incidents")
    (root / "content" / "guarantees").mkdir()
    (root / "content" / "guarantees" / "golden-case.yaml").write_text(every_kind(), encoding="utf-8")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    layout = Layout(root)
    build(layout)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(layout.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", layout
    server.shutdown()
    server.server_close()


def every_kind() -> str:
    """One subject holding every golden diagram (each kind at least once), ids made unique."""
    frame = (GOLDEN / "_subject.yaml").read_text(encoding="utf-8")
    parts = []
    for case in CASES:
        lines = case.read_text(encoding="utf-8").splitlines()
        lines[0] = f"id: {case.stem}"
        parts.append("\n".join([f"  - {lines[0]}"] + [("    " + x if x.strip() else x) for x in lines[1:]]))
    return frame + "diagrams:\n" + "\n".join(parts) + "\n"


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
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                   else (outside.append(r.request.url), r.abort()))
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
                    "d.shadowRoot.querySelector('svg'))", timeout=30000)
            rendered = page.evaluate("Array.from(document.querySelectorAll('div.mermaid'))"
                                     ".filter(d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length")
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
    for needle in ('id="timeline"', "sysatlas-badge reported", "At 3 AM", "Text alternative",
                   "https://github.blog/2018-10-30-oct21-post-incident-analysis/", 'data-action="download"',
                   "22:52 UTC: 100G optical gear replaced"):
        assert needle in html, needle
