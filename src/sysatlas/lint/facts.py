"""Facts: a `reported` fact quotes the sentence of its source that states it, and the value appears there."""

from __future__ import annotations

import re

from ..atlas import Atlas
from ..diagnostics import Report
from ..model import Fact

WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "sixty": 60, "hundred": 100, "thousand": 1000, "half": 0.5, "dozen": 12, "once": 1,
         "twice": 2, "single": 1, "double": 2, "triple": 3, "million": 1_000_000, "billion": 1_000_000_000}
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


def value_in_quote(fact: Fact) -> bool:
    """True when every number of the fact's value is written in its quote (or, for text, the text itself)."""
    assert fact.quote is not None
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
                report.add(subject.doc.rel, subject.doc.line(("facts", name)), "FACT002",
                           f"fact {name!r} is reported from {fact.source!r} but has no `quote:`; copy the "
                           "sentence of the source that states it, verbatim, or set `evidence:` to what it is "
                           "(derived, estimate, illustrative, unquoted)")
            elif not value_in_quote(fact):
                report.add(subject.doc.rel, subject.doc.line(("facts", name, "quote")), "FACT003",
                           f"fact {name!r}: its value {fact.value!r} does not appear in its quote; write the value "
                           "as the source states it (same number, same unit) or quote the sentence that states it")
