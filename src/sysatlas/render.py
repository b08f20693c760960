"""Stage 3: render a validated diagram to Mermaid text through its kind's Jinja template."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from . import escape, theme
from .kinds import Kind
from .kinds._common import mid


def _template_source(name: str) -> tuple[str, str, Callable[[], bool]]:
    path = Path(name)
    mtime = path.stat().st_mtime
    return path.read_text(encoding="utf-8"), name, lambda: path.stat().st_mtime == mtime


@cache
def environment() -> jinja2.Environment:
    """Return the Jinja environment: autoescape off, undefined names are errors, escaping by filter."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        label=escape.label,
        html=escape.html,
        lines=escape.lines,
        cells=escape.cells,
        cell=escape.cell,
        wrapped=escape.wrapped,
        block=escape.block,
        mid=lambda value, prefix: mid(prefix, value),
        classdefs=theme.class_defs,
    )
    return env


def render(kind: Kind, body: Any, *, title: str, caption: str, origin: str) -> str:
    """Return the Mermaid text for one diagram, starting with a do-not-edit header."""
    template = environment().get_template(str(kind.template))
    text = template.render(body=body, diagram_title=title, **kind.context(body))
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    head, rest = lines[0], lines[1:]
    out = [f"%% generated from {origin} - do not edit", head]
    if kind.accessible:
        out += [f"  accTitle: {escape.acc(title)}", f"  accDescr: {escape.acc(caption)}"]
    return "\n".join(out + rest) + "\n"
