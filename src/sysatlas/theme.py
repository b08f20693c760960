"""One theme: colours by role and by health, contrast checked (dark text on light fills, >= 4.5:1).

Fills stay the same in light and dark mode, and their text is always the dark ink of the same
hue, so a node reads the same against either page background.
"""

from __future__ import annotations

from typing import Any, Literal

Role = Literal["edge", "service", "state", "control", "external", "client"]
Health = Literal["healthy", "degraded", "failed"]
Severity = Literal["trigger", "critical", "major", "minor", "recovery", "info"]

# name: (fill, stroke, text)
PALETTE: dict[str, tuple[str, str, str]] = {
    "edge": ("#DBEAFE", "#1D4ED8", "#0B1F44"),
    "service": ("#DCFCE7", "#15803D", "#052E16"),
    "state": ("#FEF3C7", "#B45309", "#3B2300"),
    "control": ("#EDE9FE", "#6D28D9", "#2E1065"),
    "external": ("#F1F5F9", "#475569", "#0F172A"),
    "client": ("#E0F2FE", "#0369A1", "#082F49"),
    "healthy": ("#D1FAE5", "#047857", "#022C22"),
    "degraded": ("#FFEDD5", "#C2410C", "#431407"),
    "failed": ("#FEE2E2", "#B91C1C", "#450A0A"),
    "trigger": ("#FECACA", "#991B1B", "#450A0A"),
    "critical": ("#FEE2E2", "#B91C1C", "#450A0A"),
    "major": ("#FFEDD5", "#C2410C", "#431407"),
    "minor": ("#FEF9C3", "#A16207", "#3B2300"),
    "recovery": ("#D1FAE5", "#047857", "#022C22"),
    "info": ("#F1F5F9", "#475569", "#0F172A"),
    "question": ("#EDE9FE", "#6D28D9", "#2E1065"),
    "choice": ("#DCFCE7", "#15803D", "#052E16"),
    "best": ("#D1FAE5", "#047857", "#022C22"),
    "worst": ("#FEE2E2", "#B91C1C", "#450A0A"),
}


# Strong colours for chart bars and lines (4.5:1 and more against white), one per series in order.
SERIES = ["#1D4ED8", "#B45309", "#047857", "#6D28D9"]
# Fills for the kinds Mermaid colours by scale (timeline sections, pie slices): pastels that carry dark text at
# >= 4.5:1, the same in light and dark mode.
SCALE = [
    "#DBEAFE",
    "#DCFCE7",
    "#FEF3C7",
    "#EDE9FE",
    "#FFEDD5",
    "#E0F2FE",
    "#FCE7F3",
    "#F1F5F9",
    "#D1FAE5",
    "#FEE2E2",
    "#FEF9C3",
    "#E2E8F0",
]
INK = "#0F172A"
"""The dark text colour on every light fill."""


def class_defs(names: list[str]) -> list[str]:
    """Return `classDef` lines for the given class names, in a stable order."""
    lines = []
    for name in sorted(set(names)):
        fill, stroke, text = PALETTE[name]
        lines.append(f"classDef {name} fill:{fill},stroke:{stroke},color:{text},stroke-width:1.5px")
    return lines


def mermaid_variables() -> dict[str, Any]:
    """Return Mermaid's themeVariables: every colour Mermaid uses, from this palette."""
    return {
        "fontFamily": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        "primaryColor": "#E0F2FE",
        "primaryTextColor": INK,
        "primaryBorderColor": "#0369A1",
        "secondaryColor": "#FEF3C7",
        "tertiaryColor": "#F1F5F9",
        "lineColor": "#334155",
        "textColor": INK,
        "noteBkgColor": "#FEF9C3",
        "noteTextColor": INK,
        "noteBorderColor": "#A16207",
        **{f"cScale{i}": c for i, c in enumerate(SCALE)},
        **{f"cScaleLabel{i}": INK for i in range(len(SCALE))},
        **{f"pie{i + 1}": c for i, c in enumerate(SCALE)},
        "pieStrokeColor": "#334155",
        "pieSectionTextColor": INK,
        "pieTitleTextColor": INK,
        "pieLegendTextColor": INK,
        "xyChart": {
            "backgroundColor": "#FFFFFF",
            "titleColor": INK,
            "xAxisLabelColor": INK,
            "xAxisTitleColor": INK,
            "xAxisLineColor": "#334155",
            "xAxisTickColor": "#334155",
            "yAxisLabelColor": INK,
            "yAxisTitleColor": INK,
            "yAxisLineColor": "#334155",
            "yAxisTickColor": "#334155",
            "plotColorPalette": ", ".join(SERIES),
        },
        "quadrant1Fill": "#DCFCE7",
        "quadrant2Fill": "#DBEAFE",
        "quadrant3Fill": "#F1F5F9",
        "quadrant4Fill": "#FEF3C7",
        "quadrant1TextFill": INK,
        "quadrant2TextFill": INK,
        "quadrant3TextFill": INK,
        "quadrant4TextFill": INK,
        "quadrantPointFill": "#1D4ED8",
        "quadrantPointTextFill": INK,
        "quadrantXAxisTextFill": INK,
        "quadrantYAxisTextFill": INK,
        "quadrantTitleFill": INK,
    }


def ink_css() -> str:
    """Keep each role's dark ink on its light fill, whatever the page theme sets for labels (dark mode)."""
    rules = []
    for name, (_, _, ink) in sorted(PALETTE.items()):
        where = f".node.{name} .nodeLabel, .node.{name} .nodeLabel *, .node.{name} text"
        rules.append(f"{where} {{ color: {ink} !important; fill: {ink} !important; }}")
    return "\n".join(rules)


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
