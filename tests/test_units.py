"""Reading times and quantities written by people."""

from __future__ import annotations

from datetime import date

import pytest

from sysatlas.units import moments, offset_seconds, quantity


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


def test_clock_entries_take_the_date_of_the_dated_entry_before_them() -> None:
    # before the fix: 22:52 was 82,320 s and the dated entry ~1.5e9 s, so any HH:MM sorted before any date
    first, second = moments(["2018-10-21 22:00", "22:52"])
    assert first is not None and second is not None
    assert second[1] - first[1] == 52 * 60


def test_day_n_counts_from_the_anchor_and_undated_clocks_compare_only_with_each_other() -> None:
    got = moments(["22:10", "2018-10-21 21:00", "Day 2 00:41", "T+43s", "soon"], anchor=date(2018, 10, 21))
    assert got[0] is not None and got[1] is not None and got[2] is not None
    assert got[1][1] < got[0][1]  # so a timeline lists it as going back in time
    assert got[2][1] - got[1][1] == 3 * 3600 + 41 * 60
    assert got[3] == ("offset", 43) and got[4] is None
    plain = moments(["22:52", "Day 2 00:41", "06:51", "2018-10-22 07:00"])
    assert [m[0] for m in plain if m] == ["undated", "undated", "undated", "clock"]
    assert plain[2] == ("undated", 86400 + 6 * 3600 + 51 * 60)


def test_dates_are_read_as_utc_whatever_the_machine_zone() -> None:
    assert offset_seconds("1970-01-02 00:00") == 86400
    assert offset_seconds("2018-10-21 22:52 UTC") == offset_seconds("2018-10-21 22:52")


def test_a_chart_threshold_is_drawn_in_the_axis_unit() -> None:
    from sysatlas.kinds.chart import Body, context

    def line(unit: str, value: str) -> list[float] | None:
        body = Body.model_validate(
            {
                "x": {"label": "workers", "categories": ["1", "2", "4"]},
                "y": {"label": "throughput", "unit": unit},
                "series": [{"name": "100 KB files", "values": [20, 40, 50]}],
                "threshold": {"value": value, "label": "link"},
            }
        )
        return context(body)["threshold"]  # type: ignore[no-any-return]

    assert line("Gbit/s", "80 Gbit/s") == [80, 80, 80]
    assert line("Gbit/s", "800 Mbit/s") == [0.8, 0.8, 0.8]
    assert line("ms", "200 ms") == [200, 200, 200]
    assert line("requests/s", "3,000") == [3000, 3000, 3000]
