"""One colour language: every colour carries its text at WCAG AA in both schemes, and the members of a group
(roles, health, severity, phases, outcomes, map types, tasks) are told apart at a glance (CIEDE2000 >= 10)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from sysatlas.browser.config import CONFIG, DARK, config_js
from sysatlas.kinds import registry
from sysatlas.theme import (
    COLOURS,
    FAMILIES,
    GROUPS,
    PIE,
    PIE_MIN_DIFFERENCE,
    ciede2000,
    class_defs,
    contrast,
    dark_colours,
    difference,
    legend,
    swatch,
)

ROOT = Path(__file__).resolve().parent.parent
DISTINCT = 10.0
"""CIEDE2000 between two members of one group: about 2 is a just-noticeable difference; 10 reads as another
colour at a glance."""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(COLOURS))
def test_text_on_fill_meets_aa(name: str, scheme: str) -> None:
    s = swatch(name, scheme)  # type: ignore[arg-type]
    assert contrast(s.fill, s.ink) >= 4.5, f"{name} ({scheme}): {contrast(s.fill, s.ink):.2f}:1"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("group", sorted(set(GROUPS) - {"plain"}))
def test_members_of_a_group_are_told_apart(group: str, scheme: str) -> None:
    for a, b in itertools.combinations(GROUPS[group], 2):
        fa, fb = swatch(a, scheme).fill, swatch(b, scheme).fill  # type: ignore[arg-type]
        assert difference(fa, fb) >= DISTINCT, f"{group}: {a} {fa} vs {b} {fb} ({difference(fa, fb):.1f})"


def test_trigger_and_critical_differ_in_lightness_not_only_hue() -> None:
    for scheme in ("light", "dark"):
        trigger, critical = swatch("trigger", scheme), swatch("critical", scheme)  # type: ignore[arg-type]
        assert difference(trigger.fill, critical.fill) >= 30
        assert contrast(trigger.fill, critical.fill) >= 3


def test_a_name_in_two_groups_is_one_colour() -> None:
    assert GROUPS["severity"]["trigger"] == GROUPS["phase"]["trigger"]
    assert GROUPS["health"]["healthy"] == GROUPS["outcome"]["healthy"]


def test_every_light_value_has_one_dark_value() -> None:
    swap = dark_colours()
    for light, dark in FAMILIES.values():
        assert [swap[v] for v in (light.fill, light.stroke, light.ink)] == [dark.fill, dark.stroke, dark.ink]
    assert all(v.startswith("#") and v == v.upper() for v in swap)  # what the harness's /#[0-9A-F]{6}/ matches
    assert "SYSATLAS_DARK_COLOURS" in config_js()


def test_variants_take_their_own_theme_css() -> None:
    light, dark = swatch("failed"), swatch("failed", "dark")
    assert f"fill: {light.ink} !important" in CONFIG["themeCSS"]
    assert f"fill: {dark.ink} !important" in DARK["themeCSS"]
    assert f"fill: {light.ink} !important" not in DARK["themeCSS"]


def test_legend_lists_the_used_members_in_group_order() -> None:
    rows = legend("severity", {"recovered", "trigger"})
    assert rows == [
        ("Trigger", swatch("trigger").fill, swatch("trigger", "dark").fill),
        ("Recovered", swatch("recovered").fill, swatch("recovered", "dark").fill),
    ]


def test_adjacent_pie_slices_differ() -> None:
    assert CONFIG["themeVariables"]["pie1"] == PIE[0]
    for i, colour in enumerate(PIE[:-1]):
        assert difference(colour, PIE[i + 1]) >= PIE_MIN_DIFFERENCE, f"slices {i + 1} and {i + 2}"
    for count in range(2, len(PIE) + 1):  # the last slice of a pie of `count` slices touches the first
        assert difference(PIE[count - 1], PIE[0]) >= PIE_MIN_DIFFERENCE, f"slice {count} and slice 1"
    for colour in PIE:
        assert contrast(colour, CONFIG["themeVariables"]["pieSectionTextColor"]) >= 4.5


def test_ciede2000_matches_sharma_reference_pairs() -> None:
    # Sharma, Wu and Dalal (2005), table 1: pairs 1, 7, 13, 19 and 34
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert ciede2000((50, 2.49, -0.001), (50, -2.49, 0.0011)) == pytest.approx(7.2195, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    assert ciede2000((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514)) == pytest.approx(0.9082, abs=1e-4)


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic just-below-AA grey
    assert contrast("#FF8800", "#FFFFFF") < 4.5  # white on amber fails AA, as the toolchain notes warn


def test_scale_colours_carry_dark_ink() -> None:
    tv = CONFIG["themeVariables"]
    for i in range(12):
        assert contrast(tv[f"cScale{i}"], tv[f"cScaleLabel{i}"]) >= 4.5


def test_chart_series_stand_out_from_the_white_card() -> None:
    for colour in CONFIG["themeVariables"]["xyChart"]["plotColorPalette"].split(","):
        assert contrast(colour.strip(), "#FFFFFF") >= 4.5


README_GROUPS = {
    "architecture": ["role", "health"],
    "cascade": ["severity"],
    "decision": ["outcome"],
    "gantt": ["task"],
    "timeline": ["phase"],
    "state": ["health"],
    "mindmap": ["leaf"],
}


@pytest.mark.parametrize("kind", sorted(README_GROUPS))
def test_kind_readme_shows_its_colour_legend_and_before_after(kind: str) -> None:
    folder = registry()[kind].folder
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for group in README_GROUPS[kind]:
        for name in GROUPS[group]:
            light, dark = swatch(name), swatch(name, "dark")
            assert f"| `{name}` |" in readme and light.fill in readme and dark.fill in readme, name
    for image in (f"{kind}-before.png", f"{kind}-after.png"):
        assert f"docs/kinds/{image}" in readme
        assert (ROOT / "docs" / "kinds" / image).stat().st_size < 150_000


def test_class_defs_are_stable_and_named_by_role() -> None:
    edge, failed = swatch("edge"), swatch("failed")
    assert class_defs(["failed", "edge", "edge"]) == [
        f"classDef edge fill:{edge.fill},stroke:{edge.stroke},color:{edge.ink},stroke-width:1.5px",
        f"classDef failed fill:{failed.fill},stroke:{failed.stroke},color:{failed.ink},stroke-width:1.5px",
    ]


def test_gantt_legend_calls_a_task_without_status_a_phase_not_planned() -> None:
    """Migrations and company histories draw finished work without a status; 'Planned' would misname it."""
    labels = [row[0] for row in legend("task", ["planned", "done", "critical"])]
    assert labels == ["Phase", "Done", "Critical"]
