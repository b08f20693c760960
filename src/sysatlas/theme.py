"""One theme: colours by role and by health, contrast checked (dark text on light fills, >= 4.5:1).

Fills stay the same in light and dark mode, and their text is always the dark ink of the same
hue, so a node reads the same against either page background.
"""

from __future__ import annotations

from typing import Literal

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


def class_defs(names: list[str]) -> list[str]:
    """Return `classDef` lines for the given class names, in a stable order."""
    lines = []
    for name in sorted(set(names)):
        fill, stroke, text = PALETTE[name]
        lines.append(f"classDef {name} fill:{fill},stroke:{stroke},color:{text},stroke-width:1.5px")
    return lines


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
