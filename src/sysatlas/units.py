"""Reading numbers, units and times written by people: `12 ms`, `1,200 req/s`, `$40K/month`, `T+43s`, `22:54`."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

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
    stamp = dated(value)
    return calendar.timegm(stamp.timetuple()) if stamp else None


_DATED = re.compile(r"^(?P<date>\d{4}-\d{2}(?:-\d{2})?)(?:[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?))?(?:\s*[A-Z]{2,4})?$")


def dated(text: str) -> datetime | None:
    """Read `2018-10-21 22:52[:SS]`, `2018-10-21` or `2018-10` (an optional zone name after it), or None."""
    match = _DATED.match(text.strip())
    if not match:
        return None
    day, clock = match.group("date"), match.group("time")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m"):
        try:
            return datetime.strptime(f"{day} {clock}" if clock else day, fmt)
        except ValueError:
            continue
    return None


def moments(texts: Sequence[str | None], anchor: date | None = None) -> list[tuple[str, float] | None]:
    """Place a sequence of entry times on one clock, for ordering: (domain, seconds) each, None if unreadable.

    `T+43s` offsets are in the "offset" domain. A dated entry is in "clock", as seconds since the epoch (UTC
    arithmetic, no zone conversion). `Day N HH:MM` is day N counted from `anchor` (or from the first entry, if
    that is dated); `HH:MM` is on the day of the entry before it (or day 1). Without a date to count from they
    are in "undated", comparable only with each other. So `22:52` after `2018-10-21 22:00` is 52 minutes later,
    not a day in 1970, and `2018-10-21 22:10` after it goes back in time.
    """
    stamps = [dated(t) if t else None for t in texts]
    day_one = anchor or (stamps[0].date() if stamps and stamps[0] is not None else None)
    current: date | None = day_one
    day = 0  # the day index of the entry before, counted from day 1, while no date is known
    out: list[tuple[str, float] | None] = []
    for text, stamp in zip(texts, stamps, strict=True):
        if text is None:
            out.append(None)
            continue
        if stamp is not None:
            current = stamp.date()
            out.append(("clock", float(calendar.timegm(stamp.timetuple()))))
            continue
        match = _CLOCK.match(text.strip())
        seconds = offset_seconds(text)
        if seconds is None:
            out.append(None)
        elif not match:
            out.append(("offset", seconds))
        else:
            if match.group("day"):
                day = int(match.group("day")) - 1
                current = day_one + timedelta(days=day) if day_one else None
                seconds -= day * 86400
            if current is not None:
                out.append(("clock", calendar.timegm(current.timetuple()) + seconds))
            else:
                out.append(("undated", day * 86400 + seconds))
    return out


def quantity(text: str) -> tuple[float, str] | None:
    """Return (number, unit) from text like `12 ms`, `1.2K req/s`, `$40K/month`, `99.99%`; None if no number leads."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    number = float(match.group("num").replace(",", ""))
    mult = match.group("mult")
    if mult:
        number *= _MULT[mult]
    cur, rest = match.group("cur") or "", match.group("unit").strip()
    return number, cur + (" " if cur and rest[:1].isalpha() else "") + rest  # `$0.02 per GB`: `$ per GB`


def _grouped(value: Any) -> str | None:
    """Return a plain number with thousands separators (`17820.96` -> `17,820.96`), or None if it is not one."""
    text = str(value).replace(",", "").strip()
    whole, _, frac = text.removeprefix("-").partition(".")
    if not whole.isdigit() or not (frac.isdigit() or not frac):
        return None
    return ("-" if text.startswith("-") else "") + f"{int(whole):,}" + (f".{frac}" if frac else "")


CURRENCIES = {"USD": "$", "EUR": "€", "GBP": "£"}
"""ISO code -> sign, for the currencies facts are written in (derive reads both as one dimension)."""
_SCALED_CODE = re.compile(rf"^(thousand|million|billion) ({'|'.join(CURRENCIES)})\b")


def _money(unit: str) -> tuple[str, str] | None:
    """Split a money unit into (sign, the rest): `USD/month` -> ($, /month), `million USD` -> ($,  million)."""
    scaled = _SCALED_CODE.match(unit)
    if scaled:
        return CURRENCIES[scaled.group(2)], f" {scaled.group(1)}{unit[scaled.end() :]}"
    for code, sign in CURRENCIES.items():
        if unit.startswith(sign):
            return sign, unit[len(sign) :]
        if unit.startswith(code) and unit[len(code) : len(code) + 1] in ("", " ", "/"):
            return sign, unit[len(code) :]
    return None


def shown(value: Any, unit: str | None) -> str:
    """Return a fact as a reader sees it: `42 ms`, `25.8%`, `1.4% of customers`, money as `$17,820.96/month`,
    `$4,500`, `$2,000M`, `$0.0075 per 1000 requests` or `$307,394 million` (also from `USD/month`, `USD million`,
    `million USD`). Anything else (`~40`, a negative amount, `ms`) keeps the unit after the value."""
    if not unit:
        return str(value)
    if unit == "%" or unit.startswith("% "):  # `25.8%`, `1.4% of customers`
        return f"{value}{unit}"
    money = _money(unit)
    amount = _grouped(value) if money else None
    if money is None or amount is None or amount.startswith("-"):
        return f"{value} {unit}"
    symbol, rest = money
    # `$M`, `$B/year`, `$M, 2017-2021`: `$400M/year`, `$3,000M, 2017-2021`
    probe = rest.removeprefix(" ")  # `USD K/month` as `$M`: `$290K/month`
    scale = probe[:1] if probe[:1] in _MULT and probe[1:2] in ("", "/", ",", " ") else ""
    rest = probe[1:] if scale else rest
    if rest and not rest.startswith(("/", ",", " ")):
        return f"{value} {unit}"  # `$bn`, `$Mx`: a word glued to the sign reads better after the number
    return f"{symbol}{amount}{scale}{rest}"
