"""FACT003: a reported fact's value must be the number its quote states (a marked rounding may round it)."""

from __future__ import annotations

import pytest

from sysatlas.lint.facts import numbers, value_in_quote
from sysatlas.model import Fact
from sysatlas.units import quantity, shown


def fact(value: str | float, quote: str) -> Fact:
    return Fact(value=value, source="src", quote=quote)


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        ("~40", "about 40 minutes"),
        ("~40", "the West Coast primaries took writes for 42 minutes"),  # marked rounding, rounds to 40
        ("~1.7", "p99 rose to 1.68s"),
        (1.68, "p99 rose to 1.68s"),
        (1.7, "p99 rose to 1.68s"),  # rounded at the decimals written
        (403063, "403,063.28 requests"),
        (2.376, "2.376 ms"),
        (10000, "10 000 writes"),
        (99.99, "a monthly uptime of 99.99%"),
        ("24 h 11 min", "for 24 hours and 11 minutes"),
        (40, "about 40 minutes"),
        (1000, "The default is 1,000 ms."),
        (1_200_000, "1.2 million requests per second"),
        (40_000, "over 40K nodes"),
        (24, "twenty-four hours"),
        ("~730 billion", "roughly 730 billion combinations"),
        ("about 2", "two replicas"),
        ("etcd", "etcd stores the state"),
    ],
)
def test_value_matches_its_quote(value: str | float, quote: str) -> None:
    assert value_in_quote(fact(value, quote))


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (1.6, "p99 rose to 1.68s"),  # not how 1.68 rounds
        (1.68, "p99 rose to 1.7s"),  # more precise than the quote: not stated
        ("~40", "about 48 minutes"),  # beyond the precision written (40 +- 5)
        ("~1.7", "p99 rose to 1.78s"),
        (99.9, "a monthly uptime of 99.99%"),
        ("24 h 11 min", "for 24 hours and 13 minutes"),
        (2.5, "it took 25 minutes"),
        (40, "400 ms"),
        (11, "version 3.11.2"),  # not a number split out of a version string
        ("etcd", "ZooKeeper stores the state"),
    ],
)
def test_value_does_not_match_its_quote(value: str | float, quote: str) -> None:
    assert not value_in_quote(fact(value, quote))


def test_numbers_reads_separators_words_and_scales() -> None:
    assert numbers("1,200 req/s, ten nodes, 3.5K") == [1200.0, 3.5, 3500.0, 10.0]


@pytest.mark.parametrize(
    ("value", "quote", "stated"),
    [
        ("2020-11-25 03:47", "capacity ... began at 2:44 AM PST, finishing at 3:47 AM PST", True),
        ("2020-11-25 05:15", "The first alarm was triggered at 5:15am PST", True),
        ("2021-03-15 21:05", "the key metadata was rolled back to its prior state at 21:05 UTC.", True),
        ("2021-03-15 21:05", "rolled back at 9:05 PM UTC", True),
        ("22:52", "At 22:52 UTC on October 21", True),
        ("2021-05-12", "On May 12, we began a software deployment", True),
        ("2025-06-12", "On June 12, 2025 at ~10:45am PDT", True),
        ("2021-03-15", "at 19:00 UTC on 15 March 2021", True),
        ("2020-11-25 03:47", "finishing at 3:47 PM PST", False),
        ("2020-11-25 03:47", "finishing at 3:48 AM PST", False),
        ("2021-05-12", "On May 21, we began a software deployment", False),
        ("2021-05-12", "On June 12, we began", False),
    ],
)
def test_time_facts_need_their_time_of_day_or_day(value: str, quote: str, stated: bool) -> None:
    assert value_in_quote(fact(value, quote)) is stated


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (17820.96, "$/month", "$17,820.96/month"),
        (0.0075, "$ per 1000 requests", "$0.0075 per 1000 requests"),
        (4500, "$", "$4,500"),
        (-3, "$/month", "-3 $/month"),
        ("~40", "$/month", "~40 $/month"),  # not a plain number: the unit follows as written
        (25.8, "%", "25.8%"),
        (1.4, "% of Twilio's customers", "1.4% of Twilio's customers"),  # a share of something: no space either
        ("~40", "% of requests", "~40% of requests"),
        (1000, "ms", "1000 ms"),
        ("about 6", "h", "about 6 h"),
    ],
)
def test_a_fact_reads_as_a_reader_writes_it(value: str | float, unit: str, text: str) -> None:
    """Money leads with its sign and groups thousands, a percentage takes no space; other units follow the value."""
    assert shown(value, unit) == text
    assert quantity(text) == quantity(f"{str(value).replace(',', '')} {unit}")  # still reads back as the same amount


@pytest.mark.parametrize(
    ("value", "unit", "text", "read_back"),
    [
        (543.12, "USD/month", "$543.12/month", (543.12, "$/month")),
        (290, "USD K/month", "$290K/month", (290e3, "$/month")),
        (307394, "USD million revenue (2017)", "$307,394 million revenue (2017)", (307394, "$ million revenue (2017)")),
        (2.0, "billion USD", "$2.0 billion", (2.0, "$ billion")),
        (5, "EUR million", "€5 million", (5, "€ million")),
        (1.5, "USD per GB per month", "$1.5 per GB per month", (1.5, "$ per GB per month")),
        (2, "$bn", "2 $bn", (2, "$bn")),  # a word glued to the sign stays after the number
        (8, "USDC", "8 USDC", (8, "USDC")),  # a code that only starts like USD is not money
    ],
)
def test_currency_codes_read_as_their_sign(value: float, unit: str, text: str, read_back: tuple[float, str]) -> None:
    """`8950 USD` and `543.12 USD/month` read as `$8,950` and `$543.12/month`, the way the priced facts beside
    them do; a scale word stays a word (`$307,394 million`)."""
    assert shown(value, unit) == text
    assert quantity(text) == read_back


@pytest.mark.parametrize(
    ("value", "unit", "text", "amount"),
    [
        ("2,000", "$M", "$2,000M", 2e9),
        (19, "$B", "$19B", 19e9),
        (400.0, "$M/year", "$400.0M/year", 4e8),
        (3000, "$M, 2017-2021", "$3,000M, 2017-2021", None),  # a pie total says what the money is
        ("~40", "$M", "~40 $M", None),  # not a plain number: the unit follows as written
    ],
)
def test_money_in_millions_reads_as_written(value: str | float, unit: str, text: str, amount: float | None) -> None:
    """`19 $B` reads as `$19B`, and reads back as the same amount in dollars (a comparison can rank it)."""
    assert shown(value, unit) == text
    if amount is not None:
        q = quantity(text)
        assert q is not None and q[0] == amount and q[1] == "$" + unit[2:]


def test_text_alternatives_write_amounts_as_the_diagram_does() -> None:
    """A pie's total and a chart's values in the text alternative read `$2,795/month`, not `2795 $/month`."""
    from sysatlas.kinds import registry

    pie = registry()["pie"]
    body = pie.body.model_validate(
        {
            "total": {"value": 2795, "unit": "$/month"},
            "slices": [{"label": "a", "value": 2000}, {"label": "b", "value": 795}],
        }
    )
    assert pie.describe(body)[0] == "Total: $2,795/month"
    chart = registry()["chart"]
    body = chart.body.model_validate(
        {
            "x": {"label": "I/O share", "categories": ["0", "1.2"]},
            "y": {"label": "cluster cost", "unit": "$/month"},
            "series": [{"name": "Standard", "type": "line", "values": [1595, 1835.5]}],
        }
    )
    assert chart.describe(body)[1] == "Standard (line): 0 $1,595/month, 1.2 $1,835.5/month"
