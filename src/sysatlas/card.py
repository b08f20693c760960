"""The "card": one diagram with its title, evidence, legend, the At-3-AM note and its sources, as one SVG.

What people paste into an incident doc or a slide. The diagram inside is the SVG the build checked, nested
unchanged; the text around it is drawn here in the variant's colours (contrast checked by a test).
"""

from __future__ import annotations

import re
import textwrap
from html import escape

from .atlas import Diagram, Subject
from .theme import DARK_BACKGROUND, FONT

PAD = 24
INK = {"light": ("#0F172A", "#334155", "#FFFFFF"), "dark": ("#E2E8F0", "#CBD5E1", DARK_BACKGROUND)}
BADGE = {"reported": ("#047857", "#6EE7B7"), "derived": ("#1D4ED8", "#93C5FD"), "illustrative": ("#B45309", "#FCD34D")}


def _size(svg: str) -> tuple[float, float]:
    width = re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg)
    height = re.search(r'<svg[^>]*\sheight="([\d.]+)"', svg)
    return (float(width.group(1)) if width else 800.0, float(height.group(1)) if height else 600.0)


def _lines(text: str, width: float, size: float) -> list[str]:
    """Wrap text to a width in px, at about 0.55 em per character (system sans-serif)."""
    return textwrap.wrap(text, max(20, int(width / (size * 0.55)))) or [""]


def card(subject: Subject, d: Diagram, svg: str, variant: str) -> str:
    """Return the card SVG for one diagram in one variant ("light" or "dark")."""
    ink, muted, background = INK[variant]
    inner_w, inner_h = _size(svg)
    width = max(inner_w, 640.0) + 2 * PAD
    text_w = width - 2 * PAD
    out: list[str] = []
    y: float = PAD

    def line(text: str, size: float, colour: str, weight: str = "normal") -> None:
        nonlocal y
        y += size * 1.35
        out.append(
            f'<text x="{PAD}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{colour}">'
            f"{escape(text)}</text>"
        )

    for part in _lines(d.common.title, text_w, 22):
        line(part, 22, ink, "bold")
    c = d.common
    badge = BADGE[c.evidence][0 if variant == "light" else 1]
    line(f"{c.evidence} · as of {c.as_of or subject.head.as_of} · {d.key}", 13, badge, "bold")
    for part in _lines(c.caption, text_w, 14):
        line(part, 14, muted)
    y += 10
    out.append(
        f'<svg x="{PAD}" y="{y:.1f}" width="{inner_w}" height="{inner_h}" '
        f'viewBox="0 0 {inner_w} {inner_h}">{_inner(svg)}</svg>'
    )
    y += inner_h + 8
    for label, text in (
        ("What breaks", c.three_am.breaks),
        ("What it looks like", c.three_am.looks_like),
        ("Check first", c.three_am.check_first),
    ):
        for part in _lines(f"{label}: {text}", text_w, 14):
            line(part, 14, ink)
    sources = {s.id: s for s in subject.head.sources}
    cited = [sources[r] for r in c.sources if r in sources]
    refs = "; ".join(f"{s.publisher}: {s.url or s.title}" for s in cited)
    for part in _lines(f"Sources: {refs}", text_w, 12):
        line(part, 12, muted)
    height = y + PAD
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}" role="img" '
        f'aria-label="{escape(c.title)}"><rect width="100%" height="100%" fill="{background}"/>'
        + "".join(out)
        + "</svg>"
    )


def _inner(svg: str) -> str:
    """The diagram's own SVG without an XML declaration, ready to nest."""
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg)
