"""Stage 5: render every diagram with the pinned Mermaid bundle in headless Chromium, cached by content hash.

`ChromiumRenderer` is the real thing (Playwright driving Debian's /usr/bin/chromium, one browser, pages in
parallel); `render_all` adds the cache. Unit tests substitute any object with the same `render` method.
A diagram that does not finish within the timeout, or whose page crashes, gets a failed Result (MMD002,
MMD003) and a fresh page; the other diagrams go on rendering.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..diagnostics import ToolError
from .config import MERMAID_VERSION, VARIANTS, config_js

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
TIMEOUT = 30.0  # seconds per diagram; the largest diagrams the readability limits allow take about 1 s


@dataclass(frozen=True)
class Contrast:
    """One text the reader could not read well: its ink and what is behind it, measured in the rendered SVG."""

    variant: str
    text: str
    fg: str
    bg: str
    ratio: float


@dataclass(frozen=True)
class Result:
    """What Mermaid made of one diagram: the light SVG, the dark SVG, and what was measured on them."""

    ok: bool
    error: str
    width: float
    height: float
    svg: str
    text: str
    svg_dark: str = ""
    contrast: tuple[Contrast, ...] = ()
    code: str = ""  # the diagnostic a failure becomes: MMD001 (Mermaid's error), MMD002 (timeout), MMD003 (crash)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Result:
        """Rebuild a Result from the harness's answer."""
        contrast = tuple(Contrast(**c) for c in raw.get("contrast", ()))
        return cls(**{**raw, "contrast": contrast})


def failed(code: str, error: str) -> Result:
    """Return the Result of a diagram that did not render."""
    return Result(ok=False, error=error, width=0, height=0, svg="", text="", code=code)


# What the harness gets per diagram: an id, the Mermaid text, and legend rows (name, light colour, dark colour).
Legend = Sequence[tuple[str, str, str]]
Item = tuple[str, str, Legend]
Done = Callable[[int, Result], None]
"""Told each Result as soon as it is made, with its item's index."""


class Renderer(Protocol):
    def render(
        self, items: Sequence[Item], progress: Callable[[int], None] | None = None, done: Done | None = None
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


def lay_out_harness(folder: Path, bundle: Path) -> Path:
    """Put the render harness, the contrast measure, both configurations and the bundle in `folder`."""
    shutil.copy(HERE / "harness.html", folder / "harness.html")
    shutil.copy(HERE / "contrast.js", folder / "contrast.js")
    (folder / "config.js").write_text(config_js(), encoding="utf-8")
    os.symlink(bundle.resolve(), folder / "mermaid.min.js")
    return folder / "harness.html"


class ChromiumRenderer:
    """Render diagrams in one headless Chromium with `pages` pages working in parallel."""

    def __init__(self, bundle: Path, pages: int = 2, timeout: float | None = None, entry: str = "renderAll") -> None:
        require_bundle(bundle)
        self.bundle = bundle
        self.pages = max(1, pages)
        self.timeout = timeout or float(os.environ.get("SYSATLAS_RENDER_TIMEOUT", TIMEOUT))
        self.entry = entry  # the harness function: renderAll, or validateAll (Mermaid alone, for the benchmark)

    def render(
        self, items: Sequence[Item], progress: Callable[[int], None] | None = None, done: Done | None = None
    ) -> list[Result]:
        """Render (id, text, legend) items; return one Result each, in order, telling `done` each as it comes."""
        if not items:
            return []
        return run_async(lambda: self._render(list(items), progress, done))

    async def _open(self, browser: Any, harness: Path) -> Any:
        """Open a page on the harness and wait until Mermaid is ready."""
        page = await browser.new_page(viewport={"width": 1200, "height": 900})
        await page.goto(harness.as_uri())
        await page.wait_for_function("window.harnessReady === true")
        return page

    async def _render_one(self, page: Any, item: Item) -> Result:
        """Render one diagram on `page`; a hang or a crash raises (the caller turns it into a Result)."""
        raw: list[dict[str, Any]] = await asyncio.wait_for(
            page.evaluate(f"(items) => {self.entry}(items)", [[item[0], item[1], [list(row) for row in item[2]]]]),
            self.timeout,
        )
        return Result.from_json(raw[0])

    async def _render_batch(
        self, browser: Any, harness: Path, page: Any, batch: list[Item], first: int, done: Done | None
    ) -> tuple[Any, list[Result]]:
        """Render a batch (items first, first + 1, ...) on `page`; after a hang or a crash, go on in a fresh page.
        Return the page in use."""
        from playwright.async_api import Error as PlaywrightError

        out = []
        for item in batch:
            try:
                out.append(await self._render_one(page, item))
                if done:
                    done(first + len(out) - 1, out[-1])
                continue
            except TimeoutError:
                out.append(
                    failed("MMD002", f"rendering did not finish within {self.timeout:g} s (SYSATLAS_RENDER_TIMEOUT)")
                )
            except PlaywrightError as exc:
                out.append(failed("MMD003", f"the browser page crashed while rendering it ({first_line(exc)})"))
            if done:
                done(first + len(out) - 1, out[-1])
            with contextlib.suppress(PlaywrightError, TimeoutError):
                await asyncio.wait_for(page.close(), 10)
            page = await self._open(browser, harness)
        return page, out

    async def _render(
        self, items: list[Item], progress: Callable[[int], None] | None, done: Done | None
    ) -> list[Result]:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import async_playwright

        with tempfile.TemporaryDirectory(prefix="sysatlas-harness-") as tmp:
            folder = Path(tmp)
            harness = lay_out_harness(folder, self.bundle)
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
                try:
                    batches = [items[i : i + BATCH] for i in range(0, len(items), BATCH)]
                    queue: asyncio.Queue[tuple[int, list[Item]]] = asyncio.Queue()
                    for i, batch in enumerate(batches):
                        queue.put_nowait((i, batch))
                    made: dict[int, list[Result]] = {}

                    async def worker() -> None:
                        page = await self._open(browser, harness)
                        while not queue.empty():
                            i, batch = queue.get_nowait()
                            page, made[i] = await self._render_batch(browser, harness, page, batch, i * BATCH, done)
                            if progress:
                                progress(len(batch))
                        await page.close()

                    await asyncio.gather(*(worker() for _ in range(min(self.pages, len(batches)))))
                except PlaywrightError as exc:  # the browser itself went away: nothing more can render
                    raise ToolError(
                        f"Chromium stopped while rendering diagrams: {first_line(exc)}; run the "
                        "command again, and check memory (dmesg) if it keeps stopping"
                    ) from exc
                finally:
                    with contextlib.suppress(PlaywrightError):
                        await browser.close()
        return [r for i in sorted(made) for r in made[i]]


def first_line(exc: BaseException) -> str:
    """Return the first line of an exception's message."""
    return (str(exc).strip().splitlines() or ["unknown error"])[0]


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


CACHE_VERSION = "3"  # 3: one layout, two colourings (a stand-in theme); older entries are not read


def bundle_digest(bundle: Path) -> str:
    """Return a digest of the bundle and the configuration: the part of every cache key that is not the text."""
    h = hashlib.sha256(f"sysatlas render cache {CACHE_VERSION}\n".encode())
    h.update(bundle.read_bytes() if bundle.is_file() else b"missing")
    h.update(json.dumps(VARIANTS, sort_keys=True).encode())
    h.update((HERE / "harness.html").read_bytes())
    h.update((HERE / "contrast.js").read_bytes())
    return h.hexdigest()[:16]


class Cache:
    """Render outcomes on disk: one folder per (bundle, config), one small JSON file per diagram text's hash.

    Only what the build uses is kept, for diagrams that rendered: width and height (readability limits), the
    light and dark SVGs (written to build/diagrams and shown on the site) and the contrast problems measured on
    them (so a cached run reports them again). Each entry is written atomically as soon as its diagram has
    rendered, so a run that stops midway keeps what it did; `prune` removes what older bundles,
    configurations or cache layouts left in the cache folder.
    """

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.path = folder / salt

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    def _file(self, text: str) -> Path:
        key = self.key(text)
        return self.path / key[:2] / f"{key}.json"

    def get(self, text: str) -> Result | None:
        try:
            entry = json.loads(self._file(text).read_text(encoding="utf-8"))
            return Result(
                ok=True,
                error="",
                width=float(entry["width"]),
                height=float(entry["height"]),
                svg=entry["svg"],
                text="",
                svg_dark=entry["dark"],
                contrast=tuple(Contrast(**c) for c in entry["contrast"]),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, text: str, result: Result) -> None:
        """Write one entry atomically (a temporary file renamed into place), if its diagram rendered."""
        if not result.ok:
            return
        entry = {
            "width": result.width,
            "height": result.height,
            "svg": result.svg,
            "dark": result.svg_dark,
            "contrast": [c.__dict__ for c in result.contrast],
        }
        path = self._file(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)

    def prune(self) -> None:
        """Drop every other file and folder in the cache folder: older bundles, configurations and layouts."""
        if not self.folder.is_dir():
            return
        for other in self.folder.iterdir():
            if other == self.path:
                continue
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
            else:
                other.unlink(missing_ok=True)


def render_all(
    texts: Sequence[str],
    renderer: Renderer | None,
    cache: Cache | None,
    progress: Callable[[int], None] | None = None,
    legends: Sequence[Legend] | None = None,
) -> list[Result]:
    """Return a Result per text: from the cache when it has one, else rendered (and cached if it rendered)."""
    legends = legends if legends is not None else [() for _ in texts]
    keys = [
        f"{t}\n%% legend {json.dumps(list(legend))}" if legend else t for t, legend in zip(texts, legends, strict=True)
    ]
    results: list[Result | None] = [cache.get(k) if cache else None for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    if progress and len(texts) - len(todo):
        progress(len(texts) - len(todo))
    if todo:
        if renderer is None:
            raise ToolError("no renderer for uncached diagrams")
        if cache:
            cache.prune()

        def done(n: int, result: Result) -> None:  # cached as it comes, so a failed run keeps what it rendered
            if cache:
                cache.put(keys[todo[n]], result)

        fresh = renderer.render([(f"d{i}", texts[i], legends[i]) for i in todo], progress, done)
        for i, result in zip(todo, fresh, strict=True):
            results[i] = result
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
        harness = lay_out_harness(folder, self.bundle)
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        self._page = self._browser.new_page()
        self._page.goto(harness.as_uri())
        self._page.wait_for_function("window.harnessReady === true")
        return self

    def render(self, text: str, legend: Legend = ()) -> Result:
        """Render one diagram and return the result."""
        self.count += 1
        raw = self._page.evaluate("(items) => renderAll(items)", [[f"s{self.count}", text, list(legend)]])
        return Result.from_json(raw[0])

    def evaluate(self, script: str, arg: Any = None) -> Any:
        """Run a script in the harness page (tests compare the one-layout render with Mermaid's own)."""
        return self._page.evaluate(script, arg)

    def texts(self, svg: str, selector: str) -> list[str]:
        """Return the text of each element of `svg` that matches the CSS `selector`."""
        return list(self._page.evaluate("([svg, selector]) => textsOf(svg, selector)", [svg, selector]))

    def __exit__(self, *exc: object) -> None:
        self._browser.close()
        self._pw.stop()
        self._tmp.cleanup()
