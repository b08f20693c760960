"""The site's navigation: home, each category with its subjects (and their diagram pages), tags, coverage, about."""

from __future__ import annotations

from typing import Any

from .pages import Page


def nav(generated: list[Page]) -> list[Any]:
    """Return MkDocs' `nav:` as data; tag pages hang off the tag index, not the navigation."""
    by_path = {p.path: p for p in generated}
    out: list[Any] = [{"Home": "index.md"}]
    for p in generated:
        if p.order != 0 or not p.section or p.section == "tags":
            continue
        entries: list[Any] = [p.path]
        for child in p.children:
            page = by_path[child]
            if page.children:
                entries.append({page.title: [page.path] + [{by_path[g].title: g} for g in page.children]})
            else:
                entries.append({page.title: child})
        out.append({p.title: entries})
    out += [{"Map": "map.md"}, {"Tags": "tags/index.md"}, {"Coverage": "coverage.md"}, {"About the data": "about.md"}]
    return out
