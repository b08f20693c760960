"""The built site, opened in headless Chromium with every non-local request blocked."""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import sysatlas.browser as browser_pkg
from sysatlas.browser import CHROMIUM_ARGS, chromium_path
from sysatlas.diagnostics import Report
from sysatlas.golden import subject_text
from sysatlas.load import read
from sysatlas.paths import Layout
from sysatlas.pipeline import build, check

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


SHOW_ALL = """async () => {
  // the images a reader would see, loaded now (they are lazy): the variant of the current scheme
  const shown = Array.from(document.querySelectorAll('img.sysatlas-svg')).filter(i => i.offsetParent !== null);
  shown.forEach(i => { i.loading = 'eager'; });
  await Promise.all(shown.map(i => i.decode().catch(() => null)));
  return shown.map(i => [i.currentSrc || i.src, i.complete && i.naturalWidth > 0]);
}"""


def _shown(page) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    return [(src, ok) for src, ok in page.evaluate(SHOW_ALL)]


def test_every_page_shows_its_diagrams_offline(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, layout = site
    problems: list[str] = []
    seen = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        errors: list[str] = []
        requested: list[str] = []
        page.route(
            "**/*",
            lambda r: (
                (requested.append(r.request.url), r.continue_())
                if r.request.url.startswith(base)
                else (outside.append(r.request.url), r.abort())
            ),
        )
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for rel in pages(layout):
            outside.clear()
            errors.clear()
            requested.clear()
            page.goto(f"{base}/{'' if rel == '.' else rel + '/'}")
            figures = page.locator("figure.sysatlas-diagram").count()
            shown = _shown(page)
            seen += len(shown)
            if len(shown) != figures or not all(ok for _, ok in shown):
                problems.append(f"{rel}: {sum(ok for _, ok in shown)} of {figures} diagrams shown")
            if any("mermaid" in url for url in requested):
                problems.append(f"{rel}: loads diagram code: {[u for u in requested if 'mermaid' in u]}")
            if any("search_index" in url for url in requested):
                problems.append(f"{rel}: loads the search index before search is used")
            if outside:
                problems.append(f"{rel}: requests left the host: {outside[:3]}")
            if errors:
                problems.append(f"{rel}: console errors: {errors[:3]}")
        browser.close()
    assert problems == []
    assert len(pages(layout)) > 10 and seen > 20


def test_pages_show_diagrams_with_javascript_off(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, layout = site
    problems = []
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}).new_page()
        for rel in pages(layout):
            page.goto(f"{base}/{'' if rel == '.' else rel + '/'}")
            figures = page.locator("figure.sysatlas-diagram")
            for i in range(figures.count()):
                image = figures.nth(i).locator("img.sysatlas-svg.sysatlas-light")
                image.scroll_into_view_if_needed()
                page.wait_for_function("i => i.complete", arg=image.element_handle())
                if not image.is_visible() or image.evaluate("i => i.naturalWidth") == 0:
                    problems.append(f"{rel}: figure {i} not visible without JavaScript")
        browser.close()
    assert problems == []


def test_no_page_embeds_a_cdn(site: tuple[str, Layout]) -> None:
    _, layout = site
    for built in layout.site.rglob("*.html"):
        text = built.read_text(encoding="utf-8")
        for host in ("unpkg.com", "cdn.jsdelivr.net", "fonts.googleapis.com", "fonts.gstatic.com"):
            assert host not in text, f"{built}: {host}"


def test_the_svg_shown_is_the_svg_checked(site: tuple[str, Layout]) -> None:
    from sysatlas import browser
    from sysatlas.browser import Cache

    _, layout = site
    cache = Cache(layout.cache / "render", browser.bundle_digest(layout.mermaid_bundle))
    shipped = sorted(layout.site.glob("diagrams/**/*.svg"))
    assert len(shipped) > 20
    for svg in shipped:
        rel = svg.relative_to(layout.site / "diagrams")
        assert svg.read_bytes() == (layout.diagrams / rel).read_bytes(), rel
    manifest = json.loads((layout.diagrams / "manifest.json").read_text(encoding="utf-8"))
    outcome = check(layout)
    for d in outcome.atlas.diagrams():
        record = next(r for r in manifest if r["id"] == d.key)
        legend = d.kind.legend(d.body)
        text = outcome.mermaid[d.key]
        key = f"{text}\n%% legend {json.dumps([list(x) for x in legend])}" if legend else text
        measured = cache.get(key)
        assert measured is not None and measured.contrast == (), d.key
        for variant, svg_text in (("light", measured.svg), ("dark", measured.svg_dark)):
            assert (layout.site / "diagrams" / record["svg"][variant]).read_text(encoding="utf-8") == svg_text
    assert not (layout.site / "assets" / "mermaid.min.js").exists()
    assert not list(layout.site.glob("diagrams/**/*foreignObject*"))


def test_diagram_has_its_reader_furniture(site: tuple[str, Layout]) -> None:
    _, layout = site
    page = (layout.site / "incidents" / "github-2018-10-21" / "index.html").read_text(encoding="utf-8")
    for needle in (
        'id="timeline"',
        "sysatlas-badge reported",
        "At 3 AM",
        "Text alternative",
        "https://github.blog/2018-10-30-oct21-post-incident-analysis/",
        'data-action="download"',
        "22:52 UTC: 100G optical gear replaced",
        'src="../../diagrams/incidents/github-2018-10-21/timeline.light.svg"',
        "timeline.dark.svg",
    ):
        assert needle in page, needle
    assert "```mermaid" not in page and 'class="mermaid"' not in page


def _browser(pw):  # type: ignore[no-untyped-def]
    return pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def _rendered(page) -> None:  # type: ignore[no-untyped-def]
    shown = _shown(page)
    assert all(ok for _, ok in shown), shown


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


MEASURE = """(variant) => {
  %s
  const svg = document.documentElement;
  const texts = Array.from(svg.querySelectorAll('text')).filter(t => (t.textContent || '').trim()).length;
  return [texts, contrastProblems(svg, getComputedStyle(svg).backgroundColor, variant)];
}"""


def test_every_diagram_text_is_readable_in_both_schemes(site: tuple[str, Layout]) -> None:
    """Each page at desktop and phone width in light and dark: every text of every diagram shown, >= 4.5:1."""
    from playwright.sync_api import sync_playwright

    base, layout = site
    contrast_js = (Path(browser_pkg.__file__).parent / "contrast.js").read_text(encoding="utf-8")
    contrast_js = contrast_js.replace('"use strict";', "").replace("window.sysatlasContrast = contrastProblems;", "")
    shown: dict[str, set[str]] = {"light": set(), "dark": set()}
    problems: list[str] = []
    measured = 0
    with sync_playwright() as pw:
        browser = _browser(pw)
        for scheme in ("light", "dark"):
            for width, height in ((1440, 900), (390, 844)):
                page = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": height}).new_page()
                for rel in pages(layout):
                    page.goto(f"{base}/{'' if rel == '.' else rel + '/'}")
                    for src, ok in _shown(page):
                        assert ok, src
                        assert src.endswith(f".{scheme}.svg"), (scheme, src)
                        shown[scheme].add(src)
                page.close()
        page = browser.new_page()
        for scheme, sources in shown.items():
            for src in sorted(sources):
                page.goto(src)
                texts, found = page.evaluate(MEASURE % contrast_js, scheme)
                measured += texts
                problems += [f"{src}: {p}" for p in found]
        browser.close()
    assert problems == []
    assert len(shown["light"]) == len(shown["dark"]) > 20 and measured > 500


def test_standalone_svgs_show_every_label(site: tuple[str, Layout]) -> None:
    """A downloaded SVG opened alone, without the site's CSS: every text is SVG text, visible, in its colours."""
    from playwright.sync_api import sync_playwright

    _, layout = site
    manifest = json.loads((layout.diagrams / "manifest.json").read_text(encoding="utf-8"))
    one_per_kind = {r["kind"]: r for r in manifest}
    assert len(one_per_kind) >= 10
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_page()
        for kind, record in one_per_kind.items():
            for variant in ("light", "dark"):
                path = layout.diagrams / record["svg"][variant]
                text = path.read_text(encoding="utf-8")
                assert "<foreignObject" not in text and "var(--" not in text, (kind, variant)
                page.goto(path.as_uri())
                hidden = page.evaluate("""() => Array.from(document.querySelectorAll('text'))
                  .filter(t => (t.textContent || '').trim())
                  .filter(t => { const b = t.getBoundingClientRect(); const f = getComputedStyle(t).fill;
                                 return b.width === 0 || b.height === 0 || f === 'none'; })
                  .map(t => t.textContent)""")
                assert hidden == [], (kind, variant, hidden[:5])
                count = page.evaluate("document.querySelectorAll('text').length")
                assert count > 0, (kind, variant)
        browser.close()


def test_each_scheme_shows_its_own_variant(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, _ = site
    seen = {}
    with sync_playwright() as pw:
        browser = _browser(pw)
        for scheme in ("light", "dark"):
            page = browser.new_context(color_scheme=scheme).new_page()
            page.goto(f"{base}/incidents/github-2018-10-21/")
            seen[scheme] = (
                [src for src, _ in _shown(page)],
                page.evaluate("getComputedStyle(document.body).backgroundColor"),
            )
        browser.close()
    assert all(src.endswith(".light.svg") for src in seen["light"][0]) and len(seen["light"][0]) == 2
    assert all(src.endswith(".dark.svg") for src in seen["dark"][0]) and len(seen["dark"][0]) == 2
    assert seen["light"][1] != seen["dark"][1]


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
        figure = page.locator("figure.kind-cascade")
        figure.locator("[data-action=zoom]").click()
        dialog = page.locator("dialog.sysatlas-viewer")
        expect(dialog).to_be_visible()
        expect(dialog.locator("img")).to_have_count(1)
        before = dialog.locator(".sysatlas-viewer-canvas").evaluate("e => e.style.transform")
        dialog.get_by_role("button", name="+").click()
        assert dialog.locator(".sysatlas-viewer-canvas").evaluate("e => e.style.transform") != before
        dialog.get_by_role("button", name="Close").click()
        expect(page.locator("dialog.sysatlas-viewer")).to_have_count(0)  # removed on its close event
        figure.locator("[data-action=copy]").click()
        expect(figure.locator("[data-action=copy]")).to_have_text("Copied")  # the clipboard write has finished
        copied = page.evaluate("navigator.clipboard.readText()")
        folder = layout.diagrams / "incidents" / "github-2018-10-21"
        assert copied == (folder / "cascade.mmd").read_text(encoding="utf-8")
        with page.expect_download() as info:
            figure.locator("a.sysatlas-light[data-action=download]").click()
        download = info.value
        assert download.suggested_filename == "github-2018-10-21--cascade.svg"
        assert Path(download.path()).read_bytes() == (folder / "cascade.light.svg").read_bytes()
        browser.close()


def test_search_index_loads_only_when_search_is_used(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, _ = site
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url) if "search_index" in r.url else None)
        page.goto(f"{base}/incidents/github-2018-10-21/")
        page.wait_for_timeout(1500)
        assert asked == []
        with page.expect_response(lambda r: "search_index.json" in r.url):
            page.locator("input.md-search__input").focus()
        browser.close()


def test_cold_diagram_page_weight(site: tuple[str, Layout]) -> None:
    """What the browser transfers on a cold first view of each diagram page, from a server that compresses text
    as static hosts do: every request it makes until the network is quiet (SVGs below the fold only if it
    fetches them; the search index is not fetched before search is used). Median <= 300 KB, desktop and phone."""
    import statistics

    from playwright.sync_api import sync_playwright

    from sysatlas.site.weight import cold_weight, serve

    _, layout = site
    diagram_pages = [
        rel for rel in pages(layout) if "sysatlas-diagram" in (layout.site / rel / "index.html").read_text()
    ]
    medians = {}
    with serve(layout.site) as server, sync_playwright() as pw:
        browser = _browser(pw)
        for viewport in ((1440, 900), (390, 844)):
            weights = [cold_weight(browser, server, rel, viewport) for rel in diagram_pages]
            assert all(u.startswith(server.base) for w in weights for u in w.urls)
            assert not any("search_index" in u or "mermaid" in u for w in weights for u in w.urls)
            assert all(any(u.endswith(".svg") for u in w.urls) for w in weights)  # the first diagram is fetched
            medians[viewport] = (
                statistics.median(w.transferred for w in weights),
                statistics.median(w.raw for w in weights),
            )
            print(
                f"cold diagram pages at {viewport[0]}x{viewport[1]}: {len(weights)}, median transferred (gzip) "
                f"{medians[viewport][0] / 1024:.0f} KB, median raw {medians[viewport][1] / 1024:.0f} KB"
            )
        browser.close()
    assert len(diagram_pages) > 10
    assert all(transferred <= 300 * 1024 for transferred, _ in medians.values()), medians
    assert all(transferred < raw / 2 for transferred, raw in medians.values())  # it was compressed on the way


def test_report_link_prefills_the_report(site: tuple[str, Layout]) -> None:
    from playwright.sync_api import sync_playwright

    base, _ = site
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_page()
        page.goto(f"{base}/incidents/github-2018-10-21/")
        _rendered(page)
        page.locator("figure.kind-timeline ~ p a.sysatlas-report").first.click()
        page.wait_for_url("**/about/**")
        assert (
            page.locator("#sysatlas-report-text")
            .input_value()
            .startswith("Diagram: incidents/github-2018-10-21#timeline")
        )
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


def test_kinds_with_a_legend_draw_it_into_both_svgs(site: tuple[str, Layout]) -> None:
    _, layout = site
    shown = 0
    for case in CASES:
        doc = read(case.path, case.name, Report())
        assert doc is not None
        keys = case.kind.legend(case.kind.body.model_validate(doc.data["body"]))
        if not keys:
            continue
        svgs = {
            v: "".join(p.read_text(encoding="utf-8") for p in layout.diagrams.rglob(f"{case.name}.{v}.svg"))
            for v in ("light", "dark")
        }
        for label, light, dark in keys:
            assert html.escape(label) in svgs["light"] and f'fill="{light}"' in svgs["light"], label
            assert html.escape(label) in svgs["dark"] and f'fill="{dark}"' in svgs["dark"], label
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
    index = "\n".join(d["text"] for d in docs)
    for mermaid in ("flowchart TD", "sequenceDiagram", "xychart-beta", "accTitle", "#58;"):
        assert mermaid not in index, mermaid
