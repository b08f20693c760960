"""Golden tests: each tests/golden/<kind>-<case>.yaml diagram renders to exactly <kind>-<case>.mmd.

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

from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.glob("*.yaml") if not p.name.startswith("_"))
# Golden cases are content too: each passes every rule, or its exceptions are listed here with the reason.
LINT_EXCEPTIONS: dict[str, dict[str, str]] = {}


def as_item(case: Path, new_id: str | None = None) -> str:
    """Return one golden diagram as an item of a subject's `diagrams:` list, optionally with another id."""
    lines = case.read_text(encoding="utf-8").splitlines()
    if new_id:
        lines[0] = f"id: {new_id}"
    return "\n".join([f"  - {lines[0]}"] + [("    " + line if line.strip() else line) for line in lines[1:]])


def subject_text(*items: str, subject_id: str = "golden-case") -> str:
    """Wrap diagram items in the fixture subject."""
    frame = (GOLDEN / "_subject.yaml").read_text(encoding="utf-8").replace("id: golden-case", f"id: {subject_id}")
    return frame + "diagrams:\n" + "\n".join(items) + "\n"


def rendered(make_project: Callable[[dict[str, str]], Layout], case: Path) -> str:
    layout = make_project({"content/guarantees/golden-case.yaml": subject_text(as_item(case))})
    outcome = check(layout)
    schema = [str(d) for d in outcome.report if d.code.startswith(("SCHEMA", "YAML", "KIND"))]
    assert not schema, schema
    (diagram,) = outcome.atlas.diagrams()
    return diagram.mermaid


def updating(request: pytest.FixtureRequest) -> bool:
    """Return whether the run was asked, explicitly, to rewrite the expected files."""
    return bool(request.config.getoption("--update-golden")) or os.environ.get("SYSATLAS_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, make_project: Callable[[dict[str, str]], Layout],
                request: pytest.FixtureRequest) -> None:
    expected_path = case.with_suffix(".mmd")
    text = rendered(make_project, case)
    if updating(request):
        expected_path.write_text(text, encoding="utf-8")
        pytest.skip(f"wrote {expected_path.name}; review it and commit")
    assert expected_path.exists(), (f"{expected_path.name} is missing: run SYSATLAS_UPDATE_GOLDEN=1 pytest "
                                    "tests/test_golden.py, review the file and commit it")
    assert text == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_case_passes_the_rules(case: Path, make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/guarantees/golden-case.yaml": subject_text(as_item(case))})
    problems = list(check(layout).report)
    allowed = set(LINT_EXCEPTIONS.get(case.stem, {}))
    assert [str(d) for d in problems if d.code not in allowed] == []
    assert allowed <= {d.code for d in problems}, f"stale exceptions for {case.stem}"


def test_a_missing_golden_file_fails(tmp_path: Path, make_project: Callable[[dict[str, str]], Layout],
                                     request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the explicit opt-in, a case with no .mmd fails and nothing is written."""
    monkeypatch.delenv("SYSATLAS_UPDATE_GOLDEN", raising=False)
    if updating(request):
        pytest.skip("this run rewrites golden files on purpose")
    case = tmp_path / "pie-cost.yaml"
    case.write_text((GOLDEN / "pie-cost.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"pie-cost\.mmd is missing"):
        test_golden(case, make_project, request)
    assert not case.with_suffix(".mmd").exists()


def test_every_kind_has_a_golden_case() -> None:
    from sysatlas.kinds import registry

    covered = {c.stem.split("-")[0] for c in CASES}
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
        (content / "guarantees" / (Path(case).stem + ".yaml")).write_text(Path(case).read_text(), "utf-8")
    outcome = check(Layout(Path(tmp)))
    print(json.dumps({d.key: d.mermaid for d in outcome.atlas.diagrams()}, sort_keys=True))
"""


def test_rendering_is_deterministic_across_processes(tmp_path: Path) -> None:
    """Separate interpreters with different hash seeds (set and dict order) write the same Mermaid."""
    subjects = []
    for case in CASES:
        subject = tmp_path / f"golden-{case.stem}.yaml"
        subject.write_text(subject_text(as_item(case), subject_id=subject.stem), encoding="utf-8")
        subjects.append(str(subject))
    outputs = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", RENDER_ALL, str(ROOT), *subjects], env=env,
                             capture_output=True, text=True, check=True)
        outputs.append(json.loads(run.stdout))
    assert len(outputs[0]) == len(CASES)
    assert outputs[0] == outputs[1] == outputs[2]
