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


LIGHT_BACKGROUND = "#FFFFFF"
DARK_BACKGROUND = "#1E2129"
"""The page colours of Material's default and slate schemes; each SVG variant paints its own."""
DARK_INK = "#E2E8F0"
DARK_SERIES = ["#93C5FD", "#FCD34D", "#6EE7B7", "#C4B5FD"]
"""Chart series in the dark variant: the same hues, light enough for >= 4.5:1 on the dark background."""


def light_extras() -> dict[str, Any]:
    """Light-variant colours Mermaid would otherwise derive badly: sequence step numbers and gantt bars."""
    return {
        "signalColor": INK,
        "signalTextColor": INK,
        "sequenceNumberColor": "#FFFFFF",
        # gantt: light fills with dark ink, one meaning per colour (planned, active, done, critical)
        "taskBkgColor": "#DBEAFE",
        "taskBorderColor": "#1D4ED8",
        "taskTextColor": INK,
        "taskTextDarkColor": INK,
        "taskTextLightColor": INK,
        "taskTextOutsideColor": INK,
        "taskTextClickableColor": INK,
        "activeTaskBkgColor": "#FEF3C7",
        "activeTaskBorderColor": "#B45309",
        "doneTaskBkgColor": "#E2E8F0",
        "doneTaskBorderColor": "#475569",
        "critBkgColor": "#FEE2E2",
        "critBorderColor": "#B91C1C",
        "sectionBkgColor": "#F8FAFC",
        "altSectionBkgColor": LIGHT_BACKGROUND,
        "sectionBkgColor2": "#F1F5F9",
        "gridColor": "#CBD5E1",
        "todayLineColor": "#B91C1C",
        "excludeBkgColor": "#F1F5F9",
    }


def dark_overrides() -> dict[str, Any]:
    """The dark variant: light ink and lines on the dark background. Role-coloured nodes keep their light fill
    and dark ink (classDef in the diagram text), which reads on both. Gantt bars turn dark too, because Mermaid
    gives active/done/critical task text one colour inside and outside the bar."""
    return {
        "darkMode": True,
        "background": DARK_BACKGROUND,
        "primaryColor": "#1E3A5F",
        "primaryTextColor": DARK_INK,
        "primaryBorderColor": "#7DD3FC",
        "secondaryColor": "#3F3A1E",
        "tertiaryColor": "#2A2F3A",
        "lineColor": "#CBD5E1",
        "textColor": DARK_INK,
        "mainBkg": "#1E3A5F",
        "nodeBorder": "#7DD3FC",
        "clusterBkg": "#262B36",
        "clusterBorder": "#94A3B8",
        "titleColor": DARK_INK,
        "edgeLabelBackground": DARK_BACKGROUND,
        "actorBkg": "#1E3A5F",
        "actorTextColor": DARK_INK,
        "actorBorder": "#7DD3FC",
        "actorLineColor": "#94A3B8",
        "signalColor": DARK_INK,
        "signalTextColor": DARK_INK,
        "labelBoxBkgColor": "#1E3A5F",
        "labelBoxBorderColor": "#7DD3FC",
        "labelTextColor": DARK_INK,
        "loopTextColor": DARK_INK,
        "noteBkgColor": "#3F3A1E",
        "noteTextColor": "#FEF3C7",
        "noteBorderColor": "#FBBF24",
        "sequenceNumberColor": INK,
        "pieTitleTextColor": DARK_INK,
        "pieLegendTextColor": DARK_INK,
        "pieStrokeColor": "#CBD5E1",
        "quadrantTitleFill": DARK_INK,
        "quadrantXAxisTextFill": DARK_INK,
        "quadrantYAxisTextFill": DARK_INK,
        "taskBkgColor": "#1E3A5F",
        "taskBorderColor": "#7DD3FC",
        "activeTaskBkgColor": "#4A3B12",
        "activeTaskBorderColor": "#FBBF24",
        "doneTaskBkgColor": "#334155",
        "doneTaskBorderColor": "#94A3B8",
        "critBkgColor": "#5B1D1D",
        "critBorderColor": "#FCA5A5",
        "taskTextColor": DARK_INK,
        "taskTextDarkColor": DARK_INK,
        "taskTextLightColor": DARK_INK,
        "taskTextClickableColor": DARK_INK,
        "taskTextOutsideColor": DARK_INK,
        "sectionBkgColor": "#262B36",
        "altSectionBkgColor": DARK_BACKGROUND,
        "sectionBkgColor2": "#2A2F3A",
        "gridColor": "#475569",
        "todayLineColor": "#FCA5A5",
        "excludeBkgColor": "#2A2F3A",
        "xyChart": {
            "backgroundColor": DARK_BACKGROUND,
            "titleColor": DARK_INK,
            "xAxisLabelColor": DARK_INK,
            "xAxisTitleColor": DARK_INK,
            "xAxisLineColor": "#CBD5E1",
            "xAxisTickColor": "#CBD5E1",
            "yAxisLabelColor": DARK_INK,
            "yAxisTitleColor": DARK_INK,
            "yAxisLineColor": "#CBD5E1",
            "yAxisTickColor": "#CBD5E1",
            "plotColorPalette": ", ".join(DARK_SERIES),
        },
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
