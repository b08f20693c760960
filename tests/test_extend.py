"""Extending the tool: a new kind is a new folder, a new category is an inventory entry, a new atlas is `init`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sysatlas.cli import cli, main
from sysatlas.golden import cases, subject_text
from sysatlas.kinds import registry
from sysatlas.paths import Layout
from sysatlas.pipeline import build

from .conftest import ROOT, FakeRenderer

SRC = ROOT / "src" / "sysatlas"

NEW_KIND_BUILD = """
import sys
from pathlib import Path

from sysatlas.golden import cases, subject_text
from sysatlas.kinds import registry
from sysatlas.paths import Layout
from sysatlas.pipeline import build

root = Path(sys.argv[1])
assert "blueprint" in registry(), sorted(registry())
(case,) = [c for c in cases() if c.kind.name == "blueprint"][:1]
folder = root / "content" / "guarantees"
folder.mkdir(parents=True)
(folder / "golden-case.yaml").write_text(subject_text(case.item("drawn-by-the-new-kind")), encoding="utf-8")
build(Layout(root), use_cache=False)
"""


@pytest.mark.browser
def test_a_new_kind_is_a_new_folder(tmp_path: Path) -> None:
    """Copy a kind to a new name in a copy of the package; build and the property test see it, no other edit."""
    package = tmp_path / "src" / "sysatlas"
    shutil.copytree(SRC, package, ignore=shutil.ignore_patterns("__pycache__"))
    first = next(iter(registry().values()))
    shutil.copytree(first.folder, package / "kinds" / "blueprint", ignore=shutil.ignore_patterns("__pycache__"))
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "inventory.yaml", project / "content" / "inventory.yaml")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "SYSATLAS_PAGES": "1"}
    env.pop("SYSATLAS_ROOT", None)

    done = subprocess.run(
        [sys.executable, "-c", NEW_KIND_BUILD, str(project)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    page = (project / "site" / "guarantees" / "golden-case" / "index.html").read_text(encoding="utf-8")
    assert "kind-blueprint" in page and 'data-diagram="golden-case--drawn-by-the-new-kind"' in page

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-W", "error",
         "tests/test_browser.py::test_any_label_renders_and_shows_its_text", "tests/test_golden.py",
         "-k", "blueprint"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-3000:]
    passed = re.search(r"(\d+) passed", tests.stdout)
    assert passed and int(passed.group(1)) >= 2, tests.stdout[-500:]  # the property test and the golden case(s)


def test_the_real_package_names_no_extra_kind() -> None:
    assert "blueprint" not in registry()  # the copy above lived in its own tree


RUNBOOKS = {
    "title": "Runbooks & drills",
    "purpose": "What to check first, and what to do, when a symptom shows up.",
    "priority": "P1",
    "target_diagrams": 4,
    "pages": "per-diagram",
    "diagrams_per_subject": [{"id": "procedure", "kind": next(iter(registry())), "what": "the steps and gates"}],
    "subjects": ["leader-failover", "disk-full"],
}


def test_a_new_category_is_one_inventory_entry(make_project: Callable[[dict[str, str]], Layout]) -> None:
    """A category the code has never heard of gets its pages, navigation, coverage rows and backlinks."""
    inventory = yaml.safe_load((ROOT / "content" / "inventory.yaml").read_text(encoding="utf-8"))
    inventory["categories"]["runbooks"] = RUNBOOKS
    first, second = [c for c in cases() if not c.shows][:2]
    linking = subject_text(second.item("procedure"), subject_id="leader-failover", title="Leader failover")
    linking = linking.replace("as_of:", "related: [guarantees/golden-case]\nas_of:", 1)
    layout = make_project(
        {
            "content/inventory.yaml": yaml.safe_dump(inventory, sort_keys=False, allow_unicode=True),
            "content/guarantees/golden-case.yaml": subject_text(first.item()),
            "content/runbooks/leader-failover.yaml": linking,
        }
    )
    build(layout, renderer=FakeRenderer(), use_cache=False)
    docs = layout.docs
    home = (docs / "index.md").read_text(encoding="utf-8")
    entry_line = "- **[Runbooks &amp; drills](runbooks/index.md)**: What to check first, and what to do, when a symptom"
    assert entry_line in home
    index = (docs / "runbooks" / "index.md").read_text(encoding="utf-8")
    assert index.split("---\n\n", 1)[1].startswith("# Runbooks &amp; drills\n\nWhat to check first")
    assert "Leader failover" in index and "disk-full" not in index  # pending subjects: on the coverage page only
    assert (docs / "runbooks" / "leader-failover" / "procedure.md").is_file()  # one page per diagram
    config = (layout.build / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(config[config.index("\nnav:\n") :])["nav"]  # the rest of the file has python tags
    (entry,) = [e["Runbooks & drills"] for e in nav if "Runbooks & drills" in e]
    assert entry[0] == "runbooks/index.md"
    assert entry[1]["Leader failover"][0] == "runbooks/leader-failover/index.md"
    assert list(entry[1]["Leader failover"][1].values()) == ["runbooks/leader-failover/procedure.md"]
    coverage = (docs / "coverage.md").read_text(encoding="utf-8")
    assert "| Runbooks & drills | P1 | 1/2 | 1 | 1/4 | 25% |" in coverage
    assert "### Runbooks &amp; drills (1)\n\ndisk-full" in coverage
    target = (docs / "guarantees" / "golden-case.md").read_text(encoding="utf-8")
    link = "[Leader failover](../runbooks/leader-failover/index.md)"
    assert f"**Linked from:** *Runbooks &amp; drills:* {link}" in target  # the category no list knew of
    stats = CliRunner().invoke(cli, ["stats"], env={"SYSATLAS_ROOT": str(layout.root)})
    assert any(line.split()[:3] == ["runbooks", "P1", "1/2"] for line in stats.output.splitlines()), stats.output


def test_init_refuses_an_existing_atlas(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "atlas")]).exit_code == 0
    again = runner.invoke(cli, ["init", str(tmp_path / "atlas")])
    assert again.exit_code != 0 and "already has README.md" in str(again.exception)


def test_a_new_atlas_checks_clean_and_scaffolds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    atlas = tmp_path / "atlas"
    result = runner.invoke(cli, ["init", str(atlas)])
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(atlas)) for p in atlas.rglob("*") if p.is_file()) == [
        ".gitignore",
        "README.md",
        "content/inventory.yaml",
        "content/services/sysatlas-build.yaml",
        "package.json",
    ]
    monkeypatch.delenv("SYSATLAS_ROOT", raising=False)
    monkeypatch.chdir(atlas)
    check = runner.invoke(cli, ["check"])
    assert check.exit_code == 0, check.output
    assert "checked 1 diagrams in 1 subjects" in check.output
    new = runner.invoke(cli, ["new", "services", "checkout-api"])
    assert new.exit_code == 0, new.output
    after = runner.invoke(cli, ["check"])
    assert {line.split()[1] for line in after.output.splitlines() if line.startswith("content/")} == {"PH001"}


def test_build_says_what_it_needs_when_the_bundle_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    atlas = tmp_path / "atlas"
    assert CliRunner().invoke(cli, ["init", str(atlas)]).exit_code == 0
    monkeypatch.delenv("SYSATLAS_ROOT", raising=False)
    monkeypatch.chdir(atlas)
    monkeypatch.setattr("sys.argv", ["sysatlas", "build"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "Error: the Mermaid 11.17.2 bundle is missing" in err and "npm install" in err
    assert not (atlas / "site").exists()


@pytest.mark.browser
def test_init_then_build_makes_a_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    atlas = tmp_path / "atlas"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(atlas)]).exit_code == 0
    (atlas / "node_modules").symlink_to(ROOT / "node_modules")  # what `npm install` there would give
    monkeypatch.delenv("SYSATLAS_ROOT", raising=False)
    monkeypatch.chdir(atlas)
    result = runner.invoke(cli, ["build", "--no-cache"])
    assert result.exit_code == 0, (result.output, result.exception)
    home = (atlas / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Our systems atlas</title>" in home and "Services" in home
    page = (atlas / "site" / "services" / "sysatlas-build" / "index.html").read_text(encoding="utf-8")
    assert "How this atlas is built" in page and "overview.light.svg" in page and 'class="mermaid"' not in page
    assert (atlas / "build" / "diagrams" / "services" / "sysatlas-build" / "overview.mmd").is_file()


def test_the_wheel_carries_every_file_the_package_reads() -> None:
    """`pip install` must be enough for init, check and new: every non-Python file is declared package data."""
    import fnmatch
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["sysatlas"]

    def declared(rel: Path) -> bool:
        return any(
            len(rel.parts) == len(p.split("/")) and all(map(fnmatch.fnmatch, rel.parts, p.split("/"))) for p in patterns
        )

    needed = [
        p.relative_to(SRC)
        for p in SRC.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "golden" not in p.relative_to(SRC).parts
    ]
    assert needed and [str(p) for p in needed if not declared(p)] == []


def test_no_chromium_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from sysatlas.browser import chromium_path
    from sysatlas.diagnostics import ToolError

    monkeypatch.delenv("SYSATLAS_CHROMIUM", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(Path, "exists", lambda self: False)
    with pytest.raises(ToolError, match=r"apt-get install chromium\) or set SYSATLAS_CHROMIUM"):
        chromium_path()
