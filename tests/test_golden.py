"""Golden tests: each kind's golden/<case>.yaml renders to exactly the <case>.mmd beside it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sysatlas.golden import Case, cases, subject_text
from sysatlas.kinds import registry
from sysatlas.paths import Layout
from sysatlas.pipeline import check

CASES = cases()


def rendered(make_project: Callable[[dict[str, str]], Layout], case: Case) -> str:
    """Return the Mermaid text the case renders to inside the fixture subject."""
    layout = make_project({"content/guarantees/golden-case.yaml": subject_text(case.item())})
    outcome = check(layout)
    schema = [str(d) for d in outcome.report if d.code.startswith(("SCHEMA", "YAML", "KIND"))]
    assert not schema, schema
    (diagram,) = outcome.atlas.diagrams()
    return outcome.mermaid[diagram.key]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case, make_project: Callable[[dict[str, str]], Layout], request: pytest.FixtureRequest) -> None:
    text = rendered(make_project, case)
    if request.config.getoption("--update-golden") or not case.expected.exists():
        case.expected.write_text(text, encoding="utf-8")
        pytest.skip(f"wrote {case.expected}; review it and commit")
    assert text == case.expected.read_text(encoding="utf-8")


def test_every_kind_has_a_golden_case() -> None:
    covered = {c.kind.name for c in CASES}
    assert covered == set(registry()), f"kinds without a golden case: {set(registry()) - covered}"


def test_rendering_is_deterministic(make_project: Callable[[dict[str, str]], Layout]) -> None:
    case = CASES[0]
    assert rendered(make_project, case) == rendered(make_project, case)
