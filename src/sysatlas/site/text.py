"""Writing Markdown safely: escaping for prose and attributes, relative links, and where each page lives."""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath

from ..atlas import Diagram
from ..inventory import Category

# Markdown punctuation written as character references: they mean the same in Markdown, in raw HTML (figcaptions,
# table cells, admonition titles) and in a heading's TOC entry, where a backslash escape would show as written.
_PUNCTUATION = {c: f"&#{ord(c)};" for c in "\\`*_[]{}|#~!"}
_CODE = re.compile(r"`([^`]+)`")


def _plain(text: str) -> str:
    return "".join(_PUNCTUATION.get(c, c) for c in html.escape(text, quote=False))


def md(text: str) -> str:
    """Escape text for Markdown prose: HTML-escaped, punctuation as character references, `x` as code."""
    parts = _CODE.split(str(text))
    out = "".join(f"<code>{_plain(p)}</code>" if i % 2 else _plain(p) for i, p in enumerate(parts))
    # a list marker or numbered item at the start of a line would make a list of a paragraph
    return re.sub(r"^(?:[-+](?=\s)|\d+(?=[.)]\s))", lambda m: "".join(f"&#{ord(c)};" for c in m.group()), out)


def attr(text: str) -> str:
    """Escape text for an HTML attribute."""
    return html.escape(str(text), quote=True)


def rel_link(src: str, dest: str) -> str:
    """Return the relative Markdown link from page `src` to page `dest` (both docs-relative paths)."""
    up = "../" * len(PurePosixPath(src).parent.parts)
    return f"{up}{dest}"


def html_link(src: str, dest: str) -> str:
    """Return the relative URL from the built page of `src` to the file `dest`, for raw HTML MkDocs leaves alone.

    With directory URLs the page of `a/b.md` is served at `a/b/`, one level deeper than its Markdown file.
    """
    page = PurePosixPath(src)
    folder = page.parent if page.name == "index.md" else page.with_suffix("")
    return "../" * len(folder.parts) + dest


def diagram_files(category: str, subject: str, diagram: str) -> dict[str, str]:
    """Where a diagram's checked SVGs (light, dark) and its Mermaid source sit among the site's files."""
    stem = f"diagrams/{category}/{subject}/{diagram}"
    return {"light": f"{stem}.light.svg", "dark": f"{stem}.dark.svg", "mmd": f"{stem}.mmd"}


def subject_path(category: Category, subject: str) -> str:
    """Return the page of a subject: its own page, or the index of its diagram pages."""
    return f"{category.id}/{subject}/index.md" if category.per_diagram else f"{category.id}/{subject}.md"


def diagram_path(category: Category, d: Diagram) -> str:
    """Return the page that shows a diagram."""
    if category.per_diagram:
        return f"{category.id}/{d.subject}/{d.common.id}.md"
    return subject_path(category, d.subject)


def diagram_link(category: Category, src: str, d: Diagram) -> str:
    """Return the link from page `src` to a diagram: its own page, or its anchor on the subject's page."""
    path = rel_link(src, diagram_path(category, d))
    return path if category.per_diagram else f"{path}#{d.common.id}"
