"""`sysatlas new`: a subject skeleton that passes the schema and whose FILL markers the checker reports."""

from __future__ import annotations

from .atlas import Inventory

# The kind each inventory diagram id usually takes; the author may change it.
DEFAULT_KIND = {
    "concept-timeline": "sequence",
    "implementation": "architecture",
    "comparison": "comparison",
    "failure-behavior": "cascade",
    "performance-profile": "chart",
    "decision-tree": "decision",
    "protocol-flow": "sequence",
    "state-machine": "state",
    "deployment-topology": "architecture",
    "failure-recovery": "cascade",
    "tuning-guide": "decision",
    "overview": "architecture",
    "request-flow": "sequence",
    "failure-handling": "cascade",
    "migration-strategy": "gantt",
    "anti-patterns": "decision",
    "request-journey": "sequence",
    "write-path": "sequence",
    "read-path": "sequence",
    "scale-evolution": "gantt",
    "cost-breakdown": "pie",
    "incident-timeline": "timeline",
    "timeline": "timeline",
    "cascade": "cascade",
    "latency-distribution": "chart",
    "resource-utilization": "chart",
    "scaling-curve": "chart",
    "bottleneck-analysis": "cascade",
    "before-after": "architecture",
    "phased-plan": "gantt",
    "cutover": "sequence",
    "breakdown": "pie",
    "per-tier": "architecture",
    "optimization": "chart",
    "triage-tree": "decision",
    "symptom-map": "mindmap",
    "investigation": "sequence",
    "mitigation": "decision",
    "procedure": "sequence",
    "metrics": "chart",
    "team-structure": "mindmap",
}

# A minimal body per kind that passes the schema; every FILL is reported by the placeholder check (PH001).
BODIES = {
    "architecture": """      direction: TB
      planes:
        - id: edge
          label: "FILL plane"
          role: edge
          nodes:
            - {id: first, label: "FILL system and version", details: ["FILL size, setting"]}
            - {id: second, label: "FILL system", shape: db}
      edges:
        - {from: first, to: second, label: "FILL protocol, latency"}""",
    "cascade": """      steps:
        - {id: trigger, at: "T+0", label: "FILL what started it", severity: trigger}
        - {id: impact, at: "T+5m", label: "FILL what users saw", severity: critical}
      links:
        - {from: trigger, to: impact, label: "FILL amplifier"}""",
    "chart": """      x: {label: "FILL", categories: [p50, p99]}
      y: {label: "FILL", unit: ms}
      series:
        - {name: "FILL system", type: bar, values: [1, 2]}""",
    "comparison": """      workload: "FILL the workload compared"
      metrics:
        - {id: p99, label: "FILL metric", better: lower}
      options:
        - {id: first, label: "FILL system", values: {p99: "1 ms"}, best_for: "FILL"}
        - {id: second, label: "FILL system", values: {p99: "2 ms"}, best_for: "FILL"}""",
    "decision": """      start: first
      questions:
        - id: first
          ask: "FILL question?"
          answers:
            - {label: "yes", choose: one}
            - {label: "no", choose: two}
      choices:
        - {id: one, label: "FILL system + setting"}
        - {id: two, label: "FILL system + setting"}""",
    "gantt": """      sections:
        - name: "FILL phase"
          tasks:
            - {id: first, label: "FILL step", start: "2024-01-01", duration: 30d}""",
    "mindmap": """      root: "FILL symptom"
      children:
        - {label: "FILL cause: the check that confirms it"}
        - {label: "FILL cause: the check that confirms it"}""",
    "pie": """      total: {value: 2, unit: "FILL unit"}
      slices:
        - {label: "FILL", value: 1}
        - {label: "FILL too", value: 1}""",
    "quadrant": """      x: {low: "FILL", high: "FILL"}
      y: {low: "FILL", high: "FILL"}
      quadrants: ["FILL", "FILL", "FILL", "FILL"]
      points:
        - {label: "FILL system", x: 0.2, y: 0.8}
        - {label: "FILL other", x: 0.7, y: 0.3}""",
    "sequence": """      participants:
        - {id: client, label: "FILL client"}
        - {id: server, label: "FILL server"}
      steps:
        - {from: client, to: server, text: "FILL request(field=value)", latency: "FILL ms"}""",
    "state": """      states:
        - {id: first, label: "FILL state"}
        - {id: second, label: "FILL state"}
      transitions:
        - {from: start, to: first}
        - {from: first, to: second, label: "FILL trigger and timer"}""",
    "timeline": """      timezone: UTC
      sections:
        - name: "FILL phase"
          events:
            - {at: "00:00", what: ["FILL what happened"]}""",
}

HEADER = """\
# {category}/{subject}: replace every FILL (the checker reports each one as PH001 until you do).
# Diagram kinds and their bodies: src/sysatlas/kinds/<kind>/README.md; the guide: docs/authoring.md.
# Check: `sysatlas check`; render: `sysatlas check --browser`; look: `sysatlas preview {category}/{subject}`.
# Facts are written once under `facts:` and used in any text as ${{name}}.
"""


def skeleton(inventory: Inventory, category: str, subject: str, today: str) -> str:
    """Return YAML text for a new subject with one stub per diagram the inventory expects."""
    cat = inventory.categories[category]
    out = [HEADER.format(category=category, subject=subject)]
    out.append(
        f'id: {subject}\ntitle: "FILL title"\nsummary: "FILL two sentences: what it is, why it matters"\n'
        f'tags: []\nrelated: []\nas_of: "{today}"\n'
    )
    out.append(
        'sources:\n  - id: fill-source\n    url: https://FILL.invalid/\n    title: "FILL document title"\n'
        '    publisher: "FILL publisher"\n    date: "FILL YYYY-MM-DD"\n'
    )
    out.append('facts:\n  fill_fact: {value: "FILL", unit: ms, source: fill-source}\n')
    out.append("diagrams:\n")
    ids = cat.diagram_ids or ("overview",)
    whats = cat.diagram_whats or ("FILL",)
    for did, what in zip(ids, whats, strict=True):
        kind = DEFAULT_KIND.get(did, "architecture")
        out.append(
            f"  # {did}: {what}\n"
            f'  - id: {did}\n    kind: {kind}\n    title: "FILL title"\n    caption: "FILL caption"\n'
            "    evidence: reported\n    sources: [fill-source]\n"
            '    three_am: {breaks: "FILL", looks_like: "FILL metric or log line", '
            'check_first: "FILL"}\n'
            f"    body:\n{BODIES[kind]}\n"
        )
    return "".join(out)
