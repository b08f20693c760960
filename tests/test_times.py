"""TIME003/TIME004 on whole subjects: what passes (a date fact stands for its whole day)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sysatlas.paths import Layout
from sysatlas.pipeline import check

CASE = Path(__file__).parent / "errors" / "TIME003-stated-total-beyond-the-entries.expect-error.yaml"


def codes(make_project: Callable[[dict[str, str]], Layout], text: str) -> list[str]:
    return [d.code for d in check(make_project({"content/incidents/case.yaml": text})).report]


def test_a_timeline_that_spans_its_stated_total_passes(make_project: Callable[[dict[str, str]], Layout]) -> None:
    text = CASE.read_text(encoding="utf-8").replace('"Day 2 16:24"', '"Day 2 23:03"')
    assert codes(make_project, text) == []


def test_date_facts_stand_for_their_whole_day(make_project: Callable[[dict[str, str]], Layout]) -> None:
    # fastly-2021-06-08: deploy on 12 May, trigger on 8 June, the timeline gives times on those days
    text = (
        CASE.read_text(encoding="utf-8")
        .replace('"2018-10-21 22:52", unit: UTC', '"2018-10-21", unit: UTC')
        .replace('"2018-10-22 23:03", unit: UTC', '"2018-10-22", unit: UTC')
        .replace('- {at: "Day 2 16:24", what: [Replicas in sync]}', '- {at: "Day 2 09:47", what: [Trigger]}')
    )
    assert codes(make_project, text) == []


def test_clock_entries_may_be_on_the_start_day_when_the_subject_date_is_the_utc_day(
    make_project: Callable[[dict[str, str]], Layout],
) -> None:
    # azure-2012-02-29: `date` is the UTC day, the timeline tells 16:00 PST on 28 February as "16:00"
    text = (
        CASE.read_text(encoding="utf-8")
        .replace('date: "2018-10-21"', 'date: "2018-10-22"')
        .replace('- {at: "Day 2 16:24", what: [Replicas in sync]}', '- {at: "Day 2 23:03", what: [Backlog drained]}')
    )
    assert codes(make_project, text) == []


def test_zone_names_make_time_facts() -> None:
    from sysatlas.derive import quantity

    moment = quantity("2020-12-14 04:33", "US/Pacific")
    assert moment is not None and moment.moment == "dated"
    rate = quantity(5, "GB/s")
    assert rate is not None and rate.value == 5e9


def test_timeline_writes_the_gap_before_each_entry_and_calls_out_the_longest() -> None:
    from sysatlas.kinds.timeline import Body, duration, gaps

    body = Body.model_validate(
        {
            "timezone": "UTC",
            "sections": [
                {"name": "Trigger", "phase": "trigger", "events": [{"at": "22:52", "what": ["partition"]}]},
                {
                    "name": "Detection",
                    "phase": "detection",
                    "events": [{"at": "22:52", "what": ["alerts"]}, {"at": "22:54", "what": ["paged"]}],
                },
                {
                    "name": "Recovery",
                    "phase": "recovery",
                    "events": [{"at": "Day 2 00:41", "what": ["restores"]}, {"at": "Day 2 00:42", "what": ["done"]}],
                },
            ],
        }
    )
    assert gaps(body) == {(1, 1): "+2 min", (2, 0): "+1 h 47 min, longest gap", (2, 1): "+1 min"}
    assert [duration(s) for s in (43, 300, 5280, 3600, 183600, 86400)] == [
        "43 s",
        "5 min",
        "1 h 28 min",
        "1 h",
        "2 d 3 h",
        "1 d",
    ]


def test_the_time_zone_is_named_once_in_a_timeline_title() -> None:
    from sysatlas.kinds import registry
    from sysatlas.kinds.timeline import Body
    from sysatlas.render import render

    def title(zone: str, heading: str) -> str:
        body = Body.model_validate(
            {"timezone": zone, "sections": [{"name": "Trigger", "events": [{"at": "22:52", "what": ["x"]}]}]}
        )
        text = render(registry()["timeline"], body, title=heading, caption="c", origin="t")
        return next(line for line in text.splitlines() if "sysatlas-title" in line)

    assert "(times in" not in title("UTC, 21 March 2025", "Outage on 21 March 2025 (UTC)")
    assert "(times in" not in title("PDT", "Deploy at 10:52 PDT takes the API down")
    assert "(times in UTC" in title("UTC, 21 March 2025", "Outage on 21 March 2025")
