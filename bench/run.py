"""Benchmarks: generation, browser validation against mermaid-cli, rebuilds, and the site.

Every ratio is measured in this process against a baseline run on the same diagrams on the same machine.
Usage: python bench/run.py [--synthetic 1100] [--mmdc-sample 40] [--skip-site]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sysatlas.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from sysatlas.diagnostics import ContentError, Report  # noqa: E402
from sysatlas.golden import cases, subject_text  # noqa: E402
from sysatlas.inventory import load_inventory  # noqa: E402
from sysatlas.paths import Layout  # noqa: E402
from sysatlas.pipeline import browser_stage, check, publish, render_stage  # noqa: E402
from sysatlas.validate import load_atlas  # noqa: E402

REPEATS = frozenset({"DUP001", "DUP002", "DUP003"})  # the synthetic set repeats the golden cases on purpose


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def synthetic_project(folder: Path, diagrams: int, per_subject: int = 6) -> Layout:
    """Lay out a project of at least `diagrams` diagrams from the golden cases, `per_subject` to a subject
    (the real categories have 5 or 6), spread over the inventory's categories as the real atlas will be."""
    content = folder / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "inventory.yaml", content / "inventory.yaml")
    inventory = load_inventory(Layout(folder), Report())
    assert inventory is not None, "the bundled inventory has problems: run sysatlas check"
    categories = list(inventory.categories)
    for category in categories:
        (content / category).mkdir()
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    picks = [c for c in cases() if not c.shows]  # the escaping cases are for the browser tests
    subjects = -(-diagrams // per_subject)
    for n in range(subjects):
        picked = [picks[(n * per_subject + k) % len(picks)] for k in range(per_subject)]
        items = [case.item(case.name).replace("title: ", f"title: n{n} ", 1) for case in picked]
        body = subject_text(*items, subject_id=f"synthetic-{n:04d}")
        category = categories[n % len(categories)]
        (content / category / f"synthetic-{n:04d}.yaml").write_text(body, encoding="utf-8")
    return Layout(folder)


def mmdc_per_diagram(texts: list[str], work: Path) -> tuple[float, float]:
    """Render the texts with mermaid-cli: one call per diagram (5) and one Markdown file of all; s per diagram."""
    config = work / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": chromium_path(), "args": CHROMIUM_ARGS}), encoding="utf-8")
    mmdc = ROOT / "node_modules" / ".bin" / "mmdc"
    singles = []
    for i, text in enumerate(texts[:5]):
        src = work / f"one{i}.mmd"
        src.write_text(text, encoding="utf-8")
        took, _ = timed(
            lambda s=src, i=i: subprocess.run(
                [str(mmdc), "-q", "-p", str(config), "-i", str(s), "-o", str(work / f"one{i}.svg")],
                check=True,
                capture_output=True,
            )
        )
        singles.append(took)
    md = work / "all.md"
    md.write_text("\n\n".join(f"```mermaid\n{t}```" for t in texts), encoding="utf-8")
    took, _ = timed(
        lambda: subprocess.run(
            [str(mmdc), "-q", "-p", str(config), "-i", str(md), "-o", str(work / "all.out.md")],
            check=True,
            capture_output=True,
        )
    )
    return statistics.median(singles), took / len(texts)


def measure(layout: Layout, label: str, sample: int, rows: list[tuple[str, str, str]]) -> None:
    report = Report()
    gen, atlas = timed(lambda: load_atlas(layout, report))
    gen2, mermaid = timed(lambda: render_stage(atlas, report))
    diagrams = atlas.diagrams()
    n = len(diagrams)
    validate, _ = timed(lambda: browser_stage(layout, diagrams, mermaid, Report(), None, use_cache=False))
    ours = validate / n
    rows.append((label, "diagrams", f"{n}"))
    rows.append((label, "load + validate schema + render (all)", f"{gen + gen2:.2f} s"))
    rows.append((label, "browser validation per diagram (no cache)", f"{ours * 1000:.0f} ms"))
    rows.append((label, "generate + validate, all diagrams", f"{gen + gen2 + validate:.1f} s"))
    with tempfile.TemporaryDirectory() as tmp:
        texts = [mermaid[d.key] for d in diagrams[:: max(1, n // sample)]][:sample]
        single, batch = mmdc_per_diagram(texts, Path(tmp))
    rows.append((label, "mmdc, one call per diagram (median of 5)", f"{single * 1000:.0f} ms"))
    rows.append((label, f"mmdc, {len(texts)} diagrams in one Markdown file", f"{batch * 1000:.0f} ms/diagram"))
    rows.append((label, "speed-up vs mmdc per call / vs mmdc batch", f"{single / ours:.0f}x / {batch / ours:.1f}x"))


def build(layout: Layout, site: bool) -> None:
    """What `sysatlas build` does, publishing although the synthetic set repeats diagrams (DUP001-DUP003)."""
    outcome = check(layout, with_browser=True)
    if any(d.code not in REPEATS for d in outcome.report):
        raise ContentError(outcome.report)
    publish(layout, outcome, site=site)


def rebuilds(layout: Layout, label: str, rows: list[tuple[str, str, str]], site: bool) -> None:
    full, _ = timed(lambda: build(layout, site))
    noop, _ = timed(lambda: build(layout, site))
    victim = sorted(layout.content.rglob("*.yaml"))[-1]
    original = victim.read_text(encoding="utf-8")
    victim.write_text(original.replace("title: n", "title: changed n"), encoding="utf-8")  # its diagrams re-render
    one, _ = timed(lambda: build(layout, site))
    victim.write_text(original, encoding="utf-8")
    what = "build incl. site" if site else "build, diagrams only"
    rows.append((label, f"first {what} (empty render cache)", f"{full:.1f} s"))
    rows.append((label, f"no-op re{what}", f"{noop:.2f} s"))
    rows.append((label, f"one-subject-changed re{what}", f"{one:.2f} s"))
    if site:
        pages = list(layout.site.rglob("index.html"))
        sizes = [p.stat().st_size for p in pages]
        rows.append(
            (
                label,
                "site pages / average HTML size / largest",
                f"{len(pages)} / {statistics.mean(sizes) / 1024:.0f} KB / {max(sizes) / 1024:.0f} KB",
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--synthetic", type=int, default=1100, help="diagrams in the synthetic set (default 1100)")
    parser.add_argument("--mmdc-sample", type=int, default=40, help="diagrams rendered by mmdc (default 40)")
    parser.add_argument("--skip-site", action="store_true", help="time diagram builds only")
    args = parser.parse_args()
    os.environ.setdefault("SYSATLAS_PAGES", "2")
    rows: list[tuple[str, str, str]] = []
    measure(Layout(ROOT), "content", args.mmdc_sample, rows)
    with tempfile.TemporaryDirectory(prefix="sysatlas-bench-") as tmp:
        layout = synthetic_project(Path(tmp), args.synthetic)
        measure(layout, "synthetic", args.mmdc_sample, rows)
        rebuilds(layout, "synthetic", rows, site=not args.skip_site)
    width = max(len(r[1]) for r in rows)
    for label, what, value in rows:
        print(f"{label:<10} {what:<{width}}  {value}")
    print(
        "targets: validation >= 10x faster than mmdc; 1,000+ diagrams generated + validated < 120 s; "
        "no-op rebuild < 3 s; site build < 60 s and < 60 KB HTML a page"
    )


if __name__ == "__main__":
    main()
