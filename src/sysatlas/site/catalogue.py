"""The diagram catalogue: every diagram with its category, kind, systems, evidence and company, filterable.

The table filters in the browser (sysatlas.js reads each row's data attributes); with JavaScript off the same
diagrams are listed by system, company, kind and evidence on plain pages. A diagram's systems are its subject's
system tags and every system of the vocabulary its readable text names (title, caption, 3 AM note, text
alternative), so the catalogue's Kafka section lists every diagram that mentions Kafka.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..atlas import Atlas, Diagram
from ..tags import Vocabulary
from .text import attr, diagram_path, md, rel_link

# Names that are also ordinary words: found only as written in the vocabulary's title (Windows, Temporal).
ORDINARY = {"windows", "orchestrator", "temporal", "curator", "flagger", "burrow", "pacemaker", "serf", "linux", "go"}


@dataclass
class Entry:
    """One row of the catalogue."""

    diagram: Diagram
    path: str
    subject: str
    category: str
    company: str
    systems: list[str]


def readable(d: Diagram) -> str:
    """Return the text a reader sees for a diagram: title, caption, 3 AM note and text alternative."""
    c = d.common
    parts = [c.title, c.caption, c.three_am.breaks, c.three_am.looks_like, c.three_am.check_first]
    return "\n".join(parts + d.kind.describe(d.body))


def _matcher(vocabulary: Vocabulary, tag: str) -> Callable[[str], bool]:
    """Return a test for whether a text names a system: its title as written, other spellings in any case."""
    entry = vocabulary.root[tag]
    exact = [entry.title]
    loose = [] if tag in ORDINARY else [n for n in {tag, *entry.aliases} if len(n) >= 4 and n not in ORDINARY]
    loose += [n.replace("-", " ") for n in loose if "-" in n]

    def words(names: list[str]) -> str:
        return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))

    edge_l, edge_r = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"  # `_` is an edge: kafka_consumergroup_lag names Kafka
    exact_re = re.compile(f"{edge_l}(?:{words(exact)}){edge_r}")
    loose_re = re.compile(f"{edge_l}(?:{words(loose)}){edge_r}", re.IGNORECASE) if loose else None
    return lambda text: bool(exact_re.search(text) or (loose_re and loose_re.search(text)))


def entries(atlas: Atlas) -> list[Entry]:
    """Return every diagram of the atlas as a catalogue row, in inventory order."""
    v = atlas.vocabulary
    systems = [t for t, e in v.root.items() if e.kind == "system"] if v else []
    matchers = {t: _matcher(v, t) for t in systems} if v else {}
    out = []
    for cid, category in atlas.inventory.categories.items():
        for s in (s for s in atlas.subjects if s.category == cid):
            tagged = [t for t in atlas.tags(s) if t in matchers]
            for d in s.diagrams:
                text = readable(d)
                found = tagged + [t for t, hit in matchers.items() if t not in tagged and hit(text)]
                out.append(
                    Entry(d, diagram_path(category, d), s.head.title, category.title, s.head.company or "", found)
                )
    return out


def _title(atlas: Atlas, tag: str) -> str:
    v = atlas.vocabulary
    return v.root[tag].title if v is not None and tag in v.root else tag


def _link(src: str, e: Entry) -> str:
    anchor = "" if e.path.endswith(f"/{e.diagram.common.id}.md") else f"#{e.diagram.common.id}"
    return f"{rel_link(src, e.path)}{anchor}"


FACETS = ("category", "kind", "system", "evidence", "company")


def catalogue_page(atlas: Atlas, rows: list[Entry]) -> str:
    """Return the catalogue's Markdown: a filter bar (shown by JavaScript), links to the plain lists, the table."""
    src = "catalogue/index.md"
    values: dict[str, set[str]] = defaultdict(set)
    for e in rows:
        values["category"].add(e.category)
        values["kind"].add(e.diagram.kind.name)
        values["evidence"].add(e.diagram.common.evidence)
        if e.company:
            values["company"].add(e.company)
        values["system"].update(e.systems)
    out = [
        "# Diagram catalogue",
        "",
        f"All {len(rows)} diagrams of the atlas. Filter by category, kind, system or technology, evidence level and "
        "company; a system counts when the diagram's text names it. Without JavaScript, browse the plain lists: "
        "[by system](systems/index.md) · [by company](companies.md) · [by kind](kinds.md) · "
        "[by evidence](evidence.md).",
        "",
        '<form class="sysatlas-filters" hidden aria-label="Filter the diagrams">',
    ]
    for facet in FACETS:
        names = sorted(values[facet], key=lambda x: _title(atlas, x).lower() if facet == "system" else x.lower())
        options = "".join(
            f'<option value="{attr(n)}">{attr(_title(atlas, n) if facet == "system" else n)}</option>' for n in names
        )
        out.append(
            f'<label>{facet.capitalize()} <select data-facet="{facet}"><option value="">any</option>{options}'
            "</select></label>"
        )
    out += [
        '<label>Text <input type="search" data-facet="text" placeholder="words in the title"></label>',
        '<output class="sysatlas-count" aria-live="polite"></output>',
        "</form>",
        "",
        '<div class="sysatlas-table-wrap"><table class="sysatlas-catalogue">',
        "<thead><tr><th>Diagram</th><th>Category</th><th>Kind</th><th>Systems</th><th>Evidence</th>"
        "<th>Company</th></tr></thead>",
        "<tbody>",
    ]
    for e in rows:
        c = e.diagram.common
        data = (
            f'data-category="{attr(e.category)}" data-kind="{e.diagram.kind.name}" data-evidence="{c.evidence}" '
            f'data-company="{attr(e.company)}" data-system=" {attr(" ".join(e.systems))} "'
        )
        systems = ", ".join(attr(_title(atlas, t)) for t in e.systems)
        link = attr(_html_link(src, e))
        out.append(
            f'<tr {data}><td><a href="{link}">{attr(c.title)}</a><br><small>{attr(e.subject)}</small></td>'
            f"<td>{attr(e.category)}</td><td>{e.diagram.kind.name}</td><td>{systems}</td>"
            f"<td>{c.evidence}</td><td>{attr(e.company)}</td></tr>"
        )
    out += ["</tbody>", "</table></div>", ""]
    return "\n".join(out) + "\n"


def _html_link(src: str, e: Entry) -> str:
    """The link from the catalogue's built page (catalogue/) to a diagram's built page."""
    page = e.path.removesuffix(".md").removesuffix("index")
    anchor = "" if e.path.endswith(f"/{e.diagram.common.id}.md") else f"#{e.diagram.common.id}"
    return f"../{page.rstrip('/')}/{anchor}"


def grouped_page(atlas: Atlas, rows: list[Entry], facet: str) -> tuple[str, str, str]:
    """Return (path, title, Markdown) of one plain list of the catalogue, grouped by company, kind or evidence."""
    titles = {"company": "by company", "kind": "by kind", "evidence": "by evidence level"}
    path = {"company": "companies", "kind": "kinds", "evidence": "evidence"}[facet]
    src = f"catalogue/{path}.md"
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in rows:
        keys = _facet(e, facet)
        for k in keys:
            groups[k].append(e)
    order = sorted(groups, key=lambda k: _title(atlas, k).lower())
    title = f"Diagrams {titles[facet]}"
    out = [f"# {title}", "", f"[All diagrams, with filters](index.md) · {len(order)} groups:", ""]
    out.append(" · ".join(f"[{md(_title(atlas, k))}](#{_anchor(k)}) ({len(groups[k])})" for k in order))
    out.append("")
    for k in order:
        name = _title(atlas, k)
        out += [f"## {md(name)} {{#{_anchor(k)}}}", ""]
        for e in groups[k]:
            out.append(f"- [{md(e.diagram.common.title)}]({_link(src, e)}) — {md(e.subject)} ({md(e.category)})")
        out.append("")
    return src, title, "\n".join(out) + "\n"


def system_pages(atlas: Atlas, rows: list[Entry]) -> list[tuple[str, str, str, dict[str, object]]]:
    """Return (path, title, Markdown, front matter) of the systems index and one page per system.

    A system's page carries the system's names as search tags, so searching for "kafka" finds first the page
    that lists every diagram naming Kafka.
    """
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in rows:
        for t in e.systems:
            groups[t].append(e)
    order = sorted(groups, key=lambda k: _title(atlas, k).lower())
    index = [
        "# Diagrams by system",
        "",
        "[All diagrams, with filters](../index.md). Each system or technology, with the diagrams whose text names it:",
        "",
    ]
    index += [f"- [{md(_title(atlas, k))}]({k}.md) ({len(groups[k])})" for k in order]
    out: list[tuple[str, str, str, dict[str, object]]] = [
        (
            "catalogue/systems/index.md",
            "Diagrams by system",
            "\n".join(index) + "\n",
            {"description": "Every system and technology of the atlas, with the diagrams that name it."},
        )
    ]
    v = atlas.vocabulary
    for k in order:
        name = _title(atlas, k)
        src = f"catalogue/systems/{k}.md"
        many = len(groups[k])
        lines = [
            f"# {md(name)}: every diagram",
            "",
            f"{many} diagram{'s' if many != 1 else ''} name {md(name)} (in the text, or as a tag of their subject). "
            f'<a href="../../?system={attr(k)}">Filter the catalogue</a> · [all systems](index.md)',
            "",
        ]
        lines += [
            f"- [{md(e.diagram.common.title)}]({_link(src, e)}) — {md(e.subject)} ({md(e.category)})" for e in groups[k]
        ]
        names = sorted({name, k, *(v.root[k].aliases if v is not None and k in v.root else [])})
        meta: dict[str, object] = {"description": f"Every diagram of the atlas that names {name}.", "tags": names}
        out.append((src, f"{name}: every diagram", "\n".join(lines) + "\n", meta))
    return out


def _facet(e: Entry, facet: str) -> list[str]:
    """Return the values a row has for a facet: its company (if any), kind or evidence level."""
    if facet == "company":
        return [e.company] if e.company else []
    return [e.diagram.kind.name if facet == "kind" else e.diagram.common.evidence]


def _anchor(key: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", key.lower()).strip("-") or "x"
