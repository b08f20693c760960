"""Sources: every diagram cites what it rests on; `reported` needs a source with a URL; URLs are canonical."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..atlas import Atlas
from ..diagnostics import Report

# Hosts that serve someone else's document: proxies, copy sites, archives of other projects' lists, reposts.
COPY_HOSTS = [
    (re.compile(r"(?:^|\.)workers\.dev$"), "a Cloudflare Workers proxy"),
    (re.compile(r"(?:^|\.)translate\.goog$|^webcache\.googleusercontent\.com$"), "a Google proxy or cache"),
    (re.compile(r"^github\.(?!(?:com|blog|io|community)$)[a-z0-9.-]+$"), "a GitHub mirror"),
    (
        re.compile(
            r"(?:^|\.)(?:studylib\.net|readkong\.com|scilit\.(?:com|net)|docslib\.org|silo\.tips|"
            r"vdocuments\.[a-z]+|fdocuments\.[a-z]+|docplayer\.[a-z]+|pdfslide\.[a-z]+|dokumen\.[a-z]+)$"
        ),
        "a document-copy site",
    ),
    (re.compile(r"(?:^|\.)slideshare\.net$"), "a slide re-upload site"),
    (re.compile(r"(?:^|\.)(?:mail-archive\.com|markmail\.org)$"), "a third-party copy of a mailing list"),
    (re.compile(r"^hn\.[a-z0-9.-]+$"), "a Hacker News mirror"),
    (re.compile(r"(?:^|\.)(?:csdn\.net|cnblogs\.com)$"), "a repost site"),
    (re.compile(r"(?:^|\.)(?:rssing\.com|kolauthor\.com)$"), "an RSS or social-feed copy"),
]
INDEX_SEGMENTS = {"tag", "tags", "author", "authors", "category", "categories"}


def not_canonical(url: str) -> str | None:
    """Say why `url` is not the publisher's own address of one document, or None when it may be."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    for pattern, what in COPY_HOSTS:
        if pattern.search(host):
            return f"{host} is {what}"
    segments = [s for s in parts.path.lower().split("/") if s]
    for i, seg in enumerate(segments):
        if seg in INDEX_SEGMENTS and not (i and segments[i - 1] == "releases"):  # /releases/tag/v1 is a page
            rest = segments[i + 2 :]
            if len(rest) == 0 or (len(rest) == 2 and rest[0] == "page"):
                return f"/{seg}/ is an index page listing articles, not the article"
    return None


def check(atlas: Atlas, report: Report) -> None:
    """Check source references and evidence levels."""
    for subject in atlas.subjects:
        known = {s.id: s for s in subject.head.sources}
        for i, src in enumerate(subject.head.sources):
            why = not_canonical(src.url) if src.url else None
            if why:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("sources", i, "url")),
                    "SRC006",
                    f"source {src.id!r}: {why}; cite the canonical address of the same document (the "
                    "publisher's post, the paper at ACM/USENIX or the author's page, the repo on github.com, "
                    "the project's docs or its own list archive)",
                )
            if src.kind is None:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("sources", i, "id")),
                    "SRC007",
                    f"source {src.id!r} does not say `kind:`; write `kind: primary` for the organisation's "
                    "own post, postmortem, status page, filing, paper, official docs or code, or "
                    "`kind: secondary` for news, newsletters, summaries, third-party blogs, Q&A and "
                    "retellings",
                )
        used: set[str] = set()
        for i, src in enumerate(subject.head.sources):
            if [s.id for s in subject.head.sources].index(src.id) != i:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("sources", i, "id")),
                    "SRC005",
                    f"source id {src.id!r} is defined twice",
                )
        for d in subject.diagrams:
            c = d.common
            for j, ref in enumerate(c.sources):
                used.add(ref)
                if ref not in known:
                    report.add(
                        d.doc.rel,
                        d.doc.line(("diagrams", d.index, "sources", j)),
                        "SRC002",
                        f"source {ref!r} is not defined under `sources:`; known: {', '.join(known)}",
                    )
            if not c.sources:
                report.add(
                    d.doc.rel,
                    d.line,
                    "SRC001",
                    f"diagram {c.id!r} cites no source; add the ids of the sources it rests on",
                )
            elif c.evidence == "reported" and not any(known[r].url for r in c.sources if r in known):
                report.add(
                    d.doc.rel,
                    d.doc.line(("diagrams", d.index, "evidence")),
                    "SRC001",
                    f"diagram {c.id!r} is `reported` but none of its sources has a URL; add one, "
                    "or mark it derived/illustrative",
                )
            if c.evidence != "reported" and not c.evidence_note:
                report.add(
                    d.doc.rel,
                    d.doc.line(("diagrams", d.index, "evidence")),
                    "SRC004",
                    f"diagram {c.id!r} is {c.evidence}: say in `evidence_note` how the numbers were "
                    "derived or what the illustration stands for",
                )
        for name, fact in subject.head.facts.items():
            cited = getattr(fact, "source", None)
            if cited and cited not in known:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("facts", name, "source")),
                    "SRC002",
                    f"fact {name!r} cites {cited!r}, which is not under `sources:`",
                )
            elif cited:
                used.add(cited)
        for i, src in enumerate(subject.head.sources):
            if src.id not in used:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("sources", i, "id")),
                    "SRC003",
                    f"source {src.id!r} is cited by no diagram or fact; cite it or drop it",
                )
