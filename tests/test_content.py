"""The bundled content: every file passes every check, and the plan's example diagrams exist."""

from __future__ import annotations

import pytest

from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .conftest import ROOT


@pytest.fixture(scope="module")
def outcome():  # type: ignore[no-untyped-def]
    return check(Layout(ROOT))


def test_bundled_content_has_no_problem(outcome) -> None:  # type: ignore[no-untyped-def]
    assert [str(d) for d in outcome.report] == []


def test_every_diagram_cites_a_source(outcome) -> None:  # type: ignore[no-untyped-def]
    assert outcome.atlas.diagrams()
    assert all(d.common.sources for d in outcome.atlas.diagrams())


@pytest.mark.parametrize(
    "key",
    [
        "incidents/github-2018-10-21#timeline",
        "incidents/github-2018-10-21#cascade",
    ],
)
def test_plan_examples_are_recreated(outcome, key: str) -> None:  # type: ignore[no-untyped-def]
    assert key in {d.key for d in outcome.atlas.diagrams()}


def test_github_timeline_keeps_its_clock_times(outcome) -> None:  # type: ignore[no-untyped-def]
    (timeline,) = [d for d in outcome.atlas.diagrams() if d.key == "incidents/github-2018-10-21#timeline"]
    assert "    22#58;52 : " in outcome.mermaid[timeline.key]


@pytest.mark.browser
def test_bundled_content_renders_in_chromium() -> None:
    result = check(Layout(ROOT), with_browser=True, use_cache=False)
    assert [str(d) for d in result.report] == []
    assert len(result.renders) == len(result.atlas.diagrams())
    assert all(r.ok and r.width > 0 for r in result.renders.values())


# The plan's example diagrams, re-created from sourced YAML under the right categories.
PLAN_EXAMPLES = [
    "mechanisms/raft-consensus#protocol-flow",
    "mechanisms/raft-consensus#state-machine",
    "mechanisms/primary-backup-replication#deployment-topology",
    "patterns/cqrs#overview",
    "incidents/github-2018-10-21#timeline",
    "incidents/github-2018-10-21#cascade",
    "performance/kafka#latency-distribution",
    "costs/37signals-cloud-exit#per-tier",
    "patterns/circuit-breaker#failure-handling",
    "costs/37signals-cloud-exit#breakdown",
]


@pytest.mark.parametrize("key", PLAN_EXAMPLES)
def test_every_plan_example_exists(outcome, key: str) -> None:  # type: ignore[no-untyped-def]
    assert key in {d.key for d in outcome.atlas.diagrams()}


# What each P0 category must be connected to (a link either way counts: the site shows backlinks).
CONNECTED = {
    "guarantees": ("mechanisms", "patterns"),
    "mechanisms": ("guarantees", "patterns"),
    "patterns": ("mechanisms", "guarantees", "incidents"),
}


def test_p0_subjects_are_connected(outcome) -> None:  # type: ignore[no-untyped-def]
    back = outcome.atlas.backlinks()
    loose = []
    for s in outcome.atlas.subjects:
        if s.category not in CONNECTED:
            continue
        refs = set(s.head.related) | {r for d in s.diagrams for r in d.common.related}
        linked = {r.category for r in refs} | {b.category for b in back.get(s.key, [])}
        missing = [c for c in CONNECTED[s.category] if c not in linked]
        if missing:
            loose.append(f"{s.key}: no link to {', '.join(missing)}")
    assert loose == []


IDEAS = ("mechanisms", "guarantees", "patterns")


def test_every_incident_links_a_mechanism_guarantee_or_pattern(outcome) -> None:  # type: ignore[no-untyped-def]
    atlas = outcome.atlas
    written = {s.key for s in atlas.subjects}
    unlinked = []
    incidents = [s for s in atlas.subjects if s.category == "incidents"]
    for s in incidents:
        refs = {r.subject_key for r in s.head.related} | {r.subject_key for d in s.diagrams for r in d.common.related}
        if not [r for r in refs if r in written and r.split("/")[0] in IDEAS]:
            unlinked.append(s.key)
    assert incidents and unlinked == [], f"incidents that name no written mechanism, guarantee or pattern: {unlinked}"


def test_every_tag_is_in_the_vocabulary_and_incidents_have_a_cause(outcome) -> None:  # type: ignore[no-untyped-def]
    atlas = outcome.atlas
    assert atlas.vocabulary is not None
    unknown = [(s.key, t) for s in atlas.subjects for t in s.head.tags if atlas.vocabulary.canonical(t) is None]
    assert unknown == []
    assert all(s.head.cause for s in atlas.subjects if s.category == "incidents")
    assert not [t for s in atlas.subjects for t in atlas.tags(s) if t.startswith("cause-")]
