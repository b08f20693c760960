"""sysatlas: YAML content in, verified Mermaid diagrams and an offline site out.

Pipeline (one module per stage)::

    load      YAML with line numbers, duplicate keys rejected, facts interpolated   (load.py)
    validate  pydantic schemas: the inventory, the subject, each diagram by kind     (inventory.py, model.py, kinds/)
    render    Jinja templates per kind, escaping per syntactic context; returns text (render.py, escape.py)
    lint      numbers, sources, links, placeholders, duplicates, readability         (lint/)
    browser   the pinned Mermaid bundle in headless Chromium, cached by hash          (browser/)
    site      Markdown pages + mkdocs build --strict, swapped in atomically          (site/)

Every problem is a `Diagnostic` (`path:line: CODE message`); stages collect them and the
pipeline fails once at the end.
"""

__version__ = "0.1.0"
