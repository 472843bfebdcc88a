"""A loopback static host for a built site that answers like GitHub Pages where it matters to Lighthouse.

Text files (HTML, CSS, JavaScript, JSON, XML, SVG) are sent gzip-compressed
when the browser accepts it, with `Vary: Accept-Encoding` and a 10-minute
`Cache-Control`, as GitHub Pages does; serving them uncompressed would make
Lighthouse's simulated mobile network charge every byte it would not pay on
the real host. Connections are kept alive (HTTP/1.1); a missing path gets
the site's 404 page. What it cannot mimic: HTTP/2 and a CDN's latency.
"""

from __future__ import annotations

import functools
import gzip
import os
import threading
from email.utils import formatdate
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                "application/manifest+json")
CACHE_CONTROL = "max-age=600"  # GitHub Pages' value
GZIP_LEVEL = 6


def send_not_found_page(handler: SimpleHTTPRequestHandler, code: int) -> bool:
    """Answer a 404 with the site's own 404 page, as static hosts do; False if not applicable.

    Shared with the tests' site server (tests/support/server.py): `handler.site_dir` is the built site.
    """
    page = handler.site_dir / "404.html"
    if code != 404 or not page.exists():
        return False
    body = page.read_bytes()
    handler.send_response(404)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)
    return True


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, site_dir: Path, gzip_cache: dict, **kwargs):
        self.site_dir = site_dir
        self.gzip_cache = gzip_cache
        super().__init__(*args, directory=str(site_dir), **kwargs)

    def log_message(self, *args):  # Lighthouse makes hundreds of requests; keep the benchmark's output readable
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the 301 to the URL with a trailing slash
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        compressed = ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compressed:
            key = (str(path), path.stat().st_mtime_ns)
            if key not in self.gzip_cache:
                self.gzip_cache[key] = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
            body = self.gzip_cache[key]
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Last-Modified", formatdate(os.path.getmtime(path), usegmt=True))
        self.end_headers()
        return BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        if not send_not_found_page(self, code):
            super().send_error(code, message, explain)


class StaticSite:
    """`with StaticSite(site_dir, port):` serves the directory at http://127.0.0.1:<port>/."""

    def __init__(self, site_dir: Path, port: int):
        handler = functools.partial(_Handler, site_dir=site_dir, gzip_cache={})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{port}/"

    def __enter__(self) -> StaticSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
