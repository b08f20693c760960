"""Stage 2: the content model. Subjects, sources and the fields every diagram shares."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

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


Text = Annotated[str, BeforeValidator(_text)]
Slug = Annotated[str, Field(pattern=SLUG, min_length=2, max_length=80)]


def check_refs(value: list[str]) -> list[str]:
    """Check that each cross-reference has the form category/subject[#diagram]."""
    for ref in value:
        if not REF.match(ref):
            raise ValueError(f"related entry {ref!r} must look like category/subject or category/subject#diagram")
    return value


class Strict(BaseModel):
    """A model that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Strict):
    """A public document a diagram rests on."""

    id: Slug
    url: Annotated[str, Field(pattern=r"^https?://[^\s]+$")] | None = None
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
    quote: Text | None = Field(None, max_length=400, description="the source's sentence stating the value, verbatim")
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
    related: list[str] = Field(default_factory=list)
    as_of: Text | None = None

    @field_validator("related")
    @classmethod
    def _refs(cls, value: list[str]) -> list[str]:
        return check_refs(value)


class SubjectHead(Strict):
    """A subject's metadata, sources and facts; its diagrams are validated one by one by kind."""

    id: Slug
    title: Text
    summary: Text
    tags: list[Slug] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    as_of: Text
    company: Text | None = None
    date: Text | None = None
    sources: list[Source] = Field(min_length=1)
    facts: dict[Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+$")], Fact | Text | float] = Field(default_factory=dict)
    diagrams: list[dict[str, Any]] = Field(min_length=1)

    @field_validator("related")
    @classmethod
    def _refs(cls, value: list[str]) -> list[str]:
        return check_refs(value)
