"""The parts of a subject's page: its header, each diagram with its reader furniture, and its sources."""

from __future__ import annotations

import urllib.parse
from collections import defaultdict

from ..atlas import Atlas, Diagram, Subject
from ..model import CAUSE_TITLES, Ref
from .facts import facts_table, with_quotes
from .glance import glance_box
from .text import attr, diagram_files, diagram_link, html_link, md, rel_link, subject_path

EVIDENCE = "about/#evidence-levels"


def ref_link(atlas: Atlas, src: str, ref: Ref) -> str | None:
    """Render a reference as a link; None when its subject is not written yet (pending subjects are not shown)."""
    found = atlas.resolve(ref)
    if found is None:
        return None
    subject, diagram = found
    category = atlas.category(subject)
    if diagram is None:
        return f"[{md(subject.head.title)}]({rel_link(src, subject_path(category, subject.head.id))})"
    return f"[{md(f'{subject.head.title}: {diagram.common.title}')}]({diagram_link(category, src, diagram)})"


def related_line(atlas: Atlas, src: str, refs: list[Ref], label: str = "Related") -> list[str]:
    """Return the written subjects `refs` name, grouped by category in inventory order; nothing when none is."""
    by_category: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        link = ref_link(atlas, src, ref)
        if link is not None and link not in by_category[ref.category]:
            by_category[ref.category].append(link)
    parts = [
        f"*{md(category.title)}:* {', '.join(by_category[cid])}"
        for cid, category in atlas.inventory.categories.items()
        if by_category.get(cid)
    ]
    return [f"**{label}:** " + "; ".join(parts), ""] if parts else []


def report_link(atlas: Atlas, d: Diagram, src: str) -> str:
    """Return the "Report an error" link: a prefilled new issue at the atlas's tracker, or the About page's form."""
    url = atlas.inventory.report_url
    if not url:
        return (
            f"[Report an error in this diagram]({rel_link(src, 'about.md')}#report){{ .sysatlas-report "
            f'data-diagram="{attr(d.key)}" }}'
        )
    body = REPORT_BODY.format(key=d.key, title=d.common.title)
    query = urllib.parse.urlencode({"title": f"Error in {d.key}: ", "body": body})
    sep = "&" if "?" in url else "?"
    return (
        f'<a class="sysatlas-report" data-diagram="{attr(d.key)}" href="{attr(url + sep + query)}" '
        'target="_blank" rel="noopener">Report an error in this diagram</a>'
    )


REPORT_BODY = """Diagram: {key} ({title})
What is wrong:
What it should say:
Public source for the correction (URL):
"""


FIRST = "sysatlas-first-diagram"
"""The id the skip link ("Skip to the first diagram") lands on."""


def diagram_block(
    atlas: Atlas, subject: Subject, d: Diagram, src: str, heading: str = "##", first: bool = False
) -> list[str]:
    """Return one diagram: meta line with its permalink, figure and tools, 3 AM box, text alternative, sources."""
    c = d.common
    sources = {s.id: s for s in subject.head.sources}
    out = [f"{heading} {md(c.title)} {{#{c.id}}}", ""] if heading else []
    as_of = c.as_of or subject.head.as_of
    out.append(
        f'<p class="sysatlas-meta"><a class="sysatlas-badge {c.evidence}" href="{attr(html_link(src, EVIDENCE))}" '
        f'title="evidence level: what it means">{c.evidence}</a> as of {md(as_of)} · {d.kind.name} · '
        f'<a class="sysatlas-permalink" href="#{attr(c.id)}" title="link to this diagram">{attr(d.key)}</a></p>'
    )
    out.append("")
    alt_id = f"{c.id}-text"
    out.append('<div class="sysatlas-pair">')  # the figure and its 3 AM note: side by side when there is room
    out.append(
        f'<figure class="sysatlas-diagram kind-{d.kind.name}" data-diagram="{attr(d.subject)}--{c.id}" '
        f'data-title="{attr(c.title)}" role="figure" aria-label="{attr(c.title)}" aria-describedby="{alt_id}"'
        + (f' id="{FIRST}" tabindex="-1"' if first else "")
        + ">"
    )
    # The SVGs the build rendered and checked, one per colour scheme: the page runs no diagram code. Each opens
    # full size in one click: in the viewer with JavaScript, as the plain SVG without.
    files = diagram_files(d.category, d.subject, c.id)
    images = "".join(
        f'<a class="sysatlas-open sysatlas-{v}" href="{attr(html_link(src, files[v]))}" '
        f'title="Open full screen"><img class="sysatlas-svg sysatlas-{v}" src="{attr(html_link(src, files[v]))}" '
        f'alt="{attr(c.title)}" loading="lazy" decoding="async"></a>'
        for v in ("light", "dark")
    )
    out.append(f'<div class="sysatlas-scroll">{images}</div>')
    name = f"{d.subject}--{c.id}"
    tools = (
        '<div class="sysatlas-tools">'
        '<button type="button" data-action="zoom" aria-haspopup="dialog">Full screen</button>'
        f'<a class="sysatlas-tool" data-action="link" href="#{attr(c.id)}">Copy link</a>'
        f'<a class="sysatlas-tool" data-action="copy" href="{attr(html_link(src, files["mmd"]))}">Copy source</a>'
        + "".join(
            f'<a class="sysatlas-tool sysatlas-{v}" data-action="download" download="{attr(name)}.svg" '
            f'href="{attr(html_link(src, files[v]))}">Download SVG</a>'
            for v in ("light", "dark")
        )
        + f'<a class="sysatlas-tool" data-action="text" href="#{alt_id}">Text alternative</a>'
        + "</div>"
    )
    out += [tools, f"<figcaption>{with_quotes(c.caption, subject.head)}</figcaption>", "</figure>"]
    out += [
        '<aside class="admonition warning sysatlas-3am" aria-label="At 3 AM">',
        '<p class="admonition-title">At 3 AM</p>',
        f"<p><strong>What breaks:</strong> {md(c.three_am.breaks)}<br>",
        f"<strong>What it looks like:</strong> {md(c.three_am.looks_like)}<br>",
        f"<strong>Check first:</strong> {md(c.three_am.check_first)}</p>",
        "</aside>",
        "</div>",
        "",
    ]
    if c.evidence != "reported" and c.evidence_note:
        out += [f"*{c.evidence.capitalize()}:* {md(c.evidence_note)}", ""]
    lines = "".join(f"<li>{md(line)}</li>" for line in d.kind.describe(d.body))
    out += [
        f'<details class="note sysatlas-text" id="{alt_id}"><summary>Text alternative</summary><ul>{lines}</ul>'
        "</details>",
        "",
    ]
    cited = []
    for ref in c.sources:
        s = sources.get(ref)
        if s is None:
            continue
        title = f"[{md(s.title)}]({s.url})" if s.url else md(s.title)
        cited.append(f"{title}, {md(s.publisher)}" + (f", {md(s.date)}" if s.date else ""))
    out += ["**Sources:** " + "; ".join(cited), ""]
    out += [report_link(atlas, d, src), ""]
    out += related_line(atlas, src, c.related)
    return out


def linked_from(atlas: Atlas, src: str, sources: list[Subject]) -> list[str]:
    """Return "Seen in production" (the incidents that link here) and "Linked from" (the rest, by category)."""
    by_category: dict[str, list[Subject]] = defaultdict(list)
    for s in sources:
        by_category[s.category].append(s)
    parts = []
    seen: list[str] = []
    for cid, category in atlas.inventory.categories.items():
        if cid in by_category:
            links = ", ".join(
                f"[{md(s.head.title)}]({rel_link(src, subject_path(category, s.head.id))})"
                for s in sorted(by_category[cid], key=lambda x: x.head.title)
            )
            if "cause" in category.requires:
                seen.append(links)
            else:
                parts.append(f"*{md(category.title)}:* {links}")
    here = atlas.inventory.categories.get(src.split("/")[0])
    label = "Other incidents that link here" if here is not None and "cause" in here.requires else "Seen in production"
    out = [f"**{label}:** " + "; ".join(seen), ""] if seen else []
    return out + (["**Linked from:** " + "; ".join(parts), ""] if parts else [])


def tag_title(atlas: Atlas, tag: str) -> str:
    """Return how the site writes a tag: its vocabulary title, or the tag itself."""
    v = atlas.vocabulary
    return v.root[tag].title if v is not None and tag in v.root else tag


def subject_top(s: Subject, src: str) -> list[str]:
    """Return what a subject page opens with, above its first diagram: title, summary, and an incident's box."""
    h = s.head
    return [f"# {md(h.title)}", "", md(h.summary), "", *glance_box(s, src)]


def subject_details(atlas: Atlas, s: Subject, src: str, backlinks: list[Subject]) -> list[str]:
    """Return what follows the diagrams: meta line, tags, links both ways and the facts."""
    h = s.head
    out = ["## About this subject {#about-this-subject}", ""]
    meta = []
    if h.company:
        meta.append(f"**Company:** {md(h.company)}")
    if h.date:
        meta.append(f"**Date:** {md(h.date)}")
    if h.cause:
        meta.append(f"**Root cause:** {md(CAUSE_TITLES[h.cause])}")
    meta.append(f"**As of:** {md(h.as_of)}")
    out += [" · ".join(meta), ""]
    tags = atlas.tags(s)
    if tags:
        out += [
            "**Tags:** " + " · ".join(f"[{md(tag_title(atlas, t))}]({rel_link(src, f'tags/{t}.md')})" for t in tags),
            "",
        ]
    out += related_line(atlas, src, h.related)
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
