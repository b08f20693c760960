"""Builds: outputs and manifest, and a failed build that leaves the previous output intact."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sysatlas.diagnostics import ContentError
from sysatlas.paths import Layout
from sysatlas.pipeline import build

from .conftest import FakeRenderer

VALID = (Path(__file__).parent / "errors" / "valid.yaml").read_text(encoding="utf-8")


def test_build_writes_mmd_files_and_manifest(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    build(layout, renderer=FakeRenderer(), site=False, use_cache=False)
    mmd = layout.diagrams / "mechanisms" / "case" / "state-machine.mmd"
    assert mmd.read_text().startswith("%% generated from content/mechanisms/case.yaml:16")
    (entry,) = json.loads((layout.diagrams / "manifest.json").read_text())
    assert entry["id"] == "mechanisms/case#state-machine"
    kind = re.search(r"^ +kind: (\w+)$", VALID, re.M)  # the diagram's kind, not a source's
    assert kind and (entry["kind"], entry["source_line"], entry["evidence"]) == (kind[1], 16, "reported")


def test_failed_build_keeps_previous_output(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    build(layout, renderer=FakeRenderer(), site=False, use_cache=False)
    before = (layout.diagrams / "manifest.json").read_text()
    (layout.content / "mechanisms" / "case.yaml").write_text(VALID.replace("Leader}", "BROKEN Leader}"))
    with pytest.raises(ContentError) as info:
        build(layout, renderer=FakeRenderer(), site=False, use_cache=False)
    assert [d.code for d in info.value.report] == ["MMD001"]
    assert (layout.diagrams / "manifest.json").read_text() == before
    assert sorted(p.name for p in layout.build.iterdir()) == ["diagrams"]  # no half-written siblings


def test_cache_skips_unchanged_diagrams(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    first = FakeRenderer()
    build(layout, renderer=first, site=False)
    assert len(first.calls) == 1
    second = FakeRenderer()
    build(layout, renderer=second, site=False)
    assert second.calls == []
    (layout.content / "mechanisms" / "case.yaml").write_text(VALID.replace("wins election", "wins the election"))
    third = FakeRenderer()
    build(layout, renderer=third, site=False)
    assert len(third.calls) == 1 and "wins the election" in third.calls[0]


def test_too_wide_diagram_is_reported(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    with pytest.raises(ContentError) as info:
        build(layout, renderer=FakeRenderer(width=5000), site=False, use_cache=False)
    (problem,) = list(info.value.report)
    assert problem.code == "READ003" and "5000 px" in problem.message
