"""The real thing: generated Mermaid rendered by the pinned bundle in headless Chromium."""

from __future__ import annotations

import asyncio
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysatlas.atlas import Diagram
from sysatlas.browser import ChromiumRenderer, Result, Session
from sysatlas.diagnostics import Report
from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .conftest import ROOT
from .test_golden import CASES, GOLDEN, as_item, rendered, subject_text

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    with Session(Layout(ROOT).mermaid_bundle) as s:
        yield s


def squash(text: str) -> str:
    """Compare text as a reader sees it: whitespace and soft hyphens from wrapping do not count."""
    return re.sub(r"[\s\u00ad]+", "", unicodedata.normalize("NFC", text))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_renders(case: Path, session: Session, make_project: Callable[[dict[str, str]], Layout]) -> None:
    result = session.render(rendered(make_project, case))
    assert result.ok, result.error
    assert result.width > 0


def test_escaping_cases_show_their_exact_text(session: Session,
                                              make_project: Callable[[dict[str, str]], Layout]) -> None:
    seq = session.render(rendered(make_project, Path(__file__).parent / "golden" / "sequence-escaping.yaml"))
    assert seq.ok, seq.error
    for expected in ['Client "quoted" [x] {y} (z)', "SET user:123 'v'; GET #35 | a-->b <script>alert(1)</script> end",
                     "22:52 : colon; semicolon # hash ✓ 🚀 שלום", "%% not a comment"]:
        assert squash(expected) in squash(seq.text), expected
    arch = session.render(rendered(make_project, Path(__file__).parent / "golden" / "architecture-escaping.yaml"))
    assert arch.ok, arch.error
    for expected in ['"quoted" [x] {y} (z) | a-->b', "<b>bold?</b> & ampersand", "#35; literal entity",
                     "subgraph end graph", '|pipe| "q" ; semicolon']:
        assert squash(expected) in squash(arch.text), expected


def test_a_broken_diagram_is_reported_with_its_place(make_project: Callable[[dict[str, str]], Layout]) -> None:
    from sysatlas.pipeline import browser_stage

    layout = make_project({"content/guarantees/golden-case.yaml":
                           (Path(__file__).parent / "golden" / "_subject.yaml").read_text() + BROKEN})
    outcome = check(layout)
    assert not outcome.report.items, [str(d) for d in outcome.report]
    (diagram,) = outcome.atlas.diagrams()
    diagram.mermaid = diagram.mermaid.replace("flowchart TB", "flowchart TB\n  a[[[ unbalanced")
    browser_stage(layout, [diagram], outcome.report, None, use_cache=False)
    (problem,) = list(outcome.report)
    assert problem.code == "MMD001"
    assert problem.line == diagram.line
    assert "11.17.2" in problem.message


class Injected(ChromiumRenderer):
    """The real renderer, with a page that hangs on a marked diagram or crashes on another."""

    async def _open(self, browser: Any, harness: Path) -> Any:
        page = await super()._open(browser, harness)
        # a busy loop, not a pending promise: the page's only thread is stuck, as in a real Mermaid hang
        await page.evaluate("""() => { const render = mermaid.render;
            mermaid.render = (id, text) => { if (text.includes("%% HANG")) { for (;;) {} }
                                             return render(id, text); }; }""")
        return page

    async def _render_one(self, page: Any, item: tuple[str, str]) -> Result:
        if "%% CRASH" in item[1]:
            cdp = await page.context.new_cdp_session(page)
            crash = asyncio.ensure_future(cdp.send("Page.crash"))
            try:
                await page.evaluate("() => new Promise((done) => setTimeout(done, 20000))")
            finally:
                crash.cancel()
        return await super()._render_one(page, item)


def three_diagrams(make_project: Callable[[dict[str, str]], Layout], marker: str) -> tuple[Layout, list[Diagram]]:
    """A project of three golden diagrams; the middle one carries `marker` in its Mermaid text."""
    items = [as_item(GOLDEN / "architecture-etcd.yaml", f"d{i}") for i in range(3)]
    layout = make_project({"content/guarantees/golden-case.yaml": subject_text(*items)})
    outcome = check(layout)
    diagrams = outcome.atlas.diagrams()
    assert len(diagrams) == 3
    diagrams[1].mermaid += f"{marker}\n"
    return layout, diagrams


def test_a_hanging_diagram_times_out_and_the_rest_render(make_project: Callable[[dict[str, str]], Layout]) -> None:
    from sysatlas.pipeline import browser_stage

    layout, diagrams = three_diagrams(make_project, "%% HANG")
    report = Report()
    renders = browser_stage(layout, diagrams, report, Injected(layout.mermaid_bundle, pages=1, timeout=3),
                            use_cache=False)
    (problem,) = list(report)
    assert (problem.code, problem.line) == ("MMD002", diagrams[1].line)
    assert "within 3 s" in problem.message and diagrams[1].key in problem.message
    assert renders[diagrams[0].key].ok and renders[diagrams[2].key].ok  # the page after the hang works


def test_a_crashed_page_is_a_diagnostic(make_project: Callable[[dict[str, str]], Layout]) -> None:
    from sysatlas.pipeline import browser_stage

    layout, diagrams = three_diagrams(make_project, "%% CRASH")
    report = Report()
    renders = browser_stage(layout, diagrams, report, Injected(layout.mermaid_bundle, pages=1, timeout=30),
                            use_cache=False)
    (problem,) = list(report)
    assert (problem.code, problem.line) == ("MMD003", diagrams[1].line)
    assert "crashed" in problem.message
    assert renders[diagrams[0].key].ok and renders[diagrams[2].key].ok


BROKEN = """diagrams:
  - id: implementation
    kind: architecture
    title: Broken on purpose
    caption: The test corrupts the generated text.
    evidence: reported
    sources: [fixture-source]
    three_am: {breaks: parse, looks_like: error, check_first: text}
    body:
      planes:
        - id: p
          label: Plane
          role: edge
          nodes: [{id: a, label: etcd}]
"""

# Text a label may hold: printable characters of any script, the syntax Mermaid reacts to, emoji, RTL.
LABEL = st.lists(
    st.one_of(
        st.sampled_from([*list('"\'#;:|[](){}<>-=%&*!?/\\`~^@$+,.'), "-->", "end", "%%", "#quot;", "<br/>", " ",
                         "\\n", "\\t", "\\\\", "\\u0041"]),
        st.characters(codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters="\u2028\u2029"),
        st.sampled_from(["🚀", "✓", "שלום", "مرحبا", "日本"]),
    ),
    min_size=1, max_size=12,
).map(lambda parts: " ".join("".join(parts).split())).filter(lambda s: bool(s.strip()))

KIND_TEMPLATES = {
    "architecture": ("flowchart", lambda t: {"planes": [{"id": "p", "label": t, "role": "edge", "nodes": [
        {"id": "a", "label": t, "details": [t]}, {"id": "b", "label": "x"}]}],
        "edges": [{"from": "a", "to": "b", "label": t}]}),
    "sequence": ("sequence", lambda t: {"participants": [{"id": "a", "label": t}, {"id": "b", "label": "x"}],
                                        "steps": [{"from": "a", "to": "b", "text": t}, {"note": t, "over": ["a"]}]}),
    "state": ("state", lambda t: {"states": [{"id": "a", "label": t, "note": t}, {"id": "b", "label": "x"}],
                                  "transitions": [{"from": "start", "to": "a"}, {"from": "a", "to": "b", "label": t}]}),
    "timeline": ("timeline", lambda t: {"sections": [{"name": t, "events": [{"at": "22:52", "what": [t]}]}]}),
    "pie": ("pie", lambda t: {"total": {"value": 3, "unit": "units"}, "slices": [{"label": t, "value": 1},
                                                                                  {"label": "x", "value": 2}]}),
    "chart": ("chart", lambda t: {"x": {"label": t, "categories": [t, "b"]}, "y": {"label": t, "unit": "ms"},
                                  "series": [{"name": "s", "values": [1, 2]}]}),
    "gantt": ("gantt", lambda t: {"sections": [{"name": t, "tasks": [
        {"id": "a", "label": t, "start": "2024-01-01", "duration": "3d"}]}]}),
    "quadrant": ("quadrant", lambda t: {"x": {"low": t, "high": "h"}, "y": {"low": "l", "high": "h"},
                                        "quadrants": [t, "b", "c", "d"],
                                        "points": [{"label": t, "x": 0.3, "y": 0.4},
                                                   {"label": "p", "x": 0.6, "y": 0.7}]}),
    "mindmap": ("mindmap", lambda t: {"root": t, "children": [{"label": t}, {"label": "x"}]}),
    "decision": ("decision", lambda t: {"start": "q", "questions": [{"id": "q", "ask": t, "answers": [
        {"label": t, "choose": "a"}, {"label": "no", "choose": "b"}]}],
        "choices": [{"id": "a", "label": t, "detail": [t]}, {"id": "b", "label": "x"}]}),
    "cascade": ("cascade", lambda t: {"steps": [{"id": "a", "label": t, "severity": "trigger", "stage": t,
                                                 "detail": [t]}, {"id": "b", "label": "x", "severity": "minor"}],
                                      "links": [{"from": "a", "to": "b", "label": t}]}),
    "comparison": ("comparison", lambda t: {"workload": t, "metrics": [{"id": "m", "label": t}], "options": [
        {"id": "a", "label": t, "values": {"m": t}, "best_for": t}, {"id": "b", "label": "x", "values": {"m": "1"},
                                                                   "best_for": "y"}]}),
}


# Where each kind shows the label of its first node, message, event, slice, point or task: the test looks for
# the label there, not anywhere in the SVG (the title and caption, which also hold it, are <title>/<desc>).
LABEL_PLACE = {
    "architecture": ".nodeLabel b", "sequence": "text.messageText", "state": ".nodeLabel",
    "timeline": ".eventWrapper text", "pie": ".legend text", "chart": ".bottom-axis .label text",
    "gantt": "text[class*='taskText']", "quadrant": ".data-point text", "mindmap": ".nodeLabel",
    "decision": ".nodeLabel", "cascade": ".nodeLabel b", "comparison": ".nodeLabel b",
}
# Backslash sequences a label may hold literally, which must not turn into a line break or a character.
BACKSLASHES = ["\\n", "\\t", "\\\\", "\\u0041", "C:\\new\\table"]


def shows_label(session: Session, kind: str, text: str) -> None:
    from sysatlas.kinds import registry
    from sysatlas.render import render

    k = registry()[kind]
    body = k.body.model_validate(KIND_TEMPLATES[kind][1](text))
    mermaid = render(k, body, title=text, caption=text, origin="property-test")
    result = session.render(mermaid)
    assert result.ok, f"{kind}: {result.error}\n{mermaid}"
    placed = session.texts(result.svg, LABEL_PLACE[kind])
    assert any(squash(text) in squash(t) for t in placed), f"{kind}: {text!r} not in {placed}\n{mermaid}"


@pytest.mark.parametrize("kind", sorted(KIND_TEMPLATES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=LABEL)
def test_any_label_renders_and_shows_its_text(kind: str, text: str, session: Session) -> None:
    shows_label(session, kind, text)


@pytest.mark.parametrize("kind", sorted(KIND_TEMPLATES))
def test_backslash_sequences_render_as_written(kind: str, session: Session) -> None:
    shows_label(session, kind, "path " + " ".join(BACKSLASHES) + " end")


def test_the_label_check_looks_only_in_the_label_place(session: Session) -> None:
    """A label that is only the diagram's title (its <title>) is not found in the label place."""
    from sysatlas.kinds import registry
    from sysatlas.render import render

    k = registry()["architecture"]
    body = k.body.model_validate(KIND_TEMPLATES["architecture"][1]("plain"))
    result = session.render(render(k, body, title="only in the title", caption="x", origin="t"))
    assert "onlyinthetitle" in squash(result.text)
    assert not any("onlyinthetitle" in squash(t) for t in session.texts(result.svg, LABEL_PLACE["architecture"]))


def test_export_writes_svg_and_png_through_the_browser(make_project: Callable[[dict[str, str]], Layout],
                                                        tmp_path: Path) -> None:
    from sysatlas.export import export, preview

    frame = (Path(__file__).parent / "golden" / "_subject.yaml").read_text(encoding="utf-8")
    layout = make_project({"content/guarantees/golden-case.yaml": frame + BROKEN.replace("Broken on purpose",
                                                                                          "Exported")})
    (svg,) = export(layout, "guarantees/golden-case#implementation", "svg", tmp_path / "svg")
    assert svg.name == "golden-case--implementation.light.svg"
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "etcd" in text and "<foreignObject" not in text
    (dark,) = export(layout, "guarantees/golden-case#implementation", "svg", tmp_path / "svg", variant="dark")
    assert dark.name == "golden-case--implementation.dark.svg" and dark.read_text(encoding="utf-8") != text
    (png,) = export(layout, "guarantees/golden-case", "png", tmp_path / "png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2_000
    (card,) = export(layout, "guarantees/golden-case#implementation", "svg", tmp_path / "card", with_card=True)
    shown = card.read_text(encoding="utf-8")
    for needle in ("Exported", "What breaks:", "Check first:", "Sources:", "reported · as of", "etcd"):
        assert needle in shown, needle  # title, At-3-AM note, sources and the diagram itself in one SVG
    (card_png,) = export(layout, "guarantees/golden-case#implementation", "png", tmp_path / "card", with_card=True,
                         variant="dark")
    assert card_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = preview(layout, "guarantees/golden-case")
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html
    assert not (page.parent / "mermaid.min.js").exists()


def test_cli_check_browser(make_project: Callable[[dict[str, str]], Layout]) -> None:
    from click.testing import CliRunner

    from sysatlas.cli import cli

    valid = (Path(__file__).parent / "errors" / "valid.yaml").read_text(encoding="utf-8")
    layout = make_project({"content/mechanisms/case.yaml": valid})
    result = CliRunner().invoke(cli, ["check", "--browser", "--no-cache"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert result.exit_code == 0, result.output
    assert "checked 1 diagrams in 1 subjects" in result.output and "(browser): 0 problem(s)" in result.output
