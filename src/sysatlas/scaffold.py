"""`sysatlas new`: a subject skeleton that passes the schema and says what to fill in."""

from __future__ import annotations

from .atlas import Inventory

HEADER = """\
# {category}/{subject}: fill in every field marked FILL (the checker rejects the marker until you do).
# Diagram bodies: see src/sysatlas/kinds/<kind>/README.md. Check with: sysatlas check {path}
# Facts are written once below and used in any text as ${{name}}.
"""


def skeleton(inventory: Inventory, category: str, subject: str, today: str) -> str:
    """Return YAML text for a new subject with one stub per diagram the inventory expects."""
    cat = inventory.categories[category]
    path = f"content/{category}/{subject}.yaml"
    out = [HEADER.format(category=category, subject=subject, path=path)]
    out.append(f"id: {subject}\ntitle: \"FILL: title\"\nsummary: \"FILL: two sentences on what this is and why "
               f"it matters at 3 AM\"\ntags: []\nrelated: []\nas_of: \"{today}\"\n")
    out.append("sources:\n  - id: FILL-source\n    url: https://FILL\n    title: \"FILL: document title\"\n"
               "    publisher: \"FILL: who published it\"\n    date: \"FILL: YYYY-MM-DD\"\n")
    out.append("facts:\n  example_fact: {value: \"FILL\", unit: ms, source: FILL-source}\n")
    out.append("diagrams:\n")
    for did, what in zip(cat.diagram_ids, cat.diagram_whats, strict=True):
        out.append(f"  # {did}: {what}\n"
                   f"  - id: {did}\n    kind: FILL\n    title: \"FILL\"\n    caption: \"FILL\"\n"
                   "    evidence: reported\n    sources: [FILL-source]\n"
                   "    three_am: {breaks: \"FILL\", looks_like: \"FILL\", check_first: \"FILL\"}\n"
                   "    body: {}\n")
    return "".join(out)
