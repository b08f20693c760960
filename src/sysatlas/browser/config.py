"""The one Mermaid configuration: used by the validating harness and written into the site."""

from __future__ import annotations

import json
from typing import Any

MERMAID_VERSION = "11.17.2"

# Fills for the kinds Mermaid colours by scale (timeline sections, pie slices): pastels that carry dark text
# at >= 4.5:1 (see theme.py), the same in light and dark mode.
_SCALE = [
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
_INK = "#0F172A"

CONFIG: dict[str, Any] = {
    "theme": "base",
    "themeVariables": {
        "fontFamily": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        "primaryColor": "#E0F2FE",
        "primaryTextColor": _INK,
        "primaryBorderColor": "#0369A1",
        "secondaryColor": "#FEF3C7",
        "tertiaryColor": "#F1F5F9",
        "lineColor": "#334155",
        "textColor": _INK,
        "noteBkgColor": "#FEF9C3",
        "noteTextColor": _INK,
        "noteBorderColor": "#A16207",
        **{f"cScale{i}": c for i, c in enumerate(_SCALE)},
        **{f"cScaleLabel{i}": _INK for i in range(len(_SCALE))},
        **{f"pie{i + 1}": c for i, c in enumerate(_SCALE)},
        "pieStrokeColor": "#334155",
        "pieSectionTextColor": _INK,
        "pieTitleTextColor": _INK,
        "pieLegendTextColor": _INK,
        # strong colours for bars and lines (4.5:1 and more against white), one per series in order
        "xyChart": {
            "backgroundColor": "#FFFFFF",
            "titleColor": _INK,
            "xAxisLabelColor": _INK,
            "xAxisTitleColor": _INK,
            "xAxisLineColor": "#334155",
            "xAxisTickColor": "#334155",
            "yAxisLabelColor": _INK,
            "yAxisTitleColor": _INK,
            "yAxisLineColor": "#334155",
            "yAxisTickColor": "#334155",
            "plotColorPalette": "#1D4ED8, #B45309, #047857, #6D28D9",
        },
        "quadrant1Fill": "#DCFCE7",
        "quadrant2Fill": "#DBEAFE",
        "quadrant3Fill": "#F1F5F9",
        "quadrant4Fill": "#FEF3C7",
        "quadrant1TextFill": _INK,
        "quadrant2TextFill": _INK,
        "quadrant3TextFill": _INK,
        "quadrant4TextFill": _INK,
        "quadrantPointFill": "#1D4ED8",
        "quadrantPointTextFill": _INK,
        "quadrantXAxisTextFill": _INK,
        "quadrantYAxisTextFill": _INK,
        "quadrantTitleFill": _INK,
    },
    "securityLevel": "strict",
    "maxTextSize": 100000,
    "maxEdges": 500,
    "flowchart": {"htmlLabels": True, "curve": "basis", "useMaxWidth": True},
    # the font sizes Material for MkDocs sets, so the harness lays sequences out as the site does
    "sequence": {
        "useMaxWidth": True,
        "wrap": False,
        "actorFontSize": "16px",
        "messageFontSize": "16px",
        "noteFontSize": "16px",
    },
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


def config_js() -> str:
    """Return the script that defines the shared configuration as a global."""
    return f"window.SYSATLAS_MERMAID = {json.dumps(CONFIG, sort_keys=True)};\n"
