"""The case studies compared: one table row per company, from each case study's `profile:` (scale, datastores,
deployment, its best-documented outage), so a reader can read thirty architectures side by side."""

from __future__ import annotations

from ..atlas import Atlas, Subject
from .text import md, rel_link, subject_path


def comparison_table(atlas: Atlas, src: str, written: list[Subject]) -> list[str]:
    """Return the Markdown table comparing the subjects that have a profile, by company name."""
    rows = sorted((s for s in written if s.head.profile is not None), key=lambda s: s.head.company or s.head.id)
    if not rows:
        return []
    titles = {s.key: s.head.title for s in atlas.subjects}
    out = [
        "| Company | Scale | Primary datastores | Deployment | Best-documented outage |",
        "|---|---|---|---|---|",
    ]
    for s in rows:
        p = s.head.profile
        assert p is not None
        link = rel_link(src, subject_path(atlas.category(s), s.head.id))
        outage = "—"
        if p.incident is not None:
            key = p.incident.subject_key
            if key in titles:
                target = rel_link(
                    src, subject_path(atlas.inventory.categories[p.incident.category], p.incident.subject)
                )
                when, _, what = titles[key].partition(": ")
                outage = f"[{md(what or when)}]({target}) ({md(when.partition(', ')[2] or when)})"
            else:
                outage = md(p.incident.subject)
        out.append(
            f"| [{md(s.head.company or s.head.title)}]({link}) | {md(p.scale)} | {md(p.datastores)} | "
            f"{md(p.deployment)} | {outage} |"
        )
    return [*out, ""]
