"""The tag vocabulary (content/tags.yaml): canonical tags for systems, companies and concepts, with their aliases.

A subject's `tags:` may use a canonical tag or an alias; the site shows the canonical one. A tag the vocabulary
does not know is TAG001 with the nearest known tags as a suggestion. An atlas without content/tags.yaml keeps
its tags as written and is not checked.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

from pydantic import Field, RootModel

from .diagnostics import Report
from .load import Portable, read
from .model import Slug, Strict, Text
from .paths import Layout
from .schema import validated

TagKind = Literal["system", "company", "concept"]


class Tag(Strict):
    """One canonical tag: what it names, how the site writes it, and the other spellings that mean it."""

    kind: TagKind
    title: Text = Field(description="as the site writes it: PostgreSQL, Amazon S3, leader election")
    aliases: list[Slug] = Field(default_factory=list)


class Vocabulary(RootModel[dict[Slug, Tag]]):
    """Every tag the atlas uses, by canonical slug."""

    def canonical(self, tag: str) -> str | None:
        """Return the canonical tag a tag or alias names, or None when the vocabulary does not know it."""
        if tag in self.root:
            return tag
        return next((c for c, t in self.root.items() if tag in t.aliases), None)

    def suggest(self, tag: str) -> list[str]:
        """Return up to three known tags spelled like `tag` (or containing it)."""
        names = [*self.root, *(a for t in self.root.values() for a in t.aliases)]
        close = difflib.get_close_matches(tag, names, n=3, cutoff=0.8)
        close += [n for n in names if min(len(tag), len(n)) > 3 and (tag in n or n in tag) and n not in close]
        return sorted({self.canonical(n) or n for n in close[:3]})

    def names(self, tag: str) -> list[str]:
        """Return the words that name a tag in prose: its title and its aliases, spelled as words."""
        t = self.root[tag]
        words = {t.title, tag, *t.aliases}
        return sorted({re.sub(r"[-_]", " ", w) for w in words} | words, key=len, reverse=True)


def load_vocabulary(layout: Layout, report: Report, portable: Portable | None = None) -> Vocabulary | None:
    """Read content/tags.yaml when it exists; report its problems (an alias used twice: TAG002)."""
    path = layout.content / "tags.yaml"
    if not path.is_file():
        return None
    rel = layout.rel(path)
    doc = read(path, rel, report, portable)
    if doc is None:
        return None
    vocabulary = validated(Vocabulary, doc.data, doc, (), report)
    if not isinstance(vocabulary, Vocabulary):
        return None
    seen: dict[str, str] = {}
    for tag, entry in vocabulary.root.items():
        for i, alias in enumerate([tag, *entry.aliases]):
            if alias in seen and seen[alias] != tag:
                line = doc.line((tag, "aliases", i - 1) if i else (tag,))
                report.add(
                    rel,
                    line,
                    "TAG002",
                    f"{alias!r} already names {seen[alias]!r}; a spelling must mean one tag, so drop it here "
                    f"or merge the two entries",
                )
            seen.setdefault(alias, tag)
    return vocabulary


def check_tags(vocabulary: Vocabulary, rel: str, tags: list[str], line_of: list[int], report: Report) -> None:
    """Report each tag of one subject that the vocabulary does not know (TAG001), with a suggestion."""
    for tag, line in zip(tags, line_of, strict=True):
        if vocabulary.canonical(tag) is not None:
            continue
        near = vocabulary.suggest(tag)
        hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
        report.add(
            rel,
            line,
            "TAG001",
            f"tag {tag!r} is not in content/tags.yaml; {hint}use a listed tag or alias, or add {tag!r} there "
            "with its kind (system, company or concept) and title",
        )
