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
from sysatlas.diagnostics import ContentError, Report
from sysatlas.golden import subject_text
from sysatlas.load import read
from sysatlas.paths import Layout
from sysatlas.pipeline import build, check

from .conftest import ROOT
from .test_golden import CASES

pytestmark = pytest.mark.browser

WHOLE_ATLAS = os.environ.get("SYSATLAS_SCREENSHOTS") == "1" or os.environ.get("SYSATLAS_MEASURE") == "1"
"""Build the site from the whole bundled atlas (README screenshots, `make measure`) instead of the fixture."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Layout]]:
    root = tmp_path_factory.mktemp("siteproject")
    if WHOLE_ATLAS:  # the README's pictures and the reader measurements: the whole bundled atlas
        shutil.copytree(ROOT / "content", root / "content")
        if (ROOT / ".cache" / "sysatlas").is_dir():  # renders are keyed by their text: the checkout's are valid
            shutil.copytree(ROOT / ".cache" / "sysatlas", root / ".cache" / "sysatlas")
    (root / "content" / "incidents").mkdir(parents=True, exist_ok=True)
    # without a tracker (report_url), "Report an error" falls back to the About page's report form
    inventory = (ROOT / "content" / "inventory.yaml").read_text(encoding="utf-8")
    (root / "content" / "inventory.yaml").write_text(
        "\n".join(x for x in inventory.splitlines() if not x.startswith("report_url:")) + "\n", encoding="utf-8"
    )
    shutil.copy(ROOT / "content" / "tags.yaml", root / "content" / "tags.yaml")
    shutil.copy(ROOT / "content" / "incidents" / "github-2018-10-21.yaml", root / "content" / "incidents")
    # the real subjects' known geometry misses, and the two golden cases drawn wider or tighter than the site allows
    baseline = (ROOT / "geometry-baseline.txt").read_text(encoding="utf-8")
    baseline += "case-studies/golden-case#gantt-migration GEOM005\ncase-studies/golden-case#sequence-raft GEOM003\n"
    (root / "geometry-baseline.txt").write_text(baseline, encoding="utf-8")
    (root / "content" / "case-studies").mkdir(exist_ok=True)  # one page per diagram: the real ones and the fixture
    for real in ("discord.yaml", "cloudflare.yaml"):  # two real ones keep the per-page sweeps to minutes
        shutil.copy(ROOT / "content" / "case-studies" / real, root / "content" / "case-studies")
    if not WHOLE_ATLAS:
        (root / "content" / "guarantees").mkdir(exist_ok=True)
        for folder, text in zip(("guarantees", "case-studies"), every_kind(), strict=True):
            (root / "content" / folder / "golden-case.yaml").write_text(text, encoding="utf-8")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    layout = Layout(root)
    try:
        build(layout)  # the fixture passes every rule, as real content must
    except ContentError as e:
        raise AssertionError("\n".join(str(p) for p in e.report.items[:20])) from e
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
        subject_text(*(case.item(case.name) for case in CASES[1::2]), profile=True),
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
            figures = page.locator("figure.sysatlas-diagram, figure.sysatlas-thumb").count()
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
        # the text the build rendered: a diagram too wide one way is drawn the other way (lint/geometry.py)
        text = (layout.diagrams / record["svg"]["light"].replace(".light.svg", ".mmd")).read_text(encoding="utf-8")
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
        dialog.get_by_role("button", name="Zoom in").click()
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
        page.locator(".sysatlas-pair:has(figure.kind-timeline) ~ p a.sysatlas-report").first.click()
        page.wait_for_url("**/about/**")
        assert (
            page.locator("#sysatlas-report-text")
            .input_value()
            .startswith("Diagram: incidents/github-2018-10-21#timeline")
        )
        browser.close()


SHOTS = [
    ("home", "/"),
    ("incident-timeline", "/incidents/github-2018-10-21/"),
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


# --- The reader's view: how big diagram text is on screen, where the first diagram starts, the viewer ---------

SVG_TEXT = """() => {
  // the median size of a diagram's texts, in SVG pixels (the SVG opened alone, at its natural size)
  const sizes = Array.from(document.querySelectorAll('text')).filter(t => (t.textContent || '').trim()).map(t => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
  }).sort((a, b) => a - b);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0;
}"""

ON_PAGE = """() => {
  const first = document.querySelector('figure.sysatlas-diagram, figure.sysatlas-thumb');
  const figures = Array.from(document.querySelectorAll('figure.sysatlas-diagram')).map(f => {
    const img = Array.from(f.querySelectorAll('img.sysatlas-svg')).find(i => i.offsetParent !== null);
    const box = img.getBoundingClientRect();
    const scroll = f.querySelector('.sysatlas-scroll');
    return {src: img.currentSrc || img.src, shown: box.width, natural: img.naturalWidth,
            sideways: scroll.scrollWidth > scroll.clientWidth + 1 || box.right > window.innerWidth + 1,
            id: f.dataset.diagram, kind: (f.className.match(/kind-(\\S+)/) || [])[1]};
  });
  return {top: first ? first.getBoundingClientRect().top + window.scrollY : null, figures: figures};
}"""


def _subject_pages(layout: Layout) -> list[str]:
    return [rel for rel in pages(layout) if "sysatlas-diagram" in (layout.site / rel / "index.html").read_text("utf-8")]


def measure_desktop(base: str, layout: Layout) -> dict[str, object]:
    """Every diagram page at 1440x900 (light): effective text size of each diagram, sideways scrolling, first top."""
    import statistics

    from playwright.sync_api import sync_playwright

    tops: dict[str, float] = {}
    shown: list[dict[str, object]] = []
    font: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_context(color_scheme="light", viewport={"width": 1440, "height": 900}).new_page()
        svg = browser.new_page()
        for rel in _subject_pages(layout):
            page.goto(f"{base}/{rel}/")
            _rendered(page)
            found = page.evaluate(ON_PAGE)
            tops[rel] = found["top"]
            for f in found["figures"]:
                if f["src"] not in font:
                    svg.goto(f["src"])
                    font[f["src"]] = svg.evaluate(SVG_TEXT)
                f["effective"] = font[f["src"]] * f["shown"] / f["natural"]
                f["page"] = rel
                shown.append(f)
        browser.close()
    effective = [float(f["effective"]) for f in shown]  # type: ignore[arg-type]
    below = [f for f in shown if float(f["effective"]) < 12]  # type: ignore[arg-type]
    return {
        "diagrams": len(shown),
        "median": statistics.median(effective) if effective else 0.0,
        "below_12": len(below) / max(1, len(shown)),
        "below_by_kind": {k: sum(1 for f in below if f["kind"] == k) for k in sorted({str(f["kind"]) for f in below})},
        "sideways": sum(1 for f in shown if f["sideways"]) / max(1, len(shown)),
        "top": max(tops.values(), default=0.0),
        "tops": tops,
        "shown": shown,
        "font": font,
    }


def test_diagrams_use_the_width_and_come_first(site: tuple[str, Layout]) -> None:
    """Desktop 1440x900: no diagram is cropped or scrolls sideways, each shows as large as the column allows (text
    >= 13 px wherever its width permits), and every page's first diagram starts within the first 900 px.

    With SYSATLAS_MEASURE=1 (`make measure`) over the whole atlas it also asserts the issue's figures: median
    effective text >= 13 px and at most 10% of diagrams below 12 px.
    """
    base, layout = site
    m = measure_desktop(base, layout)
    shown = m["shown"]
    assert isinstance(shown, list) and len(shown) > 20
    print(
        f"\ndesktop 1440x900: {m['diagrams']} diagrams, median effective text {m['median']:.1f} px, "
        f"{float(m['below_12']):.0%} below 12 px {m['below_by_kind']}, {float(m['sideways']):.0%} scroll sideways, "
        f"first diagram top at most {float(m['top']):.0f} px"
    )
    late = {rel: top for rel, top in m["tops"].items() if top is None or top > 900}  # type: ignore[union-attr]
    assert late == {}
    assert m["sideways"] == 0
    column = max(float(f["shown"]) for f in shown)
    font = m["font"]
    assert isinstance(font, dict)
    small = [
        f"{f['page']}: {f['id']} at {float(f['effective']):.1f} px"
        for f in shown
        if float(f["effective"]) < 13 and float(f["natural"]) * 13 / font[f["src"]] <= column - 1
    ]
    assert small == []  # a diagram that fits at 13 px is never shown smaller
    if os.environ.get("SYSATLAS_MEASURE") == "1":
        assert float(m["median"]) >= 13 and float(m["below_12"]) <= 0.10, m["below_by_kind"]  # type: ignore[arg-type]


def _pinch(page, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    cdp = page.context.new_cdp_session(page)
    points = [(x - 20, y), (x + 20, y)]
    cdp.send(
        "Input.dispatchTouchEvent",
        {"type": "touchStart", "touchPoints": [{"x": px, "y": py, "id": i} for i, (px, py) in enumerate(points)]},
    )
    for step in range(1, 6):
        cdp.send(
            "Input.dispatchTouchEvent",
            {
                "type": "touchMove",
                "touchPoints": [{"x": x - 20 - 16 * step, "y": y, "id": 0}, {"x": x + 20 + 16 * step, "y": y, "id": 1}],
            },
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_phone_every_diagram_opens_full_screen_with_pinch_zoom(site: tuple[str, Layout]) -> None:
    """Phone 390x844: one tap on any diagram opens the full-screen viewer, and two fingers zoom it."""
    from playwright.sync_api import sync_playwright

    base, layout = site
    problems: list[str] = []
    opened = 0
    with sync_playwright() as pw:
        browser = _browser(pw)
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        page = context.new_page()
        for rel in _subject_pages(layout):
            page.goto(f"{base}/{rel}/")
            _rendered(page)
            viewport = page.evaluate("document.querySelector('meta[name=viewport]').content")
            if "user-scalable=no" in viewport or "maximum-scale=1" in viewport:
                problems.append(f"{rel}: the page forbids zooming: {viewport}")
            figures = page.locator("figure.sysatlas-diagram")
            for i in range(figures.count()):
                figures.nth(i).locator("a.sysatlas-open.sysatlas-light").tap()
                dialog = page.locator("dialog.sysatlas-viewer[open]")
                if dialog.count() != 1:
                    problems.append(f"{rel}: figure {i} did not open in one tap")
                    continue
                box = dialog.bounding_box()
                if not box or box["width"] < 385 or box["height"] < 800:
                    problems.append(f"{rel}: figure {i} viewer is not full screen: {box}")
                stage = dialog.locator(".sysatlas-viewer-stage").bounding_box()
                canvas = dialog.locator(".sysatlas-viewer-canvas")
                before = float(canvas.get_attribute("data-scale") or 0)
                assert stage
                _pinch(page, stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
                after = float(canvas.get_attribute("data-scale") or 0)
                if not after > before * 1.5:
                    problems.append(f"{rel}: figure {i} pinch did not zoom ({before} -> {after})")
                page.keyboard.press("Escape")
                opened += 1
        browser.close()
    assert problems == []
    assert opened > 20


def test_viewer_and_tools_work_from_the_keyboard(site: tuple[str, Layout]) -> None:
    """Skip link to the first diagram, 44 px tools that look like buttons, arrows pan, +/- zoom, Esc closes, and
    copying the link is announced to screen readers."""
    from playwright.sync_api import expect, sync_playwright

    base, _ = site
    with sync_playwright() as pw:
        browser = _browser(pw)
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page = context.new_page()
        page.goto(f"{base}/incidents/github-2018-10-21/")
        _rendered(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to the first diagram"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "sysatlas-first-diagram"
        figure = page.locator("figure.sysatlas-diagram").first
        for tool in figure.locator(".sysatlas-tools > *").all():
            if tool.is_visible():
                box = tool.bounding_box()
                assert box and box["height"] >= 44 and box["width"] >= 44, tool.text_content()
                assert tool.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
        assert page.locator(".sysatlas-meta a.sysatlas-permalink").first.is_visible()
        zoom = figure.locator("[data-action=zoom]")
        zoom.focus()
        page.keyboard.press("Enter")
        dialog = page.locator("dialog.sysatlas-viewer")
        expect(dialog).to_be_visible()
        for button in dialog.locator("button").all():
            box = button.bounding_box()
            assert box and box["height"] >= 44 and box["width"] >= 44
        canvas = dialog.locator(".sysatlas-viewer-canvas")
        moved = canvas.evaluate("e => e.style.transform")
        page.keyboard.press("ArrowRight")
        assert canvas.evaluate("e => e.style.transform") != moved
        scale = float(canvas.get_attribute("data-scale") or 0)
        page.keyboard.press("+")
        assert float(canvas.get_attribute("data-scale") or 0) > scale
        page.keyboard.press("-")
        page.keyboard.press("-")
        assert float(canvas.get_attribute("data-scale") or 0) < scale
        page.keyboard.press("Escape")
        expect(page.locator("dialog.sysatlas-viewer")).to_have_count(0)
        assert page.evaluate("document.activeElement.dataset.action") == "zoom"
        figure.locator("[data-action=link]").click()
        expect(page.locator("#sysatlas-status")).to_have_text("Copied the link to this diagram")
        assert page.evaluate("navigator.clipboard.readText()").endswith("/incidents/github-2018-10-21/#timeline")
        assert page.locator("#sysatlas-status").get_attribute("aria-live") == "polite"
        figure.locator("[data-action=text]").click()
        assert page.locator("details#timeline-text").evaluate("d => d.open")
        described = figure.get_attribute("aria-describedby")
        assert described == "timeline-text" and figure.get_attribute("aria-label")
        browser.close()


def test_incident_opens_with_its_answer(site: tuple[str, Layout]) -> None:
    """An incident page opens with "At a glance", computed from its data, and each 3 AM note follows its figure."""
    _, layout = site
    page = (layout.site / "incidents" / "github-2018-10-21" / "index.html").read_text(encoding="utf-8")
    glance = page[page.index('class="sysatlas-glance"') : page.index("</section>")]
    for label in ("Date", "Impact", "Trigger", "Root cause", "Fix", "Check first"):
        assert f"<dt>{label}</dt>" in glance, label
    assert "2018-10-21" in glance and "Hardware / network" in glance
    assert page.index('class="sysatlas-glance"') < page.index("sysatlas-diagram")
    for figure_end in [i for i in range(len(page)) if page.startswith("</figure>", i)]:
        assert (
            page[figure_end + len("</figure>") :].lstrip().startswith('<aside class="admonition warning sysatlas-3am"')
        )
    assert page.index("sysatlas-diagram") < page.index("Key facts, quoted from their sources")


def test_case_studies_page_compares_the_companies(site: tuple[str, Layout]) -> None:
    """The case-studies page opens with one table row per company: scale (its facts filled in), datastores,
    deployment and its outage, linked when the atlas has that incident's page."""
    _, layout = site
    page = (layout.site / "case-studies" / "index.html").read_text(encoding="utf-8")
    table = page[page.index("<table>") : page.index("</table>")]
    rows = table.split("<tr>")[2:]
    companies = [html.unescape(r.split("</a>", 1)[0].rsplit(">", 1)[-1]) for r in rows]
    assert companies == sorted(companies) and {"Cloudflare", "Discord"} <= set(companies), companies
    discord = rows[companies.index("Discord")]
    assert "ScyllaDB" in html.unescape(discord) and "${" not in discord
    assert "4 billion messages/day" in html.unescape(discord)  # ${msgs_per_day}, from the subject's facts
    assert page.index("<table>") < page.index("sysatlas-subjects")


def test_no_stray_escapes_or_backticks_in_visible_text(site: tuple[str, Layout]) -> None:
    """No page shows a Markdown escape (\\~, \\_ ...) or a raw `code` span as text."""
    from html.parser import HTMLParser

    class Visible(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.skip = 0
            self.text: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += tag in ("code", "pre", "script", "style", "textarea")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("code", "pre", "script", "style", "textarea")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.text.append(data)

    import re

    _, layout = site
    found = []
    for built in sorted(layout.site.rglob("*.html")):
        parser = Visible()
        parser.feed(built.read_text(encoding="utf-8"))
        text = "".join(parser.text)
        found += [
            f"{built.relative_to(layout.site)}: {m.group()!r}"
            for m in re.finditer(r"\\[`*_{}\[\]#~|!]|`[^`\n]+`", text)
        ]
    assert found == []
