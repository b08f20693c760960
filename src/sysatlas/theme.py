"""One colour language, defined once: every colour that means something, in a light and a dark value.

Groups (roles, health, severity, incident phases, decision outcomes, map leaves) name their members; each
member is a hue family with a light swatch (pale fill, strong stroke, dark ink of the same hue) and a dark swatch
(deep fill, light stroke, light ink). A name that is in two groups (trigger, healthy) is one colour. The Mermaid
text carries the light values; the dark variant renders the same text with each light value replaced by its dark
one (`dark_colours`), so a diagram says what its colours mean once, in its text, and a legend names them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Role = Literal["edge", "service", "state", "control", "external", "client"]
Health = Literal["healthy", "degraded", "failed"]
Severity = Literal["trigger", "warning", "critical", "minor", "recovered", "info"]
Phase = Literal["latent", "trigger", "impact", "detection", "mitigation", "recovery"]
Outcome = Literal["healthy", "act", "escalate"]
Leaf = Literal["symptom", "cause", "check", "fix"]
Scheme = Literal["light", "dark"]


@dataclass(frozen=True)
class Swatch:
    """One colour in one scheme: the fill of a shape, its border, and the text on it."""

    fill: str
    stroke: str
    ink: str


# hue family: (light swatch, dark swatch). Light: pale fill, dark ink. Dark: deep fill, light ink. The trigger
# family is inverted in both (strong fill), so the start of a failure never looks like its impact.
FAMILIES: dict[str, tuple[Swatch, Swatch]] = {
    "blue": (Swatch("#BFDBFE", "#1D4ED8", "#0B1F44"), Swatch("#1E3A8A", "#93C5FD", "#DBEAFE")),
    "cyan": (Swatch("#A5F3FC", "#0E7490", "#083344"), Swatch("#164E63", "#67E8F9", "#CFFAFE")),
    "sky": (Swatch("#E0F2FE", "#0369A1", "#082F49"), Swatch("#0C3A53", "#7DD3FC", "#E0F2FE")),
    "green": (Swatch("#BBF7D0", "#15803D", "#052E16"), Swatch("#14532D", "#86EFAC", "#DCFCE7")),
    "amber": (Swatch("#FDE68A", "#B45309", "#3B2300"), Swatch("#713F12", "#FCD34D", "#FEF3C7")),
    "violet": (Swatch("#DDD6FE", "#6D28D9", "#2E1065"), Swatch("#4C1D95", "#C4B5FD", "#EDE9FE")),
    "slate": (Swatch("#E2E8F0", "#475569", "#0F172A"), Swatch("#475569", "#CBD5E1", "#F1F5F9")),
    "stone": (Swatch("#D6D3D1", "#57534E", "#1C1917"), Swatch("#44403C", "#D6D3D1", "#F5F5F4")),
    "emerald": (Swatch("#D1FAE5", "#047857", "#022C22"), Swatch("#064E3B", "#6EE7B7", "#D1FAE5")),
    "yellow": (Swatch("#FEF9C3", "#A16207", "#422006"), Swatch("#4D4010", "#FDE047", "#FEF9C3")),
    "orange": (Swatch("#FFEDD5", "#C2410C", "#431407"), Swatch("#5A2A0C", "#FDBA74", "#FFEDD5")),
    "red": (Swatch("#FEE2E2", "#B91C1C", "#450A0A"), Swatch("#5B1D1D", "#FCA5A5", "#FEE2E2")),
    "rose": (Swatch("#9F1239", "#4C0519", "#FFFFFF"), Swatch("#FDA4AF", "#FFE4E6", "#3B0614")),
}

# group: member -> family, in the order a legend lists them
GROUPS: dict[str, dict[str, str]] = {
    "role": {
        "client": "cyan",
        "edge": "blue",
        "service": "green",
        "state": "amber",
        "control": "violet",
        "external": "slate",
    },
    "health": {"healthy": "emerald", "degraded": "orange", "failed": "red"},
    "severity": {
        "trigger": "rose",
        "critical": "red",
        "warning": "orange",
        "minor": "yellow",
        "recovered": "emerald",
        "info": "slate",
    },
    "phase": {
        "latent": "stone",
        "trigger": "rose",
        "impact": "red",
        "detection": "yellow",
        "mitigation": "blue",
        "recovery": "emerald",
    },
    "outcome": {"healthy": "emerald", "act": "blue", "escalate": "red"},
    "leaf": {"symptom": "orange", "cause": "violet", "check": "sky", "fix": "emerald"},
    "task": {"planned": "blue", "active": "amber", "done": "stone", "critical": "red"},
    "verdict": {"best": "emerald", "worst": "red"},
    "plain": {"question": "slate", "entry": "sky", "detail": "slate"},
}

LABELS = {
    "minor": "minor / contained",
    "info": "context",
    "act": "act on it",
    "escalate": "escalate / page",
    "planned": "phase",
}
"""Legend wording where the bare name would not say enough."""


def _flatten() -> dict[str, str]:
    out: dict[str, str] = {}
    for members in GROUPS.values():
        for name, family in members.items():
            if out.setdefault(name, family) != family:
                raise ValueError(f"colour {name!r} is in two groups with two colours")
    return out


COLOURS: dict[str, str] = _flatten()
"""Every colour name of the language -> its hue family."""


def swatch(name: str, scheme: Scheme = "light") -> Swatch:
    """Return the swatch of a colour name in a scheme."""
    light, dark = FAMILIES[COLOURS[name]]
    return light if scheme == "light" else dark


def legend(group: str, names: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """Return legend rows (label, light fill, dark fill) for a group's members, in the group's order.

    With `names`, only those members (the ones a diagram uses)."""
    wanted = set(names) if names is not None else None
    rows = []
    for name in GROUPS[group]:
        if wanted is None or name in wanted:
            label = LABELS.get(name, name)
            rows.append((label[0].upper() + label[1:], swatch(name).fill, swatch(name, "dark").fill))
    return rows


def dark_colours() -> dict[str, str]:
    """Return light value -> dark value for every colour of the language (the dark variant's text swap)."""
    out: dict[str, str] = {}
    for light, dark in FAMILIES.values():
        for a, b in ((light.fill, dark.fill), (light.stroke, dark.stroke), (light.ink, dark.ink)):
            if out.setdefault(a, b) != b:
                raise ValueError(f"light colour {a} has two dark values; give each family its own")
    return out


def class_defs(names: list[str]) -> list[str]:
    """Return `classDef` lines (light values) for the given colour names, in a stable order."""
    lines = []
    for name in sorted(set(names)):
        s = swatch(name)
        lines.append(f"classDef {name} fill:{s.fill},stroke:{s.stroke},color:{s.ink},stroke-width:1.5px")
    return lines


# Strong colours for chart bars and lines (4.5:1 and more against white), one per series in order.
SERIES = ["#1D4ED8", "#B45309", "#047857", "#6D28D9"]
# Fills for the kinds Mermaid colours by scale (mindmap branches): pastels that carry dark text at >= 4.5:1.
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
# Pie slices, in order: mid tones that carry dark ink at >= 4.5:1 and differ from the slice before and after by
# CIEDE2000 >= PIE_MIN_DIFFERENCE (a just-noticeable difference is about 2; 10 reads as another colour at a glance).
PIE = [
    "#93C5FD",
    "#FCD34D",
    "#86EFAC",
    "#F9A8D4",
    "#67E8F9",
    "#FDBA74",
    "#C4B5FD",
    "#BEF264",
    "#FCA5A5",
    "#CBD5E1",
]
PIE_MIN_DIFFERENCE = 10.0
INK = "#0F172A"
"""The dark text colour on every light fill."""
DIAGRAM_WIDTH = 1150
"""px: the width the site gives a diagram at 1440x900 (the content column, widened to the page for diagrams)."""
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
"""The one font stack of every diagram: Mermaid measures text with it and the SVG draws text with it."""


def mermaid_variables() -> dict[str, Any]:
    """Return Mermaid's themeVariables: every colour Mermaid uses, from this palette."""
    return {
        "fontFamily": FONT,
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
        **{f"pie{i + 1}": c for i, c in enumerate(PIE)},
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
        # gantt: the language's task colours (planned, active, done, critical), dark ink inside and outside bars
        **_gantt("light"),
        "taskTextColor": INK,
        "taskTextDarkColor": INK,
        "taskTextLightColor": INK,
        "taskTextOutsideColor": INK,
        "taskTextClickableColor": INK,
        "sectionBkgColor": "#F8FAFC",
        "altSectionBkgColor": LIGHT_BACKGROUND,
        "sectionBkgColor2": "#F1F5F9",
        "gridColor": "#CBD5E1",
        "todayLineColor": swatch("critical").stroke,
        "excludeBkgColor": "#F1F5F9",
    }


def dark_overrides() -> dict[str, Any]:
    """The dark variant: light ink and lines on the dark background. The language's colours in the diagram text
    become their dark values (`dark_colours`); gantt bars take the dark task colours."""
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
        **_gantt("dark"),
        "taskTextColor": DARK_INK,
        "taskTextDarkColor": DARK_INK,
        "taskTextLightColor": DARK_INK,
        "taskTextClickableColor": DARK_INK,
        "taskTextOutsideColor": DARK_INK,
        "sectionBkgColor": "#262B36",
        "altSectionBkgColor": DARK_BACKGROUND,
        "sectionBkgColor2": "#2A2F3A",
        "gridColor": "#475569",
        "todayLineColor": swatch("critical", "dark").stroke,
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


def _gantt(scheme: Scheme) -> dict[str, str]:
    out = {}
    for name, prefix in (("planned", "task"), ("active", "activeTask"), ("done", "doneTask"), ("critical", "crit")):
        sw = swatch(name, scheme)
        out[f"{prefix}BkgColor"] = sw.fill
        out[f"{prefix}BorderColor"] = sw.stroke
    return out


def theme_css(scheme: Scheme) -> str:
    """Return the CSS each variant adds to Mermaid's: each colour's ink on its fill (whatever the page theme sets
    for labels), and the shapes of classed mindmap nodes, which Mermaid's mindmap colours by branch only."""
    rules = []
    for name in sorted(COLOURS):
        sw = swatch(name, scheme)
        where = f".node.{name} .nodeLabel, .node.{name} .nodeLabel *, .node.{name} text"
        rules.append(f"{where} {{ color: {sw.ink} !important; fill: {sw.ink} !important; }}")
        shape = ", ".join(f".mindmap-node.{name} {s}" for s in ("path", "rect", "circle", "polygon"))
        rules.append(f"{shape} {{ fill: {sw.fill} !important; stroke: {sw.stroke} !important; }}")
    # a classed state with a description: Mermaid puts the class's stroke on the label group, outlining its text
    rules.append(".statediagram-state .label text { stroke: none !important; }")
    rules.append(".task, .milestone { stroke-width: 2px; }")
    rules.append(".grid .tick text { font-size: 13px; }")  # gantt's axis dates: Mermaid writes 10 px
    # timeline: Mermaid draws its axis and the dashed links to the entries in black, whatever the theme
    line = "#334155" if scheme == "light" else "#CBD5E1"
    rules.append(f".lineWrapper line {{ stroke: {line} !important; }}")
    rules.append(f"marker#arrowhead path, [id$='-arrowhead'] path {{ fill: {line} !important; }}")
    return "\n".join(rules)


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _lab(hex_colour: str) -> tuple[float, float, float]:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def difference(a: str, b: str) -> float:
    """Return the CIEDE2000 colour difference of two colours (Sharma, Wu and Dalal's formulation)."""
    return ciede2000(_lab(a), _lab(b))


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """Return the CIEDE2000 difference of two CIELAB colours."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    dh = 0.0 if c1p * c2p == 0 else h2p - h1p - 360 * (h2p - h1p > 180) + 360 * (h2p - h1p < -180)
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    else:
        hbp = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbp - 30))
        + 0.24 * math.cos(math.radians(2 * hbp))
        + 0.32 * math.cos(math.radians(3 * hbp + 6))
        - 0.20 * math.cos(math.radians(4 * hbp - 63))
    )
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    rt = -2 * math.sqrt(cbp**7 / (cbp**7 + 25**7)) * math.sin(math.radians(60 * math.exp(-(((hbp - 275) / 25) ** 2))))
    return math.sqrt((dlp / sl) ** 2 + (dcp / sc) ** 2 + (dhp / sh) ** 2 + rt * (dcp / sc) * (dhp / sh))
