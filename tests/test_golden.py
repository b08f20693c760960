"""Golden tests: each tests/golden/<kind>-<case>.yaml diagram renders to exactly <kind>-<case>.mmd."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sysatlas.paths import Layout
from sysatlas.pipeline import check

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.glob("*.yaml") if not p.name.startswith("_"))


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


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, make_project: Callable[[dict[str, str]], Layout], request: pytest.FixtureRequest) -> None:
    expected_path = case.with_suffix(".mmd")
    text = rendered(make_project, case)
    if request.config.getoption("--update-golden") or not expected_path.exists():
        expected_path.write_text(text, encoding="utf-8")
        pytest.skip(f"wrote {expected_path.name}; review it and commit")
    assert text == expected_path.read_text(encoding="utf-8")


def test_every_kind_has_a_golden_case() -> None:
    from sysatlas.kinds import registry

    covered = {c.stem.split("-")[0] for c in CASES}
    assert covered == set(registry()), f"kinds without a golden case: {set(registry()) - covered}"


def test_rendering_is_deterministic(make_project: Callable[[dict[str, str]], Layout]) -> None:
    case = GOLDEN / "architecture-etcd.yaml"
    assert rendered(make_project, case) == rendered(make_project, case)
