"""Bad input of any shape gets diagnostics, never a traceback, and never a half-written file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysatlas.paths import Layout
from sysatlas.pipeline import check

VALID = (Path(__file__).parent / "errors" / "valid.yaml").read_text(encoding="utf-8")
LINES = VALID.splitlines()


@st.composite
def mangled(draw: st.DrawFn) -> str:
    """A valid subject with a few lines deleted, duplicated, re-indented or overwritten with junk."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "junk", "truncate"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][2:]
        elif action == "junk":
            lines[i] = draw(st.text(alphabet=st.sampled_from(list("{}[]:-'\"#&*!|>% abc12\t")), max_size=20))
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mangled())
def test_mangled_files_get_diagnostics_not_tracebacks(
    text: str, make_project: Callable[[dict[str, str]], Layout]
) -> None:
    layout = make_project({"content/mechanisms/case.yaml": text})
    outcome = check(layout)  # must not raise
    for d in outcome.report:
        assert d.path == "content/mechanisms/case.yaml" and d.line >= 1 and d.code[:2].isalpha()


def test_binary_and_empty_files(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/empty.yaml": "", "content/mechanisms/list.yaml": "- 1\n- 2\n"})
    (layout.content / "mechanisms" / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    codes = sorted((d.path.rsplit("/", 1)[1], d.code) for d in check(layout).report)
    assert codes == [("binary.yaml", "YAML003"), ("empty.yaml", "SCHEMA001"), ("list.yaml", "SCHEMA001")]
