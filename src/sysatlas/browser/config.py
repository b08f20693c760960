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
from ..theme import DARK_BACKGROUND, LIGHT_BACKGROUND, dark_overrides, ink_css, light_extras, mermaid_variables

MERMAID_VERSION = "11.17.2"

CONFIG: dict[str, Any] = {
    "theme": "base",
    "themeVariables": {**mermaid_variables(), **light_extras()},
    "background": LIGHT_BACKGROUND,
    "securityLevel": "strict",
    "maxTextSize": 100000,
    "maxEdges": 500,
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False, "curve": "basis", "useMaxWidth": True},
    "themeCSS": ink_css(),
}
for _kind in registry().values():  # the settings a kind's grammar needs are declared in its folder
    CONFIG.update(_kind.mermaid_config)


def _dark() -> dict[str, Any]:
    dark = copy.deepcopy(CONFIG)
    overrides = dark_overrides()
    dark["themeVariables"]["xyChart"].update(overrides.pop("xyChart"))
    dark["themeVariables"].update(overrides)
    dark["background"] = DARK_BACKGROUND
    return dark


DARK: dict[str, Any] = _dark()
VARIANTS: dict[str, dict[str, Any]] = {"light": CONFIG, "dark": DARK}


def config_js() -> str:
    """Return the script that defines both configurations as a global: {light: ..., dark: ...}."""
    return f"window.SYSATLAS_MERMAID = {json.dumps(VARIANTS, sort_keys=True)};\n"
