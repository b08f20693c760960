"""FACT003: a reported fact's value must be the number its quote states (a marked rounding may round it)."""

from __future__ import annotations

import pytest

from sysatlas.lint.facts import numbers, value_in_quote
from sysatlas.model import Fact


def fact(value: str | float, quote: str) -> Fact:
    return Fact(value=value, source="src", quote=quote)


@pytest.mark.parametrize(("value", "quote"), [
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
])
def test_value_matches_its_quote(value: str | float, quote: str) -> None:
    assert value_in_quote(fact(value, quote))


@pytest.mark.parametrize(("value", "quote"), [
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
])
def test_value_does_not_match_its_quote(value: str | float, quote: str) -> None:
    assert not value_in_quote(fact(value, quote))


def test_numbers_reads_separators_words_and_scales() -> None:
    assert numbers("1,200 req/s, ten nodes, 3.5K") == [1200.0, 3.5, 3500.0, 10.0]
