"""Stage 7: the reader site. Pages are generated from the atlas, then `mkdocs build --strict` runs on them.

Both `build/docs` and `site/` are filled beside their final place and swapped in, so a failed build leaves the
previous site intact.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from ..browser.config import config_js
from ..diagnostics import ToolError
from ..outputs import swap_in
from ..paths import Layout
from .pages import Page, pages

if TYPE_CHECKING:
    from ..pipeline import Outcome

HERE = Path(__file__).parent


def write_docs(layout: Layout, outcome: Outcome) -> list[Page]:
    """Write every page, the assets and mkdocs.yml into build/; return the pages."""
    generated = pages(outcome.atlas)

    def fill(folder: Path) -> None:
        for page in generated:
            path = folder / page.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.text, encoding="utf-8")
        assets = folder / "assets"
        assets.mkdir(exist_ok=True)
        if not layout.mermaid_bundle.is_file():
            raise ToolError(f"the Mermaid bundle {layout.mermaid_bundle} is missing: run `npm ci`")
        shutil.copy(layout.mermaid_bundle, assets / "mermaid.min.js")
        (assets / "mermaid-config.js").write_text(config_js(), encoding="utf-8")
        for asset in (HERE / "assets").iterdir():
            shutil.copy(asset, assets / asset.name)

    swap_in(layout.docs, fill)
    return generated


def mkdocs_config(layout: Layout, generated: list[Page], site_dir: Path) -> Path:
    """Write build/mkdocs.yml with the navigation generated from the pages."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from .pages import nav_lines

    text = env.get_template("mkdocs.yml.j2").render(site_dir=str(site_dir), nav=nav_lines(generated))
    path = layout.build / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(layout: Layout, outcome: Outcome) -> None:
    """Generate the pages and run mkdocs build --strict into site/, atomically."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    generated = write_docs(layout, outcome)
    digest = docs_digest(layout)
    stamp = layout.site / ".sysatlas-digest"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        return  # nothing a reader could see has changed: keep the site as it is

    def fill(folder: Path) -> None:
        config_path = mkdocs_config(layout, generated, folder)
        handler = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            config = load_config(str(config_path), strict=True)
            build(config)
        except (MkDocsException, SystemExit) as exc:
            detail = "; ".join(handler.messages[:10]) or str(exc)
            raise ToolError(f"mkdocs build --strict failed: {detail}") from exc
        finally:
            logger.removeHandler(handler)
        (folder / ".sysatlas-digest").write_text(digest, encoding="utf-8")

    swap_in(layout.site, fill)


def docs_digest(layout: Layout) -> str:
    """Hash every generated page and asset, the config template and the tool versions."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for path in sorted(layout.docs.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(layout.docs)).encode())
            h.update(path.read_bytes())
    h.update((HERE / "templates" / "mkdocs.yml.j2").read_bytes())
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
        h.update(version(package).encode())
    return h.hexdigest()
