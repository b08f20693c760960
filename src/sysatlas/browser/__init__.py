"""Stage 5: render every diagram with the pinned Mermaid bundle in headless Chromium, cached by content hash.

`ChromiumRenderer` is the real thing (Playwright driving Debian's /usr/bin/chromium, one browser, pages in
parallel); `render_all` adds the cache. Unit tests substitute any object with the same `render` method.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..diagnostics import ToolError
from .config import CONFIG, MERMAID_VERSION, config_js

HERE = Path(__file__).parent
T = TypeVar("T")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
BATCH = 25


@dataclass(frozen=True)
class Result:
    """What Mermaid made of one diagram."""

    ok: bool
    error: str
    width: float
    height: float
    svg: str
    text: str


class Renderer(Protocol):
    def render(
        self, items: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None
    ) -> list[Result]: ...


def chromium_path() -> str:
    """Return the Chromium to drive: $SYSATLAS_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    for candidate in (
        os.environ.get("SYSATLAS_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    raise ToolError(
        "no Chromium found: install Debian's `chromium` (apt-get install chromium) or set "
        "SYSATLAS_CHROMIUM to a Chromium binary"
    )


def require_bundle(bundle: Path) -> None:
    """Raise a ToolError saying how to get the pinned Mermaid bundle when it is missing."""
    if not bundle.is_file():
        raise ToolError(
            f"the Mermaid {MERMAID_VERSION} bundle is missing ({bundle}): run `npm install` in the atlas folder "
            f"(its package.json pins mermaid {MERMAID_VERSION}; `sysatlas init` writes one), or `make deps` here"
        )


class ChromiumRenderer:
    """Render diagrams in one headless Chromium with `pages` pages working in parallel."""

    def __init__(self, bundle: Path, pages: int = 2) -> None:
        require_bundle(bundle)
        self.bundle = bundle
        self.pages = max(1, pages)

    def render(self, items: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None) -> list[Result]:
        """Render (id, text) pairs; return one Result each, in order."""
        if not items:
            return []
        return run_async(lambda: self._render(list(items), progress))

    async def _render(self, items: list[tuple[str, str]], progress: Callable[[int], None] | None) -> list[Result]:
        from playwright.async_api import async_playwright

        with tempfile.TemporaryDirectory(prefix="sysatlas-harness-") as tmp:
            folder = Path(tmp)
            shutil.copy(HERE / "harness.html", folder / "harness.html")
            (folder / "config.js").write_text(config_js(), encoding="utf-8")
            os.symlink(self.bundle.resolve(), folder / "mermaid.min.js")
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
                try:
                    batches = [items[i : i + BATCH] for i in range(0, len(items), BATCH)]
                    queue: asyncio.Queue[tuple[int, list[tuple[str, str]]]] = asyncio.Queue()
                    for i, batch in enumerate(batches):
                        queue.put_nowait((i, batch))
                    done: dict[int, list[Result]] = {}

                    async def worker() -> None:
                        page = await browser.new_page(viewport={"width": 1200, "height": 900})
                        await page.goto((folder / "harness.html").as_uri())
                        await page.wait_for_function("window.harnessReady === true")
                        while not queue.empty():
                            i, batch = queue.get_nowait()
                            raw: list[dict[str, Any]] = await page.evaluate("(items) => renderAll(items)", batch)
                            done[i] = [Result(**r) for r in raw]
                            if progress:
                                progress(len(batch))
                        await page.close()

                    await asyncio.gather(*(worker() for _ in range(min(self.pages, len(batches)))))
                finally:
                    await browser.close()
        return [r for i in sorted(done) for r in done[i]]


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion, in a worker thread when this thread already runs an event loop.

    Playwright's sync API (used by `Session`) keeps a loop running in its thread, where asyncio.run refuses.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def bundle_digest(bundle: Path) -> str:
    """Return a digest of the bundle and the configuration: the part of every cache key that is not the text."""
    h = hashlib.sha256(bundle.read_bytes() if bundle.is_file() else b"missing")
    h.update(json.dumps(CONFIG, sort_keys=True).encode())
    h.update((HERE / "harness.html").read_bytes())
    return h.hexdigest()[:16]


class Cache:
    """Render results on disk, one JSON file per (bundle, config, text) hash; written atomically."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.salt}\n{text}".encode()).hexdigest()

    def get(self, text: str) -> Result | None:
        path = self.folder / self.key(text)[:2] / f"{self.key(text)}.json"
        try:
            return Result(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def put(self, text: str, result: Result) -> None:
        path = self.folder / self.key(text)[:2] / f"{self.key(text)}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(result)), encoding="utf-8")
        tmp.replace(path)


def render_all(
    texts: Sequence[str], renderer: Renderer | None, cache: Cache | None, progress: Callable[[int], None] | None = None
) -> list[Result]:
    """Return a Result per text: from the cache when it has one, else rendered (and cached if it rendered)."""
    results: list[Result | None] = [cache.get(t) if cache else None for t in texts]
    todo = [i for i, r in enumerate(results) if r is None]
    if progress and len(texts) - len(todo):
        progress(len(texts) - len(todo))
    if todo:
        if renderer is None:
            raise ToolError("no renderer for uncached diagrams")
        fresh = renderer.render([(f"d{i}", texts[i]) for i in todo], progress)
        for i, result in zip(todo, fresh, strict=True):
            results[i] = result
            if cache and result.ok:
                cache.put(texts[i], result)
    return [r for r in results if r is not None]


class Session:
    """One Chromium page kept open for many small renders (property tests, interactive tools)."""

    def __init__(self, bundle: Path) -> None:
        require_bundle(bundle)
        self.bundle = bundle
        self.count = 0

    def __enter__(self) -> Session:
        from playwright.sync_api import sync_playwright

        self._tmp = tempfile.TemporaryDirectory(prefix="sysatlas-session-")
        folder = Path(self._tmp.name)
        shutil.copy(HERE / "harness.html", folder / "harness.html")
        (folder / "config.js").write_text(config_js(), encoding="utf-8")
        os.symlink(self.bundle.resolve(), folder / "mermaid.min.js")
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        self._page = self._browser.new_page()
        self._page.goto((folder / "harness.html").as_uri())
        self._page.wait_for_function("window.harnessReady === true")
        return self

    def render(self, text: str) -> Result:
        """Render one diagram and return the result."""
        self.count += 1
        raw = self._page.evaluate("(items) => renderAll(items)", [[f"s{self.count}", text]])
        return Result(**raw[0])

    def __exit__(self, *exc: object) -> None:
        self._browser.close()
        self._pw.stop()
        self._tmp.cleanup()
