"""The real thing: generated Mermaid rendered by the pinned bundle in headless Chromium."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysatlas.browser import Session
from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .conftest import ROOT
from .test_golden import CASES, rendered

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


def test_escaping_cases_show_their_exact_text(
    session: Session, make_project: Callable[[dict[str, str]], Layout]
) -> None:
    seq = session.render(rendered(make_project, Path(__file__).parent / "golden" / "sequence-escaping.yaml"))
    assert seq.ok, seq.error
    for expected in [
        'Client "quoted" [x] {y} (z)',
        "SET user:123 'v'; GET #35 | a-->b <script>alert(1)</script> end",
        "22:52 : colon; semicolon # hash ✓ 🚀 שלום",
        "%% not a comment",
    ]:
        assert squash(expected) in squash(seq.text), expected
    arch = session.render(rendered(make_project, Path(__file__).parent / "golden" / "architecture-escaping.yaml"))
    assert arch.ok, arch.error
    for expected in [
        '"quoted" [x] {y} (z) | a-->b',
        "<b>bold?</b> & ampersand",
        "#35; literal entity",
        "subgraph end graph",
        '|pipe| "q" ; semicolon',
    ]:
        assert squash(expected) in squash(arch.text), expected


def test_a_broken_diagram_is_reported_with_its_place(make_project: Callable[[dict[str, str]], Layout]) -> None:
    from sysatlas.pipeline import browser_stage

    layout = make_project(
        {
            "content/guarantees/golden-case.yaml": (Path(__file__).parent / "golden" / "_subject.yaml").read_text()
            + BROKEN
        }
    )
    outcome = check(layout)
    assert not outcome.report.items, [str(d) for d in outcome.report]
    (diagram,) = outcome.atlas.diagrams()
    diagram.mermaid = diagram.mermaid.replace("flowchart TB", "flowchart TB\n  a[[[ unbalanced")
    browser_stage(layout, [diagram], outcome.report, None, use_cache=False)
    (problem,) = list(outcome.report)
    assert problem.code == "MMD001"
    assert problem.line == diagram.line
    assert "11.17.2" in problem.message


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
LABEL = (
    st.lists(
        st.one_of(
            st.sampled_from([*list("\"'#;:|[](){}<>-=%&*!?/\\`~^@$+,."), "-->", "end", "%%", "#quot;", "<br/>", " "]),
            st.characters(codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters="\u2028\u2029"),
            st.sampled_from(["🚀", "✓", "שלום", "مرحبا", "日本"]),
        ),
        min_size=1,
        max_size=12,
    )
    .map(lambda parts: " ".join("".join(parts).split()))
    .filter(lambda s: bool(s.strip()))
)

KIND_TEMPLATES = {
    "architecture": (
        "flowchart",
        lambda t: {
            "planes": [
                {
                    "id": "p",
                    "label": t,
                    "role": "edge",
                    "nodes": [{"id": "a", "label": t, "details": [t]}, {"id": "b", "label": "x"}],
                }
            ],
            "edges": [{"from": "a", "to": "b", "label": t}],
        },
    ),
    "sequence": (
        "sequence",
        lambda t: {
            "participants": [{"id": "a", "label": t}, {"id": "b", "label": "x"}],
            "steps": [{"from": "a", "to": "b", "text": t}, {"note": t, "over": ["a"]}],
        },
    ),
    "state": (
        "state",
        lambda t: {
            "states": [{"id": "a", "label": t, "note": t}, {"id": "b", "label": "x"}],
            "transitions": [{"from": "start", "to": "a"}, {"from": "a", "to": "b", "label": t}],
        },
    ),
    "timeline": ("timeline", lambda t: {"sections": [{"name": t, "events": [{"at": "22:52", "what": [t]}]}]}),
    "pie": (
        "pie",
        lambda t: {
            "total": {"value": 3, "unit": "units"},
            "slices": [{"label": t, "value": 1}, {"label": "x", "value": 2}],
        },
    ),
    "chart": (
        "chart",
        lambda t: {
            "x": {"label": t, "categories": [t, "b"]},
            "y": {"label": t, "unit": "ms"},
            "series": [{"name": "s", "values": [1, 2]}],
        },
    ),
    "gantt": (
        "gantt",
        lambda t: {
            "sections": [{"name": t, "tasks": [{"id": "a", "label": t, "start": "2024-01-01", "duration": "3d"}]}]
        },
    ),
    "quadrant": (
        "quadrant",
        lambda t: {
            "x": {"low": t, "high": "h"},
            "y": {"low": "l", "high": "h"},
            "quadrants": [t, "b", "c", "d"],
            "points": [{"label": t, "x": 0.3, "y": 0.4}, {"label": "p", "x": 0.6, "y": 0.7}],
        },
    ),
    "mindmap": ("mindmap", lambda t: {"root": t, "children": [{"label": t}, {"label": "x"}]}),
    "decision": (
        "decision",
        lambda t: {
            "start": "q",
            "questions": [
                {"id": "q", "ask": t, "answers": [{"label": t, "choose": "a"}, {"label": "no", "choose": "b"}]}
            ],
            "choices": [{"id": "a", "label": t, "detail": [t]}, {"id": "b", "label": "x"}],
        },
    ),
    "cascade": (
        "cascade",
        lambda t: {
            "steps": [
                {"id": "a", "label": t, "severity": "trigger", "stage": t, "detail": [t]},
                {"id": "b", "label": "x", "severity": "minor"},
            ],
            "links": [{"from": "a", "to": "b", "label": t}],
        },
    ),
    "comparison": (
        "comparison",
        lambda t: {
            "workload": t,
            "metrics": [{"id": "m", "label": t}],
            "options": [
                {"id": "a", "label": t, "values": {"m": t}, "best_for": t},
                {"id": "b", "label": "x", "values": {"m": "1"}, "best_for": "y"},
            ],
        },
    ),
}


@pytest.mark.parametrize("kind", sorted(KIND_TEMPLATES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=LABEL)
def test_any_label_renders_and_shows_its_text(kind: str, text: str, session: Session) -> None:
    from sysatlas.kinds import registry
    from sysatlas.render import render

    k = registry()[kind]
    body = k.body.model_validate(KIND_TEMPLATES[kind][1](text))
    mermaid = render(k, body, title=text, caption=text, origin="property-test")
    result = session.render(mermaid)
    assert result.ok, f"{kind}: {result.error}\n{mermaid}"
    assert squash(text) in squash(result.text), f"{kind}: {text!r} not shown\n{mermaid}"


def test_export_writes_svg_and_png_through_the_browser(
    make_project: Callable[[dict[str, str]], Layout], tmp_path: Path
) -> None:
    from sysatlas.export import export, preview

    frame = (Path(__file__).parent / "golden" / "_subject.yaml").read_text(encoding="utf-8")
    layout = make_project(
        {"content/guarantees/golden-case.yaml": frame + BROKEN.replace("Broken on purpose", "Exported")}
    )
    (svg,) = export(layout, "guarantees/golden-case#implementation", "svg", tmp_path / "svg")
    assert svg.name == "golden-case--implementation.svg"
    assert svg.read_text(encoding="utf-8").startswith("<svg") and "etcd" in svg.read_text(encoding="utf-8")
    (png,) = export(layout, "guarantees/golden-case", "png", tmp_path / "png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2_000
    page = preview(layout, "guarantees/golden-case")
    assert (page.parent / "mermaid.min.js").read_bytes() == layout.mermaid_bundle.read_bytes()
    assert 'class="mermaid"' in page.read_text(encoding="utf-8")


def test_cli_check_browser(make_project: Callable[[dict[str, str]], Layout]) -> None:
    from click.testing import CliRunner

    from sysatlas.cli import cli

    valid = (Path(__file__).parent / "errors" / "valid.yaml").read_text(encoding="utf-8")
    layout = make_project({"content/mechanisms/case.yaml": valid})
    result = CliRunner().invoke(cli, ["check", "--browser", "--no-cache"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert result.exit_code == 0, result.output
    assert "checked 1 diagrams in 1 subjects" in result.output and "(browser): 0 problem(s)" in result.output
