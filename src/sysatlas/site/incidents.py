"""The incidents index (a date-sorted table) and the incident dataset the site publishes as JSON and CSV.

One record per incident: slug, company, date, start, end, duration, root-cause class, sources and the page's
path, plus (in the JSON) every fact with its value, evidence, quote and source URL. The summary fields come
from the incident's facts named `start`, `end` and `duration` (or `outage`, `downtime`) when it has them.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..atlas import Atlas, Subject
from ..model import CAUSE_TITLES, Fact
from .facts import duration_fact, fact_shown
from .text import md, rel_link, subject_path

CSV_FIELDS = ("slug", "company", "date", "start", "end", "duration", "cause", "title", "sources", "page")
DATASET = ("data/incidents.json", "data/incidents.csv")


def incidents(atlas: Atlas) -> list[Subject]:
    """Return the incidents, newest first (by their date, then slug)."""
    found = [s for s in atlas.subjects if s.category == "incidents"]
    return sorted(found, key=lambda s: (s.head.date or "", s.head.id), reverse=True)


def record(atlas: Atlas, s: Subject) -> dict[str, Any]:
    """Return one incident's record for the dataset."""
    h = s.head
    facts = h.facts
    duration = duration_fact(facts)
    urls = {x.id: x.url for x in h.sources}
    page = subject_path(atlas.category(s), h.id).removesuffix(".md").removesuffix("index").rstrip("/") + "/"
    return {
        "slug": h.id,
        "company": h.company or "",
        "date": h.date or "",
        "start": fact_shown(facts.get("start")),
        "end": fact_shown(facts.get("end")),
        "duration": fact_shown(duration[1] if duration else None),
        "cause": h.cause or "",
        "title": h.title,
        "summary": h.summary,
        "sources": [
            {"id": x.id, "url": x.url, "title": x.title, "publisher": x.publisher, "kind": x.kind} for x in h.sources
        ],
        "facts": [
            {
                "name": name,
                "value": f.value,
                "unit": f.unit,
                "evidence": f.level,
                "quote": f.quote,
                "source": f.source,
                "source_url": urls.get(f.source or ""),
                "derive": f.derive,
            }
            for name, f in facts.items()
            if isinstance(f, Fact)
        ],
        "page": page,
    }


def dataset(atlas: Atlas) -> dict[str, str]:
    """Return the dataset's files (path -> text): every incident as JSON and as CSV."""
    records = [record(atlas, s) for s in incidents(atlas)]
    data = {
        "name": f"{atlas.inventory.name} incidents",
        "causes": CAUSE_TITLES,
        "count": len(records),
        "incidents": records,
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in records:
        row = {k: r[k] for k in CSV_FIELDS}
        row["sources"] = " ".join(x["url"] for x in r["sources"] if x["url"])
        writer.writerow(row)
    return {
        DATASET[0]: json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        DATASET[1]: buffer.getvalue(),
    }


def incidents_table(atlas: Atlas, src: str) -> list[str]:
    """Return the incidents as a Markdown table, newest first: date, incident, company, duration, root cause."""
    out = [
        f"Every incident, newest first. The same data as a dataset: [JSON]({rel_link(src, DATASET[0])}) · "
        f"[CSV]({rel_link(src, DATASET[1])}) (every fact with its quote and source; see "
        f"[About the data]({rel_link(src, 'about.md')}#dataset)).",
        "",
        "| Date | Incident | Company | Duration | Root cause |",
        "|---|---|---|---|---|",
    ]
    for s in incidents(atlas):
        r = record(atlas, s)
        title = s.head.title.split(": ", 1)[-1] if ": " in s.head.title else s.head.title
        link = rel_link(src, subject_path(atlas.category(s), s.head.id))
        cause = CAUSE_TITLES.get(r["cause"], "")
        out.append(
            f"| {md(r['date'])} | [{md(title)}]({link}) | {md(r['company'])} | {md(r['duration']) or '—'} | "
            f"{md(cause)} |"
        )
    out.append("")
    return out
