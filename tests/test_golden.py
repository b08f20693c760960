"""Golden tests: each kind's golden/<case>.yaml renders to exactly the <case>.mmd beside it.

A missing or different .mmd fails. To rewrite the expected files after an intended change, run
`SYSATLAS_UPDATE_GOLDEN=1 pytest tests/test_golden.py` (or pass `--update-golden`), review the diff, commit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sysatlas.golden import Case, cases, subject_text
from sysatlas.kinds import registry
from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .conftest import ROOT

CASES = cases()
# Golden cases are content too: each passes every rule, or its exceptions are listed here with the reason.
LINT_EXCEPTIONS: dict[str, dict[str, str]] = {}


def rendered(make_project: Callable[[dict[str, str]], Layout], case: Case) -> str:
    """Return the Mermaid text the case renders to inside the fixture subject."""
    layout = make_project({"content/guarantees/golden-case.yaml": subject_text(case.item())})
    outcome = check(layout)
    schema = [str(d) for d in outcome.report if d.code.startswith(("SCHEMA", "YAML", "KIND"))]
    assert not schema, schema
    (diagram,) = outcome.atlas.diagrams()
    return outcome.mermaid[diagram.key]


def updating(request: pytest.FixtureRequest) -> bool:
    """Return whether the run was asked, explicitly, to rewrite the expected files."""
    return bool(request.config.getoption("--update-golden")) or os.environ.get("SYSATLAS_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case, make_project: Callable[[dict[str, str]], Layout], request: pytest.FixtureRequest) -> None:
    text = rendered(make_project, case)
    if updating(request):
        case.expected.write_text(text, encoding="utf-8")
        pytest.skip(f"wrote {case.expected}; review it and commit")
    assert case.expected.exists(), (
        f"{case.expected.name} is missing: run SYSATLAS_UPDATE_GOLDEN=1 pytest tests/test_golden.py, "
        "review the file and commit it"
    )
    assert text == case.expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case_passes_the_rules(case: Case, make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/guarantees/golden-case.yaml": subject_text(case.item())})
    problems = list(check(layout).report)
    allowed = set(LINT_EXCEPTIONS.get(case.name, {}))
    assert [str(d) for d in problems if d.code not in allowed] == []
    assert allowed <= {d.code for d in problems}, f"stale exceptions for {case.name}"


def test_a_missing_golden_file_fails(
    tmp_path: Path,
    make_project: Callable[[dict[str, str]], Layout],
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the explicit opt-in, a case with no .mmd fails and nothing is written."""
    monkeypatch.delenv("SYSATLAS_UPDATE_GOLDEN", raising=False)
    if updating(request):
        pytest.skip("this run rewrites golden files on purpose")
    pie = registry()["pie"]
    (source,) = [p for p in pie.golden() if p.stem == "cost"]
    case = Case(pie, tmp_path / "cost.yaml")
    case.path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"cost\.mmd is missing"):
        test_golden(case, make_project, request)
    assert not case.expected.exists()


def test_every_kind_has_a_golden_case() -> None:
    covered = {c.kind.name for c in CASES}
    assert covered == set(registry()), f"kinds without a golden case: {set(registry()) - covered}"


RENDER_ALL = """
import json, shutil, sys, tempfile
from pathlib import Path
from sysatlas.paths import Layout
from sysatlas.pipeline import check
root, cases = Path(sys.argv[1]), sys.argv[2:]
with tempfile.TemporaryDirectory() as tmp:
    content = Path(tmp) / "content"
    (content / "guarantees").mkdir(parents=True)
    shutil.copy(root / "content" / "inventory.yaml", content / "inventory.yaml")
    for case in cases:
        (content / "guarantees" / Path(case).name).write_text(Path(case).read_text(), "utf-8")
    outcome = check(Layout(Path(tmp)))
    print(json.dumps(outcome.mermaid, sort_keys=True))
"""


def test_rendering_is_deterministic_across_processes(tmp_path: Path) -> None:
    """Separate interpreters with different hash seeds (set and dict order) write the same Mermaid."""
    subjects = []
    for case in CASES:
        subject = tmp_path / f"golden-{case.name}.yaml"
        subject.write_text(subject_text(case.item(), subject_id=subject.stem), encoding="utf-8")
        subjects.append(str(subject))
    outputs = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", RENDER_ALL, str(ROOT), *subjects],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(run.stdout))
    assert len(outputs[0]) == len(CASES)
    assert outputs[0] == outputs[1] == outputs[2]
