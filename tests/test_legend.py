"""Exports carry their colour legend: one real diagram of each kind that colours by meaning, light and dark."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sysatlas.atlas import Diagram
from sysatlas.export import export
from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .conftest import ROOT

pytestmark = pytest.mark.browser
SVG = "{http://www.w3.org/2000/svg}"

# one real subject per kind, kind -> (subject, diagram id)
REAL = {
    "architecture": ("patterns/circuit-breaker", "overview"),
    "cascade": ("patterns/circuit-breaker", "failure-handling"),
    "gantt": ("patterns/circuit-breaker", "migration-strategy"),
    "mindmap": ("patterns/circuit-breaker", "anti-patterns"),
    "decision": ("debugging/kafka-consumer-lag", "triage-tree"),
    "state": ("debugging/kafka-consumer-lag", "symptom-map"),
    "timeline": ("incidents/github-2018-10-21", "timeline"),
    "pie": ("costs/37signals-cloud-exit", "breakdown"),
}


def legend_rows(svg: Path) -> list[tuple[str, str]]:
    """Return (label, swatch fill) of each row of the legend drawn into an SVG file."""
    root = ET.parse(svg).getroot()
    rows = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "sysatlas-legend":
            for item in group.findall(f"{SVG}g"):
                rect, text = item.find(f"{SVG}rect"), item.find(f"{SVG}text")
                assert rect is not None and text is not None
                rows.append(("".join(text.itertext()), rect.get("fill", "")))
    return rows


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Diagram], Path]:
    """Export the real subjects (light and dark) from a copy of the bundled content."""
    tmp = tmp_path_factory.mktemp("legend")
    shutil.copytree(ROOT / "content", tmp / "content")  # whole: the subjects link others, and export checks links
    (tmp / "node_modules").symlink_to(ROOT / "node_modules")
    layout = Layout(tmp)
    atlas = check(layout).atlas
    picked = {}
    for kind, (subject, diagram) in REAL.items():
        found = atlas.subject(subject)
        assert found is not None, subject
        (d,) = [x for x in found.diagrams if x.common.id == diagram]
        assert d.kind.name == kind
        picked[kind] = d
    for subject in {s for s, _ in REAL.values()}:
        for variant in ("light", "dark"):  # the dark one comes from the render cache
            export(layout, subject, "svg", tmp / "out", variant=variant)
    return picked, tmp / "out"


@pytest.mark.parametrize("kind", sorted(set(REAL) - {"pie"}))
def test_export_carries_the_legend_of_its_colours(kind: str, exported: tuple[dict[str, Diagram], Path]) -> None:
    picked, out = exported
    d = picked[kind]
    expected = d.kind.legend(d.body)
    assert len(expected) >= 2, f"{d.key}: pick a diagram that uses at least two meanings"
    for variant, column in (("light", 1), ("dark", 2)):
        rows = legend_rows(out / f"{d.subject}--{d.common.id}.{variant}.svg")
        assert rows == [(row[0], row[column]) for row in expected], variant


def test_pie_export_names_every_slice(exported: tuple[dict[str, Diagram], Path]) -> None:
    """Mermaid draws the pie's own legend (slice colours follow order and mean nothing else)."""
    picked, out = exported
    d = picked["pie"]
    for variant in ("light", "dark"):
        root = ET.parse(out / f"{d.subject}--{d.common.id}.{variant}.svg").getroot()
        legend = [
            "".join(t.itertext())
            for g in root.iter(f"{SVG}g")
            if "legend" in (g.get("class") or "").split()
            for t in g.iter(f"{SVG}text")
        ]
        for s in d.body.slices:
            assert any(text.startswith(s.label) for text in legend), (variant, s.label)
