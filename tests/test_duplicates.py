"""Stamping checks that need more than one subject: DUP003, one chart series copied into another subject."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sysatlas.paths import Layout
from sysatlas.pipeline import check

CASE = Path(__file__).parent / "errors" / "valid.yaml"
CHART = """
  - id: throughput
    kind: chart
    title: Writes per second as the ensemble grows
    caption: Throughput measured by the authors for 3 to 13 servers.
    evidence: reported
    sources: [raft-paper]
    three_am: {breaks: writes slow as servers are added, looks_like: commit latency rising, check_first: ensemble size}
    body:
      x: {label: servers, categories: ["3", "5", "7", "9", "13"]}
      y: {label: throughput, unit: K ops/s}
      series:
        - {name: SERIES, type: bar, values: [VALUES]}
"""


def project(make_project: Callable[[dict[str, str]], Layout], second: str) -> list[str]:
    base = CASE.read_text(encoding="utf-8")
    files = {
        "content/mechanisms/one.yaml": base.replace("id: case", "id: one")
        + CHART.replace("SERIES", "writes").replace("VALUES", "21, 18, 14, 12, 8"),
        "content/guarantees/two.yaml": base.replace("id: case", "id: two")
        + CHART.replace("SERIES", "all writes").replace("VALUES", second),
    }
    return [str(d) for d in check(make_project(files)).report]


def test_a_series_copied_into_another_subject_is_dup003(make_project: Callable[[dict[str, str]], Layout]) -> None:
    problems = project(make_project, "21, 18, 14, 12, 8")
    assert [p for p in problems if " DUP003 " in p] == [
        "content/mechanisms/one.yaml:42: DUP003 mechanisms/one#throughput series 'writes' has the same values as "
        "guarantees/two#throughput series 'all writes' (content/guarantees/two.yaml:31); a measurement belongs to "
        "one system: cite the values measured for this one, or link to that chart instead"
    ]


def test_different_series_are_not_dup003(make_project: Callable[[dict[str, str]], Layout]) -> None:
    assert [p for p in project(make_project, "22, 18, 14, 12, 8") if " DUP003 " in p] == []
