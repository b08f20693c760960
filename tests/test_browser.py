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
from sysatlas.golden import Case, subject_text
from sysatlas.kinds import registry
from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .conftest import ROOT
from .test_golden import CASES, rendered

pytestmark = pytest.mark.browser
SHOWING = [c for c in CASES if c.shows]


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    with Session(Layout(ROOT).mermaid_bundle) as s:
        yield s


def squash(text: str) -> str:
    """Compare text as a reader sees it: whitespace and soft hyphens from wrapping do not count."""
    return re.sub(r"[\s\u00ad]+", "", unicodedata.normalize("NFC", text))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_renders(case: Case, session: Session, make_project: Callable[[dict[str, str]], Layout]) -> None:
    result = session.render(rendered(make_project, case))
    assert result.ok, result.error
    assert result.width > 0


@pytest.mark.parametrize("case", SHOWING, ids=[c.name for c in SHOWING])
def test_escaping_cases_show_their_exact_text(
    case: Case, session: Session, make_project: Callable[[dict[str, str]], Layout]
) -> None:
    result = session.render(rendered(make_project, case))
    assert result.ok, result.error
    for expected in case.shows:
        assert squash(expected) in squash(result.text), expected


def test_the_escaping_cases_cover_two_grammars() -> None:
    assert len({c.kind.name for c in SHOWING}) >= 2  # a flowchart-like and a sequence-like kind at least


def test_a_broken_diagram_is_reported_with_its_place(make_project: Callable[[dict[str, str]], Layout]) -> None:
    from sysatlas.pipeline import browser_stage

    layout = make_project({"content/guarantees/golden-case.yaml": subject_text(CASES[0].item())})
    outcome = check(layout)
    assert not outcome.report.items, [str(d) for d in outcome.report]
    (diagram,) = outcome.atlas.diagrams()
    lines = outcome.mermaid[diagram.key].splitlines()
    broken = {diagram.key: "\n".join([*lines[:2], "  a[[[ unbalanced {{ -->", *lines[2:]]) + "\n"}
    browser_stage(layout, [diagram], broken, outcome.report, None, use_cache=False)
    (problem,) = list(outcome.report)
    assert problem.code == "MMD001"
    assert problem.line == diagram.line
    assert "11.17.2" in problem.message


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


@pytest.mark.parametrize("kind", sorted(registry()))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=LABEL)
def test_any_label_renders_and_shows_its_text(kind: str, text: str, session: Session) -> None:
    from sysatlas.render import render

    k = registry()[kind]
    body = k.body.model_validate(k.sample(text))
    mermaid = render(k, body, title=text, caption=text, origin="property-test")
    result = session.render(mermaid)
    assert result.ok, f"{kind}: {result.error}\n{mermaid}"
    assert squash(text) in squash(result.text), f"{kind}: {text!r} not shown\n{mermaid}"


def test_export_writes_svg_and_png_through_the_browser(
    make_project: Callable[[dict[str, str]], Layout], tmp_path: Path
) -> None:
    from sysatlas.export import export, preview

    case = CASES[0]
    layout = make_project({"content/guarantees/golden-case.yaml": subject_text(case.item("exported"))})
    (svg,) = export(layout, "guarantees/golden-case#exported", "svg", tmp_path / "svg")
    assert svg.name == "golden-case--exported.svg"
    assert svg.read_text(encoding="utf-8").startswith("<svg")
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
