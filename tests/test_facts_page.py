"""A subject page shows each fact with its evidence and the source's own words, and marks quoted values in prose."""

from __future__ import annotations

from collections.abc import Callable

from sysatlas.paths import Layout
from sysatlas.pipeline import check
from sysatlas.site.pages import subject_pages

from .conftest import ROOT


def _subject(make_project: Callable[[dict[str, str]], Layout], rel: str):  # type: ignore[no-untyped-def]
    layout = make_project({rel: (ROOT / rel).read_text(encoding="utf-8")})
    outcome = check(layout)
    # a one-file project: links to subjects left out of it (REF001) are expected; everything else must pass
    problems = [str(d) for d in outcome.report if rel in d.path and d.code != "REF001"]
    assert problems == []
    return outcome.atlas.subjects[0], outcome.atlas


def test_facts_table_shows_quote_evidence_and_source(make_project: Callable[[dict[str, str]], Layout]) -> None:
    subject, atlas = _subject(make_project, "content/performance/kafka.yaml")
    text = subject_pages(atlas, subject, [])[0].text
    assert "| Fact | Value | Evidence | The source says |" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("| **Cloud peak**"))
    assert "605 MB/s" in row and "reported, primary source" in row and "“Peak Throughput &#124; 605 MB/s &#124;”" in row
    assert "](https://" in row  # the source's title links to it
    summary_row = next(line for line in text.splitlines() if line.strip().startswith("| **E2e p50**"))
    assert "reported, secondary source only" in summary_row


def test_caption_values_carry_their_quote(make_project: Callable[[dict[str, str]], Layout]) -> None:
    subject, atlas = _subject(make_project, "content/performance/etcd.yaml")
    text = subject_pages(atlas, subject, [])[0].text
    assert '<abbr class="sysatlas-fact" title="“To rule out a slow disk' in text


def test_a_moment_is_quoted_as_the_source_writes_it() -> None:
    from sysatlas.lint.facts import _moment_in_quote as said

    assert said("2020-11-25 05:15", "The first alarm was triggered at 5:15am PST")
    assert not said("2020-11-25 05:15", "at 5:15 PM")
    assert said("2020-11-25 17:15", "at 5:15 PM")
    assert said("2021-06-08", "surfaced on June 8 when")
    assert not said("2021-06-08", "surfaced on June 18")
    assert said("22:52", "at 22:52 UTC") and not said("22:52", "at 22:53 UTC")
    assert said("00:10", "at 12:10 AM") and said("12:10", "at 12:10 PM") and not said("12:10", "at 12:10 AM")
    assert said("2 h", "two hours") is None
