"""Hostile content that builds must stay inert in a real browser, with and without our headers.

The payloads of several `hostile` corpus cases that build (the sanitiser makes
them inert) are put into one page and one data entry, built, and served twice:
as GitHub Pages would (no headers: only the <meta> CSP) and as a host that
sends the generated `_headers`. In both, no dialog opens, no injected script
runs and no request leaves the site's origin.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import ROOT, _free_port, copy_project, run_build

pytestmark = pytest.mark.slow  # a build of its own (and `browser`, as every test in this folder)

CORPUS = ROOT / "tests" / "corpus"
# Cases whose payload is in docs/changes.md and which build: their text is appended together.
PAGE_CASES = ["xss-two-line-tag", "xss-attr-list-handler", "xss-raw-script", "xss-svg-script",
              "xss-details-ontoggle", "xss-meta-refresh", "xss-base-href", "xss-iframe", "xss-object-embed",
              "xss-style-overlay", "xss-spaced-scheme", "xss-data-url-link", "xss-form-action",
              "xss-autolink-javascript", "xss-heading-markup"]
PAGES = ["changes/", "embed/changes/", "embed/changes/sections/hostile-heading/", "search/search_index.json"]


def _headers_rules(site_dir: Path, base: str) -> list[tuple[str, dict[str, str]]]:
    """The generated `_headers` file as (path pattern, headers): the format Netlify and Cloudflare read."""
    rules, current = [], None
    for line in (site_dir / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = {}
            rules.append((line.strip(), current))
        elif current is not None:
            name, _, value = line.strip().partition(": ")
            current[name] = value
    return rules


def _matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, site_dir: Path, base: str, rules, **kwargs):
        self.site_dir, self.base, self.rules = site_dir, base, rules
        super().__init__(*args, directory=str(site_dir), **kwargs)

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        clean = path.split("?", 1)[0]
        return super().translate_path("/" + clean[len(self.base):] if clean.startswith(self.base) else "/none")

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.rules or []:
            if _matches(pattern, path):
                for name, value in headers.items():
                    self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, str]:
    project = copy_project(tmp_path_factory.mktemp("hostile-browser") / "project")
    page = project / "docs" / "changes.md"
    text = page.read_text(encoding="utf-8")
    for name in PAGE_CASES:
        case = yaml.safe_load((CORPUS / f"hostile-{name}.yml").read_text(encoding="utf-8"))
        text += "\n\n" + "".join(change["append"] for change in case["changes"])
    page.write_text(text.replace("window.__pwned=1", "window.__pwned=1,alert(1),fetch('https://example.org/')"),
                    encoding="utf-8")
    port = _free_port()
    site_url = f"http://127.0.0.1:{port}/dng/"
    out = project.parent / "site"
    result = run_build(project, out, DNG_SITE_URL=site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, site_url


@pytest.fixture(params=[False, True], ids=["meta-csp-only", "generated-headers"])
def served(request, hostile_site):
    """The hostile site on its port, with or without the generated `_headers`; stopped after the test."""
    site_dir, site_url = hostile_site
    base = urlsplit(site_url).path
    rules = _headers_rules(site_dir, base) if request.param else None
    server = ThreadingHTTPServer(("127.0.0.1", urlsplit(site_url).port),
                                 functools.partial(_Handler, site_dir=site_dir, base=base, rules=rules))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site_url, request.param
    server.shutdown()
    server.server_close()


# Resolves two frames and a task after the mouse events: by then the page has run their handlers
# and the tasks those queued (a payload that reacts to the pointer would have run).
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))))"


def test_hostile_pages_stay_inert(new_context, served):
    site_url, with_headers = served
    context = new_context(viewport={"width": 390, "height": 844})
    dialogs, off_origin = [], []
    origin = f"http://127.0.0.1:{urlsplit(site_url).port}"

    def route(request_route):
        url = request_route.request.url
        if url.startswith(origin) or url.startswith(("data:", "blob:", "about:")):
            request_route.continue_()
        else:
            off_origin.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in PAGES[:3]:
        response = page.goto(site_url + path, wait_until="networkidle")
        assert response.status == 200, path
        page.mouse.move(10, 10)
        page.mouse.click(200, 400)
        page.evaluate(SETTLED)
        assert page.evaluate("window.__pwned") is None, path
        assert page.url.startswith(site_url + path.split("?")[0]), f"navigated away to {page.url}"
    assert bool(response.headers.get("content-security-policy")) is with_headers
    search = page.goto(site_url + PAGES[3]).text()
    assert "onerror" not in search and "<img" not in search
    assert dialogs == []
    assert off_origin == []
