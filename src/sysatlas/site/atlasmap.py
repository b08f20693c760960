"""The map: guarantees -> mechanisms -> patterns -> incidents, as one clickable SVG drawn at build time.

Two subjects are joined when either names the other in `related` (on the subject or on one of its diagrams).
Each column is ordered by the mean position of its neighbours (a few barycentre sweeps), which keeps most lines
short. Under the picture the same links are written out as lists, for phones, screen readers and search.
"""

from __future__ import annotations

from collections import defaultdict

from ..atlas import Atlas, Subject
from .text import attr, md, rel_link, subject_path

COLUMNS = ("guarantees", "mechanisms", "patterns", "incidents")
BOX_W, BOX_H, GAP, COL_GAP, PAD = 232, 24, 8, 118, 34
SRC = "map.md"


def _label(s: Subject) -> str:
    text = s.head.title.split(": ", 1)[0] if s.category == "incidents" else s.head.title
    return text if len(text) <= 31 else text[:30].rstrip() + "…"


def links(atlas: Atlas) -> dict[str, set[str]]:
    """Return, for each subject of the map's columns, the subjects of the other columns it is joined to."""
    keys = {s.key for s in atlas.subjects if s.category in COLUMNS}
    out: dict[str, set[str]] = defaultdict(set)
    for s in atlas.subjects:
        if s.key not in keys:
            continue
        refs = {r.subject_key for r in s.head.related} | {r.subject_key for d in s.diagrams for r in d.common.related}
        for other in refs & keys:
            if other.split("/")[0] != s.category:
                out[s.key].add(other)
                out[other].add(s.key)
    return out


def _order(columns: list[list[Subject]], joined: dict[str, set[str]]) -> None:
    """Sort each column by the mean rank of its neighbours in the columns beside it, a few sweeps each way."""
    rank: dict[str, float] = {}
    for col in columns:
        for i, s in enumerate(col):
            rank[s.key] = i / max(len(col) - 1, 1)
    for _ in range(4):
        for col in [*columns[1:], *reversed(columns[:-1])]:

            def key(s: Subject) -> float:
                near = [rank[k] for k in joined.get(s.key, ()) if k in rank]
                return sum(near) / len(near) if near else rank[s.key]

            col.sort(key=key)
            for i, s in enumerate(col):
                rank[s.key] = i / max(len(col) - 1, 1)


def map_page(atlas: Atlas) -> str:
    """Return the map page's Markdown: the SVG, then each subject's links as lists."""
    joined = links(atlas)
    columns = [sorted((s for s in atlas.subjects if s.category == c), key=lambda s: s.head.title) for c in COLUMNS]
    _order(columns, joined)
    tallest = max(len(c) for c in columns) or 1
    height = PAD + tallest * (BOX_H + GAP) + GAP
    width = len(COLUMNS) * BOX_W + (len(COLUMNS) - 1) * COL_GAP
    where: dict[str, tuple[float, float, int]] = {}
    for ci, col in enumerate(columns):
        step = (height - PAD) / max(len(col), 1)
        for i, s in enumerate(col):
            where[s.key] = (ci * (BOX_W + COL_GAP), PAD + step * i + (step - BOX_H) / 2, ci)
    svg = [
        f'<svg class="sysatlas-map" viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
        'role="img" aria-labelledby="sysatlas-map-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="sysatlas-map-title">Guarantees, the mechanisms that provide them, the patterns built on them, '
        "and the incidents where they were seen in production</title>",
    ]
    for ci, cid in enumerate(COLUMNS):
        title = atlas.inventory.categories[cid].title if cid in atlas.inventory.categories else cid
        svg.append(
            f'<text class="sysatlas-map-head" x="{ci * (BOX_W + COL_GAP) + BOX_W / 2}" y="18">{attr(title)}</text>'
        )
    drawn = set()
    for a, others in sorted(joined.items()):
        for b in sorted(others):
            pair = tuple(sorted((a, b)))
            if pair in drawn or a not in where or b not in where:
                continue
            drawn.add(pair)
            (ax, ay, ac), (bx, by, bc) = where[pair[0]], where[pair[1]]
            if ac > bc:
                ax, ay, ac, bx, by, bc = bx, by, bc, ax, ay, ac
            x1, y1, x2, y2 = ax + BOX_W, ay + BOX_H / 2, bx, by + BOX_H / 2
            bend = (x2 - x1) / 2
            svg.append(
                f'<path class="sysatlas-map-edge span-{bc - ac}" data-a="{attr(pair[0])}" data-b="{attr(pair[1])}" '
                f'd="M{x1:.0f},{y1:.0f} C{x1 + bend:.0f},{y1:.0f} {x2 - bend:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"/>'
            )
    overlay = []  # the boxes' links are HTML laid over the picture: keyboard, screen readers and no script
    for col in columns:
        for s in col:
            x, y, ci = where[s.key]
            svg.append(
                f'<g class="col-{COLUMNS[ci]}" data-key="{attr(s.key)}">'
                f'<rect x="{x}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="5"/>'
                f'<text x="{x + 9}" y="{y + BOX_H / 2 + 4.5:.0f}">{attr(_label(s))}</text></g>'
            )
            box = (100 * x / width, 100 * y / height, 100 * BOX_W / width, 100 * BOX_H / height)
            overlay.append(
                f'<a class="sysatlas-map-node" href="{attr(_html(atlas, s))}" data-key="{attr(s.key)}" '
                f'title="{attr(s.head.title)}" aria-label="{attr(s.head.title)}" '
                f'style="left:{box[0]:.3f}%;top:{box[1]:.3f}%;width:{box[2]:.3f}%;height:{box[3]:.3f}%"></a>'
            )
    svg.append("</svg>")
    out = [
        "# Map of the atlas",
        "",
        "In the spirit of Jepsen's consistency map: each **guarantee** joined to the **mechanisms** that provide it, "
        "the **patterns** built on them, and the **incidents** where they failed or saved the day. "
        "Every box is a link; a line means one subject names the other (lines that skip a column show when you "
        "point at a box). The same links follow as lists.",
        "",
        '<div class="sysatlas-map-wrap"><div class="sysatlas-map-box">',
        "".join(svg),
        "".join(overlay),
        "</div></div>",
        "",
    ]
    for ci, col in enumerate(columns):
        cid = COLUMNS[ci]
        if not col or cid not in atlas.inventory.categories:
            continue
        out += [f"## {md(atlas.inventory.categories[cid].title)}", ""]
        for s in sorted(col, key=lambda x: x.head.title):
            parts = []
            for other_cid in COLUMNS:
                if other_cid == cid:
                    continue
                near = sorted(
                    (x for x in atlas.subjects if x.key in joined.get(s.key, ()) and x.category == other_cid),
                    key=lambda x: x.head.title,
                )
                if near:
                    names = ", ".join(
                        f"[{md(_label(x))}]({rel_link(SRC, subject_path(atlas.category(x), x.head.id))})" for x in near
                    )
                    parts.append(f"*{md(atlas.inventory.categories[other_cid].title)}:* {names}")
            line = f"- [{md(s.head.title)}]({rel_link(SRC, subject_path(atlas.category(s), s.head.id))})"
            out.append(line + (" — " + "; ".join(parts) if parts else ""))
        out.append("")
    return "\n".join(out) + "\n"


def _html(atlas: Atlas, s: Subject) -> str:
    """The link from the map's built page (map/) to a subject's built page."""
    path = subject_path(atlas.category(s), s.head.id).removesuffix(".md").removesuffix("index")
    return f"../{path.rstrip('/')}/"
