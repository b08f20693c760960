"""PH001: generic names and unfinished text are caught however they are spelled; real names are not."""

from __future__ import annotations

import pytest

from sysatlas.lint.placeholders import find, too_thin


@pytest.mark.parametrize(
    "text",
    [
        "Service G calls the ledger",
        "Backend A",
        "Server-1 fails over",
        "Node1 is the leader",
        "Calls Service A.",
        "owner: tbd",
        "N/A",
        "n/a",
        "Service A",
        "Node 1",
        "db 2 lags",
        "Frontend-3 restarts",
        "TODO: fill",
        "foo",
    ],
)
def test_placeholders_are_found(text: str) -> None:
    assert find(text)


@pytest.mark.parametrize(
    "text",
    [
        "IBM DB2 on z/OS",
        "node-1",
        "db1.cluster.gitlab.com",
        "C:\\Windows\\System32",
        "Node 1.5 ms",
        "node 12 ms p99",
        "Windows Server 2019",
        "3 nodes",
        "System V init",
        "service discovery",
        "Node.js 20",
        "the n/an ratio",
        "us-east-1",
        "a NAT gateway",
        "return-to-service-10-days",
        "-servername host 2>/dev/null",
    ],
)
def test_real_text_is_not_a_placeholder(text: str) -> None:
    assert find(text) is None


@pytest.mark.parametrize(
    ("text", "thin"),
    [
        ("x", True),
        ("y", True),
        ("-", True),
        ("ok", True),
        ("p99", False),
        ("leader elections fail", False),
        ("etcd_server_leader_changes", False),
    ],
)
def test_three_am_fields_must_say_something(text: str, thin: bool) -> None:
    assert too_thin(text) is thin
