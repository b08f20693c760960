"""The benchmark's synthetic project must stay a valid project as the rules grow, or `make bench` dies after
half an hour of measuring (it did: incidents gained a required `cause`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sysatlas.pipeline import check

ROOT = Path(__file__).resolve().parent.parent


def bench_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_synthetic_project_passes_every_check_but_the_repeats(tmp_path: Path) -> None:
    bench = bench_module()
    layout = bench.synthetic_project(tmp_path, 120)
    outcome = check(layout)
    assert len(outcome.atlas.diagrams()) >= 120
    others = [str(d) for d in outcome.report if d.code not in bench.REPEATS]
    assert others == []
