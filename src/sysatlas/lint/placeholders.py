"""Placeholders and filler: generic names and unfinished text never reach the site."""

from __future__ import annotations

import re

from ..atlas import Atlas
from ..diagnostics import Report
from ..model import walk_text

GENERIC = r"service|server|node|database|system|component|team|client|backend|frontend"
GENERIC_TAIL = "|".join(w[1:] for w in GENERIC.split("|"))  # after a capital: Server-1, Node1
PATTERNS = [
    # "Service A", "Service G.", "Backend A", "db 2", and capitalised "Server-1", "Node1"; not "Node 1.5 ms",
    # "3 nodes", "DB2", hostnames such as node-1 or db1.cluster, C:\Windows\System32,
    # "System V", a URL's "return-to-service-10" or a shell's "host 2>/dev/null"
    (
        re.compile(
            rf"(?<![-/\\])\b(?:(?:{GENERIC}|db) |(?-i:[A-Z])(?:{GENERIC_TAIL})[_-]?)"
            r"(?:(?-i:[A-HXYZ])(?![\w-])|[0-9]{1,2}\b(?!\.\d|>))"
            r"(?!\s*(?:ms|s|GB|TB|MB|%|nodes|replicas|x)\b)",
            re.I,
        ),
        "a generic name",
    ),
    (re.compile(r"\b(?:foo|foobar|baz|qux|lorem|ipsum|dolor)\b", re.I), "a filler word"),
    (re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b", re.I), "an unfinished marker"),
    (re.compile(r"\bFILL\b"), "an unfinished marker"),
    (re.compile(r"(?<![\w/])n/a(?![\w/])", re.I), "a not-applicable marker"),
    (re.compile(r"\bexample\.(?:com|org|net)\b", re.I), "an example domain"),
    (re.compile(r"\b(?:placeholder|some service|my ?service|acme corp)\b", re.I), "a placeholder"),
    (re.compile(r"\?\?\?|\.\.\.$"), "an unfinished sentence"),
]
MIN_THREE_AM_CHARS = 3  # letters or digits: "x", "-" or "?" tells the on-call engineer nothing


def find(text: str) -> str | None:
    """Return what kind of placeholder `text` contains, or None."""
    for pattern, what in PATTERNS:
        hit = pattern.search(text)
        if hit:
            return f"{what} ({hit.group(0)!r})"
    return None


def too_thin(text: str) -> bool:
    """Say whether a three_am field is too short to tell anyone anything ("x", "-", "?")."""
    return sum(c.isalnum() for c in text) < MIN_THREE_AM_CHARS


def check(atlas: Atlas, report: Report) -> None:
    """Flag placeholder text in subjects (title, summary, sources, facts) and in every diagram.

    A fact's verbatim `quote` is the source's words, not ours (typed `Quote`, so walk_text skips it), and a
    source's URL is an address, not prose.
    """
    for s in atlas.subjects:
        urls = {src.url for src in s.head.sources if src.url}
        head = [text for text in walk_text(s.head) if text not in urls]
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
        for name, text in d.common.three_am.model_dump().items():
            if too_thin(text):
                report.add(
                    d.doc.rel,
                    d.doc.line(("diagrams", d.index, "three_am", name)),
                    "PH001",
                    f"diagram {d.common.id!r}: three_am.{name} is {text!r}; say in a sentence what "
                    "fails, what it looks like (a real metric or log line) or what to check first",
                )
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
