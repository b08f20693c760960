"""Benchmarks: `check` on 30,000 diagrams, generation, browser validation against mermaid-cli, rebuilds, the site.

Every ratio is measured in this process against a baseline run on the same diagrams on the same machine.
The synthetic sets are the kinds' golden cases (src/sysatlas/kinds/<kind>/golden/*.yaml, read as data) with
the words of their labels varied per subject, so that no two subjects say the same thing.
Usage: python bench/run.py [--check-diagrams 30000] [--synthetic 1100] [--mmdc-sample 40] [--skip-site]
       python bench/run.py --check-only N    (one `check` of N synthetic diagrams, as JSON; used by the above)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sysatlas.browser import CHROMIUM_ARGS, ChromiumRenderer, chromium_path  # noqa: E402
from sysatlas.diagnostics import ContentError, Report  # noqa: E402
from sysatlas.golden import FRAME, PROFILE, Case, cases  # noqa: E402
from sysatlas.inventory import load_inventory  # noqa: E402
from sysatlas.lint.geometry import BASELINE  # noqa: E402
from sysatlas.paths import Layout  # noqa: E402
from sysatlas.pipeline import check, publish, render_stage  # noqa: E402
from sysatlas.validate import load_atlas  # noqa: E402

REPEATS = frozenset({"DUP001", "DUP002", "DUP003"})  # the synthetic set repeats the golden cases on purpose


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


# Keys whose values are prose a reader sees: their words are varied per subject. Ids, enums, times, numbers
# and units are left alone, so every synthetic diagram stays valid.
PROSE = {
    "label",
    "text",
    "note",
    "what",
    "ask",
    "detail",
    "details",
    "stage",
    "best_for",
    "workload",
    "name",
    "when",
    "title",
    "caption",
    "breaks",
    "looks_like",
    "check_first",
    "quadrants",
    "root",
    "low",
    "high",
}
WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def tag(n: int) -> str:
    """Return letters that name subject n: a, b, ..., z, ba, bb, ..."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if n == 0:
            return out


def vary(value: Any, n: int, key: str = "") -> Any:
    """Suffix every other word of the prose in `value` with subject n's tag (half the vocabulary stays shared);
    n = 0 copies it unchanged."""
    if isinstance(value, dict):
        return {k: vary(v, n, k) for k, v in value.items()}
    if isinstance(value, list):
        return [vary(v, n, key) for v in value]
    if n and isinstance(value, str) and key in PROSE and "${" not in value:
        count = iter(range(1_000_000))
        return WORD.sub(lambda m: m.group(0) + tag(n) if next(count) % 2 == 0 else m.group(0), value)
    return value


def golden_case(case: Case) -> dict[str, Any]:
    """Read a golden case as sysatlas reads content (YAML 1.2 scalars), as plain dicts and lists, with its kind."""
    from sysatlas.load import read

    doc = read(case.path, case.path.name, Report())
    assert doc is not None, case.path
    plain: dict[str, Any] = vary(doc.data, 0, "")  # rebuilds every container as a plain dict or list
    return plain | {"id": case.name, "kind": case.kind.name}


REQUIRED = {
    "company": "company: Synthetic",
    "date": 'date: "2020-01-01"',
    "cause": "cause: software-bug",
    "profile": PROFILE.rstrip("\n"),
}
"""What each key a category `requires:` is given in a synthetic subject."""


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
    picks = [golden_case(c) for c in cases() if not c.shows]  # the escaping cases are for the browser tests
    subjects = -(-diagrams // per_subject)
    for n in range(subjects):
        items = [vary(picks[(n * per_subject + k) % len(picks)], n + 1) for k in range(per_subject)]
        for item in items:
            item["title"] = f"n{n} {item['title']}"
        body = yaml.safe_dump({"diagrams": items}, sort_keys=False, allow_unicode=True, width=1000)
        category = categories[n % len(categories)]
        header = "".join(REQUIRED[key] + "\n" for key in inventory.categories[category].requires)
        text = FRAME.format(subject_id=f"synthetic-{n:05d}", title="Golden case") + header + body
        (content / category / f"synthetic-{n:05d}.yaml").write_text(text, encoding="utf-8")
    return Layout(folder)


def check_only(diagrams: int) -> None:
    """Time one `check` (no browser) of a fresh synthetic project and print what it took as JSON."""
    from sysatlas.lint import duplicates

    with tempfile.TemporaryDirectory(prefix="sysatlas-bench-check-") as tmp:
        layout = synthetic_project(Path(tmp), diagrams)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        dup_time = 0.0
        real = duplicates.check

        def timed_dup(*args: Any) -> None:
            nonlocal dup_time
            start = time.process_time()
            real(*args)
            dup_time = time.process_time() - start

        duplicates.check = timed_dup  # type: ignore[assignment]  # lint.run calls the module's attribute
        cpu = time.process_time()
        took, outcome = timed(lambda: check(layout))
        cpu = time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # before a second atlas exists
        counts = dict(Counter(d.code for d in outcome.report))
        size = (len(outcome.atlas.diagrams()), len(outcome.atlas.subjects))
        del outcome
        warm_cpu = time.process_time()
        warm, _ = timed(lambda: check(layout))  # the pure-Python YAML comparison is remembered per file text
        warm_cpu = time.process_time() - warm_cpu
        print(
            json.dumps(
                {
                    "diagrams": size[0],
                    "subjects": size[1],
                    "seconds": took,
                    "cpu_seconds": cpu,
                    "warm_seconds": warm,
                    "warm_cpu_seconds": warm_cpu,
                    "duplicates_seconds": dup_time,
                    "peak_rss_mb": peak / 1024,
                    "rss_before_mb": before / 1024,
                    "problems": counts,
                }
            )
        )


def check_at_scale(diagrams: int, rows: list[tuple[str, str, str]]) -> None:
    """Run `check_only` in a fresh interpreter, so its peak memory is its own."""
    run = subprocess.run(
        [sys.executable, __file__, "--check-only", str(diagrams)], capture_output=True, text=True, check=True
    )
    got = json.loads(run.stdout.strip().splitlines()[-1])
    label = f"check {got['diagrams'] // 1000}k"
    rows.append((label, "diagrams / subjects", f"{got['diagrams']} / {got['subjects']}"))
    rows.append(
        (
            label,
            "sysatlas check, no browser (cold: no .cache): wall / CPU",
            f"{got['seconds']:.1f} s / {got['cpu_seconds']:.1f} s",
        )
    )
    rows.append(
        (
            label,
            "again, files unchanged (.cache warm): wall / CPU",
            f"{got['warm_seconds']:.1f} s / {got['warm_cpu_seconds']:.1f} s",
        )
    )
    rows.append((label, "of which duplicate rules (DUP001 + DUP002), CPU", f"{got['duplicates_seconds']:.1f} s"))
    rows.append((label, "peak memory of the cold run (max RSS)", f"{got['peak_rss_mb']:.0f} MB"))
    rows.append(
        (
            label,
            "problems by code (DUP001: the golden shapes repeat)",
            ", ".join(f"{k} {v}" for k, v in sorted(got["problems"].items())) or "none",
        )
    )


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


class StageClock:
    """A Progress that times the browser stage inside a build: from its start to its last diagram."""

    def __init__(self) -> None:
        self.total = self.done = 0
        self.started = self.seconds = 0.0

    def start(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.perf_counter()

    def advance(self, n: int) -> None:
        self.done += n
        if self.done >= self.total:
            self.seconds = time.perf_counter() - self.started


def validate_only(layout: Layout, texts: list[str]) -> float:
    """Seconds for Mermaid's render alone of each text (light configuration, nothing else), with the build's
    browser and pages: the baseline the browser stage is compared with."""
    pages = int(os.environ.get("SYSATLAS_PAGES", "2"))
    renderer = ChromiumRenderer(layout.mermaid_bundle, pages=pages, entry="validateAll")
    took, results = timed(lambda: renderer.render([(f"v{i}", t, ()) for i, t in enumerate(texts)]))
    assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
    return float(took)


def measure(layout: Layout, label: str, sample: int, rows: list[tuple[str, str, str]], site: bool) -> None:
    """A first build (empty render cache) timed as a whole and its browser stage alone, against Mermaid's render
    alone of the same diagrams in the same process, and against mermaid-cli on a sample."""
    report = Report()
    gen, atlas = timed(lambda: load_atlas(layout, report))
    gen2, mermaid = timed(lambda: render_stage(atlas, report))
    diagrams = atlas.diagrams()
    n = len(diagrams)
    texts = [mermaid[d.key] for d in diagrams]
    shutil.rmtree(layout.cache / "render", ignore_errors=True)
    clock = StageClock()
    full, _ = timed(lambda: build(layout, site, clock))
    alone = validate_only(layout, texts)
    ours = clock.seconds / n
    what = "incl. site" if site else "diagrams only"
    rows.append((label, "diagrams", f"{n}"))
    rows.append((label, "load + validate schema + render (all)", f"{gen + gen2:.2f} s"))
    rows.append((label, f"first full build, {what} (empty render cache)", f"{full:.1f} s"))
    rows.append((label, "browser stage per diagram: one layout, light + dark, contrast", f"{ours * 1000:.0f} ms"))
    rows.append((label, "Mermaid render alone per diagram (validation only)", f"{alone / n * 1000:.0f} ms"))
    rows.append((label, "browser stage / validation only (budget <= 1.5x)", f"{clock.seconds / alone:.2f}x"))
    if n < 1000:
        rows.append(
            (
                label,
                "EXTRAPOLATED first full build of 1,000 diagrams (linear in diagrams)",
                f"{full / n * 1000:.0f} s (budget 120 s)",
            )
        )
    with tempfile.TemporaryDirectory() as tmp:
        picked = texts[:: max(1, n // sample)][:sample]
        single, batch = mmdc_per_diagram(picked, Path(tmp))
    rows.append((label, "mmdc, one call per diagram (median of 5)", f"{single * 1000:.0f} ms"))
    rows.append((label, f"mmdc, {len(picked)} diagrams in one Markdown file", f"{batch * 1000:.0f} ms/diagram"))
    rows.append((label, "speed-up vs mmdc per call / vs mmdc batch", f"{single / ours:.0f}x / {batch / ours:.1f}x"))


def build(layout: Layout, site: bool, progress: StageClock | None = None) -> None:
    """What `sysatlas build` does, publishing although the synthetic set repeats diagrams (DUP001-DUP003)."""
    outcome = check(layout, with_browser=True, progress=progress)
    problems = [d for d in outcome.report if d.code not in REPEATS]
    if problems:
        for d in problems[:20]:
            print(d, file=sys.stderr)
        raise ContentError(outcome.report)
    publish(layout, outcome, site=site)


def rebuilds(layout: Layout, label: str, rows: list[tuple[str, str, str]], site: bool) -> None:
    noop, _ = timed(lambda: build(layout, site))
    victim = sorted(layout.content.rglob("*.yaml"))[-1]
    original = victim.read_text(encoding="utf-8")
    victim.write_text(original.replace("title: n", "title: changed n"), encoding="utf-8")  # its diagrams re-render
    one, _ = timed(lambda: build(layout, site))
    victim.write_text(original, encoding="utf-8")
    what = "build incl. site" if site else "build, diagrams only"
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


def delivery(site: Path, diagrams: Path, label: str, rows: list[tuple[str, str, str]]) -> None:
    """What a reader downloads: SVG bytes per diagram, and a diagram page's cold first view in Chromium, from a
    server that compresses text as static hosts do (sysatlas.site.weight), desktop and phone."""
    from playwright.sync_api import sync_playwright

    from sysatlas.site.weight import cold_weight, serve

    svgs = sorted(diagrams.rglob("*.svg"))
    raw = sorted(p.stat().st_size for p in svgs)
    packed = sorted(len(gzip.compress(p.read_bytes())) for p in svgs)
    rows.append(
        (
            label,
            "SVG bytes per diagram variant: median / max (gzip median / max)",
            f"{statistics.median(raw) / 1024:.1f} / {raw[-1] / 1024:.0f} KB "
            f"({statistics.median(packed) / 1024:.1f} / {packed[-1] / 1024:.1f} KB)",
        )
    )
    pages = sorted(
        str(p.relative_to(site).parent) for p in site.rglob("index.html") if "sysatlas-diagram" in p.read_text()
    )
    with serve(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width, height in ((1440, 900), (390, 844)):
            weights = [cold_weight(browser, server, rel, (width, height)) for rel in pages]
            rows.append(
                (
                    label,
                    f"cold diagram page at {width}x{height} ({len(weights)} pages): median transferred / raw",
                    f"{statistics.median(w.transferred for w in weights) / 1024:.0f} KB / "
                    f"{statistics.median(w.raw for w in weights) / 1024:.0f} KB (target <= 300 KB transferred)",
                )
            )
        browser.close()


class Rows(list[tuple[str, str, str]]):
    """The table's rows, each also printed to stderr as soon as it is measured: a run takes most of an hour."""

    def append(self, row: tuple[str, str, str]) -> None:
        print("  ".join(row), file=sys.stderr, flush=True)
        super().append(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--synthetic", type=int, default=1100, help="diagrams in the synthetic set (default 1100; 0 skips it)"
    )
    parser.add_argument("--mmdc-sample", type=int, default=40, help="diagrams rendered by mmdc (default 40)")
    parser.add_argument("--skip-site", action="store_true", help="time diagram builds only")
    parser.add_argument(
        "--check-diagrams",
        type=int,
        default=30000,
        help="diagrams in the no-browser `check` run (default 30000; 0 skips it)",
    )
    parser.add_argument("--check-only", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check_only:
        check_only(args.check_only)
        return
    os.environ.setdefault("SYSATLAS_PAGES", "2")
    rows: list[tuple[str, str, str]] = Rows()
    if args.check_diagrams:
        check_at_scale(args.check_diagrams, rows)
    with tempfile.TemporaryDirectory(prefix="sysatlas-bench-content-") as tmp:
        content = Layout(Path(tmp))  # the bundled content as the working tree has it, built from nothing
        shutil.copytree(ROOT / "content", content.content)
        shutil.copy(ROOT / BASELINE, content.root / BASELINE)  # what the geometry lint does not report yet
        (content.root / "node_modules").symlink_to(ROOT / "node_modules")
        measure(content, "content", args.mmdc_sample, rows, site=not args.skip_site)
        if not args.skip_site:
            delivery(content.site, content.diagrams, "content", rows)
    if args.synthetic:
        with tempfile.TemporaryDirectory(prefix="sysatlas-bench-") as tmp:
            layout = synthetic_project(Path(tmp), args.synthetic)
            measure(layout, "synthetic", args.mmdc_sample, rows, site=not args.skip_site)
            rebuilds(layout, "synthetic", rows, site=not args.skip_site)
    width = max(len(r[1]) for r in rows)
    for label, what, value in rows:
        print(f"{label:<10} {what:<{width}}  {value}")
    print(
        "targets: validation >= 10x faster than mmdc; 1,000+ diagrams generated + validated < 120 s; browser "
        "stage <= 1.5x validation only; no-op rebuild < 3 s; site build < 60 s and < 60 KB HTML a page; "
        "cold diagram page <= 300 KB transferred"
    )


if __name__ == "__main__":
    main()
