"""Two loopback HTTP servers for browser tests: the site (under /dng/) and a clinic's host page.

They run on different ports, so the host page and the embeds are different
origins, as on the real web. The site server answers like a static host: 404
page for missing paths and the CORS header the for-clinics page asks hosts to
send for the API.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.static_server import send_not_found_page

BASE = "/dng/"


class _SiteHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, site_dir: Path, **kwargs):
        self.site_dir = site_dir
        super().__init__(*args, directory=str(site_dir), **kwargs)

    def log_message(self, *args):  # keep test output quiet
        pass

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith(BASE):
            return super().translate_path("/" + path[len(BASE):])
        return str(self.site_dir / "__outside_base__")

    def end_headers(self):
        if self.path.startswith((BASE + "api/", BASE + "oembed/", BASE + "embed.js")):
            self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        if not send_not_found_page(self, code):
            super().send_error(code, message, explain)


HOST_PLACEHOLDER = "http://127.0.0.1:8741/dng/"  # written in tests/hosts/*.html; replaced by the real site URL


class _HostHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, site_url: str, **kwargs):
        self.site_url = site_url
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.suffix == ".html" and path.exists():
            body = path.read_text(encoding="utf-8").replace(HOST_PLACEHOLDER, self.site_url).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class SiteServers:
    def __init__(self, site_dir: Path, site_port: int, host_port: int, host_dir: Path, site_url: str):
        self.site_url = f"http://127.0.0.1:{site_port}{BASE}"
        self.host_url = f"http://127.0.0.1:{host_port}/"
        self._servers = [
            ThreadingHTTPServer(("127.0.0.1", site_port), functools.partial(_SiteHandler, site_dir=site_dir)),
            ThreadingHTTPServer(("127.0.0.1", host_port),
                                functools.partial(_HostHandler, directory=str(host_dir), site_url=site_url)),
        ]

    def __enter__(self) -> SiteServers:
        for server in self._servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
