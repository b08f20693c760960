"""Reading times and quantities written by people."""

from __future__ import annotations

import pytest

from sysatlas.units import offset_seconds, quantity


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("T+0", 0),
        ("T0", 0),
        ("T+43s", 43),
        ("T+5m", 300),
        ("T+1h30m", 5400),
        ("T-5m", -300),
        ("T+250ms", 0.25),
        ("22:52", 22 * 3600 + 52 * 60),
        ("Day 1 22:52", 22 * 3600 + 52 * 60),
        ("Day 2 00:41", 86400 + 41 * 60),
        ("23:59:30", 86370),
        ("22:52 UTC", 22 * 3600 + 52 * 60),
    ],
)
def test_offsets(text: str, seconds: float) -> None:
    assert offset_seconds(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["quarter past ten", "25:00", "12:75", "T+fast", ""])
def test_unreadable_times(text: str) -> None:
    assert offset_seconds(text) is None


def test_dates_order() -> None:
    a, b = offset_seconds("2018-10-21 22:52"), offset_seconds("2018-10-22 00:41")
    assert a is not None and b is not None and a < b


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("12 ms", 12, "ms"),
        ("1,200 req/s", 1200, "req/s"),
        ("$40K/month", 40000, "$/month"),
        ("99.99%", 99.99, "%"),
        ("~10 ms", 10, "ms"),
        ("1.2K writes/s", 1200, "writes/s"),
        ("3 x", 3, "x"),
    ],
)
def test_quantities(text: str, value: float, unit: str) -> None:
    assert quantity(text) == (pytest.approx(value), unit)


def test_no_leading_number() -> None:
    assert quantity("fast") is None


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Service A", True),
        ("Node 1", True),
        ("server B", True),
        ("db 2", True),
        ("db1.cluster.gitlab.com", False),
        ("node-1", False),
        ("C:\\Windows\\System32", False),
        ("TODO: fill", True),
        ("see example.com", True),
        ("lorem ipsum", True),
        ("FILL title", True),
        ("DBA paged", False),
        ("client 12 ms", False),
        ("database 7 nodes", False),
        ("Team Cymru", False),
        ("bar chart of p99", False),
        ("etcd member 3", False),
        ("ACME HTTP-01 challenge", False),
    ],
)
def test_placeholder_detection(text: str, flagged: bool) -> None:
    from sysatlas.lint.placeholders import find

    assert (find(text) is not None) is flagged
