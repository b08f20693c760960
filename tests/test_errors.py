"""Negative cases: each tests/errors/<CODE>-<what>.expect-error.yaml raises exactly the problems it names.

Header of a case:

    # category: mechanisms
    # expect: CODE at line N
    # also: CODE at line N, CODE at line M      (optional: other problems the same mistake causes)

The problems reported must be exactly the expected one plus the `also` ones (codes and lines), so a case
proves its rule fires and no other rule fires by accident. Every code the source can emit has a case
(`test_every_code_has_a_negative_case`). Cases for codes measured on the rendered SVG (GEOM) run the browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sysatlas.paths import Layout
from sysatlas.pipeline import check

ERRORS = Path(__file__).parent / "errors"
SRC = Path(__file__).resolve().parent.parent / "src" / "sysatlas"
CASES = sorted(ERRORS.glob("*.expect-error.yaml"))
# a content file names its category folder; a case for another file (the inventory) names that file
HEAD = re.compile(
    r"^# (?:category: (?P<category>\S+)|file: (?P<file>\S+))\n# expect: (?P<code>[A-Z]+\d+) at line (?P<line>\d+)\n"
    r"(?:# also: (?P<also>.+)\n)?"
)
# Codes measured on the rendered SVG: their cases run the browser stage too (headless Chromium).
BROWSER_CODES = ("GEOM",)
ALSO = re.compile(r"^(?P<code>[A-Z]+\d{3}) at line (?P<line>\d+)$")
# A code as the source writes it where it reports a problem.
CODE = re.compile(r'"([A-Z]{2,6}\d{3})"')
# Codes no content file can raise, each with the test that makes it happen and why it lives there.
ELSEWHERE = {
    "MMD001": (
        "tests/test_browser.py::test_a_broken_diagram_is_reported_with_its_place",
        "escaping makes every valid diagram parse, so the test corrupts the generated text",
    ),
    "MMD002": (
        "tests/test_browser.py::test_a_hanging_diagram_times_out_and_the_rest_render",
        "needs a diagram that never finishes rendering; the test injects one into the page",
    ),
    "MMD003": (
        "tests/test_browser.py::test_a_crashed_page_is_a_diagnostic",
        "needs the browser page to crash; the test crashes it through the DevTools protocol",
    ),
    "READ003": (
        "tests/test_build.py::test_too_wide_diagram_is_reported",
        "the width is measured in the browser; negative cases run without one",
    ),
    "KIND002": (
        "tests/test_errors.py::test_a_template_failure_is_kind002",
        "a template bug, not a content mistake; the test breaks a template on purpose",
    ),
    "DUP003": (
        "tests/test_duplicates.py::test_a_series_copied_into_another_subject_is_dup003",
        "it compares two subjects, and a negative case is one file",
    ),
    "YAML003": (
        "tests/test_robustness.py::test_binary_and_empty_files",
        "an unreadable (non-UTF-8) file cannot carry the text header of a case",
    ),
}


def expected(path: Path) -> tuple[str, set[tuple[str, int]]]:
    """Return the file the case is written to and the exact (code, line) problems it must raise."""
    text = path.read_text(encoding="utf-8")
    head = HEAD.match(text)
    assert head, f"{path.name} must start with '# category: X' (or '# file: PATH') and '# expect: CODE at line N'"
    wanted = {(head["code"], int(head["line"]))}
    for part in (head["also"] or "").split(","):
        if part.strip():
            also = ALSO.match(part.strip())
            assert also, f"{path.name}: '# also:' takes 'CODE at line N', comma-separated; got {part!r}"
            wanted.add((also["code"], int(also["line"])))
    return where(head), wanted


def emitted_codes() -> set[str]:
    """Every diagnostic code written in the source (each is passed to `report.add` where it is raised)."""
    return {code for path in SRC.rglob("*.py") for code in CODE.findall(path.read_text(encoding="utf-8"))}


def where(head: re.Match[str]) -> str:
    """Return the file a case is written to."""
    return head["file"] or f"content/{head['category']}/case.yaml"


@pytest.mark.parametrize("case", CASES, ids=[c.name.split(".")[0] for c in CASES])
def test_error_is_reported_at_its_line(case: Path, make_project: Callable[[dict[str, str]], Layout]) -> None:
    target, wanted = expected(case)
    layout = make_project({target: case.read_text(encoding="utf-8")})
    problems = list(check(layout, with_browser=case.name.startswith(BROWSER_CODES)).report)
    assert {(d.code, d.line) for d in problems} == wanted, [str(d) for d in problems]
    assert case.name.split("-")[0] == HEAD.match(case.read_text(encoding="utf-8"))["code"], (  # type: ignore[index]
        f"{case.name} must be named for the code of its `# expect:` line"
    )
    for d in problems:  # every message says where and what, and how to fix or what is allowed
        assert re.match(rf"^{re.escape(target)}:\d+: [A-Z]+\d{{3}} .{{20,}}", str(d)), str(d)


def test_the_valid_case_has_no_problem(make_project: Callable[[dict[str, str]], Layout]) -> None:
    text = (ERRORS / "valid.yaml").read_text(encoding="utf-8")
    layout = make_project({"content/mechanisms/case.yaml": text})
    assert [str(d) for d in check(layout).report] == []


def test_every_code_has_a_negative_case() -> None:
    codes = emitted_codes()
    assert len(codes) > 40, "the code scan found too few codes: has the way codes are written changed?"
    covered = {c.name.split("-")[0] for c in CASES}
    missing = sorted(codes - covered - set(ELSEWHERE))
    assert missing == [], f"codes without tests/errors/<CODE>-<what>.expect-error.yaml: {missing}"


def test_codes_tested_elsewhere_exist_and_so_do_their_tests() -> None:
    codes = emitted_codes()
    root = SRC.parent.parent
    for code, (test, why) in ELSEWHERE.items():
        assert code in codes, f"{code} is no longer emitted; drop it from ELSEWHERE"
        path, _, name = test.partition("::")
        assert f"def {name}(" in (root / path).read_text(encoding="utf-8"), f"{code}: {test} does not exist"
        assert why


def test_a_template_failure_is_kind002(
    make_project: Callable[[dict[str, str]], Layout], monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    from sysatlas import pipeline

    def broken(*args: object, **kwargs: object) -> str:
        raise jinja2.UndefinedError("'body' has no attribute 'planes'")

    monkeypatch.setattr(pipeline, "render", broken)
    layout = make_project({"content/mechanisms/case.yaml": (ERRORS / "valid.yaml").read_text(encoding="utf-8")})
    (problem,) = list(check(layout).report)
    assert (problem.path, problem.line, problem.code) == ("content/mechanisms/case.yaml", 16, "KIND002")
    assert "template state failed" in problem.message
