"""Shared fixtures: throwaway projects built from the real inventory, and a fake renderer for unit tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from sysatlas.browser import Done, Item, Result
from sysatlas.paths import Layout

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite the expected .mmd files (or set SYSATLAS_UPDATE_GOLDEN=1)"
    )


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[dict[str, str]], Layout]:
    """Return a function that lays out a project with the real inventory and the given content files."""

    def make(files: dict[str, str]) -> Layout:
        content = tmp_path / "content"
        content.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "content" / "inventory.yaml", content / "inventory.yaml")
        for rel, text in files.items():
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        nm = tmp_path / "node_modules"
        if not nm.exists() and (ROOT / "node_modules").exists():
            nm.symlink_to(ROOT / "node_modules")
        return Layout(tmp_path)

    return make


class FakeRenderer:
    """Stands in for Chromium: 'renders' everything, failing texts that contain a marker."""

    def __init__(self, fail_marker: str = "BROKEN", width: float = 800) -> None:
        self.fail_marker = fail_marker
        self.width = width
        self.calls: list[str] = []

    def render(
        self, items: Sequence[Item], progress: Callable[[int], None] | None = None, done: Done | None = None
    ) -> list[Result]:
        out = []
        for _, text, _legend in items:
            self.calls.append(text)
            bad = self.fail_marker in text
            out.append(
                Result(
                    ok=not bad,
                    error="Parse error on line 3" if bad else "",
                    width=self.width,
                    height=400,
                    svg="" if bad else "<svg></svg>",
                    text="",
                    svg_dark="" if bad else "<svg class='dark'></svg>",
                )
            )
            if done:
                done(len(out) - 1, out[-1])
        return out


@pytest.fixture
def fake_renderer() -> FakeRenderer:
    return FakeRenderer()
