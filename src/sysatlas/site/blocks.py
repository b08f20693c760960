"""The parts of a subject's page: its header, each diagram with its reader furniture, and its sources."""

from __future__ import annotations

from collections import defaultdict

from ..atlas import Atlas, Diagram, Subject
from ..model import Ref
from .facts import facts_table, with_quotes
from .text import attr, diagram_files, diagram_link, html_link, md, rel_link, subject_path


def ref_link(atlas: Atlas, src: str, ref: Ref) -> str:
    """Render a reference as a link, or as pending text when its subject is not written yet."""
    found = atlas.resolve(ref)
    if found is None:
        return f"{md(ref.subject.replace('-', ' '))} <small>(pending)</small>"
    subject, diagram = found
    category = atlas.category(subject)
    if diagram is None:
        return f"[{md(subject.head.title)}]({rel_link(src, subject_path(category, subject.head.id))})"
    return f"[{md(f'{subject.head.title}: {diagram.common.title}')}]({diagram_link(category, src, diagram)})"


def diagram_block(atlas: Atlas, subject: Subject, d: Diagram, src: str, heading: str = "##") -> list[str]:
    """Return one diagram with its meta line, figure, legend, caption, tools, 3 AM box, text alternative, sources."""
    c = d.common
    sources = {s.id: s for s in subject.head.sources}
    out = [f"{heading} {md(c.title)} {{#{c.id}}}", ""] if heading else []
    as_of = c.as_of or subject.head.as_of
    out.append(
        f'<p class="sysatlas-meta"><span class="sysatlas-badge {c.evidence}" '
        f'title="evidence level">{c.evidence}</span> as of {md(as_of)} · {d.kind.name} · '
        f"<code>{attr(d.key)}</code></p>"
    )
    out.append("")
    out.append(
        f'<figure class="sysatlas-diagram kind-{d.kind.name}" data-diagram="{attr(d.subject)}--{c.id}" '
        f'data-title="{attr(c.title)}" role="figure" aria-label="{attr(c.title)}" markdown>'
    )
    # The SVGs the build rendered and checked, one per colour scheme: the page runs no diagram code.
    files = diagram_files(d.category, d.subject, c.id)
    images = " ".join(
        f"![{md(c.title)}]({rel_link(src, files[v])}){{: .sysatlas-svg .sysatlas-{v} loading=lazy decoding=async }}"
        for v in ("light", "dark")
    )
    out += ['<div class="sysatlas-scroll" markdown>', "", images, "", "</div>"]
    name = f"{d.subject}--{c.id}"
    tools = (
        '<div class="sysatlas-tools"><button type="button" data-action="zoom">Zoom / full screen</button>'
        f'<a class="sysatlas-tool" data-action="copy" href="{attr(html_link(src, files["mmd"]))}">Copy source</a>'
        + "".join(
            f'<a class="sysatlas-tool sysatlas-{v}" data-action="download" download="{attr(name)}.svg" '
            f'href="{attr(html_link(src, files[v]))}">Download SVG</a>'
            for v in ("light", "dark")
        )
        + "</div>"
    )
    out += [f"<figcaption>{with_quotes(c.caption, subject.head)}</figcaption>", tools, "</figure>", ""]
    if c.evidence != "reported" and c.evidence_note:
        out += [f"*{c.evidence.capitalize()}:* {md(c.evidence_note)}", ""]
    out += [
        '!!! warning "At 3 AM"',
        f"    **What breaks:** {md(c.three_am.breaks)}  ",
        f"    **What it looks like:** {md(c.three_am.looks_like)}  ",
        f"    **Check first:** {md(c.three_am.check_first)}",
        "",
    ]
    out += ['??? note "Text alternative"']
    out += [f"    - {md(line)}" for line in d.kind.describe(d.body)]
    out.append("")
    cited = []
    for ref in c.sources:
        s = sources.get(ref)
        if s is None:
            continue
        title = f"[{md(s.title)}]({s.url})" if s.url else md(s.title)
        cited.append(f"{title}, {md(s.publisher)}" + (f", {md(s.date)}" if s.date else ""))
    out += ["**Sources:** " + "; ".join(cited), ""]
    out.append(
        f"[Report an error in this diagram]({rel_link(src, 'about.md')}#report){{ .sysatlas-report "
        f'data-diagram="{attr(d.key)}" }}'
    )
    out.append("")
    if c.related:
        out += ["**Related:** " + " · ".join(ref_link(atlas, src, r) for r in c.related), ""]
    return out


def linked_from(atlas: Atlas, src: str, sources: list[Subject]) -> list[str]:
    """Return the "Linked from" line: the subjects that link here, grouped by category in inventory order."""
    by_category: dict[str, list[Subject]] = defaultdict(list)
    for s in sources:
        by_category[s.category].append(s)
    parts = []
    for cid, category in atlas.inventory.categories.items():
        if cid in by_category:
            links = ", ".join(
                f"[{md(s.head.title)}]({rel_link(src, subject_path(category, s.head.id))})"
                for s in sorted(by_category[cid], key=lambda x: x.head.title)
            )
            parts.append(f"*{md(category.title)}:* {links}")
    return ["**Linked from:** " + "; ".join(parts), ""] if parts else []


def subject_header(atlas: Atlas, s: Subject, src: str, backlinks: list[Subject]) -> list[str]:
    """Return a subject's title, summary, meta line, tags, links both ways and its facts."""
    h = s.head
    out = [f"# {md(h.title)}", "", md(h.summary), ""]
    meta = []
    if h.company:
        meta.append(f"**Company:** {md(h.company)}")
    if h.date:
        meta.append(f"**Date:** {md(h.date)}")
    meta.append(f"**As of:** {md(h.as_of)}")
    out += [" · ".join(meta), ""]
    if h.tags:
        out += ["**Tags:** " + " ".join(f"[{md(t)}]({rel_link(src, f'tags/{t}.md')})" for t in h.tags), ""]
    if h.related:
        out += ["**Related:** " + " · ".join(ref_link(atlas, src, r) for r in h.related), ""]
    out += linked_from(atlas, src, backlinks)
    out += facts_table(h)
    return out


def sources_section(s: Subject) -> list[str]:
    """Return the list of every source the subject read."""
    out = ["## Sources", ""]
    for src in s.head.sources:
        title = f"[{md(src.title)}]({src.url})" if src.url else md(src.title)
        out.append(f"- `{src.id}`: {title}, {md(src.publisher)}" + (f", {md(src.date)}" if src.date else ""))
    out.append("")
    return out
