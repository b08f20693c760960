"""Facts: a `reported` fact quotes the sentence of its source that states it, and the value appears there."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..atlas import Atlas
from ..diagnostics import Report
from ..model import Fact

MAX_QUOTE = 300  # characters: one sentence, table cell or config line, not a paragraph

WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "half": 0.5,
    "dozen": 12,
    "once": 1,
    "twice": 2,
    "single": 1,
    "double": 2,
    "triple": 3,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
}
NUMBER = re.compile(
    r"(?<![\d.])(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?:\s*(?P<scale>thousand|million|billion|trillion|"
    r"bn|mn|[kKMB])\b)?"
)
GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:[\u202f\u2009\u00a0 ]\d{3})+(?!\d)")  # 10 000; a dot is a decimal point
# a value (or the words before a quoted number) saying it is rounded: "~40", "about 40", "roughly 2 h"
APPROX = re.compile(
    r"^\s*(?:~|≈|about|around|approx(?:\.|imately)?|roughly|nearly|almost|some|over|under|"
    r"more than|less than|up to|at least|circa|c\.)\s*",
    re.I,
)


@dataclass(frozen=True)
class Number:
    """One number as written: its value and the size of a unit in its last significant place."""

    value: float
    step: float


def _step(digits: str, approx: bool) -> float:
    """Return the place value of the last written digit (of the last non-zero one when marked approximate)."""
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    if approx:
        stripped = digits.rstrip("0")
        return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0
    return 1.0


def numbers_in(text: str, approx: bool = False, twins: bool = True) -> list[Number]:
    """Every number written in `text`, with a scaled twin for "1.2 million" / "40K", and number words."""
    out: list[Number] = []
    for match in [*NUMBER.finditer(text), *GROUPED.finditer(text)]:
        scaled = "scale" in match.re.groupindex and match.group("scale")
        digits = re.sub(
            r"[,\u202f\u2009\u00a0 ]",
            "",
            match.group(0)[: match.start("scale") - match.start()] if scaled else match.group(0),
        ).strip()
        try:
            value = float(digits)
        except ValueError:
            continue
        step = _step(digits, approx)
        out.append(Number(value, step))
        if scaled and twins:
            factor = SCALE[match.group("scale").lower()]
            out.append(Number(value * factor, step * factor))
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower())
    for word in words:
        parts = word.split("-")
        if len(parts) == 2 and parts[0] in WORDS and parts[1] in WORDS and WORDS[parts[0]] >= 20:
            out.append(Number(float(WORDS[parts[0]] + WORDS[parts[1]]), 1.0))  # twenty-four
        for part in parts:
            if part in WORDS:
                out.append(Number(float(WORDS[part]), 1.0))
    return out


def numbers(text: str) -> list[float]:
    """Every number written in `text`: digits with thousands separators or decimals, and number words."""
    return [n.value for n in numbers_in(text)]


def _same(wanted: Number, said: Number) -> bool:
    """The quote's number equals the value, or rounds to it at the value's precision (403063.28 -> 403,063)."""
    if abs(wanted.value - said.value) <= 1e-9 * max(1.0, abs(wanted.value), abs(said.value)):
        return True
    decimals = max(0, round(-math.log10(wanted.step))) if wanted.step < 1 else 0
    return round(said.value, decimals) == wanted.value and abs(said.value) >= 1


MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MOMENT = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})?(?:[ T]?(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?)?$")


def _moment_in_quote(value: str, quote: str) -> bool | None:
    """For a date/time value ("2020-11-25 05:15", "2021-06-08", "22:52"): the quote states that moment.

    The time of day must be written as the source writes it (05:15, 5:15, 5:15am, 5:15 AM PST); a date must show
    its day and month ("June 8", "8 June", "2021-06-08"). A time quoted without its date is accepted: sources
    give the day once and the times after it, and the fact's value carries the date. None: not a date/time.
    """
    m = MOMENT.match(value.strip())
    if not m or not (m["date"] or m["h"]):
        return None
    low = quote.lower()
    if m["h"]:
        hour, minute = int(m["h"]), m["m"]
        twelve = hour % 12 or 12
        half = "a" if hour < 12 else "p"
        forms = [rf"(?<!\d)0?{hour}:{minute}(?!\d)(?!\s*[ap]\.?m)", rf"(?<!\d){twelve}:{minute}\s*{half}\.?m\b"]
        return any(re.search(f, low) for f in forms)
    _, month, day = (int(x) for x in m["date"].split("-"))
    name = MONTHS[month - 1]
    forms = [m["date"], rf"\b{name[:3]}[a-z]*\.?\s+{day}(?!\d)", rf"(?<!\d){day}(?:st|nd|rd|th)?\s+{name[:3]}"]
    return any(re.search(f, low) for f in forms)


def value_in_quote(fact: Fact) -> bool:
    """True when every number of the fact's value is written in its quote (or, for text, the text itself).

    A value may be the quoted number rounded at the decimals it is written with (`1.7` for "1.68s", `403063` for
    "403,063.28"); a value marked as rounded (`~40`, `about 40`) also matches a quoted number that rounds to it at
    its last non-zero digit: `~40` matches "42 minutes", `~1.7` matches "1.74s".
    """
    assert fact.quote is not None
    moment = _moment_in_quote(str(fact.value), fact.quote) if isinstance(fact.value, str) else None
    if moment is not None:
        return moment
    text = str(fact.value) if fact.value is not None else ""
    approx = bool(APPROX.match(text))
    wanted = numbers_in(text, approx, twins=False) if fact.value is not None else []
    if not wanted:
        return text.strip().lower() in fact.quote.lower()
    said = numbers_in(fact.quote)
    if approx:
        return all(any(abs(w.value - s.value) <= w.step / 2 + 1e-9 * abs(w.value) for s in said) for w in wanted)
    return all(any(_same(w, s) for s in said) for w in wanted)


def check(atlas: Atlas, report: Report) -> None:
    """FACT002: reported without quote; FACT003: value not in its quote; FACT004: quote too long."""
    for subject in atlas.subjects:
        for name, fact in subject.head.facts.items():
            if not isinstance(fact, Fact):
                continue
            if fact.quote and len(fact.quote) > MAX_QUOTE:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("facts", name, "quote")),
                    "FACT004",
                    f"fact {name!r}: its quote has {len(fact.quote)} characters (limit {MAX_QUOTE}); trim it "
                    "to the one sentence, table cell or config line that states the value (cut with '...' "
                    "only at the ends)",
                )
            if fact.level != "reported":
                continue
            if not fact.quote:
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("facts", name)),
                    "FACT002",
                    f"fact {name!r} is reported from {fact.source!r} but has no `quote:`; copy the "
                    "sentence of the source that states it, verbatim, or set `evidence:` to what it is "
                    "(derived, estimate, illustrative, unquoted)",
                )
            elif not value_in_quote(fact):
                report.add(
                    subject.doc.rel,
                    subject.doc.line(("facts", name, "quote")),
                    "FACT003",
                    f"fact {name!r}: its value {fact.value!r} does not appear in its quote; write the value "
                    "as the source states it (same number, same unit; mark a rounding as `~40`) or quote "
                    "the sentence that states it",
                )
