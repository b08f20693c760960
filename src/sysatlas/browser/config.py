"""The one Mermaid configuration: used by the validating harness and written into the site."""

from __future__ import annotations

import json
from typing import Any

from ..kinds import registry
from ..theme import ink_css, mermaid_variables

MERMAID_VERSION = "11.17.2"

CONFIG: dict[str, Any] = {
    "theme": "base",
    "themeVariables": mermaid_variables(),
    "securityLevel": "strict",
    "maxTextSize": 100000,
    "maxEdges": 500,
    "flowchart": {"htmlLabels": True, "curve": "basis", "useMaxWidth": True},
    "themeCSS": ink_css(),
}
for _kind in registry().values():  # the settings a kind's grammar needs are declared in its folder
    CONFIG.update(_kind.mermaid_config)


def config_js() -> str:
    """Return the script that defines the shared configuration as a global."""
    return f"window.SYSATLAS_MERMAID = {json.dumps(CONFIG, sort_keys=True)};\n"
