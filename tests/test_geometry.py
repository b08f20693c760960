"""The geometry lint: geometry.js measured on small hand-made SVGs, and the limits that turn measures into GEOM."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sysatlas.browser.geometry import Geometry, measure
from sysatlas.lint import geometry
from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .test_errors import ERRORS

pytestmark = pytest.mark.browser

STYLE = "<style>text { font-family: sans-serif; font-size: 16px; }</style>"


def svg(body: str, width: int = 600, height: int = 400) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{STYLE}{body}</svg>'
    )


def node(mid: str, x: float, y: float, w: float = 100, h: float = 40, text: str = "") -> str:
    return (
        f'<g class="node" id="d0-light-flowchart-{mid}-0" transform="translate({x}, {y})">'
        f'<rect class="basic label-container" x="{-w / 2}" y="{-h / 2}" width="{w}" height="{h}" fill="#eee"/>'
        f'<g class="label"><text y="5" text-anchor="middle">{text}</text></g></g>'
    )


def edge(d: str) -> str:
    return f'<path class="flowchart-link" data-id="L_n_a_n_c_0" d="{d}" fill="none" stroke="#000"/>'


THROUGH = svg(node("n_a", 100, 50) + node("n_b", 100, 200) + node("n_c", 100, 350) + edge("M100,70 L100,330"))
AROUND = svg(
    node("n_a", 100, 50) + node("n_b", 100, 200) + node("n_c", 100, 350) + edge("M100,70 C300,100 300,300 100,330")
)
FIRST = '<g><text x="100" y="100">first label here</text></g>'
OVERLAPPING = svg(FIRST + '<g><text x="110" y="104">second label</text></g>')
APART = svg(FIRST + '<g><text x="100" y="160">second label</text></g>')
SPILLS = svg(node("n_a", 200, 100, w=60, text="a label far wider than its box"))
FITS = svg(node("n_a", 200, 100, w=300, text="a label that fits"))


def cluster(w: float, h: float, nodes: str) -> str:
    return (
        f'<g class="cluster" id="d0-light-p_edge"><rect x="10" y="10" width="{w}" height="{h}" fill="#f8f8f8"/>'
        f'<g class="cluster-label"><text x="{w / 2}" y="28">Edge</text></g></g>{nodes}'
    )


EMPTY_GROUP = svg(cluster(580, 380, node("n_a", 100, 100)), 600, 400)
FULL_GROUP = svg(cluster(250, 110, node("n_a", 70, 80) + node("n_b", 190, 80)), 600, 400)


@pytest.fixture(scope="module")
def measured() -> dict[str, Geometry]:
    names = ["THROUGH", "AROUND", "OVERLAPPING", "APART", "SPILLS", "FITS", "EMPTY_GROUP", "FULL_GROUP"]
    return dict(zip(names, measure([globals()[n] for n in names]), strict=True))


def long_crossings(g: Geometry) -> list[dict[str, object]]:
    return [c for c in g.crossings if float(c["length"]) > geometry.CROSSING]  # type: ignore[arg-type]


def test_an_edge_through_a_box_it_does_not_connect_is_measured(measured: dict[str, Geometry]) -> None:
    (crossing,) = long_crossings(measured["THROUGH"])
    assert crossing["node"] == "n_b" and crossing["edge"] == "L_n_a_n_c_0"
    assert 0 < float(crossing["length"]) <= 40  # type: ignore[arg-type]
    assert long_crossings(measured["AROUND"]) == []


def test_overlapping_texts_are_measured(measured: dict[str, Geometry]) -> None:
    (overlap,) = measured["OVERLAPPING"].overlaps
    assert min(float(overlap["w"]), float(overlap["h"])) > geometry.OVERLAP
    assert measured["APART"].overlaps == []


def test_text_spilling_out_of_its_box_is_measured(measured: dict[str, Geometry]) -> None:
    (spill,) = measured["SPILLS"].overflows
    assert spill["id"] == "n_a" and float(spill["by"]) > geometry.OVERFLOW  # type: ignore[arg-type]
    assert measured["FITS"].overflows == []


def test_a_large_group_left_nearly_empty_is_measured(measured: dict[str, Geometry]) -> None:
    (empty,) = measured["EMPTY_GROUP"].groups
    assert empty["id"] == "p_edge" and empty["nodes"] == 1
    assert float(empty["fill"]) < geometry.GROUP_FILL  # type: ignore[arg-type]
    (full,) = measured["FULL_GROUP"].groups
    assert full["nodes"] == 2 and float(full["fill"]) >= geometry.GROUP_FILL  # type: ignore[arg-type]


def test_the_text_size_is_measured(measured: dict[str, Geometry]) -> None:
    assert measured["FITS"].font == 16


def test_the_width_limit_keeps_text_at_13_px_on_the_site() -> None:
    limit = geometry.width_limit(16)
    assert 16 * geometry.DIAGRAM_WIDTH / limit == pytest.approx(geometry.MIN_TEXT)
    assert geometry.width_limit(11) < geometry.DIAGRAM_WIDTH  # small text may not be shrunk at all


WIDE = (ERRORS / "GEOM005-too-wide-for-the-site.expect-error.yaml").read_text(encoding="utf-8")


def test_a_flowchart_too_wide_left_to_right_is_drawn_top_to_bottom(
    make_project: Callable[[dict[str, str]], Layout],
) -> None:
    layout = make_project({"content/mechanisms/case.yaml": WIDE.replace("      keep_direction: true\n", "")})
    outcome = check(layout, with_browser=True)
    assert [str(d) for d in outcome.report] == []
    ((key, text),) = outcome.mermaid.items()
    assert text.splitlines()[1] == "flowchart TB"  # the .mmd written is the one rendered
    assert outcome.renders[key].width < geometry.width_limit(16)


def test_the_baseline_silences_only_the_codes_it_lists(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": WIDE})
    (layout.root / geometry.BASELINE).write_text("# what failed\nmechanisms/case#pipeline GEOM005\n")
    assert [str(d) for d in check(layout, with_browser=True).report] == []
    (layout.root / geometry.BASELINE).write_text("mechanisms/case#pipeline GEOM001\n")
    assert [d.code for d in check(layout, with_browser=True).report] == ["GEOM005"]


def _one_diagram(kind: str, body: str) -> str:
    """A mechanisms subject whose only diagram is `body` (YAML indented for `body:`) of `kind`."""
    head = WIDE[: WIDE.index("    kind: architecture")]
    tail = WIDE[WIDE.index("    title: Geometry case") : WIDE.index("    body:\n")]
    return f"{head}    kind: {kind}\n{tail}    body:\n{body}"


LONG_TIMELINE = "      timezone: UTC\n      sections:\n" + "".join(
    f"        - name: Section {s}\n          events:\n"
    + "".join(f'            - {{at: "{10 + s}:{m:02d}", what: ["step {s}.{m} runs"]}}\n' for m in (0, 20))
    + f'            - {{at: "{10 + s}:40", what: ["{"a long last entry of section " * 2}{s}", "it takes four lines", '
    '"in its box on the right", "of the vertical axis"]}\n'
    for s in range(4)
)


def test_a_timeline_too_wide_side_by_side_runs_down_with_every_header_clear(
    make_project: Callable[[dict[str, str]], Layout],
) -> None:
    """Twelve entries side by side would show 8 px text; drawn down the page, each section header clears the tall
    last entry above it (Mermaid 11.17's vertical layout alone puts the next header over it: GEOM002)."""
    layout = make_project({"content/mechanisms/case.yaml": _one_diagram("timeline", LONG_TIMELINE)})
    outcome = check(layout, with_browser=True)
    assert [str(d) for d in outcome.report] == []
    ((key, text),) = outcome.mermaid.items()
    assert text.splitlines()[1] == "timeline TD"
    assert outcome.renders[key].width < geometry.width_limit(16)
    kept = LONG_TIMELINE.replace("      timezone: UTC\n", "      timezone: UTC\n      keep_direction: true\n")
    layout = make_project({"content/mechanisms/case.yaml": _one_diagram("timeline", kept)})
    assert "GEOM005" in {d.code for d in check(layout, with_browser=True).report}


NOTES = """      participants:
        - {id: api, label: API}
        - {id: db, label: Postgres primary}
      steps:
        - {from: api, to: db, text: "INSERT ... RETURNING id"}
        - {note: "WWW MMM: wal_level=replica, fsync on", over: [db]}
        - {note: "Mmm wwm www mmw: synchronous_commit", over: [api, db]}
"""


def test_sequence_notes_hold_wide_text(make_project: Callable[[dict[str, str]], Layout]) -> None:
    """Mermaid sizes a note by measuring its text in the configured font; measured in Arial's metrics and drawn in
    the theme's wider font, wide letters ran out of the box (GEOM003)."""
    layout = make_project({"content/mechanisms/case.yaml": _one_diagram("sequence", NOTES)})
    assert [str(d) for d in check(layout, with_browser=True).report] == []
