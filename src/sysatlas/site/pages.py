"""The site's pages, assembled from the atlas: home, categories, subjects (and diagrams), tags, coverage, about."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atlas import Atlas, Diagram, Subject
from ..stats import coverage, coverage_markdown
from .atlasmap import map_page
from .blocks import FIRST, diagram_block, sources_section, subject_details, subject_top, tag_title
from .catalogue import catalogue_page, entries, grouped_page, system_pages
from .incidents import dataset, incidents_table
from .profiles import comparison_table
from .runbook import runbook_section
from .text import attr, diagram_files, diagram_path, html_link, md, rel_link, subject_path

ABOUT = Path(__file__).parent / "about.md"


@dataclass
class Page:
    """One generated Markdown page."""

    path: str
    title: str
    text: str
    section: str = ""
    order: int = 1
    children: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    """Front matter: description (the page's meta description and link preview), search boost, hidden panels."""


def subject_meta(text: str, boost: float = 2) -> dict[str, Any]:
    """A subject's or diagram's front matter: its description, and a search boost over tag and list pages (a
    diagram with a page of its own ranks under subjects, so "raft" finds Raft before a case study's diagram)."""
    return {"description": first_sentence(text, 300), "search": {"boost": boost}}


def subject_pages(atlas: Atlas, s: Subject, backlinks: list[Subject]) -> list[Page]:
    """Return the page of one subject, or its index and one page per diagram when its category asks for that.

    The answer comes first: the title, the summary (and an incident's "At a glance" box), then the diagrams; the
    subject's metadata, links and facts follow them.
    """
    category = atlas.category(s)
    src = subject_path(category, s.head.id)
    if not category.per_diagram:
        out = subject_top(s, src)
        for i, d in enumerate(s.diagrams):
            out += diagram_block(atlas, s, d, src, first=i == 0)
        out += runbook_section(s)
        out += subject_details(atlas, s, src, backlinks)
        out += sources_section(s)
        return [Page(src, s.head.title, "\n".join(out) + "\n", s.category, meta=subject_meta(s.head.summary))]
    index = [*subject_top(s, src), "## Diagrams {#diagrams}", "", '<div class="sysatlas-gallery">']
    result = []
    for i, d in enumerate(s.diagrams):
        path = diagram_path(category, d)
        index.append(gallery_item(d, src, path, first=i == 0))
        body = [f"# {md(d.common.title)} {{#{d.common.id}}}", "", f"[← {md(s.head.title)}]({rel_link(path, src)})", ""]
        body += diagram_block(atlas, s, d, path, heading="", first=True)
        result.append(
            Page(path, d.common.title, "\n".join(body) + "\n", s.category, meta=subject_meta(d.common.caption, boost=1))
        )
    index += ["</div>", "", *runbook_section(s), *subject_details(atlas, s, src, backlinks), *sources_section(s)]
    page = Page(
        src,
        s.head.title,
        "\n".join(index) + "\n",
        s.category,
        children=[p.path for p in result],
        meta=subject_meta(s.head.summary),
    )
    return [page, *result]


def first_sentence(text: str, limit: int = 200) -> str:
    """Return the first sentence of a summary, cut at a word near `limit` characters."""
    m = re.match(r"(.+?[.!?])(?:\s|$)", text)
    out = m.group(1) if m else text
    return out if len(out) <= limit else out[: limit - 1].rsplit(" ", 1)[0] + "…"


def thumbnail(src: str, s: Subject) -> str:
    """Return the small light and dark picture of a subject's first diagram, as raw HTML."""
    if not s.diagrams:
        return ""
    d = s.diagrams[0]
    files = diagram_files(d.category, d.subject, d.common.id)
    return "".join(
        f'<img class="sysatlas-thumb sysatlas-{v}" src="{attr(html_link(src, files[v]))}" alt="" loading="lazy" '
        'decoding="async">'
        for v in ("light", "dark")
    )


def category_page(atlas: Atlas, cid: str, written: list[Subject]) -> Page:
    """Return a category's page: its purpose, then each subject with a thumbnail and a one-line summary."""
    cat = atlas.inventory.categories[cid]
    src = f"{cid}/index.md"
    body = [f"# {md(cat.title)}", "", md(cat.purpose), ""]
    if "cause" in cat.requires:
        body += incidents_table(atlas, src)
    else:
        if "profile" in cat.requires:
            body += comparison_table(atlas, src, written)
        body += ["Each subject has: " + ", ".join(f"*{md(i)}*" for i in cat.diagram_ids) + ".", ""]
        body.append('<ul class="sysatlas-subjects">')
        for s in written:
            link = attr(html_link(src, subject_path(cat, s.head.id).removesuffix(".md").removesuffix("index")))
            body.append(
                f'<li><a href="{link}">{thumbnail(src, s)}<strong>{attr(s.head.title)}</strong></a>'
                f"<span>{attr(first_sentence(s.head.summary))}</span></li>"
            )
        body += ["</ul>", ""]
    children = [subject_path(cat, s.head.id) for s in written]
    meta = {"description": first_sentence(cat.purpose, 300)}
    return Page(src, cat.title, "\n".join(body) + "\n", cid, 0, children, meta=meta)


def home_page(atlas: Atlas) -> Page:
    """Return the home page: what a reader can do here, then the categories."""
    inventory = atlas.inventory
    cats = inventory.categories
    has = {c for c in cats if any(s.category == c for s in atlas.subjects)}

    def link(cid: str, title: str | None = None) -> str:
        return f"[{md(title or cats[cid].title)}]({cid}/index.md)" if cid in has else ""

    tasks = [
        (
            "Look up a mechanism",
            "How it works, what it guarantees, how it fails: "
            + ", ".join(x for x in (link("mechanisms"), link("guarantees"), link("patterns")) if x)
            + ".",
        ),
        (
            "Look up an outage",
            f"{link('incidents', 'Incidents')}: every public postmortem, newest first." if "incidents" in has else "",
        ),
        (
            "Work through a runbook",
            "What to check first, step by step: "
            + ", ".join(x for x in (link("debugging"), link("operations")) if x)
            + ".",
        ),
        (
            "Find any diagram",
            "[The catalogue](catalogue/index.md): every diagram by system, kind, evidence and company; "
            "[the map](map.md): guarantees to mechanisms to patterns to incidents.",
        ),
    ]
    home = [f"# {md(inventory.name)}", "", md(inventory.intro), "", '<div class="grid cards" markdown>', ""]
    for title, text in tasks:
        if text and not text.endswith(": .") and text != ".":
            home += [f"-   **{title}**", "", f"    {text}", ""]
    home += ["</div>", "", "## Browse", ""]
    for cid, cat in cats.items():
        if cid in has:
            home.append(f"- **[{md(cat.title)}]({cid}/index.md)**: {md(cat.purpose)}")
    home += [
        "",
        "How facts are sourced and what the evidence levels mean: [about the data](about.md). What is written "
        "and what is still to come: [coverage](coverage.md).",
        "",
    ]
    meta = {"description": inventory.description, "search": {"boost": 0.5}}
    return Page("index.md", "Home", "\n".join(home) + "\n", "", -1, meta=meta)


def coverage_page(atlas: Atlas, rows: dict[str, Any]) -> Page:
    """Return the coverage page: the table, then the subjects each category still has to write."""
    text = ["# Coverage", "", "Generated by `sysatlas stats` from `content/inventory.yaml`.", ""]
    text.append(coverage_markdown(list(rows.values())))
    written = {s.key for s in atlas.subjects}
    pending = []
    for cid, cat in atlas.inventory.categories.items():
        todo = [x for x in cat.slugs if f"{cid}/{x}" not in written]
        if todo:
            pending += [f"### {md(cat.title)} ({len(todo)})", "", ", ".join(md(x) for x in todo), ""]
    if pending:
        text += ["## Pending subjects", "", "Listed in the inventory, not written yet.", "", *pending]
    meta = {
        "description": "What the atlas covers so far, and what is still to be written.",
        "search": {"exclude": True},
    }
    return Page("coverage.md", "Coverage", "\n".join(text) + "\n", "", 90, meta=meta)


def pages(atlas: Atlas) -> list[Page]:
    """Return every page of the site."""
    inventory = atlas.inventory
    rows = {r.id: r for r in coverage(atlas)}
    linked = atlas.backlinks()
    result: list[Page] = [home_page(atlas)]
    tags: dict[str, list[Subject]] = defaultdict(list)
    for cid in inventory.categories:
        written = [s for s in atlas.subjects if s.category == cid]
        result.append(category_page(atlas, cid, written))
        for s in written:
            result += subject_pages(atlas, s, linked.get(s.key, []))
            for t in atlas.tags(s):
                tags[t].append(s)
    result += catalogue_pages(atlas)
    result.append(
        Page("map.md", "Map", map_page(atlas), "", 80, meta={"hide": ["navigation", "toc"], "description": MAP_TEXT})
    )
    result += tag_pages(atlas, tags)
    result.append(coverage_page(atlas, rows))
    about = {"description": "Where the facts come from, what the evidence levels mean, and how to report an error."}
    result.append(Page("about.md", "About the data", ABOUT.read_text(encoding="utf-8"), "", 91, meta=about))
    return result


MAP_TEXT = (
    "Guarantees, the mechanisms that provide them, the patterns built on them, and the incidents they were seen in."
)


def catalogue_pages(atlas: Atlas) -> list[Page]:
    """Return the catalogue (every diagram, with filters) and its plain lists by system, company, kind, evidence."""
    rows = entries(atlas)
    desc = f"All {len(rows)} diagrams, by category, kind, system, evidence level and company."
    children = []
    lists = []
    for path, title, text, meta in system_pages(atlas, rows):
        lists.append(Page(path, title, text, "catalogue", 1, meta=meta))
    children.append(lists[0].path)
    for facet in ("company", "kind", "evidence"):
        path, title, text = grouped_page(atlas, rows, facet)
        lists.append(Page(path, title, text, "catalogue", 1, meta={"description": title + "."}))
        children.append(path)
    index = Page(
        "catalogue/index.md",
        "Diagram catalogue",
        catalogue_page(atlas, rows),
        "catalogue",
        0,
        children,
        meta={"hide": ["navigation", "toc"], "description": desc},
    )
    return [index, *lists]


def files(atlas: Atlas) -> dict[str, str]:
    """Return the site's data files (path -> text): the incident dataset."""
    return dataset(atlas)


TAG_META: dict[str, Any] = {"search": {"exclude": True}}  # the subjects themselves answer a search, not their tags
KINDS = {"system": "Systems and technologies", "company": "Companies", "concept": "Concepts"}


def tag_pages(atlas: Atlas, tags: dict[str, list[Subject]]) -> list[Page]:
    """Return one page per tag and the tag index, grouped by the vocabulary's kinds."""
    result = []
    v = atlas.vocabulary
    groups: dict[str, list[str]] = defaultdict(list)
    for t in sorted(tags, key=lambda x: tag_title(atlas, x).lower()):
        groups[v.root[t].kind if v is not None and t in v.root else ""].append(t)
        title = tag_title(atlas, t)
        lines = [f"# {md(title)}", ""]
        src = f"tags/{t}.md"
        if v is not None and t in v.root and v.root[t].kind == "system":
            lines += [f"Every diagram that names {md(title)}: [the catalogue](../catalogue/systems/{t}.md).", ""]
        for s in tags[t]:
            category = atlas.category(s)
            lines.append(
                f"- [{md(s.head.title)}]({rel_link(src, subject_path(category, s.head.id))}) ({md(category.title)})"
            )
        result.append(Page(src, title, "\n".join(lines) + "\n", "tags", meta=TAG_META))
    index = ["# Tags", ""]
    for kind, heading in [*KINDS.items(), ("", "Other tags")]:
        if groups.get(kind):
            index += [f"## {heading}", ""]
            index.append(" · ".join(f"[{md(tag_title(atlas, t))}]({t}.md) ({len(tags[t])})" for t in groups[kind]))
            index.append("")
    result.append(
        Page(
            "tags/index.md",
            "Tags",
            "\n".join(index) + "\n",
            "tags",
            0,
            [f"tags/{t}.md" for t in sorted(tags)],
            meta=TAG_META,
        )
    )
    return result


def gallery_item(d: Diagram, src: str, page: str, first: bool = False) -> str:
    """Return one diagram of a subject's index as a linked preview: its image, title and caption."""
    files = diagram_files(d.category, d.subject, d.common.id)
    href = attr(html_link(src, page.removesuffix(".md") + "/"))
    images = "".join(
        f'<img class="sysatlas-svg sysatlas-{v}" src="{attr(html_link(src, files[v]))}" alt="" loading="lazy" '
        'decoding="async">'
        for v in ("light", "dark")
    )
    anchor = f' id="{FIRST}" tabindex="-1"' if first else ""
    return (
        f'<figure class="sysatlas-thumb"{anchor}><a href="{href}" tabindex="-1" aria-hidden="true">{images}</a>'
        f'<figcaption><a href="{href}">{md(d.common.title)}</a><br>{md(d.common.caption)}</figcaption></figure>'
    )
