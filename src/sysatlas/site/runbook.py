"""A subject's runbook: the numbered steps of its procedure diagrams as an ordered list an engineer can follow
without reading the drawing, each command in a code block with a copy button.

Generated from the diagram's own data (`Kind.steps`), so the list and the drawing cannot disagree: step 5 here is
the arrow numbered 5 there. Nothing is written twice by authors.
"""

from __future__ import annotations

import re

from ..atlas import Diagram, Subject
from ..kinds import RunbookStep as Step
from .text import md

COMMAND = re.compile(
    r"^(kubectl|psql|mysql|SELECT|SHOW|EXPLAIN|ALTER|SET|VACUUM|df|du|dig|nslookup|host|openssl|curl|jstat|jcmd|"
    r"jstack|jmap|chronyc|timedatectl|lsof|ss|netstat|top|vmstat|iostat|redis-cli|nodetool|kafka-[\w.-]+|etcdctl|"
    r"aws|gcloud|az|systemctl|journalctl|tcpdump|ping|traceroute|mtr|git|helm|kubectl-argo-rollouts|argo|terraform|"
    r"vault|cat|grep|tail|ls|ip|ethtool|dmesg|perf|strace|cqlsh|mongosh|docker|crictl|tune2fs|resize2fs|cmctl|"
    r"rate|sum|increase|histogram_quantile|predict_linear|max|avg|topk|count)\b"
)
"""A step whose text starts with a command, a SQL statement or a PromQL function is something to type."""
CODE = re.compile(r"[{}|]|\w\(|\s--\w|^--\w")
"""...as is one with braces, a pipe, a call or a long option."""


def is_command(text: str) -> bool:
    return bool(COMMAND.match(text.strip()) or CODE.search(text))


def numbered(s: Subject) -> list[tuple[Diagram, list[Step]]]:
    """The subject's diagrams that number their steps, with the steps."""
    return [(d, d.kind.steps(d.body)) for d in s.diagrams if d.kind.steps and d.kind.steps(d.body)]


def _fenced(text: str, indent: str) -> list[str]:
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return [f"{indent}{fence}text", *(f"{indent}{line}" for line in text.splitlines()), f"{indent}{fence}"]


def _item(step: Step) -> list[str]:
    pad = "    "
    when = f" *({md(step.when)})*" if step.when else ""
    if step.branches:
        out = [f"{step.number}. **{md(step.actor)}**{when}: {md(step.text)}", ""]
        out += [f"{pad}- {md(branch)}" for branch in step.branches]
    elif step.answer:
        out = [f"{step.number}. {md(step.actor)} answers{when}: {md(step.text)}"]
    elif is_command(step.text):
        out = [f"{step.number}. **{md(step.actor)} → {md(step.target)}**{when}:", "", *_fenced(step.text, pad)]
    else:
        out = [f"{step.number}. **{md(step.actor)} → {md(step.target)}**{when}: {md(step.text)}"]
    for note in step.notes:
        out += ["", f"{pad}*Note:* {md(note)}"]
    return [*out, ""]


def runbook_section(s: Subject) -> list[str]:
    """The "Runbook" section of a subject page: one numbered list per numbered diagram, or nothing."""
    found = numbered(s)
    if not found:
        return []
    out = [
        "## Runbook {#runbook}",
        "",
        "The numbered steps of the diagrams above, to follow one by one; the numbers match the drawing.",
        "",
    ]
    for d, steps in found:
        out += [f"### {md(d.common.title)} {{#runbook-{d.common.id}}}", ""]
        for step in steps:
            out += _item(step)
    return out
