"""The command line: parses options and calls one function per command."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__
from .diagnostics import ContentError, Report, SysatlasError
from .inventory import Inventory, load_inventory
from .paths import Layout, find_root


def _layout() -> Layout:
    return Layout(find_root())


def _print_report(report: Report) -> None:
    for diag in report:
        click.echo(str(diag), err=False)
    click.echo(f"{len(report)} problem(s)", err=True)


class _Progress:
    """A progress bar on stderr for the browser stage, shown once it is told the total (silent when not a tty)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def start(self, total: int) -> None:
        self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True, show_eta=True)
        self.bar.__enter__()

    def advance(self, n: int) -> None:
        self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _inventory(layout: Layout) -> Inventory:
    """Return the inventory, or print its problems and exit 1."""
    report = Report()
    inventory = load_inventory(layout, report)
    if inventory is None:
        _print_report(report)
        sys.exit(1)
    return inventory


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

    start = time.perf_counter()
    bar = _Progress("rendering")
    try:
        outcome = run_check(_layout(), with_browser=with_browser, progress=bar, use_cache=not no_cache)
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

    layout = _layout()
    start = time.perf_counter()
    bar = _Progress("rendering")
    try:
        outcome = run_build(layout, progress=bar, site=not no_site, use_cache=not no_cache)
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

    from .scaffold import skeleton

    layout = _layout()
    inventory = _inventory(layout)
    if category not in inventory.categories:
        raise click.UsageError(f"unknown category {category!r}; one of: {', '.join(inventory.categories)}")
    if not re.match(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$", subject):
        raise click.UsageError(f"subject {subject!r} must be lowercase letters, digits and hyphens")
    path = layout.content / category / f"{subject}.yaml"
    if path.exists() and not force:
        raise click.UsageError(f"{layout.rel(path)} exists; pass --force to overwrite")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(inventory.categories[category], subject, date.today().isoformat()), encoding="utf-8")
    click.echo(f"wrote {layout.rel(path)}; fill in the FILL markers, then: sysatlas check")


@cli.command()
@click.option("--markdown", is_flag=True, help="Print a Markdown table (for the site's coverage page).")
def stats(markdown: bool) -> None:
    """Print coverage against content/inventory.yaml: subjects, diagrams, evidence levels, and facts.

    The second table counts, per category, reported facts, those with a quote, those on a primary source, and
    the numbers in `reported` diagrams (title and body) that come from a `${fact}` against those typed literally.

    \b
    Example:
      sysatlas stats
    """
    from .stats import coverage, coverage_markdown, fact_coverage, fact_markdown, fact_table, table
    from .validate import load_atlas

    layout = _layout()
    _inventory(layout)
    report = Report()
    atlas = load_atlas(layout, report)
    rows = coverage(atlas)
    if markdown:
        click.echo(coverage_markdown(rows))
        click.echo(fact_markdown(fact_coverage(atlas)))
    else:
        click.echo("\n".join(table(rows)))
        click.echo()
        click.echo("\n".join(fact_table(fact_coverage(atlas))))
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
@click.option("--dark", "variant", flag_value="dark", help="The dark variant.")
@click.option("--light", "variant", flag_value="light", default=True, help="The light variant (default).")
@click.option(
    "--card", "with_card", is_flag=True, help="Add title, evidence, the At-3-AM note and sources around the diagram."
)
def export(target: str, fmt: str, out: Path, variant: str, with_card: bool) -> None:
    """Write the checked SVG (or a PNG) of a diagram (category/subject#id) or of all of a subject.

    The SVG is the one the build rendered and contrast-checked: labels as SVG text, styles inline, legend
    drawn in; it opens the same in a browser tab, Inkscape or a slide deck.

    \b
    Examples:
      sysatlas export incidents/github-2018-10-21#timeline --png
      sysatlas export incidents/github-2018-10-21#cascade --card --dark --png
      sysatlas export mechanisms/raft-consensus -o /tmp/raft
    """
    from .export import export as run_export

    for path in run_export(_layout(), target, fmt, out, variant=variant, with_card=with_card):
        click.echo(str(path))


@cli.command()
@click.argument("target")
def preview(target: str) -> None:
    """Write build/preview/<subject>.html showing one subject's checked SVGs (light and dark).

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
        click.echo(outcome.mermaid[d.key])


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Start a new atlas in DIRECTORY: an inventory with one category and one subject, and a README.

    `sysatlas build` turns it into a site with no further edit (it needs Chromium and the pinned Mermaid
    bundle: `npm install` in DIRECTORY fetches it).

    \b
    Example:
      sysatlas init my-atlas && cd my-atlas && npm install && sysatlas build
    """
    from .starter import init as run_init

    for path in run_init(directory):
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {directory} && sysatlas check; see {directory / 'README.md'}", err=True)


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
