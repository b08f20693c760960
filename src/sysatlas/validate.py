"""Stage 2: validate every subject file against the model, and each diagram against its kind."""

from __future__ import annotations

import typing
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from .atlas import Atlas, Diagram, Subject
from .derive import prepare
from .diagnostics import Report
from .inventory import EMPTY, load_inventory
from .kinds import registry
from .load import Document, Portable, fact_values, interpolate, read
from .model import DiagramCommon, SubjectHead
from .paths import Layout
from .schema import schema_errors, validated
from .tags import check_tags, load_vocabulary


def load_atlas(layout: Layout, report: Report, only: list[Path] | None = None) -> Atlas:
    """Read content/, validate it, and return what passed; every problem goes to `report`."""
    portable = Portable(layout.cache / "yaml-portable.json")
    inventory = load_inventory(layout, report, portable)
    if inventory is None:  # every file would be judged against a broken inventory: report that alone
        portable.save(prune=False)
        return Atlas(layout.root, EMPTY)
    atlas = Atlas(layout.root, inventory, vocabulary=load_vocabulary(layout, report, portable))
    vocabulary = layout.content / "tags.yaml"
    files = sorted(p for p in layout.content.rglob("*.yaml") if p not in (layout.inventory, vocabulary))
    for path in only if only is not None else files:
        rel = layout.rel(path)
        category = path.parent.name
        if category not in inventory.categories:
            known = ", ".join(inventory.categories)
            report.add(rel, 1, "CAT001", f"folder {category!r} is not a category of the inventory; use one of: {known}")
            continue
        doc = read(path, rel, report, portable)
        if doc is None:
            continue
        subject = validate_subject(doc, category, report)
        if subject is not None:
            if subject.head.id != path.stem:
                report.add(
                    rel,
                    doc.line(("id",)),
                    "ID003",
                    f"subject id {subject.head.id!r} must match the file name {path.stem!r}",
                )
            required(subject, inventory.categories[category].requires, report)
            if atlas.vocabulary is not None:
                tags = subject.head.tags
                check_tags(atlas.vocabulary, rel, tags, [doc.line(("tags", i)) for i in range(len(tags))], report)
            atlas.subjects.append(subject)
    portable.save(prune=only is None)
    return atlas


def required(subject: Subject, keys: Sequence[str], report: Report) -> None:
    """Report each key the subject's category requires (`requires:` in the inventory) that it lacks."""
    for key in keys:
        if getattr(subject.head, key) is None:
            field = SubjectHead.model_fields[key]
            allowed = typing.get_args(field.annotation)
            values = typing.get_args(allowed[0]) if allowed else ()
            hint = f"; one of: {', '.join(values)}" if values and all(isinstance(v, str) for v in values) else ""
            if key == "profile":
                hint = "; give `profile: {scale, datastores, deployment, incident}` (docs/authoring.md, Case studies)"
            report.add(
                subject.doc.rel,
                1,
                "SCHEMA003",
                f"missing required key {key!r}: every {subject.category} subject needs {key!r} "
                f"(`requires:` in content/inventory.yaml){hint}",
            )


def validate_subject(doc: Document, category: str, report: Report) -> Subject | None:
    """Validate one parsed file; return the subject with the diagrams that passed."""
    if not isinstance(doc.data, dict):
        report.add(
            doc.rel,
            1,
            "SCHEMA001",
            "a subject file must be a mapping with id, title, summary, sources, "
            "facts and diagrams; run `sysatlas new CATEGORY SUBJECT` for a skeleton",
        )
        return None
    table = prepare(doc, report)  # derived values first, so ${fact} interpolates them
    facts = fact_values(doc.data.get("facts"))
    for part in ("summary", "diagrams", "profile"):  # the summary too: a number it gives is a fact's
        if isinstance(doc.data.get(part), (str, list, dict)):
            interpolate(doc, facts, report, (part,))
    try:
        head = SubjectHead.model_validate(doc.data)
    except ValidationError as exc:
        schema_errors(exc, doc, (), SubjectHead, report)
        return None
    subject = Subject(category, head, doc, facts=table)
    kinds = registry()
    seen: set[str] = set()
    for i, raw in enumerate(head.diagrams):
        kind = kinds.get(str(raw.get("kind", "")))
        if kind is None:
            report.add(
                doc.rel,
                doc.line(("diagrams", i, "kind")),
                "KIND001",
                f"kind {raw.get('kind')!r} is unknown; use one of: {', '.join(kinds)}",
            )
            continue
        # the common fields and the body are checked separately, so one run reports the mistakes of both
        common = validated(DiagramCommon, {k: v for k, v in raw.items() if k != "body"}, doc, ("diagrams", i), report)
        if "body" not in raw:
            report.add(
                doc.rel,
                doc.line(("diagrams", i)),
                "SCHEMA003",
                f"missing required key 'body' at diagrams.{i}.body; see src/sysatlas/kinds/{kind.name}/README.md",
            )
            continue
        body = validated(kind.body, raw["body"], doc, ("diagrams", i, "body"), report)
        if common is None or body is None:
            continue
        assert isinstance(common, DiagramCommon)
        if common.id in seen:
            report.add(doc.rel, doc.line(("diagrams", i, "id")), "ID001", f"diagram id {common.id!r} is used twice")
            continue
        seen.add(common.id)
        subject.diagrams.append(Diagram(category, head.id, common, kind, body, doc, i))
    return subject
