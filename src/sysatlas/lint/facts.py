"""Facts: a `reported` fact quotes the sentence of its source that states it, and the value appears there."""

from __future__ import annotations

import re

from ..atlas import Atlas
from ..diagnostics import Report
from ..model import Fact

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
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
GROUPED = re.compile(r"\d{1,3}(?:[\u202f\u2009\u00a0 ]\d{3})+(?!\d)")


def numbers(text: str) -> list[float]:
    """Every number written in `text`: digits with thousands separators or decimals, and number words."""
    out: list[float] = []
    for match in [*NUMBER.finditer(text), *GROUPED.finditer(text)]:
        raw = re.sub(r"[,\u202f\u2009\u00a0 ]", "", match.group(0))
        try:
            out.append(float(raw))
        except ValueError:
            continue
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in WORDS:
            out.append(float(WORDS[word]))
    return out


def _decimals(number: float, written: str) -> int:
    """How many decimals the value was written with (its stated rounding)."""
    match = re.search(r"\.(\d+)", written)
    return len(match.group(1)) if match else 0


def _same(wanted: float, said: float, decimals: int) -> bool:
    """The quote's number equals the value, or rounds to it at the value's precision (403063.28 -> 403,063)."""
    if abs(wanted - said) <= 1e-9 * max(1.0, abs(wanted), abs(said)):
        return True
    return round(said, decimals) == wanted and abs(said) >= 1


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
    """True when every number of the fact's value is written in its quote (or, for text, the text itself)."""
    assert fact.quote is not None
    moment = _moment_in_quote(str(fact.value), fact.quote) if isinstance(fact.value, str) else None
    if moment is not None:
        return moment
    wanted = numbers(str(fact.value)) if fact.value is not None else []
    if not wanted:
        return str(fact.value).strip().lower() in fact.quote.lower()
    said = numbers(fact.quote)
    written = str(fact.value)
    return all(any(_same(w, s, _decimals(w, written)) for s in said) for w in wanted)


def check(atlas: Atlas, report: Report) -> None:
    """FACT002: reported without quote; FACT003: value not in its quote."""
    for subject in atlas.subjects:
        for name, fact in subject.head.facts.items():
            if not isinstance(fact, Fact) or fact.level != "reported":
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
                    "as the source states it (same number, same unit) or quote the sentence that states it",
                )
