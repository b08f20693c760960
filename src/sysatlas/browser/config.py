"""The Mermaid configuration, in a light and a dark variant: the harness renders every diagram in both.

Labels are SVG text (`htmlLabels: false`), not HTML in `foreignObject`, so an exported SVG opens the same in a
browser tab, Inkscape or a slide deck. Each variant paints its own background (see harness.html), so the
contrast measured at build time is the contrast the reader gets, whatever page the SVG lands on.
"""

from __future__ import annotations

import copy
import json
from typing import Any

MERMAID_VERSION = "11.17.2"

# Fills for the kinds Mermaid colours by scale (timeline sections, pie slices): pastels that carry dark text
# at >= 4.5:1 (see theme.py), the same in light and dark mode.
_SCALE = ["#DBEAFE", "#DCFCE7", "#FEF3C7", "#EDE9FE", "#FFEDD5", "#E0F2FE", "#FCE7F3", "#F1F5F9",
          "#D1FAE5", "#FEE2E2", "#FEF9C3", "#E2E8F0"]
_INK = "#0F172A"

CONFIG: dict[str, Any] = {
    "theme": "base",
    "themeVariables": {
        "fontFamily": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        "primaryColor": "#E0F2FE", "primaryTextColor": _INK, "primaryBorderColor": "#0369A1",
        "secondaryColor": "#FEF3C7", "tertiaryColor": "#F1F5F9", "lineColor": "#334155",
        "textColor": _INK, "noteBkgColor": "#FEF9C3", "noteTextColor": _INK, "noteBorderColor": "#A16207",
        **{f"cScale{i}": c for i, c in enumerate(_SCALE)},
        **{f"cScaleLabel{i}": _INK for i in range(len(_SCALE))},
        **{f"pie{i + 1}": c for i, c in enumerate(_SCALE)},
        "pieStrokeColor": "#334155", "pieSectionTextColor": _INK, "pieTitleTextColor": _INK,
        "pieLegendTextColor": _INK,
        # strong colours for bars and lines (4.5:1 and more against white), one per series in order
        "xyChart": {"backgroundColor": "#FFFFFF", "titleColor": _INK, "xAxisLabelColor": _INK,
                    "xAxisTitleColor": _INK, "xAxisLineColor": "#334155", "xAxisTickColor": "#334155",
                    "yAxisLabelColor": _INK, "yAxisTitleColor": _INK, "yAxisLineColor": "#334155",
                    "yAxisTickColor": "#334155", "plotColorPalette": "#1D4ED8, #B45309, #047857, #6D28D9"},
        "quadrant1Fill": "#DCFCE7", "quadrant2Fill": "#DBEAFE", "quadrant3Fill": "#F1F5F9",
        "quadrant4Fill": "#FEF3C7", "quadrant1TextFill": _INK, "quadrant2TextFill": _INK,
        "quadrant3TextFill": _INK, "quadrant4TextFill": _INK, "quadrantPointFill": "#1D4ED8",
        "quadrantPointTextFill": _INK, "quadrantXAxisTextFill": _INK, "quadrantYAxisTextFill": _INK,
        "quadrantTitleFill": _INK,
        # sequence step numbers: white on the dark signal line colour
        "signalColor": _INK, "signalTextColor": _INK, "sequenceNumberColor": "#FFFFFF",
        # gantt: light fills with dark ink, one meaning per colour (planned, active, done, critical)
        "taskBkgColor": "#DBEAFE", "taskBorderColor": "#1D4ED8", "taskTextColor": _INK, "taskTextDarkColor": _INK,
        "taskTextLightColor": _INK, "taskTextOutsideColor": _INK, "taskTextClickableColor": _INK,
        "activeTaskBkgColor": "#FEF3C7", "activeTaskBorderColor": "#B45309", "doneTaskBkgColor": "#E2E8F0",
        "doneTaskBorderColor": "#475569", "critBkgColor": "#FEE2E2", "critBorderColor": "#B91C1C",
        "sectionBkgColor": "#F8FAFC", "altSectionBkgColor": "#FFFFFF", "sectionBkgColor2": "#F1F5F9",
        "gridColor": "#CBD5E1", "todayLineColor": "#B91C1C", "excludeBkgColor": "#F1F5F9",
    },
    "background": "#FFFFFF",
    "securityLevel": "strict",
    "maxTextSize": 100000,
    "maxEdges": 500,
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False, "curve": "basis", "useMaxWidth": True},
    # the font sizes Material for MkDocs sets, so the harness lays sequences out as the site does
    "sequence": {"useMaxWidth": True, "wrap": False, "actorFontSize": "16px", "messageFontSize": "16px",
                 "noteFontSize": "16px"},
    "timeline": {"disableMulticolor": False, "useMaxWidth": True},
}


def _ink_css() -> str:
    """Keep each role's dark ink on its light fill, whatever the page theme sets for labels (dark mode)."""
    from ..theme import PALETTE

    rules = []
    for name, (_, _, ink) in sorted(PALETTE.items()):
        where = f".node.{name} .nodeLabel, .node.{name} .nodeLabel *, .node.{name} text"
        rules.append(f"{where} {{ color: {ink} !important; fill: {ink} !important; }}")
    return "\n".join(rules)


CONFIG["themeCSS"] = _ink_css()

# The dark variant: light ink and lines on the page's dark background; role-coloured nodes keep their light fill
# and dark ink (classDef in the diagram text), which reads on both.
DARK_BACKGROUND = "#1E2129"
_DARK_INK = "#E2E8F0"
DARK: dict[str, Any] = copy.deepcopy(CONFIG)
DARK["themeVariables"].update({
    "darkMode": True, "background": DARK_BACKGROUND, "primaryColor": "#1E3A5F", "primaryTextColor": _DARK_INK,
    "primaryBorderColor": "#7DD3FC", "secondaryColor": "#3F3A1E", "tertiaryColor": "#2A2F3A",
    "lineColor": "#CBD5E1", "textColor": _DARK_INK, "mainBkg": "#1E3A5F", "nodeBorder": "#7DD3FC",
    "clusterBkg": "#262B36", "clusterBorder": "#94A3B8", "titleColor": _DARK_INK,
    "edgeLabelBackground": DARK_BACKGROUND, "actorBkg": "#1E3A5F", "actorTextColor": _DARK_INK,
    "actorBorder": "#7DD3FC", "actorLineColor": "#94A3B8", "signalColor": _DARK_INK, "signalTextColor": _DARK_INK,
    "labelBoxBkgColor": "#1E3A5F", "labelBoxBorderColor": "#7DD3FC", "labelTextColor": _DARK_INK,
    "loopTextColor": _DARK_INK, "noteBkgColor": "#3F3A1E", "noteTextColor": "#FEF3C7",
    "noteBorderColor": "#FBBF24", "sequenceNumberColor": "#0F172A", "pieTitleTextColor": _DARK_INK,
    "pieLegendTextColor": _DARK_INK, "pieStrokeColor": "#CBD5E1", "quadrantTitleFill": _DARK_INK,
    "quadrantXAxisTextFill": _DARK_INK, "quadrantYAxisTextFill": _DARK_INK,
    # gantt: Mermaid colours active/done/critical task text with one colour inside and outside the bar, so in
    # dark mode the bars are dark too and every task text is light
    "taskBkgColor": "#1E3A5F", "taskBorderColor": "#7DD3FC", "activeTaskBkgColor": "#4A3B12",
    "activeTaskBorderColor": "#FBBF24", "doneTaskBkgColor": "#334155", "doneTaskBorderColor": "#94A3B8",
    "critBkgColor": "#5B1D1D", "critBorderColor": "#FCA5A5", "taskTextColor": _DARK_INK,
    "taskTextDarkColor": _DARK_INK, "taskTextLightColor": _DARK_INK, "taskTextClickableColor": _DARK_INK,
    "taskTextOutsideColor": _DARK_INK, "sectionBkgColor": "#262B36", "altSectionBkgColor": DARK_BACKGROUND,
    "sectionBkgColor2": "#2A2F3A", "gridColor": "#475569", "todayLineColor": "#FCA5A5",
    "excludeBkgColor": "#2A2F3A",
})
DARK["themeVariables"]["xyChart"].update({
    "backgroundColor": DARK_BACKGROUND, "titleColor": _DARK_INK, "xAxisLabelColor": _DARK_INK,
    "xAxisTitleColor": _DARK_INK, "xAxisLineColor": "#CBD5E1", "xAxisTickColor": "#CBD5E1",
    "yAxisLabelColor": _DARK_INK, "yAxisTitleColor": _DARK_INK, "yAxisLineColor": "#CBD5E1",
    "yAxisTickColor": "#CBD5E1", "plotColorPalette": "#93C5FD, #FCD34D, #6EE7B7, #C4B5FD",
})
DARK["background"] = DARK_BACKGROUND

VARIANTS: dict[str, dict[str, Any]] = {"light": CONFIG, "dark": DARK}


def config_js() -> str:
    """Return the script that defines both configurations as a global: {light: ..., dark: ...}."""
    return f"window.SYSATLAS_MERMAID = {json.dumps(VARIANTS, sort_keys=True)};\n"
