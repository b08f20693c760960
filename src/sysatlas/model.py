"""Stage 2: the content model. Subjects, sources and the fields every diagram shares."""

from __future__ import annotations

import functools
import re
import typing
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

SLUG = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"
REF = re.compile(r"^(?P<category>[a-z0-9-]+)/(?P<subject>[a-z0-9-]+)(?:#(?P<diagram>[a-z0-9-]+))?$")


def _text(value: Any) -> Any:
    """Accept strings and whole numbers; refuse floats, which YAML may have mangled (1.10 -> 1.1)."""
    if isinstance(value, bool):
        raise ValueError("expected text, got a boolean; quote it (YAML reads yes/no/true/false as booleans)")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueError(f"expected text, got the number {value!r}; quote it (YAML reads 1.10 as 1.1)")
    if isinstance(value, str):
        stripped = " ".join(value.split())
        if not stripped:
            raise ValueError("text must not be empty")
        return stripped
    return value


class Shown:
    """Marks a string type as text the reader sees: the placeholder, length and duplicate rules read it."""


SHOWN = Shown()
Text = Annotated[str, BeforeValidator(_text), SHOWN]
Spec = Annotated[str, BeforeValidator(_text)]
"""Written by people, read by the program (dates, durations): never shown as it is, so never checked as text."""
Quote = Annotated[str, BeforeValidator(_text)]
"""The source's words, verbatim: shown to the reader, but not ours, so the placeholder rule does not read them."""
Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$"), SHOWN]
Slug = Annotated[str, Field(pattern=SLUG, min_length=2, max_length=80)]


class Ref(NamedTuple):
    """A `related` reference: a subject (category/subject) or one of its diagrams (category/subject#diagram)."""

    category: str
    subject: str
    diagram: str | None = None

    @property
    def subject_key(self) -> str:
        return f"{self.category}/{self.subject}"

    def __str__(self) -> str:
        return self.subject_key + (f"#{self.diagram}" if self.diagram else "")


def _ref(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    match = REF.match(value)
    if not match:
        raise ValueError(f"related entry {value!r} must look like category/subject or category/subject#diagram")
    return Ref(match["category"], match["subject"], match["diagram"])


Related = Annotated[Ref, BeforeValidator(_ref)]


def walk_text(value: Any) -> list[str]:
    """Return every string of a model that the reader sees (typed `Text` or `Url`), depth first."""
    out: list[str] = []
    if isinstance(value, BaseModel):
        for name, shown in shown_fields(type(value)):
            _collect(getattr(value, name), shown, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            out += walk_text(item)
    return out


@functools.cache
def shown_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """Return each field of a model and whether the strings it holds are shown (worked out once per model)."""
    return tuple((name, _shown_paths(f.annotation, tuple(f.metadata))) for name, f in model.model_fields.items())


def _collect(value: Any, shown: bool, out: list[str]) -> None:
    if isinstance(value, BaseModel):
        out += walk_text(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, shown, out)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, shown, out)
    elif isinstance(value, str) and shown:
        out.append(value)


def _shown_paths(annotation: Any, metadata: tuple[Any, ...] = ()) -> bool:
    """Say whether strings held by a field of this type (directly or in lists, dicts, unions) are shown."""
    if any(isinstance(m, Shown) for m in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return any(isinstance(m, Shown) for m in args[1:]) or _shown_paths(args[0])
    origin = typing.get_origin(annotation)
    if origin is dict:
        return _shown_paths(typing.get_args(annotation)[1])
    if origin is not None:
        return any(_shown_paths(a) for a in typing.get_args(annotation))
    return False


class Strict(BaseModel):
    """A model that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Strict):
    """A public document a diagram rests on."""

    id: Slug
    url: Url | None = None
    title: Text
    publisher: Text
    date: Text | None = Field(None, description="publication date as written by the publisher: 2018-10-30 or 2014")
    kind: Literal["primary", "secondary"] | None = Field(
        None,
        description="primary: the organisation's own post, postmortem, filing, paper, official docs or code; "
        "secondary: a retelling (news, newsletter, summary, third-party blog)",
    )
    note: Text | None = None


class ThreeAM(Strict):
    """What an on-call engineer needs from the diagram."""

    breaks: Text = Field(description="what fails")
    looks_like: Text = Field(description="the metric, log line or error that shows it")
    check_first: Text = Field(description="the first thing to check or do")


FactEvidence = Literal["reported", "derived", "estimate", "illustrative", "unquoted"]


class Fact(Strict):
    """A number or name written once per subject and interpolated as ${name} into any diagram text.

    A fact with a `source` is `reported` unless it says otherwise, and a reported fact carries `quote`: the
    sentence or table cell of the source that states the value, verbatim. A `derived` fact computes its value from
    other facts (`derive:`); `estimate` and `illustrative` say so in `note`; `unquoted` names its source but the
    sentence stating it was not seen.
    """

    value: Text | float | None = None
    unit: Text | None = None
    source: Slug | None = None
    quote: Quote | None = Field(None, description="the source's sentence stating the value, verbatim")
    locator: Text | None = Field(None, description="where in the source: section, table, page")
    evidence: FactEvidence | None = Field(None, description="default: reported when a source is given")
    derive: Text | None = Field(None, description="an expression over other facts: `end - start`, `a * b / c`")
    note: Text | None = None

    @property
    def level(self) -> str:
        """The fact's evidence level, with the default applied."""
        if self.evidence:
            return self.evidence
        if self.derive:
            return "derived"
        return "reported" if self.source else "illustrative"


Evidence = Literal["reported", "derived", "illustrative"]


class DiagramCommon(Strict):
    """Fields every diagram has, whatever its kind."""

    id: Slug
    kind: str
    title: Text
    caption: Text
    three_am: ThreeAM
    evidence: Evidence
    evidence_note: Text | None = Field(
        None, description="how a derived number was computed, or what an illustration stands for"
    )
    sources: list[Slug] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    as_of: Text | None = None


Cause = Literal[
    "config-change",
    "capacity",
    "dependency",
    "software-bug",
    "hardware-network",
    "bgp-dns",
    "certificate-time",
    "human-operation",
    "security",
]
"""An incident's root-cause class: what started it, defined once here and used by every incident."""

CAUSE_TITLES: dict[str, str] = {
    "config-change": "config change",
    "capacity": "capacity",
    "dependency": "dependency",
    "software-bug": "software bug",
    "hardware-network": "hardware / network",
    "bgp-dns": "BGP / DNS",
    "certificate-time": "certificate / time",
    "human-operation": "human operation",
    "security": "security",
}


class Profile(Strict):
    """A case study's row in the category's comparison table: the same four questions for every company."""

    scale: Text = Field(description="how big, with a ${fact} and its year: `${monthly_users} monthly users (2024)`")
    datastores: Text = Field(description="the primary datastores, named: `Cassandra, then ScyllaDB (messages)`")
    deployment: Text = Field(description="where and how it runs: `own data centres + GCP, Kubernetes`")
    incident: Related | None = Field(None, description="its best-documented outage: `incidents/<slug>`")


class SubjectHead(Strict):
    """A subject's metadata, sources and facts; its diagrams are validated one by one by kind."""

    id: Slug
    title: Text
    summary: Text
    tags: list[Slug] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    as_of: Text
    company: Text | None = None
    date: Text | None = None
    cause: Cause | None = Field(None, description="an incident's root-cause class")
    profile: Profile | None = Field(None, description="a case study's row in the comparison table")
    sources: list[Source] = Field(min_length=1)
    facts: dict[Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+$")], Fact | Text | float] = Field(default_factory=dict)
    diagrams: list[dict[str, Any]] = Field(min_length=1)
