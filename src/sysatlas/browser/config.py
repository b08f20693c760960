"""The Mermaid configuration, in a light and a dark variant. The harness lays each diagram out once, with every
theme colour that differs between the two replaced by a stand-in, and resolves the stand-ins into both SVGs.

Labels are SVG text (`htmlLabels: false`), not HTML in `foreignObject`, so an exported SVG opens the same in a
browser tab, Inkscape or a slide deck. Each variant paints its own background (see harness.html), so the
contrast measured at build time is the contrast the reader gets, whatever page the SVG lands on.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from ..kinds import registry
from ..theme import (
    DARK_BACKGROUND,
    FONT,
    LIGHT_BACKGROUND,
    dark_colours,
    dark_overrides,
    light_extras,
    mermaid_variables,
    theme_css,
)

MERMAID_VERSION = "11.17.2"
# Mermaid leaves a mindmap label left-aligned at its node's centre when labels are SVG text: centre it
MINDMAP_CENTRE = "\n.mindmap-node .label text { text-anchor: middle; }"

CONFIG: dict[str, Any] = {
    "theme": "base",
    # Mermaid measures text to size boxes and gaps with the top-level fontFamily (its sequence renderer copies it
    # over the sequence's own families), while the SVG draws text in the theme's: they must be the same font, or
    # text measured in Arial's metrics spills out of boxes drawn for it in a wider one
    "fontFamily": FONT,
    "themeVariables": {**mermaid_variables(), **light_extras()},
    "background": LIGHT_BACKGROUND,
    "securityLevel": "strict",
    "maxTextSize": 100000,
    "maxEdges": 500,
    "htmlLabels": False,
    # labels wrap at 180 px and nodes sit 40 px apart (Mermaid: 200, 50): flowcharts fit the site's diagram
    # width at 13 px text or more (lint/geometry.py) without shrinking the text
    "flowchart": {"htmlLabels": False, "curve": "basis", "useMaxWidth": True, "wrappingWidth": 180, "nodeSpacing": 40},
    "themeCSS": theme_css("light") + MINDMAP_CENTRE,
}
for _kind in registry().values():  # the settings a kind's grammar needs are declared in its folder
    CONFIG.update(_kind.mermaid_config)


def _dark() -> dict[str, Any]:
    dark = copy.deepcopy(CONFIG)
    overrides = dark_overrides()
    dark["themeVariables"]["xyChart"].update(overrides.pop("xyChart"))
    dark["themeVariables"].update(overrides)
    dark["background"] = DARK_BACKGROUND
    dark["themeCSS"] = theme_css("dark") + MINDMAP_CENTRE
    return dark


DARK: dict[str, Any] = _dark()
VARIANTS: dict[str, dict[str, Any]] = {"light": CONFIG, "dark": DARK}


def config_js() -> str:
    """Return the script that defines both configurations as a global ({light: ..., dark: ...}) and the colour
    language's light -> dark values, which the harness swaps in the diagram text for the dark variant."""
    return (
        f"window.SYSATLAS_MERMAID = {json.dumps(VARIANTS, sort_keys=True)};\n"
        f"window.SYSATLAS_DARK_COLOURS = {json.dumps(dark_colours(), sort_keys=True)};\n"
    )
