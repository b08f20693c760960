"""Derived facts: `derive:` is evaluated safely, with units and times, and compared with the value written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sysatlas.derive import DeriveError, FactTable, _agrees_as_written, compare, format_duration, quantity, unit_of
from sysatlas.paths import Layout
from sysatlas.pipeline import check as check_content


def table(**facts: Any) -> FactTable:
    return FactTable(facts)


START = {"value": "2018-10-21 22:52", "unit": "UTC"}
END = {"value": "2018-10-22 23:03", "unit": "UTC"}


def check(facts: dict[str, Any], name: str) -> DeriveError | None:
    t = FactTable(facts)
    value, unit, _ = t.spec(name)
    written = quantity(value, unit)
    assert written is not None
    return compare(name, t.get(name), written, value, unit)


def test_two_times_subtract_to_a_duration() -> None:
    t = table(start=START, end=END, total={"derive": "end - start"})
    assert format_duration(t.get("total").value) == "24 h 11 min"


@pytest.mark.parametrize(("value", "unit"), [("24 h 11 min", None), (1451, "min"), ("~24", "h"), (24.18, "h")])
def test_written_values_that_agree(value: Any, unit: str | None) -> None:
    total = {"derive": "end - start", "value": value, **({"unit": unit} if unit else {})}
    assert check({"start": START, "end": END, "total": total}, "total") is None


@pytest.mark.parametrize(("value", "unit"), [("24 h 13 min", None), (1460, "min"), (24, "h"), ("~25", "h")])
def test_written_values_that_disagree(value: Any, unit: str | None) -> None:
    total = {"derive": "end - start", "value": value, **({"unit": unit} if unit else {})}
    problem = check({"start": START, "end": END, "total": total}, "total")
    assert problem is not None and problem.code == "FACT005"


def test_precision_written_decides_the_tolerance() -> None:
    a, b = {"value": "14:00", "unit": "UTC"}, {"value": "16:28", "unit": "UTC"}
    assert check({"a": a, "b": b, "d": {"derive": "b - a", "value": "2.5 h"}}, "d") is not None  # 148 min
    c = {"value": "15:28", "unit": "UTC"}
    assert check({"a": a, "c": c, "d": {"derive": "c - a", "value": "1 h 28 min"}}, "d") is None  # 88 min
    assert check({"a": a, "c": c, "d": {"derive": "c - a", "value": 88, "unit": "min"}}, "d") is None


def test_numbers_and_units_combine() -> None:
    t = table(
        replicas={"value": 3, "unit": "replicas"},
        size={"value": 100, "unit": "GB"},
        raw={"derive": "replicas * size"},
        per_s={"derive": "size / (2 * 50)"},
        secs={"value": 90, "unit": "s"},
        mins={"value": 2, "unit": "min"},
        both={"derive": "secs + mins"},
    )
    assert t.get("raw").value == 300e9 and unit_of("TB") == (1e12, (("B", 1),))
    assert t.get("per_s").value == 1e9
    assert t.get("both").value == 210
    assert check({**t.raw, "pct": {"derive": "(1 - 0.9999) * 100", "value": 0.01, "unit": "%"}}, "pct") is None


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"x": {"derive": "y + 1"}}, "'y' is not a fact"),
        ({"x": {"derive": "y + 1"}, "y": {"derive": "x * 2"}}, "circle: x -> y -> x"),
        ({"x": {"derive": "__import__('os').system('true')"}}, "is not allowed"),
        ({"x": {"derive": "2 ** 10"}}, "is not allowed"),
        ({"x": {"derive": "a[0]"}, "a": 1}, "is not allowed"),
        ({"x": {"derive": "1 +"}}, "cannot read"),
        ({"x": {"derive": "a / 0"}, "a": 1}, "division by zero"),
        ({"x": {"derive": "a * 2"}, "a": "etcd"}, "not a number"),
    ],
)
def test_bad_expressions_are_clear_errors(facts: dict[str, Any], message: str) -> None:
    t = FactTable(facts)
    error: DeriveError | None = None
    try:
        t.get("x")
    except DeriveError as exc:
        error = exc
    except Exception:  # a dependency's own error is kept once, at the dependency
        error = t.errors["y"]
    assert error is not None
    assert message in error.message and error.code == "FACT006"


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"a": {"value": 3, "unit": "GB"}, "b": {"value": 2, "unit": "s"}, "x": {"derive": "a + b"}}, "units differ"),
        ({"a": START, "b": END, "x": {"derive": "a + b"}}, "cannot be added"),
        ({"a": START, "b": {"value": "22:00", "unit": "UTC"}, "x": {"derive": "a - b"}}, "the other does not"),
        ({"a": START, "b": {"value": "2018-10-21 15:00", "unit": "PDT"}, "x": {"derive": "a - b"}}, "different zones"),
        ({"a": START, "x": {"derive": "a * 2"}}, "cannot be multiplied"),
    ],
)
def test_unit_mismatches_are_clear_errors(facts: dict[str, Any], message: str) -> None:
    with pytest.raises(DeriveError) as info:
        FactTable(facts).get("x")
    assert message in info.value.message and info.value.code == "UNIT003"


def test_a_time_moves_by_a_duration() -> None:
    t = table(start=START, took={"value": 43, "unit": "s"}, end={"derive": "start + took"})
    assert t.get("end").moment == "dated"
    assert quantity("2018-10-21 22:52:43", "UTC") == t.get("end").__class__(
        t.get("end").value, moment="dated", zone="UTC", step=1.0
    )


def test_a_derived_fact_without_value_interpolates_the_computed_one(
    make_project: Callable[[dict[str, str]], Layout],
) -> None:
    valid = (
        (Path(__file__).parent / "errors" / "FACT005-derived-value-disagrees.expect-error.yaml")
        .read_text(encoding="utf-8")
        .replace('    value: "24 h 31 min"\n', "")
    )
    outcome = check_content(make_project({"content/incidents/case.yaml": valid}))
    assert [str(d) for d in outcome.report] == []
    (diagram,) = outcome.atlas.diagrams()
    assert "Degraded for 24 h 11 min." in diagram.common.caption


def test_a_summary_gives_its_numbers_from_facts(make_project: Callable[[dict[str, str]], Layout]) -> None:
    """`${fact}` in a subject's summary interpolates like a caption's; an unknown name is FACT001 at its line."""
    case = (Path(__file__).parent / "errors" / "FACT005-derived-value-disagrees.expect-error.yaml").read_text(
        encoding="utf-8"
    )
    valid = case.replace('    value: "24 h 31 min"\n', "")
    summary = next(line for line in valid.splitlines() if line.startswith("summary:"))
    ok = valid.replace(summary, "summary: Degraded for ${degraded}, all of it derived.")
    outcome = check_content(make_project({"content/incidents/case.yaml": ok}))
    assert [str(d) for d in outcome.report] == []
    (subject,) = outcome.atlas.subjects
    assert subject.head.summary == "Degraded for 24 h 11 min, all of it derived."
    wrong = valid.replace(summary, "summary: Degraded for ${degradd}.")
    problems = [d for d in check_content(make_project({"content/incidents/case.yaml": wrong})).report]
    assert [(d.code, d.line) for d in problems] == [("FACT001", valid.splitlines().index(summary) + 1)]


def test_plain_numbers_are_read_in_the_unit_written_and_hand_conversions_are_named() -> None:
    budget = {
        "slo": {"value": 99.9, "unit": "%"},
        "budget": {"derive": "(100 - slo) / 100 * 30 * 24 * 60", "value": 43.2, "unit": "min"},
    }
    assert check(budget, "budget") is None
    span = {
        "window": 10,
        "commit": {"value": 60, "unit": "s"},
        "span": {"derive": "window * commit / 60", "value": 10, "unit": "min"},
    }
    problem = check(span, "span")
    assert problem is not None and "drop a hand conversion" in problem.message
    assert _agrees_as_written(span, "span", 10, "min")  # so `prepare` accepts the hand conversion
    span["span"]["derive"] = "window * commit"
    assert check(span, "span") is None
    assert not _agrees_as_written({**span, "span": {"derive": "window * commit / 6"}}, "span", 10, "min")


def test_a_digit_inside_a_unit_word_is_not_a_scale() -> None:
    assert unit_of("Dell R7625 servers") == (1.0, ())
    assert unit_of("vCPU per 1000 rps") == (1e-3, ())


def test_billions_of_dollars_are_money_not_bytes() -> None:
    """`$B` after a currency is a scale (Salesforce's $2.0B commitment less $156M paid), while `B` alone is bytes."""
    assert unit_of("$B") == (1e9, (("USD", 1),))
    assert unit_of("$M") == (1e6, (("USD", 1),))
    assert unit_of("B") == (1.0, (("B", 1),))
    t = table(
        commit={"value": 2.0, "unit": "$B"},
        paid={"value": 156, "unit": "$M"},
        left={"derive": "commit - paid", "value": 1844, "unit": "$M"},
    )
    assert t.get("left").value == 1.844e9
