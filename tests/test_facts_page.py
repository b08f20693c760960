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
    assert not [d for d in outcome.report if rel in d.path], [str(d) for d in outcome.report]
    return outcome.atlas.subjects[0], outcome.atlas


def test_facts_table_shows_quote_evidence_and_source(make_project: Callable[[dict[str, str]], Layout]) -> None:
    subject, atlas = _subject(make_project, "content/performance/kafka.yaml")
    text = subject_pages(atlas, subject, [])[0].text
    assert "| Fact | Value | Evidence | The source says |" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("| cloud\\_peak |"))
    assert "605 MB/s" in row and "reported, primary source" in row and "“Peak Throughput \\| 605 MB/s \\|”" in row
    summary_row = next(line for line in text.splitlines() if line.strip().startswith("| e2e\\_p50 |"))
    assert "reported, secondary source only" in summary_row


def test_caption_values_carry_their_quote(make_project: Callable[[dict[str, str]], Layout]) -> None:
    subject, atlas = _subject(make_project, "content/performance/etcd.yaml")
    text = subject_pages(atlas, subject, [])[0].text
    assert '<abbr class="sysatlas-fact" title="“To rule out a slow disk' in text
