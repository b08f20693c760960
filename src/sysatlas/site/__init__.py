"""Stage 7: the reader site. Pages are generated from the atlas, then `mkdocs build --strict` runs on them.

Both `build/docs` and `site/` are filled beside their final place and swapped in, so a failed build leaves the
previous site intact.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ..atlas import Atlas
from ..diagnostics import ToolError
from ..outputs import swap_in
from ..paths import Layout
from .nav import nav
from .pages import Page, pages

HERE = Path(__file__).parent


def write_docs(layout: Layout, atlas: Atlas) -> list[Page]:
    """Write every page and the assets into build/docs; return the pages."""
    generated = pages(atlas)

    def fill(folder: Path) -> None:
        for page in generated:
            path = folder / page.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.text, encoding="utf-8")
        assets = folder / "assets"
        assets.mkdir(exist_ok=True)
        for asset in (HERE / "assets").iterdir():
            shutil.copy(asset, assets / asset.name)
        # the checked SVGs and the Mermaid sources, byte for byte as the build wrote them
        if not layout.diagrams.is_dir():
            raise ToolError(f"{layout.diagrams} is missing: the site is built from the diagrams the build wrote")
        shutil.copytree(layout.diagrams, folder / "diagrams", ignore=shutil.ignore_patterns("manifest.json"))

    swap_in(layout.docs, fill)
    return generated


def _yaml(data: dict[str, Any]) -> str:
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False))


def mkdocs_config(layout: Layout, atlas: Atlas, generated: list[Page], site_dir: Path) -> Path:
    """Write build/mkdocs.yml: the fixed settings of the template, the site's name and the navigation."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    site = {
        "site_name": atlas.inventory.name,
        "site_description": atlas.inventory.description,
        "site_url": os.environ.get("SYSATLAS_SITE_URL", "http://127.0.0.1:8000/"),
    }
    text = env.get_template("mkdocs.yml.j2").render(
        site=_yaml(site),
        site_dir=_yaml({"site_dir": str(site_dir)}),
        nav=_yaml({"nav": nav(generated)}),
        overrides=_yaml({"custom_dir": str(HERE / "overrides")}),
    )
    path = layout.build / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(layout: Layout, atlas: Atlas) -> None:
    """Generate the pages and run mkdocs build --strict into site/, atomically."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    generated = write_docs(layout, atlas)
    digest = docs_digest(layout, atlas)
    stamp = layout.site / ".sysatlas-digest"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        return  # nothing a reader could see has changed: keep the site as it is

    def fill(folder: Path) -> None:
        config_path = mkdocs_config(layout, atlas, generated, folder)
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
        for page in folder.rglob("*.html"):
            page.write_text(squeeze(page.read_text(encoding="utf-8")), encoding="utf-8")
        (folder / ".sysatlas-digest").write_text(digest, encoding="utf-8")

    swap_in(layout.site, fill)


VERBATIM = re.compile(r"(<(pre|textarea|script|style|code)\b.*?</\2>)", re.S | re.I)


def squeeze(html: str) -> str:
    """Drop the template's indentation and blank lines: a run of white space with a line break becomes one line
    break, which a browser shows as it showed the run. Text inside pre, textarea, script, style and code is kept."""
    parts = VERBATIM.split(html)  # text, (element, tag name, text)...
    out = [re.sub(r"[ \t]*\n\s*", "\n", parts[0])]
    for i in range(1, len(parts), 3):
        out += [parts[i], re.sub(r"[ \t]*\n\s*", "\n", parts[i + 2])]
    return "".join(out)


def docs_digest(layout: Layout, atlas: Atlas) -> str:
    """Hash every generated page and asset, the config template, the site's name and the tool versions."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for path in sorted(layout.docs.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(layout.docs)).encode())
            h.update(path.read_bytes())
    h.update((HERE / "templates" / "mkdocs.yml.j2").read_bytes())
    h.update(Path(__file__).read_bytes())  # what is done to mkdocs' output (squeeze)
    for path in sorted((HERE / "overrides").rglob("*")):
        if path.is_file():
            h.update(path.read_bytes())
    h.update(os.environ.get("SYSATLAS_SITE_URL", "").encode())
    h.update(f"{atlas.inventory.name}\n{atlas.inventory.description}".encode())
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
        h.update(version(package).encode())
    return h.hexdigest()
