"""What a reader downloads: a page's cold first view in headless Chromium, from a server that compresses text.

Static hosts (GitHub Pages, Netlify, Cloudflare Pages, S3 behind CloudFront) send HTML, CSS, JS, SVG and JSON
gzip-compressed, so `serve` does too. A page's weight is what the server sent while the browser, from an empty
cache, loaded the page until the network went quiet: every request it made, the search worker's script included
(lazy images below the fold only if the browser chose to fetch them), counted as transferred (the bodies as
sent, compressed) and raw (the files' own sizes). Response headers (about 170 bytes a request) are left out.
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

COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".mmd", ".map"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files, gzip-compressed when the browser accepts it and the file is text; note what was sent."""

    sent: list[tuple[str, int, int]]  # (path, body bytes sent, file bytes), set per server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            size = path.stat().st_size if path.is_file() else 0
            self.sent.append((self.path, size, size))
            return super().send_head()
        data = path.read_bytes()
        body = gzip.compress(data, 6)
        self.sent.append((self.path, len(body), len(data)))
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


@dataclass
class Server:
    """A local server of one folder: its base URL and what it has sent, request by request."""

    base: str
    folder: Path
    sent: list[tuple[str, int, int]]


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[Server]:
    """Serve `folder` on a free local port."""
    sent: list[tuple[str, int, int]] = []
    handler = type("Handler", (_Handler,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_address[1]}", folder, sent)
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Weight:
    """One page's cold first view."""

    page: str
    transferred: int  # body bytes the server sent: compressed where the file is text
    raw: int  # the same files uncompressed
    urls: tuple[str, ...]  # every URL the page asked for, on any host (data: URLs left out)


def cold_weight(browser: Any, server: Server, rel: str, viewport: tuple[int, int] = (1440, 900)) -> Weight:
    """Open `rel` (a folder of the site) in a fresh context and add up what the server sent for it."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    urls: list[str] = []
    context.on("request", lambda r: None if r.url.startswith("data:") else urls.append(r.url))
    page = context.new_page()
    server.sent.clear()
    page.goto(f"{server.base}/{'' if rel == '.' else rel + '/'}", wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    sent = list(server.sent)
    return Weight(rel, sum(s[1] for s in sent), sum(s[2] for s in sent), tuple(sorted(urls)))
