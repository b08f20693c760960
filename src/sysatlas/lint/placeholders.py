"""Placeholders and filler: generic names and unfinished text never reach the site."""

from __future__ import annotations

import re

from ..atlas import Atlas
from ..diagnostics import Report
from ..model import walk_text

PATTERNS = [
    (
        re.compile(
            r"\b(?:service|server|node|database|db|system|component|team|client)"
            r" (?:(?-i:[A-F])|[0-9]{1,2})\b(?![.\w])(?!\s*(?:ms|s|GB|TB|MB|%|nodes|replicas|x))",
            re.I,
        ),
        "a generic name",
    ),
    (re.compile(r"\b(?:foo|foobar|baz|qux|lorem|ipsum|dolor)\b", re.I), "a filler word"),
    (re.compile(r"\b(?:TODO|TBD|FIXME|XXX|FILL)\b"), "an unfinished marker"),
    (re.compile(r"\bexample\.(?:com|org|net)\b", re.I), "an example domain"),
    (re.compile(r"\b(?:placeholder|some service|my ?service|acme corp)\b", re.I), "a placeholder"),
    (re.compile(r"\?\?\?|\.\.\.$"), "an unfinished sentence"),
]


def find(text: str) -> str | None:
    """Return what kind of placeholder `text` contains, or None."""
    for pattern, what in PATTERNS:
        hit = pattern.search(text)
        if hit:
            return f"{what} ({hit.group(0)!r})"
    return None


def check(atlas: Atlas, report: Report) -> None:
    """Flag placeholder text in subjects (title, summary, sources, facts) and in every diagram."""
    for s in atlas.subjects:
        head = walk_text(s.head)
        for text in head:
            what = find(text)
            if what:
                report.add(
                    s.doc.rel,
                    s.doc.line(("id",)),
                    "PH001",
                    f"subject {s.head.id!r} contains {what} in {text[:60]!r}; write the real text",
                )
                break
    for d in atlas.diagrams():
        texts = [d.common.title, d.common.caption, *walk_text(d.common.three_am), *walk_text(d.body)]
        for text in texts:
            what = find(text)
            if what:
                report.add(
                    d.doc.rel,
                    d.line,
                    "PH001",
                    f"diagram {d.common.id!r} contains {what} in {text[:60]!r}; name the real system, number or step",
                )
                break
