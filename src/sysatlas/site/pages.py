"""Markdown pages generated from the atlas: home, categories, subjects, diagrams, tags, coverage, about."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..atlas import Atlas, Diagram, Subject
from ..browser.config import CONFIG
from ..model import REF, Fact, SubjectHead
from ..stats import CategoryStats, coverage

CATEGORY_TITLES = {
    "guarantees": "Guarantees",
    "mechanisms": "Mechanisms",
    "patterns": "Patterns",
    "case-studies": "Case studies",
    "incidents": "Incidents",
    "performance": "Performance",
    "migrations": "Migrations",
    "costs": "Costs",
    "debugging": "Debugging",
    "operations": "Operations",
}
CATEGORY_PURPOSE = {
    "guarantees": "What a system promises about the order and visibility of operations, and what it costs.",
    "mechanisms": "The protocols and data structures that implement those promises.",
    "patterns": "Architectural solutions as deployed, with their failure modes.",
    "case-studies": "Real companies' architectures, one diagram per aspect.",
    "incidents": "Public postmortems: timeline and cause-to-impact cascade.",
    "performance": "Latency, utilisation, scaling and bottlenecks of real systems.",
    "migrations": "How teams moved from one architecture to another, and how they cut over.",
    "costs": "Where the money goes, from published figures.",
    "debugging": "Triage trees and investigations for common production symptoms.",
    "operations": "Deploying, observing and running systems safely.",
}
# Kinds Material for MkDocs themes for dark mode; the others get a light card behind them.
THEMED = {"architecture", "cascade", "decision", "comparison", "sequence", "state"}


@dataclass
class Page:
    """One generated Markdown page."""

    path: str
    title: str
    text: str
    section: str = ""
    order: int = 1
    children: list[str] = field(default_factory=list)


def md(text: str) -> str:
    """Escape text for Markdown prose (HTML-escaped, Markdown punctuation backslashed)."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]{}|#~])", r"\\\1", escaped)


def attr(text: str) -> str:
    """Escape text for an HTML attribute."""
    return html.escape(str(text), quote=True)


def rel_link(src: str, dest: str) -> str:
    """Return the relative Markdown link from page `src` to page `dest` (both docs-relative paths)."""
    base = PurePosixPath(src).parent
    parts = len(base.parts)
    up = "../" * parts
    return f"{up}{dest}"


def subject_path(category: str, subject: str) -> str:
    return f"{category}/{subject}.md" if category != "case-studies" else f"{category}/{subject}/index.md"


def diagram_path(d: Diagram) -> str:
    """Return the page that shows a diagram (case studies: one page per diagram)."""
    if d.category == "case-studies":
        return f"{d.category}/{d.subject}/{d.common.id}.md"
    return subject_path(d.category, d.subject)


def _ref_link(atlas: Atlas, src: str, ref: str) -> str:
    """Render a `category/subject[#diagram]` reference as a link, or as pending text when not yet written."""
    m = REF.match(ref)
    if not m:
        return md(ref)
    subject = atlas.subject(f"{m['category']}/{m['subject']}")
    if subject is None:
        return f"{md(m['subject'].replace('-', ' '))} <small>(pending)</small>"
    target = subject_path(subject.category, subject.head.id)
    anchor = ""
    label = subject.head.title
    if m["diagram"]:
        d = next((x for x in subject.diagrams if x.common.id == m["diagram"]), None)
        if d is not None:
            target = diagram_path(d)
            anchor = "" if subject.category == "case-studies" else f"#{d.common.id}"
            label = f"{subject.head.title}: {d.common.title}"
    return f"[{md(label)}]({rel_link(src, target)}{anchor})"


def _legend(d: Diagram) -> list[str]:
    """Mermaid's xychart draws no legend: name each series in the colour the theme gives it."""
    series = getattr(d.body, "series", None)
    if d.kind.name != "chart" or not series:
        return []
    palette = [c.strip() for c in CONFIG["themeVariables"]["xyChart"]["plotColorPalette"].split(",")]
    items = "".join(
        f'<span class="sysatlas-key"><i style="background:{palette[i % len(palette)]}"></i>'
        f"{html.escape(s.name)} ({s.type})</span>"
        for i, s in enumerate(series)
    )
    return [f'<div class="sysatlas-legend">{items}</div>']


def _diagram_block(atlas: Atlas, subject: Subject, d: Diagram, src: str, heading: str = "##") -> list[str]:
    c = d.common
    sources = {s.id: s for s in subject.head.sources}
    card = "" if d.kind.name in THEMED else " sysatlas-card"
    out = [f"{heading} {md(c.title)} {{#{c.id}}}", ""] if heading else []
    as_of = c.as_of or subject.head.as_of
    out.append(
        f'<p class="sysatlas-meta"><span class="sysatlas-badge {c.evidence}" '
        f'title="evidence level">{c.evidence}</span> as of {md(as_of)} · {d.kind.name} · '
        f"<code>{attr(d.key)}</code></p>"
    )
    out.append("")
    out.append(
        f'<figure class="sysatlas-diagram kind-{d.kind.name}{card}" data-diagram="{attr(d.subject)}--{c.id}" '
        f'data-title="{attr(c.title)}" role="figure" aria-label="{attr(c.title)}" markdown>'
    )
    out.append('<div class="sysatlas-scroll" markdown>')
    out.append("")
    out.append("```mermaid")
    out.append(d.mermaid.rstrip("\n"))
    out.append("```")
    out.append("")
    out.append("</div>")
    out += _legend(d)
    out.append(f"<figcaption>{with_quotes(c.caption, subject.head)}</figcaption>")
    out.append(
        '<div class="sysatlas-tools"><button type="button" data-action="zoom">Zoom / full screen</button>'
        '<button type="button" data-action="copy">Copy source</button>'
        '<button type="button" data-action="download">Download SVG</button></div>'
    )
    out.append("</figure>")
    out.append("")
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
    out.append("**Sources:** " + "; ".join(cited))
    out.append("")
    out.append(
        f"[Report an error in this diagram]({rel_link(src, 'about.md')}#report){{ .sysatlas-report "
        f'data-diagram="{attr(d.key)}" }}'
    )
    out.append("")
    if c.related:
        out.append("**Related:** " + " · ".join(_ref_link(atlas, src, r) for r in c.related))
        out.append("")
    return out


def backlinks(atlas: Atlas) -> dict[str, list[Subject]]:
    """Return, for each subject key, the other subjects whose related links (subject or diagram level) name it."""
    out: dict[str, list[Subject]] = defaultdict(list)
    for s in atlas.subjects:
        refs = set(s.head.related) | {r for d in s.diagrams for r in d.common.related}
        targets = {f"{m['category']}/{m['subject']}" for r in refs if (m := REF.match(r))}
        for key in sorted(targets - {s.key}):
            out[key].append(s)
    return out


def _linked_from(src: str, sources: list[Subject]) -> list[str]:
    by_category: dict[str, list[Subject]] = defaultdict(list)
    for s in sources:
        by_category[s.category].append(s)
    parts = []
    for cid in CATEGORY_TITLES:
        if cid in by_category:
            links = ", ".join(
                f"[{md(s.head.title)}]({rel_link(src, subject_path(s.category, s.head.id))})"
                for s in sorted(by_category[cid], key=lambda x: x.head.title)
            )
            parts.append(f"*{CATEGORY_TITLES[cid]}:* {links}")
    return ["**Linked from:** " + "; ".join(parts), ""] if parts else []


def _subject_header(atlas: Atlas, s: Subject, src: str, linked_from: list[Subject]) -> list[str]:
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
        out += ["**Related:** " + " · ".join(_ref_link(atlas, src, r) for r in h.related), ""]
    out += _linked_from(src, linked_from)
    out += _facts_table(h)
    return out


def _fact_shown(fact: Fact | str | float) -> str:
    """The text a fact interpolates to."""
    if not isinstance(fact, Fact):
        return str(fact)
    return f"{fact.value} {fact.unit}" if fact.unit else f"{fact.value}"


def _fact_evidence(h: SubjectHead, fact: Fact) -> str:
    """What the reader may rely on: the level, and for reported facts whether the source is primary."""
    level = fact.level
    if level == "reported":
        kind = {x.id: x.kind for x in h.sources}.get(fact.source or "")
        return "reported, primary source" if kind == "primary" else "reported, secondary source only"
    if level == "derived" and fact.derive:
        return f"derived: {fact.derive}"
    return level


def _facts_table(h: SubjectHead) -> list[str]:
    """Every fact with its value, evidence, the source's own words and where they are."""
    if not h.facts:
        return []
    titles = {x.id: x.title for x in h.sources}
    out = [
        '??? info "Key facts, quoted from their sources"',
        "    | Fact | Value | Evidence | The source says |",
        "    |---|---|---|---|",
    ]
    for name, fact in h.facts.items():
        if not isinstance(fact, Fact):
            out.append(f"    | {md(name)} | {md(_fact_shown(fact))} | | |")
            continue
        says = ""
        if fact.quote:
            says = f"“{md(fact.quote)}”"
        if fact.source:
            where = md(titles.get(fact.source, fact.source))
            says += f" — {where}" + (f", {md(fact.locator)}" if fact.locator else "")
        note = f" — {md(fact.note)}" if fact.note else ""
        out.append(f"    | {md(name)} | {md(_fact_shown(fact))}{note} | {md(_fact_evidence(h, fact))} | {says} |")
    out.append("")
    return out


def with_quotes(text: str, h: SubjectHead) -> str:
    """Escape `text` for prose and mark each quoted fact's value so the reader can hover it for the quote."""
    out = md(text)
    for fact in sorted(
        (f for f in h.facts.values() if isinstance(f, Fact) and f.quote), key=lambda f: -len(_fact_shown(f))
    ):
        shown = md(_fact_shown(fact))
        if len(shown) < 3 or shown not in out:
            continue
        tip = attr(f"“{fact.quote}” ({fact.source})")
        marked = f'<abbr class="sysatlas-fact" title="{tip}">{shown}</abbr>'
        out = re.sub(rf"(?<![\w>]){re.escape(shown)}(?![\w<])", marked.replace("\\", "\\\\"), out, count=1)
    return out


def _sources_section(s: Subject) -> list[str]:
    out = ["## Sources", ""]
    for src in s.head.sources:
        title = f"[{md(src.title)}]({src.url})" if src.url else md(src.title)
        out.append(f"- `{src.id}`: {title}, {md(src.publisher)}" + (f", {md(src.date)}" if src.date else ""))
    out.append("")
    return out


def subject_pages(atlas: Atlas, s: Subject, linked_from: list[Subject]) -> list[Page]:
    """Return the page(s) of one subject."""
    src = subject_path(s.category, s.head.id)
    if s.category != "case-studies":
        out = _subject_header(atlas, s, src, linked_from)
        for d in s.diagrams:
            out += _diagram_block(atlas, s, d, src)
        out += _sources_section(s)
        return [Page(src, s.head.title, "\n".join(out) + "\n", s.category)]
    index = [*_subject_header(atlas, s, src, linked_from), "## Diagrams", ""]
    result = []
    for d in s.diagrams:
        path = diagram_path(d)
        index.append(f"- [{md(d.common.title)}]({rel_link(src, path)}): {md(d.common.caption)}")
        body = [f"# {md(d.common.title)} {{#{d.common.id}}}", "", f"[← {md(s.head.title)}]({rel_link(path, src)})", ""]
        body += _diagram_block(atlas, s, d, path, heading="")
        result.append(Page(path, d.common.title, "\n".join(body) + "\n", s.category))
    index += ["", *_sources_section(s)]
    page = Page(src, s.head.title, "\n".join(index) + "\n", s.category, children=[p.path for p in result])
    return [page, *result]


def coverage_markdown(rows: list[CategoryStats]) -> str:
    """Return the coverage table as Markdown."""
    out = [
        "| Category | Priority | Subjects | Complete subjects | Diagrams | Done | Reported | Derived | Illustrative |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {CATEGORY_TITLES.get(r.id, r.id)} | {r.priority} | {r.subjects_done}/{r.subjects_needed} | "
            f"{r.complete_subjects} | {r.diagrams}/{r.target} | {r.percent:.0f}% | {r.evidence['reported']} | "
            f"{r.evidence['derived']} | {r.evidence['illustrative']} |"
        )
    total, target = sum(r.diagrams for r in rows), sum(r.target for r in rows)
    out.append(
        f"| **Total** | | {sum(r.subjects_done for r in rows)}/{sum(r.subjects_needed for r in rows)} | "
        f"{sum(r.complete_subjects for r in rows)} | {total}/{target} | "
        f"{100 * total / target if target else 0:.0f}% | {sum(r.evidence['reported'] for r in rows)} | "
        f"{sum(r.evidence['derived'] for r in rows)} | {sum(r.evidence['illustrative'] for r in rows)} |"
    )
    return "\n".join(out) + "\n"


def pages(atlas: Atlas) -> list[Page]:
    """Return every page of the site."""
    rows = {r.id: r for r in coverage(atlas)}
    linked = backlinks(atlas)
    result: list[Page] = []
    home = [
        "# sysatlas",
        "",
        "The reference atlas of production distributed-systems architecture: every diagram generated from "
        "sourced data, rendered by the same pinned Mermaid in a real browser before it is published, and "
        "readable offline.",
        "",
        "| Category | What it covers | Subjects | Diagrams |",
        "|---|---|---|---|",
    ]
    for cid, cat in atlas.inventory.categories.items():
        r = rows[cid]
        home.append(
            f"| [{CATEGORY_TITLES.get(cid, cid)}]({cid}/index.md) | {md(CATEGORY_PURPOSE.get(cid, ''))} | "
            f"{r.subjects_done}/{cat.subjects_needed} | {r.diagrams}/{cat.target} |"
        )
    home += [
        "",
        "See [coverage](coverage.md) for the completeness checklist and [about the data](about.md) for how "
        "facts are sourced and what the evidence levels mean.",
        "",
    ]
    result.append(Page("index.md", "Home", "\n".join(home) + "\n", "", -1))
    tags: dict[str, list[Subject]] = defaultdict(list)
    for cid, cat in atlas.inventory.categories.items():
        written = [s for s in atlas.subjects if s.category == cid]
        src = f"{cid}/index.md"
        body = [
            f"# {CATEGORY_TITLES.get(cid, cid)}",
            "",
            md(CATEGORY_PURPOSE.get(cid, "")),
            "",
            f"{len(written)} of {cat.subjects_needed} subjects written, {rows[cid].diagrams} of {cat.target} diagrams.",
            "",
        ]
        if cat.diagram_ids:
            body += ["Each subject has: " + ", ".join(f"*{md(i)}*" for i in cat.diagram_ids) + ".", ""]
        for s in written:
            body.append(
                f"- [{md(s.head.title)}]({rel_link(src, subject_path(cid, s.head.id))}) — {len(s.diagrams)} diagrams"
            )
        pending = [x for x in cat.subjects if x not in {s.head.id for s in written}]
        if pending:
            body += ["", "Pending: " + ", ".join(md(p) for p in pending)]
        children = [subject_path(cid, s.head.id) for s in written]
        result.append(Page(src, CATEGORY_TITLES.get(cid, cid), "\n".join(body) + "\n", cid, 0, children))
        for s in written:
            result += subject_pages(atlas, s, linked.get(s.key, []))
            for t in s.head.tags:
                tags[t].append(s)
    tag_index = ["# Tags", ""]
    for t in sorted(tags):
        tag_index.append(f"- [{md(t)}]({t}.md) ({len(tags[t])})")
        lines = [f"# Tag: {md(t)}", ""]
        src = f"tags/{t}.md"
        for s in tags[t]:
            lines.append(
                f"- [{md(s.head.title)}]({rel_link(src, subject_path(s.category, s.head.id))}) "
                f"({CATEGORY_TITLES.get(s.category, s.category)})"
            )
        result.append(Page(src, t, "\n".join(lines) + "\n", "tags"))
    result.append(
        Page("tags/index.md", "Tags", "\n".join(tag_index) + "\n", "tags", 0, [f"tags/{t}.md" for t in sorted(tags)])
    )
    result.append(
        Page(
            "coverage.md",
            "Coverage",
            "# Coverage\n\nGenerated by `sysatlas stats` from "
            "`content/inventory.yaml`.\n\n" + coverage_markdown(list(rows.values())),
            "",
            90,
        )
    )
    result.append(Page("about.md", "About the data", ABOUT, "", 91))
    return result


ABOUT = """# About the data

Every diagram on this site is generated from a YAML file under `content/`; nobody writes Mermaid by hand. Each
file lists the public sources its facts come from, and every diagram says which of them it rests on.

## Evidence levels

- <span class="sysatlas-badge reported">reported</span> every number in the diagram is stated by a cited source:
  vendor documentation, a paper, a postmortem or a published benchmark.
- <span class="sysatlas-badge derived">derived</span> the numbers are computed from reported ones; the note under
  the diagram says how.
- <span class="sysatlas-badge illustrative">illustrative</span> the diagram shows the shape of a behaviour with
  example values (a history of operations at T0, T+5ms); the note says what it stands for. It is not a
  measurement.

## How it is checked

Before anything is published, every diagram is validated against its schema, its numbers are checked (costs add
up, percentiles increase, timelines run forward), it is screened for placeholders and for template-stamped twins,
and it is rendered by the same pinned Mermaid bundle this site ships, in headless Chromium. The site itself is
built with `mkdocs build --strict` and loads nothing from the network.

## Reporting an error {#report}

Each diagram shows its id (for example `incidents/github-2018-10-21#timeline`), and its "Report an error" link
brings you here with a report already started for that diagram. Copy it into an issue in the project's tracker,
say what is wrong, and give a public source for the correction.

<textarea id="sysatlas-report-text" rows="7" readonly aria-label="Error report to copy">
Diagram: (use a diagram's "Report an error" link)
What is wrong:
What it should say:
Public source for the correction (URL):</textarea>
"""


def nav_lines(generated: list[Page]) -> list[str]:
    """Return the YAML lines of the `nav:` section: home, categories with their subjects, tags, coverage, about."""
    by_path = {p.path: p for p in generated}

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["  - Home: index.md"]
    for p in generated:
        if p.order == 0 and p.section and p.section != "tags":
            lines.append(f"  - {q(p.title)}:")
            lines.append(f"      - {p.path}")
            for child in p.children:
                cp = by_path[child]
                if cp.children:
                    lines.append(f"      - {q(cp.title)}:")
                    lines.append(f"          - {cp.path}")
                    lines += [f"          - {q(by_path[g].title)}: {g}" for g in cp.children]
                else:
                    lines.append(f"      - {q(cp.title)}: {child}")
    lines.append("  - Tags: tags/index.md")  # the tag pages hang off this index, not the navigation
    lines.append("  - Coverage: coverage.md")
    lines.append("  - About the data: about.md")
    return lines
