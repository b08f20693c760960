"""Field types shared by several kinds."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

from ..model import Strict, Text

RESERVED = {
    "end",
    "graph",
    "subgraph",
    "style",
    "class",
    "classdef",
    "click",
    "default",
    "flowchart",
    "state",
    "note",
    "section",
    "title",
}


def _node_id(value: str) -> str:
    if value.lower() in RESERVED:
        raise ValueError(f"{value!r} is a Mermaid keyword; pick another id")
    return value


KEEP_DIRECTION = "draw in the written direction even when it is too wide for the site (see Kind.turn)"


def turner(down: str) -> Callable[[Any], Any]:
    """Return a kind's `turn`: its body drawn the other way (`down` <-> LR), unless the author keeps the direction."""

    def turn(body: BaseModel) -> BaseModel | None:
        if getattr(body, "keep_direction", False):
            return None
        return body.model_copy(update={"direction": down if getattr(body, "direction", down) == "LR" else "LR"})

    return turn


NodeId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40), AfterValidator(_node_id)]


def mid(prefix: str, node_id: str) -> str:
    """Return the Mermaid id for a content id: prefixed so it can never be a keyword."""
    return f"{prefix}_{node_id}"


class Edge(Strict):
    """A labelled arrow between two nodes of a flowchart-based kind."""

    from_: NodeId = Field(alias="from")
    to: NodeId
    label: Text | None = None
    style: Literal["solid", "dashed", "thick"] = "solid"


ARROWS = {"solid": "-->", "dashed": "-.->", "thick": "==>"}


def number(value: float) -> str:
    """Write a number as Mermaid reads it: never in exponent form (1.1e+06 does not parse in xychart)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def duplicates(ids: list[str]) -> list[int]:
    """Return the positions of ids seen before."""
    seen: set[str] = set()
    out = []
    for i, value in enumerate(ids):
        if value in seen:
            out.append(i)
        seen.add(value)
    return out


# a number stays on the line of its unit, and a sign (<, ~, >=) on the line of its number
_GLUE = re.compile(r"(?<=\d) (?=[A-Za-zµ%/]+\b)|(?<=^[<>=~≤≥]) |(?<=[\s(][<>=~≤≥]) |(?<=[<>]=) ")


_JOINTS = re.compile(r"(?<=[_./])|(?<=[a-z])(?=[A-Z])")


def wrap(text: str, width: int, split_names: bool = False) -> list[str]:
    """Break text into lines of at most `width` characters, never between a number and its unit.

    A word longer than a line stays whole, unless `split_names`: then a long name such as
    `mon_lease_renew_interval_factor` is broken after an underscore, dot or slash, `OutOfOrderSequenceException`
    between its words.
    """
    glued = _GLUE.sub("\u00a0", text)
    if split_names:
        glued = " ".join(_split_name(word, width) for word in glued.split(" "))
    lines = textwrap.wrap(glued, width, break_long_words=False, break_on_hyphens=False) or [text]
    return [line.replace("\u2063 ", "").replace("\u2063", "").replace("\u00a0", " ") for line in lines]


def _split_name(word: str, width: int) -> str:
    """Mark where a long name may break (U+2063 and a space) so that no piece is longer than `width` where possible."""
    if len(word) <= width:
        return word
    pieces, line = [], ""
    for part in _JOINTS.split(word):
        if line and len(line) + len(part) > width:
            pieces.append(line)
            line = ""
        line += part
    return "\u2063 ".join([*pieces, line])
