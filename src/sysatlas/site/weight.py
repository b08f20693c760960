"""What a reader downloads: a page's cold first view in headless Chromium, from a server that compresses text.

Static hosts (GitHub Pages, Netlify, Cloudflare Pages, S3 behind CloudFront) send HTML, CSS, JS, SVG and JSON
gzip-compressed, so `serve` does too. A page's weight is what the browser fetched from an empty cache until the
network went quiet: every request it made (lazy images below the fold only if the browser chose to fetch them),
counted as transferred (compressed body and headers, as the browser reports it) and raw (the files' own sizes).
Used by the site tests (the <= 300 KB budget) and by `make bench`.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".mmd", ".map"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files, gzip-compressed when the browser accepts it and the file is text."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """The already-compressed body, read the way SimpleHTTPRequestHandler reads a file."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: Any) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free local port; yield its base URL."""
    handler = functools.partial(_Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Weight:
    """One page's cold first view."""

    page: str
    transferred: int  # bytes on the wire: compressed bodies and response headers
    raw: int  # the same files uncompressed
    urls: tuple[str, ...]


def cold_weight(browser: Any, base: str, folder: Path, rel: str, viewport: tuple[int, int] = (1440, 900)) -> Weight:
    """Open `rel` (a folder of the site) in a fresh context and add up what the browser fetched."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(f"{base}/{'' if rel == '.' else rel + '/'}", wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    fetched = [urls[r] for r in sizes if r in urls and not urls[r].startswith("data:")]
    raw = 0
    for url in fetched:
        parsed = urlparse(url)
        if not url.startswith(base):
            continue
        path = folder / unquote(parsed.path).lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        raw += path.stat().st_size if path.is_file() else 0
    return Weight(rel, sum(sizes.values()), raw, tuple(sorted(fetched)))
