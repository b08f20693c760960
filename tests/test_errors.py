"""Negative cases: each tests/errors/<CODE>-<what>.expect-error.yaml must raise CODE at the line it names."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sysatlas.paths import Layout
from sysatlas.pipeline import check

ERRORS = Path(__file__).parent / "errors"
CASES = sorted(ERRORS.glob("*.expect-error.yaml"))
# a content file names its category folder; a case for another file (the inventory) names that file
HEAD = re.compile(
    r"^# (?:category: (?P<category>\S+)|file: (?P<file>\S+))\n# expect: (?P<code>[A-Z]+\d+) at line (?P<line>\d+)\n"
)


def run_case(path: Path, make_project: Callable[[dict[str, str]], Layout]) -> tuple[re.Match[str], list[str]]:
    text = path.read_text(encoding="utf-8")
    head = HEAD.match(text)
    assert head, f"{path.name} must start with '# category: X' (or '# file: PATH') and '# expect: CODE at line N'"
    layout = make_project({where(head): text})
    outcome = check(layout)
    return head, [str(d) for d in outcome.report]


def where(head: re.Match[str]) -> str:
    """Return the file a case is written to."""
    return head["file"] or f"content/{head['category']}/case.yaml"


@pytest.mark.parametrize("case", CASES, ids=[c.name.split(".")[0] for c in CASES])
def test_error_is_reported_at_its_line(case: Path, make_project: Callable[[dict[str, str]], Layout]) -> None:
    head, problems = run_case(case, make_project)
    wanted = f"{where(head)}:{head['line']}: {head['code']} "
    assert any(p.startswith(wanted) for p in problems), f"wanted {wanted!r}, got {problems}"
    for p in problems:  # every message says where and what, and how to fix or what is allowed
        assert re.match(rf"^{re.escape(where(head))}:\d+: [A-Z]+\d{{3}} .{{20,}}", p), p


def test_the_valid_case_has_no_problem(make_project: Callable[[dict[str, str]], Layout]) -> None:
    text = (ERRORS / "valid.yaml").read_text(encoding="utf-8")
    layout = make_project({"content/mechanisms/case.yaml": text})
    assert [str(d) for d in check(layout).report] == []
