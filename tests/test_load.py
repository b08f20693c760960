"""Loading: libyaml and the pure-Python parser must agree (YAML004), and agreement is remembered per text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sysatlas import load
from sysatlas.diagnostics import Report


def test_trees_that_differ_are_found_at_their_line() -> None:
    a = yaml.compose("a: 1\nb:\n  - x\n  - 'y'\n", Loader=yaml.SafeLoader)
    b = yaml.compose("a: 1\nb:\n  - x\n  - y\n", Loader=yaml.SafeLoader)
    assert load._differs(a, a) is None
    assert load._differs(a, b) == 4  # the quoted scalar reads the same but is not the same node


def test_agreement_is_remembered_per_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = load.same_in_pure_python

    def counting(text: str, node: yaml.Node | None, rel: str, report: Report) -> bool:
        calls.append(rel)
        return real(text, node, rel, report)

    monkeypatch.setattr(load, "same_in_pure_python", counting)
    path = tmp_path / "a.yaml"
    path.write_text("a: {x: fine}\n", encoding="utf-8")
    store = tmp_path / "cache" / "yaml-portable.json"
    for _ in range(2):
        portable = load.Portable(store)
        assert load.read(path, "a.yaml", Report(), portable) is not None
        portable.save(prune=True)
    assert calls == ["a.yaml"]  # the second run trusted the first
    path.write_text("a: {x: fine?}\n", encoding="utf-8")
    report = Report()
    load.read(path, "a.yaml", report, load.Portable(store))
    assert [(d.line, d.code) for d in report] == [(1, "YAML004")]
    assert calls == ["a.yaml", "a.yaml"]
