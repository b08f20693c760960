"""Builds: outputs and manifest, and a failed build that leaves the previous output intact."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sysatlas.diagnostics import ContentError
from sysatlas.paths import Layout
from sysatlas.pipeline import build

from .conftest import FakeRenderer

VALID = (Path(__file__).parent / "errors" / "valid.yaml").read_text(encoding="utf-8")


def test_build_writes_mmd_files_and_manifest(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    build(layout, renderer=FakeRenderer(), site=False, use_cache=False)
    mmd = layout.diagrams / "mechanisms" / "case" / "state-machine.mmd"
    assert mmd.read_text().startswith("%% generated from content/mechanisms/case.yaml:16")
    (entry,) = json.loads((layout.diagrams / "manifest.json").read_text())
    assert entry["id"] == "mechanisms/case#state-machine"
    kind = re.search(r"^ +kind: (\w+)$", VALID, re.M)  # the diagram's kind, not a source's
    assert kind and (entry["kind"], entry["source_line"], entry["evidence"]) == (kind[1], 16, "reported")


def test_failed_build_keeps_previous_output(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    build(layout, renderer=FakeRenderer(), site=False, use_cache=False)
    before = (layout.diagrams / "manifest.json").read_text()
    (layout.content / "mechanisms" / "case.yaml").write_text(VALID.replace("Leader}", "BROKEN Leader}"))
    with pytest.raises(ContentError) as info:
        build(layout, renderer=FakeRenderer(), site=False, use_cache=False)
    assert [d.code for d in info.value.report] == ["MMD001"]
    assert (layout.diagrams / "manifest.json").read_text() == before
    assert sorted(p.name for p in layout.build.iterdir()) == ["diagrams"]  # no half-written siblings


def test_cache_skips_unchanged_diagrams(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    first = FakeRenderer()
    build(layout, renderer=first, site=False)
    assert len(first.calls) == 1
    second = FakeRenderer()
    build(layout, renderer=second, site=False)
    assert second.calls == []
    (layout.content / "mechanisms" / "case.yaml").write_text(VALID.replace("wins election", "wins the election"))
    third = FakeRenderer()
    build(layout, renderer=third, site=False)
    assert len(third.calls) == 1 and "wins the election" in third.calls[0]


def test_too_wide_diagram_is_reported(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    with pytest.raises(ContentError) as info:
        build(layout, renderer=FakeRenderer(width=5000), site=False, use_cache=False)
    (problem,) = list(info.value.report)
    assert problem.code == "READ003" and "5000 px" in problem.message


def test_cache_keeps_only_what_the_build_reads(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    stale = layout.cache / "render" / "ab"  # older cache layouts and another bundle's entries
    stale.mkdir(parents=True)
    (stale / "old.json").write_text('{"svg": "<svg>...</svg>"}')
    (layout.cache / "render" / "0123456789abcdef.json").write_text("{}")
    build(layout, renderer=FakeRenderer(width=812), site=False)
    (salt,) = list((layout.cache / "render").iterdir())
    (cached,) = list(salt.rglob("*.json"))  # one file per diagram
    entry = json.loads(cached.read_text())  # what the build uses: size, both SVGs, contrast; no text
    assert entry == {
        "width": 812,
        "height": 400,
        "svg": "<svg></svg>",
        "dark": "<svg class='dark'></svg>",
        "contrast": [],
    }
    assert not list(salt.rglob("*.tmp"))
    renderer = FakeRenderer(width=1)
    again = build(layout, renderer=renderer, site=False)  # from the cache: same size, nothing rendered
    assert renderer.calls == []
    assert [(r.ok, r.width, r.height) for r in again.renders.values()] == [(True, 812, 400)]
    assert json.loads((layout.diagrams / "manifest.json").read_text())[0]["width"] == 812


def test_a_run_that_stops_midway_keeps_what_it_rendered(tmp_path: Path) -> None:
    from sysatlas.browser import Cache, render_all
    from sysatlas.diagnostics import ToolError

    class Dying(FakeRenderer):
        def render(self, items, progress=None, done=None):  # type: ignore[no-untyped-def]
            super().render(items[:2], progress, done)
            raise ToolError("Chromium stopped while rendering diagrams")

    texts = ["flowchart TD\n  a --> b\n", "flowchart TD\n  b --> c\n", "flowchart TD\n  c --> d\n"]
    cache = Cache(tmp_path / "render", "salt")
    with pytest.raises(ToolError):
        render_all(texts, Dying(), cache)
    rest = FakeRenderer()
    assert [r.ok for r in render_all(texts, rest, Cache(tmp_path / "render", "salt"))] == [True] * 3
    assert rest.calls == texts[2:]


def test_failed_renders_are_not_cached(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID.replace("Leader}", "BROKEN Leader}")})
    for _ in range(2):
        renderer = FakeRenderer()
        with pytest.raises(ContentError):
            build(layout, renderer=renderer, site=False)
        assert len(renderer.calls) == 1
    assert not (layout.cache / "render").exists() or not list((layout.cache / "render").iterdir())


@pytest.mark.parametrize(("code", "words"), [("MMD002", "hangs on"), ("MMD003", "crashed")])
def test_render_failures_keep_their_code(
    code: str, words: str, make_project: Callable[[dict[str, str]], Layout]
) -> None:
    from sysatlas.browser import failed
    from sysatlas.diagnostics import Report
    from sysatlas.pipeline import browser_stage, check

    class Failing(FakeRenderer):
        def render(self, items, progress=None, done=None):  # type: ignore[no-untyped-def]
            return [
                failed(code, "the browser page crashed while rendering it" if code == "MMD003" else "slow")
                for _ in items
            ]

    layout = make_project({"content/mechanisms/case.yaml": VALID})
    report = Report()
    outcome = check(layout)
    browser_stage(layout, outcome.atlas.diagrams(), outcome.mermaid, report, Failing(), use_cache=False)
    (problem,) = list(report)
    assert (problem.code, problem.line) == (code, 16) and words in problem.message


def test_squeeze_keeps_what_a_browser_shows() -> None:
    from sysatlas.site import squeeze

    page = (
        "<div>\n    <p>one\n      two</p>\n\n\n    <pre><code>a\n    b</code></pre>\n"
        "  <script>const t = `x\n  y`;</script>\n  <p>keep <code>c\n  d</code> <b>e</b></p>\n</div>\n"
    )
    assert squeeze(page) == (
        "<div>\n<p>one\ntwo</p>\n<pre><code>a\n    b</code></pre>\n"
        "<script>const t = `x\n  y`;</script>\n<p>keep <code>c\n  d</code> <b>e</b></p>\n</div>\n"
    )
