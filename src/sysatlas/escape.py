"""Escaping for Mermaid, one function per syntactic context.

Mermaid decodes its own entity codes (`#35;`, `#58;` ...) in labels of every diagram kind we emit, so
everything outside a small safe set is written as `#<decimal>;`. That one rule keeps quotes, colons,
semicolons, `#`, brackets, `-->`, `end`, `<script>`, emoji and RTL text from ever being read as syntax.
HTML entities are NOT used: they work only in flowchart labels (see notes/mermaid-toolchain.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Characters left as they are. Everything else becomes a Mermaid entity code.
_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _.,-")
_WORDS = re.compile(r"\b(end|graph|subgraph|style|class|classDef|click|call|section)\b", re.IGNORECASE)


# The render harness marks a template's <b>/<i> and html()'s <span></span> with these private-use characters
# (see browser/harness.html);
# in reader text they become U+FFFD so that no label can style itself.
_MARKS = {0xE000: 0xFFFD, 0xE001: 0xFFFD, 0xE002: 0xFFFD, 0xE003: 0xFFFD, 0xE004: 0xFFFD}


def entity(text: str) -> str:
    """Encode every character outside the safe set as a Mermaid entity code."""
    out = []
    for ch in " ".join(str(text).translate(_MARKS).split()):
        out.append(ch if ch in _SAFE else f"#{ord(ch)};")
    return "".join(out)


def label(text: str) -> str:
    """Escape text for any label, quoted or not: messages, notes, slices, tasks, periods, axis names."""
    encoded = entity(text)
    # a whole word such as `end` could close a block where text stands unquoted; entity-code its first letter
    return _WORDS.sub(lambda m: f"#{ord(m.group(0)[0])};{m.group(0)[1:]}", encoded)


def html(text: str) -> str:
    """Escape text for a flowchart label, where Mermaid reads the two characters `\\n` as a line break.

    Mermaid decodes entity codes before it turns `\\n` into `<br />` in any flowchart label that holds
    markup (`<b>`, `<br/>`), so an encoded backslash alone does not help: an empty `<span></span>` between
    the backslash and the `n` breaks up the pair and shows nothing.
    """
    return label(text).replace("#92;n", "#92;<span></span>n")


def lines(parts: Iterable[str], sep: str = "<br/>") -> str:
    """Escape each line of a multi-line flowchart label and join them with a line break."""
    return sep.join(html(p) for p in parts if str(p).strip())


# Characters a block-diagram cell keeps as written: Mermaid measures a block's label before it decodes entity
# codes, so every code widens the cell by its length; only what could end the string, start markup or a comment,
# or turn into a line break is encoded.
_CELL_CODED = frozenset('"#&<>;\\`%{}[]|')


def cell(text: str) -> str:
    """Escape text for a block-diagram cell label (quoted), encoding only what Mermaid could read as syntax."""
    out = []
    for ch in " ".join(str(text).translate(_MARKS).split()):
        coded = ch in _CELL_CODED or not ch.isprintable()
        out.append(f"#{ord(ch)};" if coded else ch)
    return "".join(out)


def cells(parts: Iterable[str], sep: str = "<br/>") -> str:
    """Escape each line of a multi-line block-diagram cell and join them with a line break."""
    return sep.join(cell(p) for p in parts if str(p).strip())


def wrapped(text: str) -> str:
    """Escape text Mermaid wraps itself (sequence participants, messages and notes with `wrap: true`).

    Mermaid measures and breaks such text before it decodes entity codes: a code counts as several characters
    and a word too long for its line is cut, hyphen added, through the middle of a code. So only what would end
    the statement, start markup or a comment, or turn into a line break is encoded, and keywords as in `label`.
    """
    out = []
    for ch in " ".join(str(text).translate(_MARKS).split()):
        coded = ch in ";#<>&\\%" or not ch.isprintable()
        out.append(f"#{ord(ch)};" if coded else ch)
    return _WORDS.sub(lambda m: f"#{ord(m.group(0)[0])};{m.group(0)[1:]}", "".join(out))


def acc(text: str) -> str:
    """Make text safe for `accTitle:` / `accDescr:` lines, which are read to the end of the line raw."""
    flat = " ".join(str(text).split())
    return flat.replace(";", ",").replace("#", "No.").replace("{", "(").replace("}", ")").replace("%%", "%")


def block(text: str) -> str:
    """Escape a sequence-diagram block label (alt/else/opt/loop/par/and/critical/break).

    Mermaid wraps these labels word by word and mangles entity codes that the wrap splits, so
    only what would end the statement or start markup is encoded; the rest stays as written.
    """
    out = []
    for ch in " ".join(str(text).split()):
        out.append(f"#{ord(ch)};" if ch in ";#<>&" else ch)
    return "".join(out)
