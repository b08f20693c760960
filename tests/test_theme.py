"""One theme: every role and health colour carries its text at WCAG AA, in light and dark mode alike."""

from __future__ import annotations

import pytest

from sysatlas.browser.config import CONFIG
from sysatlas.theme import PALETTE, class_defs, contrast


@pytest.mark.parametrize("name", sorted(PALETTE))
def test_text_on_fill_meets_aa(name: str) -> None:
    fill, _, text = PALETTE[name]
    assert contrast(fill, text) >= 4.5, f"{name}: {contrast(fill, text):.2f}:1"


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


def test_class_defs_are_stable_and_named_by_role() -> None:
    lines = class_defs(["failed", "edge", "edge"])
    assert lines == [
        "classDef edge fill:#DBEAFE,stroke:#1D4ED8,color:#0B1F44,stroke-width:1.5px",
        "classDef failed fill:#FEE2E2,stroke:#B91C1C,color:#450A0A,stroke-width:1.5px",
    ]
