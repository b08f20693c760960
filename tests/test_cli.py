"""The command line: documented commands, exit codes, error text, skeletons, stats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from sysatlas.cli import cli, main
from sysatlas.paths import Layout

VALID = (Path(__file__).parent / "errors" / "valid.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`sysatlas {name} --help` shows no example"
    assert f"sysatlas {name}" in result.output


def test_check_passes_on_valid_content(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    result = CliRunner().invoke(cli, ["check"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert result.exit_code == 0, result.output
    assert "checked 1 diagrams in 1 subjects" in result.output


def test_check_prints_each_problem_and_exits_1(make_project: Callable[[dict[str, str]], Layout]) -> None:
    broken = VALID.replace("label: Leader}", "label: Leader, colour: red}").replace("${heartbeat}", "${nope}")
    layout = make_project({"content/mechanisms/case.yaml": broken})
    result = CliRunner().invoke(cli, ["check"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert result.exit_code == 1
    lines = [x for x in result.output.splitlines() if x.startswith("content/")]
    assert [x.split()[1] for x in lines] == ["SCHEMA002", "FACT001"]  # in line order
    assert "Traceback" not in result.output


def test_json_output(make_project: Callable[[dict[str, str]], Layout]) -> None:
    import json

    layout = make_project({"content/mechanisms/case.yaml": VALID.replace("label: Leader}", "label: Service B}")})
    result = CliRunner().invoke(cli, ["check", "--json"], env={"SYSATLAS_ROOT": str(layout.root)})
    rows = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert rows == [
        {"path": "content/mechanisms/case.yaml", "line": 16, "code": "PH001", "message": rows[0]["message"]}
    ]


def test_new_writes_a_skeleton_that_passes_the_schema(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({})
    env = {"SYSATLAS_ROOT": str(layout.root)}
    runner = CliRunner()
    for category in ("guarantees", "mechanisms", "patterns", "incidents", "costs", "debugging", "case-studies"):
        result = runner.invoke(cli, ["new", category, f"new-{category}"], env=env)
        assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["check"], env=env)
    codes = {x.split()[1] for x in result.output.splitlines() if x.startswith("content/")}
    assert codes == {"PH001", "SCHEMA003"}, result.output  # the FILL markers and the incident's cause to choose
    asked = [x for x in result.output.splitlines() if " SCHEMA003 " in x]
    assert len(asked) == 1 and asked[0].startswith("content/incidents/") and "'cause'" in asked[0], asked
    again = runner.invoke(cli, ["new", "guarantees", "new-guarantees"], env=env)
    assert again.exit_code == 2 and "exists" in again.output


def test_new_rejects_unknown_category(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({})
    result = CliRunner().invoke(cli, ["new", "algorithms", "x-y"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert result.exit_code == 2
    assert "unknown category 'algorithms'" in result.output


def test_stats_counts_against_the_inventory(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/raft-consensus.yaml": VALID.replace("id: case", "id: raft-consensus")})
    result = CliRunner().invoke(cli, ["stats"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert result.exit_code == 0
    row = next(x for x in result.output.splitlines() if x.startswith("mechanisms"))
    assert row.split()[2:5] == ["1/20", "0", "1/120"]
    md = CliRunner().invoke(cli, ["stats", "--markdown"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert "| Mechanisms | P0 | 1/20 | 0 | 1/120 | 1% | 1 | 0 | 0 |" in md.output


def test_show_prints_generated_mermaid(make_project: Callable[[dict[str, str]], Layout]) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    result = CliRunner().invoke(cli, ["show", "mechanisms/case#state-machine"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert result.exit_code == 0
    assert result.output.startswith("%% generated from content/mechanisms/case.yaml:16 - do not edit\nstateDiagram-v2")


def test_our_errors_print_error_and_exit_1(
    make_project: Callable[[dict[str, str]], Layout],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    layout = make_project({"content/mechanisms/case.yaml": VALID})
    monkeypatch.setenv("SYSATLAS_ROOT", str(layout.root))
    monkeypatch.setattr("sys.argv", ["sysatlas", "show", "mechanisms/nothing"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    assert (
        capsys.readouterr().err.strip()
        == "Error: no subject 'mechanisms/nothing'; subjects look like mechanisms/raft-consensus"
    )


def test_mistakes_in_common_fields_and_body_come_out_in_one_run(
    make_project: Callable[[dict[str, str]], Layout],
) -> None:
    both = VALID.replace("evidence: reported", "evidence: measured").replace("label: Leader}", "label: Leader, x: 1}")
    layout = make_project({"content/mechanisms/case.yaml": both})
    result = CliRunner().invoke(cli, ["check"], env={"SYSATLAS_ROOT": str(layout.root)})
    codes = [x.split()[1] for x in result.output.splitlines() if x.startswith("content/")]
    assert codes == ["SCHEMA004", "SCHEMA002"]


@pytest.mark.parametrize("command", [["check"], ["new", "mechanisms", "x-y"], ["stats"], ["build", "--no-site"]])
def test_a_malformed_inventory_is_a_diagnostic_not_a_traceback(
    command: list[str],
    make_project: Callable[[dict[str, str]], Layout],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    layout = make_project({})
    text = layout.inventory.read_text(encoding="utf-8")
    layout.inventory.write_text(text.replace("target_diagrams: 120", "target_diagrams: lots"), encoding="utf-8")
    line = text[: text.index("target_diagrams: 120")].count("\n") + 1
    monkeypatch.setenv("SYSATLAS_ROOT", str(layout.root))
    monkeypatch.setattr("sys.argv", ["sysatlas", *command])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out, err = capsys.readouterr()
    assert exit_info.value.code == 1
    assert f"content/inventory.yaml:{line}: SCHEMA004 categories.mechanisms.target_diagrams: " in out
    assert "Traceback" not in out + err
    assert not (layout.content / "mechanisms" / "x-y.yaml").exists()


def test_stats_counts_quoted_primary_and_traced_numbers(make_project: Callable[[dict[str, str]], Layout]) -> None:
    # valid.yaml: one reported fact, quoted, on a primary source; its diagram's body has "${heartbeat}"
    # (150 ms: one number from a fact) and nothing typed; add a typed number to the title and an unquoted fact
    text = (
        VALID.replace("title: Raft roles", "title: Raft roles in 3 states")
        .replace(
            "facts:\n",
            "facts:\n  quorum: {value: 3, source: raft-paper, evidence: unquoted}\n  servers:\n"
            '    value: 5\n    source: raft-paper\n    quote: "a typical cluster has five servers"\n'
            '  other: {value: 7, source: secondary-post, quote: "7 nodes"}\n',
        )
        .replace(
            "sources:\n",
            "sources:\n  - {id: secondary-post, url: https://blog.example.org/raft, title: A retelling, "
            "publisher: A blog, kind: secondary}\n",
        )
    )
    layout = make_project({"content/mechanisms/raft-consensus.yaml": text.replace("id: case", "id: raft-consensus")})
    env = {"SYSATLAS_ROOT": str(layout.root)}
    out = CliRunner().invoke(cli, ["stats"], env=env).output
    row = next(x for x in out.splitlines() if x.startswith("mechanisms") and len(x.split()) == 6)
    assert row.split()[1:] == ["3", "3", "2", "1", "1"]
    md = CliRunner().invoke(cli, ["stats", "--markdown"], env=env).output
    assert "| Category | Reported facts | With quote | On a primary source | Numbers from facts | Numbers typed |" in md
    assert "| mechanisms | 3 | 3 | 2 | 1 | 1 |" in md
