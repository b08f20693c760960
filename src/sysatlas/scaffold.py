"""`sysatlas new`: a subject skeleton that passes the schema and whose FILL markers the checker reports."""

from __future__ import annotations

from .inventory import Category
from .kinds import registry

HEADER = """\
# {category}/{subject}: replace every FILL (the checker reports each one as PH001 until you do).
# Diagram kinds and their bodies: src/sysatlas/kinds/<kind>/README.md; the guide: docs/authoring.md.
# Check: `sysatlas check`; render: `sysatlas check --browser`; look: `sysatlas preview {category}/{subject}`.
# Facts are written once under `facts:` and used in any text as ${{name}}.
"""


def skeleton(category: Category, subject: str, today: str) -> str:
    """Return YAML text for a new subject with one stub per diagram the category expects."""
    kinds = registry()
    out = [HEADER.format(category=category.id, subject=subject)]
    out.append(
        f'id: {subject}\ntitle: "FILL title"\nsummary: "FILL two sentences: what it is, why it matters"\n'
        f'tags: []\nrelated: []\nas_of: "{today}"\n'
    )
    for key in category.requires:  # a choice the author must make: the checker asks for it until it is made
        if key == "profile":  # a row of the category's comparison table: the FILL markers are reported
            out.append(
                "profile:  # this subject's row in the comparison table\n"
                '  scale: "FILL how big, with a fact and its year"\n'
                '  datastores: "FILL the primary datastores"\n  deployment: "FILL where and how it runs"\n'
            )
            continue
        out.append(f"# {key}: FILL (required for {category.id}; `sysatlas check` lists the allowed values)\n")
    out.append(
        'sources:\n  - id: fill-source\n    url: https://FILL.invalid/\n    title: "FILL document title"\n'
        '    publisher: "FILL publisher"\n    date: "FILL YYYY-MM-DD"\n'
        "    kind: primary  # primary: the organisation's own post, docs, paper, code; secondary: a retelling\n"
    )
    out.append(
        'facts:\n  fill_fact: {value: "FILL", unit: ms, source: fill-source,\n'
        '              quote: "FILL the sentence of the source that states the value, verbatim"}\n'
    )
    out.append("diagrams:\n")
    for slot in category.diagrams_per_subject:
        body = "".join(f"      {line}" if line.strip() else line for line in kinds[slot.kind].skeleton.splitlines(True))
        out.append(
            f"  # {slot.id}: {slot.what}\n"
            f'  - id: {slot.id}\n    kind: {slot.kind}\n    title: "FILL title"\n    caption: "FILL caption"\n'
            "    evidence: reported\n    sources: [fill-source]\n"
            '    three_am: {breaks: "FILL", looks_like: "FILL metric or log line", '
            'check_first: "FILL"}\n'
            f"    body:\n{body}"
        )
    return "".join(out)
