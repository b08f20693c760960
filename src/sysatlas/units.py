"""Reading numbers, units and times written by people: `12 ms`, `1,200 req/s`, `$40K/month`, `T+43s`, `22:54`."""

from __future__ import annotations

import re
from datetime import datetime

_OFFSET = re.compile(r"^T\s*(?P<sign>[+-])\s*(?P<rest>(?:\d+(?:\.\d+)?\s*(?:ms|s|m|min|h|d|w)\s*)+)$")
_ZERO = re.compile(r"^T\s*(?:[+-]?\s*0(?:\.0+)?\s*(?:ms|s|m|min|h|d|w)?)?$")
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d|w)")
_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}
_CLOCK = re.compile(
    r"^(?:(?:Day|D)\s*(?P<day>\d+)\s+)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\s*[A-Z]{2,4})?$"
)  # an optional zone name: UTC, PDT, CEST
_NUMBER = re.compile(
    r"^[~≈<>≤≥]?\s*(?P<cur>[$€£])?\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<mult>[kKMBGT]\b|[kKMBGT](?=[a-zA-Z/$%]|\s|$))?\s*(?P<unit>.*)$"
)
_MULT = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12}


def offset_seconds(text: str) -> float | None:
    """Return a time as seconds for ordering, or None when it cannot be read."""
    value = text.strip()
    if _ZERO.match(value):
        return 0.0
    match = _OFFSET.match(value)
    if match:
        total = sum(float(n) * _SECONDS[u] for n, u in _PART.findall(match.group("rest")))
        return -total if match.group("sign") == "-" else total
    match = _CLOCK.match(value)
    if match:
        day = max(int(match.group("day") or 1) - 1, 0)
        hours, minutes = int(match.group("h")), int(match.group("m"))
        if hours > 23 or minutes > 59:
            return None
        return day * 86400 + hours * 3600 + minutes * 60 + int(match.group("s") or 0)
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m"):
        try:
            return datetime.strptime(value[:19] if "%S" in fmt else value, fmt).timestamp()
        except ValueError:
            continue
    return None


def quantity(text: str) -> tuple[float, str] | None:
    """Return (number, unit) from text like `12 ms`, `1.2K req/s`, `$40K/month`, `99.99%`; None if no number leads."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    number = float(match.group("num").replace(",", ""))
    mult = match.group("mult")
    if mult:
        number *= _MULT[mult]
    unit = (match.group("cur") or "") + match.group("unit").strip()
    return number, unit
