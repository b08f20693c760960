"""The one Mermaid configuration: used by the validating harness and written into the site."""

from __future__ import annotations

import json
from typing import Any

from ..theme import ink_css, mermaid_variables

MERMAID_VERSION = "11.17.2"

CONFIG: dict[str, Any] = {
    "theme": "base",
    "themeVariables": mermaid_variables(),
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


CONFIG["themeCSS"] = ink_css()


def config_js() -> str:
    """Return the script that defines the shared configuration as a global."""
    return f"window.SYSATLAS_MERMAID = {json.dumps(CONFIG, sort_keys=True)};\n"
