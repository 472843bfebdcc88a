"""The built site served two ways, each with a clinic's host page on another origin.

- "bare": a plain static server, as `python -m http.server` answers: no CORS header (so a host
  page cannot read our API), no other header, and its own 404 page, not ours.
- "headers": the headers the build generates (`_headers`, macros/publish/headers.py), applied as
  Netlify and Cloudflare Pages apply them (every rule whose path matches), and our 404 page.

tests/support/server.py is the suite's usual pair (CORS on the API, our 404 page, no other header);
these two are the ends a clinic may meet.
"""

from __future__ import annotations

import functools
import re
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from macros.content import urls
from tests.conftest import _free_port as free_port
from tests.support.server import BASE, SiteServers, _HostHandler, _SiteHandler

KINDS = ("bare", "headers")


def header_rules(text: str) -> list[tuple[re.Pattern[str], dict[str, str]]]:
    """`_headers` as (path pattern, headers) rules: a path line, then its headers indented; `*` matches anything."""
    rules: list[tuple[re.Pattern[str], dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((re.compile("^" + re.escape(line.strip()).replace(r"\*", ".*") + "$"), {}))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


class _BareHandler(_SiteHandler):
    """The site under /dng/, with nothing but what SimpleHTTPRequestHandler sends."""

    def end_headers(self):
        SimpleHTTPRequestHandler.end_headers(self)

    def send_error(self, code, message=None, explain=None):
        SimpleHTTPRequestHandler.send_error(self, code, message, explain)


class _HeadersHandler(_SiteHandler):
    """The site under /dng/ with the generated headers, and our 404 page (as the hosts serve it)."""

    def __init__(self, *args, rules, **kwargs):
        self.rules = rules
        super().__init__(*args, **kwargs)

    def end_headers(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for pattern, headers in self.rules:
            if pattern.match(path):
                for name, value in headers.items():
                    self.send_header(name, value)
        SimpleHTTPRequestHandler.end_headers(self)


class HostedSite(SiteServers):
    """One way of serving the site (`kind`), and a host page server whose pages load its loader
    (started and stopped as SiteServers are)."""

    def __init__(self, site_dir: Path, kind: str, host_dir: Path):
        # Not SiteServers.__init__: these servers' handlers differ, and their ports are free ones.
        site_port, host_port = free_port(), free_port()
        self.kind = kind
        self.site_url = f"http://127.0.0.1:{site_port}{BASE}"
        self.host_url = f"http://127.0.0.1:{host_port}/"
        if kind == "bare":
            handler = functools.partial(_BareHandler, site_dir=site_dir)
        else:
            rules = header_rules((site_dir / urls.HEADERS_FILE).read_text(encoding="utf-8"))
            handler = functools.partial(_HeadersHandler, site_dir=site_dir, rules=rules)
        self._servers = [
            ThreadingHTTPServer(("127.0.0.1", site_port), handler),
            ThreadingHTTPServer(("127.0.0.1", host_port),
                                functools.partial(_HostHandler, directory=str(host_dir), site_url=self.site_url)),
        ]

    @property
    def origins(self) -> tuple[str, str]:
        return self.site_url.split(BASE)[0], self.host_url.rstrip("/")
