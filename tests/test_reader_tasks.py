"""The reader's tasks, performed in a browser on the whole bundled atlas: each takes at most two clicks from the
home page, or one search. Diagrams are stood in by blank SVGs (the tasks are about finding, not drawing), so
the whole atlas builds in about a minute; every other check runs on the real content as it is.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import re
import shutil
import threading
from collections.abc import Iterator

import pytest

from sysatlas.browser import CHROMIUM_ARGS, chromium_path
from sysatlas.paths import Layout
from sysatlas.pipeline import build
from sysatlas.site.catalogue import readable

from .conftest import ROOT, FakeRenderer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def atlas_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Layout, object]]:
    root = tmp_path_factory.mktemp("readers")
    shutil.copytree(ROOT / "content", root / "content")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    layout = Layout(root)
    outcome = build(layout, renderer=FakeRenderer(), use_cache=False)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(layout.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", layout, outcome.atlas
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(atlas_site):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser, base: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    page.goto(base + "/")
    return page


def _click(page, name: str, within: str = "article") -> None:  # type: ignore[no-untyped-def]
    """One click: the first link in the page's content whose text matches `name`."""
    page.locator(within).get_by_role("link", name=re.compile(name)).first.click()
    page.wait_for_load_state()


def _search(page, words: str) -> list[str]:  # type: ignore[no-untyped-def]
    """One search: type the words, return the result links, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(words)
    page.wait_for_function(
        "w => document.querySelector('.md-search-result__meta') && "
        "document.querySelector('.md-search-result__meta').textContent.length > 0 && "
        "document.querySelector('input.md-search__input').value === w",
        arg=words,
    )
    page.wait_for_selector(".md-search-result__item")
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_raft_elections_and_etcd_timeouts(atlas_site, browser) -> None:  # type: ignore[no-untyped-def]
    base, _, _ = atlas_site
    page = _page(browser, base)
    _click(page, "^Mechanisms$")
    _click(page, "Raft consensus")
    assert page.url.endswith("/mechanisms/raft-consensus/")
    text = page.locator("article").inner_text()
    assert "election" in text.lower() and "etcd" in text and "timeout" in text.lower()
    # one search does it too
    page = _page(browser, base)
    assert "/mechanisms/raft-consensus/" in _search(page, "raft")[0]


def test_cloudflare_2019_and_what_to_check_first(atlas_site, browser) -> None:  # type: ignore[no-untyped-def]
    base, _, _ = atlas_site
    page = _page(browser, base)
    _click(page, "^Incidents$")
    page.locator("article a[href*='cloudflare-2019-07-02']").first.click()  # the row of 2 July 2019
    page.wait_for_load_state()
    assert "/incidents/cloudflare-2019-07-02/" in page.url
    assert page.locator("article").get_by_text("Check first:").count() >= 1
    page = _page(browser, base)
    assert "/incidents/cloudflare-2019-07-02/" in _search(page, "cloudflare 2019")[0]


def test_all_diagrams_about_kafka(atlas_site, browser) -> None:  # type: ignore[no-untyped-def]
    base, _, atlas = atlas_site
    page = _page(browser, base)
    found = _search(page, "kafka")
    assert found[0].split("?")[0].endswith("/catalogue/systems/kafka/"), found[:5]
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state()
    listed = set(page.locator("article ul").first.locator("a").evaluate_all("els => els.map(e => e.textContent)"))
    # every diagram whose readable text says Kafka, found here without the catalogue's code
    mentions = {d.common.title for d in atlas.diagrams() if "kafka" in readable(d).lower()}
    assert len(mentions) > 20 and mentions <= listed, sorted(mentions - listed)
    # the catalogue filters to the same diagrams, in one click from home plus the filter
    page = _page(browser, base)
    _click(page, "The catalogue")
    page.locator("select[data-facet=system]").select_option("kafka")
    shown = page.locator("table.sysatlas-catalogue tbody tr:not([hidden]) td:first-child a").evaluate_all(
        "els => els.map(e => e.textContent)"
    )
    assert mentions <= set(shown)


def test_incident_to_the_mechanisms_involved(atlas_site, browser) -> None:  # type: ignore[no-untyped-def]
    base, _, _ = atlas_site
    page = _page(browser, base)
    _click(page, "^Incidents$")
    page.locator("article a[href*='github-2018-10-21']").first.click()
    page.wait_for_load_state()
    related = page.locator("article p", has_text="Related:").last  # the subject's, under the diagrams
    links = related.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any("/mechanisms/" in h for h in links), links
    assert "Mechanisms:" in related.inner_text()  # grouped by category
    # the map shows it in one click from home
    page = _page(browser, base)
    _click(page, "the map")
    assert page.locator("a.sysatlas-map-node[href*='incidents/github-2018-10-21']").count() == 1


def test_no_pending_subject_in_reader_text(atlas_site) -> None:  # type: ignore[no-untyped-def]
    _, layout, _ = atlas_site
    pending = [
        p.relative_to(layout.site)
        for p in layout.site.rglob("index.html")
        if "(pending)" in p.read_text(encoding="utf-8") and "coverage" not in str(p)
    ]
    assert pending == []
    assert "Pending subjects" in (layout.site / "coverage" / "index.html").read_text(encoding="utf-8")
    home = (layout.site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"\b\d+/\d+\b", re.sub(r"<[^>]+>", " ", home)), "a completion ratio on the home page"


def test_incident_dataset_and_table(atlas_site) -> None:  # type: ignore[no-untyped-def]
    _, layout, atlas = atlas_site
    incidents = [s for s in atlas.subjects if s.category == "incidents"]
    data = json.loads((layout.site / "data" / "incidents.json").read_text(encoding="utf-8"))
    assert data["count"] == len(incidents) == len(data["incidents"])
    dates = [r["date"] for r in data["incidents"]]
    assert dates == sorted(dates, reverse=True)
    github = next(r for r in data["incidents"] if r["slug"] == "github-2018-10-21")
    assert github["cause"] == "hardware-network" and github["page"] == "incidents/github-2018-10-21/"
    assert all(f["quote"] for f in github["facts"] if f["evidence"] == "reported")
    assert (layout.site / github["page"] / "index.html").is_file()
    rows = list(csv.DictReader(io.StringIO((layout.site / "data" / "incidents.csv").read_text(encoding="utf-8"))))
    assert [r["slug"] for r in rows] == [r["slug"] for r in data["incidents"]]
    assert all(r["cause"] and r["sources"].startswith("http") for r in rows)
    page = (layout.site / "incidents" / "index.html").read_text(encoding="utf-8")
    assert "../data/incidents.json" in page and "Root cause" in page
    assert page.index("cloudflare-2019-07-02") < page.index("github-2018-10-21")  # newest first


def test_report_link_opens_a_prefilled_issue(atlas_site) -> None:  # type: ignore[no-untyped-def]
    import html
    import urllib.parse

    _, layout, _ = atlas_site
    page = (layout.site / "incidents" / "github-2018-10-21" / "index.html").read_text(encoding="utf-8")
    hrefs = [html.unescape(h) for h in re.findall(r'class="sysatlas-report"[^>]*href="([^"]+)"', page)]
    assert len(hrefs) == 2
    url = urllib.parse.urlsplit(hrefs[0])
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://github.com/sysatlas/sysatlas/issues/new"
    query = urllib.parse.parse_qs(url.query)
    assert "incidents/github-2018-10-21#timeline" in query["title"][0]
    assert query["body"][0].startswith("Diagram: incidents/github-2018-10-21#timeline")
    # evidence badges link to their definitions
    assert re.search(r'<a class="sysatlas-badge \w+" href="\.\./\.\./about/#evidence-levels"', page)
    # a description and a link preview of its own
    description = re.search(r'<meta name="description" content="([^"]+)"', page)
    preview = re.search(r'<meta property="og:description" content="([^"]+)"', page)
    assert description and preview and description.group(1) == preview.group(1)
    assert description.group(1).startswith("Replacing failing 100G optical equipment")


def test_search_ranks_subjects_above_tags(atlas_site, browser) -> None:  # type: ignore[no-untyped-def]
    base, layout, _ = atlas_site
    index = json.loads((layout.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in index if d["location"].startswith("tags/")]
    page = _page(browser, base)
    assert "/incidents/roblox-2021-10-28/" in _search(page, "roblox")[0]
