"""The runbook view: a procedure's numbered steps listed from the diagram's own data, commands in code blocks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sysatlas.kinds import registry
from sysatlas.paths import Layout
from sysatlas.pipeline import check
from sysatlas.site.runbook import is_command, numbered, runbook_section

from .conftest import ROOT

MESSAGE = re.compile(r"^\s+p_\w+(->>|-->>|-\)|-x|->)p_\w+: ")


@pytest.fixture(scope="module")
def outcome():  # type: ignore[no-untyped-def]
    return check(Layout(ROOT))


def runbook_subjects(outcome: Any) -> list[Any]:
    return [s for s in outcome.atlas.subjects if s.category in ("debugging", "operations")]


def test_every_debugging_guide_reads_as_a_runbook(outcome) -> None:  # type: ignore[no-untyped-def]
    guides = [s for s in runbook_subjects(outcome) if s.category == "debugging"]
    assert len(guides) >= 10
    assert [s.head.id for s in guides if not numbered(s)] == []


def test_every_operations_subject_reads_as_a_runbook(outcome) -> None:  # type: ignore[no-untyped-def]
    subjects = [s for s in runbook_subjects(outcome) if s.category == "operations"]
    assert len(subjects) >= 10
    assert [s.head.id for s in subjects if not numbered(s)] == []


def test_the_runbook_numbers_every_step_the_drawing_numbers(outcome) -> None:  # type: ignore[no-untyped-def]
    """Mermaid's autonumber counts every message, replies too: the list has the same count, in the same order.
    A numbered decision tree writes each question's number in its box: the list asks the same questions."""
    kinds = set()
    for s in runbook_subjects(outcome):
        for d, steps in numbered(s):
            kinds.add(d.kind.name)
            text = outcome.mermaid[d.key]
            if d.kind.name == "sequence":
                arrows = [line for line in text.splitlines() if MESSAGE.match(line)]
                assert [step.number for step in steps] == list(range(1, len(arrows) + 1)), d.key
            else:
                boxes = re.findall(r'^\s+q_\w+\["(\d+)\. ', text, flags=re.M)
                assert (
                    [step.number for step in steps] == sorted(int(b) for b in boxes) == list(range(1, len(boxes) + 1))
                ), d.key
    assert kinds == {"sequence", "decision"}


def question(qid: str, ask: str, *answers: tuple[str, str, str]) -> dict[str, Any]:
    """A decision question; each answer is (label, "goto" or "choose", target)."""
    return {"id": qid, "ask": ask, "answers": [{"label": label, how: to} for label, how, to in answers]}


def test_a_numbered_decision_tree_only_ever_points_forward() -> None:
    kind = registry()["decision"]
    body = kind.body.model_validate(
        {
            "autonumber": True,
            "start": "which",
            "questions": [
                question("which", "Which alert?", ("page", "goto", "change"), ("ticket", "choose", "t")),
                question("change", "A deploy just before?", ("yes", "goto", "spent"), ("no", "goto", "dep")),
                question("spent", "Budget spent?", ("no", "choose", "t"), ("yes", "choose", "f")),
                question("dep", "A dependency?", ("yes", "goto", "spent"), ("no", "goto", "spent")),
            ],
            "choices": [
                {"id": "t", "label": "Ticket", "outcome": "act"},
                {"id": "f", "label": "Freeze", "detail": ["P0 only"], "outcome": "escalate"},
            ],
        }
    )
    steps = kind.steps(body)  # type: ignore[misc]
    assert [(s.number, s.text) for s in steps] == [
        (1, "Which alert?"),
        (2, "A deploy just before?"),
        (3, "A dependency?"),
        (4, "Budget spent?"),
    ]
    assert steps[1].branches == ("yes → step 4", "no → step 3")
    assert steps[3].branches == ("no → act: Ticket", "yes → escalate: Freeze (P0 only)")
    assert kind.steps(body.model_copy(update={"autonumber": False})) == []  # type: ignore[misc]


def test_every_command_in_a_runbook_is_in_its_diagram(outcome) -> None:  # type: ignore[no-untyped-def]
    """A code block's text is a message of the drawing, word for word (the text alternative lists each one)."""
    blocks = 0
    for s in runbook_subjects(outcome):
        text = "\n".join(runbook_section(s))
        described = "\n".join(line for d, _ in numbered(s) for line in d.kind.describe(d.body))
        for block in re.findall(r"```+text\n(.*?)\n\s*```+", text, flags=re.S):
            command = "\n".join(line.strip() for line in block.splitlines())
            assert f": {command}" in described, (s.head.id, command)
            blocks += 1
    assert blocks > 50


def test_branches_and_notes_keep_their_place() -> None:
    kind = registry()["sequence"]
    body = kind.body.model_validate(
        {
            "autonumber": True,
            "participants": [{"id": "eng", "label": "Engineer", "type": "actor"}, {"id": "db", "label": "psql"}],
            "steps": [
                {"from": "eng", "to": "db", "text": "SELECT pid FROM pg_locks WHERE NOT granted"},
                {"from": "db", "to": "eng", "text": "two pids", "arrow": "reply"},
                {"note": "each waits on the other", "over": ["db"]},
                {
                    "alt": [
                        {"when": "a deadlock", "steps": [{"from": "eng", "to": "db", "text": "read the log"}]},
                        {"when": "a lock queue", "steps": [{"from": "eng", "to": "db", "text": "find the holder"}]},
                    ]
                },
                {"loop": {"when": "every 60 s", "steps": [{"from": "eng", "to": "db", "text": "check again"}]}},
            ],
        }
    )
    steps = kind.steps(body)  # type: ignore[misc]
    assert [(s.number, s.answer, s.when) for s in steps] == [
        (1, False, ""),
        (2, True, ""),
        (3, False, "if a deadlock"),
        (4, False, "if a lock queue"),
        (5, False, "repeat every 60 s"),
    ]
    assert steps[1].notes == ("each waits on the other",)
    assert kind.steps(body.model_copy(update={"autonumber": False})) == []  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("kubectl describe pod api-7f9c", True),
        ("SELECT * FROM pg_stat_activity", True),
        ("rate(http_requests_total[5m])", True),
        ("du -xh --max-depth=2 /var/lib | sort -h", True),
        ("status of group orders-indexer", False),
        ("page the database owner", False),
    ],
)
def test_commands_are_told_from_prose(text: str, command: bool) -> None:
    assert is_command(text) is command
