"""The command line: parses options and calls one function per command."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

import click

from . import __version__
from .diagnostics import ContentError, Report, SysatlasError
from .paths import Layout, find_root


def _layout() -> Layout:
    return Layout(find_root())


def _print_report(report: Report) -> None:
    for diag in report:
        click.echo(str(diag), err=False)
    click.echo(f"{len(report)} problem(s)", err=True)


class _Progress:
    """A progress bar on stderr for long browser work (silent when stderr is not a terminal and CI is unset)."""

    def __init__(self, total: int, label: str) -> None:
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True)
        self.bar.__enter__()

    def __call__(self, n: int) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.__exit__(None, None, None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sysatlas")
def cli() -> None:
    """Generate, verify and publish the sysatlas diagrams from content/*.yaml.

    \b
    Typical loop for an author:
      sysatlas new mechanisms raft-consensus     # a skeleton to fill in
      sysatlas check                             # seconds, no browser
      sysatlas preview mechanisms/raft-consensus # render it, open build/preview/...html
      sysatlas check --browser                   # the real Mermaid in Chromium
    """


@cli.command()
@click.option("--browser", "with_browser", is_flag=True, help="Also render every diagram in headless Chromium.")
@click.option("--no-cache", is_flag=True, help="Ignore the render cache (with --browser).")
@click.option("--json", "as_json", is_flag=True, help="Print problems as JSON lines.")
def check(with_browser: bool, no_cache: bool, as_json: bool) -> None:
    """Check all content; print `path:line: CODE message` for each problem.

    Exits 1 when there is any problem.

    \b
    Examples:
      sysatlas check
      sysatlas check --browser
    """
    from .pipeline import check as run_check

    layout = _layout()
    start = time.perf_counter()
    outcome = run_check(layout, with_browser=False)
    if with_browser:
        from .pipeline import browser_stage

        bar = _Progress(len(outcome.atlas.diagrams()), "rendering")
        try:
            outcome.renders = browser_stage(
                layout, outcome.atlas.diagrams(), outcome.report, None, bar, use_cache=not no_cache
            )
        finally:
            bar.close()
    n = len(outcome.atlas.diagrams())
    if as_json:
        for d in outcome.report:
            click.echo(json.dumps(d.__dict__))
    else:
        for d in outcome.report:
            click.echo(str(d))
    took = time.perf_counter() - start
    click.echo(
        f"checked {n} diagrams in {len(outcome.atlas.subjects)} subjects in {took:.1f}s"
        f"{' (browser)' if with_browser else ''}: {len(outcome.report)} problem(s)",
        err=True,
    )
    sys.exit(1 if outcome.report else 0)


@cli.command()
@click.option("--no-site", is_flag=True, help="Only write build/diagrams, skip the MkDocs site.")
@click.option("--no-cache", is_flag=True, help="Render every diagram again.")
def build(no_site: bool, no_cache: bool) -> None:
    """Check everything in the browser, then write build/diagrams and site/.

    Nothing is written unless every check passes; a failed build leaves the previous output intact.

    \b
    Example:
      sysatlas build && python -m http.server -d site
    """
    from .pipeline import build as run_build
    from .pipeline import check as run_check

    layout = _layout()
    start = time.perf_counter()
    checked = run_check(layout)
    total = len(checked.atlas.diagrams())
    bar = _Progress(total, "rendering")
    try:
        outcome = run_build(layout, progress=bar, site=not no_site, use_cache=not no_cache, checked=checked)
    finally:
        bar.close()
    click.echo(
        f"built {len(outcome.atlas.diagrams())} diagrams in {time.perf_counter() - start:.1f}s -> "
        f"{layout.rel(layout.diagrams)}" + ("" if no_site else f", {layout.rel(layout.site)}"),
        err=True,
    )


@cli.command()
@click.argument("category")
@click.argument("subject")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(category: str, subject: str, force: bool) -> None:
    """Write a skeleton for a new subject: content/CATEGORY/SUBJECT.yaml.

    \b
    Example:
      sysatlas new patterns bulkhead
    """
    import re

    from .atlas import Inventory
    from .load import read
    from .scaffold import skeleton

    layout = _layout()
    report = Report()
    doc = read(layout.inventory, layout.rel(layout.inventory), report)
    inventory = Inventory.from_data(doc.data if doc else {})
    if category not in inventory.categories:
        raise click.UsageError(f"unknown category {category!r}; one of: {', '.join(inventory.categories)}")
    if not re.match(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$", subject):
        raise click.UsageError(f"subject {subject!r} must be lowercase letters, digits and hyphens")
    path = layout.content / category / f"{subject}.yaml"
    if path.exists() and not force:
        raise click.UsageError(f"{layout.rel(path)} exists; pass --force to overwrite")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(inventory, category, subject, date.today().isoformat()), encoding="utf-8")
    click.echo(f"wrote {layout.rel(path)}; fill in the FILL markers, then: sysatlas check")


@cli.command()
@click.option("--markdown", is_flag=True, help="Print a Markdown table (for the site's coverage page).")
def stats(markdown: bool) -> None:
    """Print coverage against content/inventory.yaml: subjects, diagrams, evidence levels.

    \b
    Example:
      sysatlas stats
    """
    from .stats import coverage, table
    from .validate import load_atlas

    report = Report()
    atlas = load_atlas(_layout(), report)
    rows = coverage(atlas)
    if markdown:
        from .site.pages import coverage_markdown

        click.echo(coverage_markdown(rows))
    else:
        click.echo("\n".join(table(rows)))
    if report:
        click.echo(f"({len(report)} content problem(s) not counted; run sysatlas check)", err=True)


@cli.command()
@click.argument("target")
@click.option("--svg", "fmt", flag_value="svg", default=True, help="Write SVG (default).")
@click.option("--png", "fmt", flag_value="png", help="Write PNG.")
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    default=Path("build/export"),
    show_default=True,
    help="Folder to write into.",
)
def export(target: str, fmt: str, out: Path) -> None:
    """Render a diagram (category/subject#id) or all of a subject (category/subject) to SVG or PNG.

    \b
    Examples:
      sysatlas export incidents/github-2018-10-21#timeline --png
      sysatlas export mechanisms/raft-consensus -o /tmp/raft
    """
    from .export import export as run_export

    for path in run_export(_layout(), target, fmt, out):
        click.echo(str(path))


@cli.command()
@click.argument("target")
def preview(target: str) -> None:
    """Write build/preview/<subject>.html showing one subject's diagrams with the pinned Mermaid.

    \b
    Example:
      sysatlas preview guarantees/linearizability && xdg-open build/preview/linearizability.html
    """
    from .export import preview as run_preview

    click.echo(str(run_preview(_layout(), target)))


@cli.command()
@click.argument("target")
def show(target: str) -> None:
    """Print the generated Mermaid text of one diagram (category/subject#id).

    \b
    Example:
      sysatlas show mechanisms/raft-consensus#state-machine
    """
    from .export import select
    from .pipeline import check as run_check

    outcome = run_check(_layout())
    for d in select(outcome.atlas, target):
        click.echo(d.mermaid)


def main() -> None:
    """Run the CLI; turn our own errors into `Error: ...` and exit 1, never a traceback."""
    try:
        cli(standalone_mode=True)
    except ContentError as exc:
        _print_report(exc.report)
        click.echo(f"Error: {exc}; nothing was written", err=True)
        sys.exit(1)
    except SysatlasError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
