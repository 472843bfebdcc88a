"""Screenshots of the pages a pull request changes, as a phone (390 px) and a desktop (1280 px) show them.

    python -m macros.check.prscreens --site SITE --pages PAGES --out DIR [--browser PATH]

PAGES lists addresses, one a line (`/faq/`, `/`), as `macros/check/prpreview.py --pages-out`
writes them. SITE (the pull request's build) is served on a free local port only for this
run; Playwright drives the system Chromium ($CHROME_PATH, or --browser: it never downloads
one) and writes `DIR/<page>-390.png` and `DIR/<page>-1280.png`, whole pages cut at
MAX_HEIGHT pixels.

The built pages are untrusted (a pull request can add scripts): every request to anywhere
but the local server is refused, and the job that runs this holds no secrets.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Route, sync_playwright

WIDTHS = {390: 844, 1280: 900}  # viewport width -> height: a common phone, a common laptop
MAX_HEIGHT = 8000  # a page longer than this is cut: the top is what a reviewer looks at first
TIMEOUT_MS = 30000
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
ADDRESS = re.compile(r"^/([a-z0-9-]+/)*$")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 at a free port while the block runs; yields the root URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def file_stem(address: str) -> str:
    """`/compare/x/` -> `compare--x`; `/` -> `home`."""
    return address.strip("/").replace("/", "--") or "home"


def read_addresses(text: str) -> list[str]:
    """The plain page addresses in a pages file (anything else is skipped)."""
    return [line.strip() for line in text.splitlines() if ADDRESS.match(line.strip())]


def screenshots(site: Path, addresses: list[str], out: Path, browser_path: str) -> list[Path]:
    """Photograph each address at each width; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            for width, height in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              service_workers="block")

                def only_local(route: Route) -> None:
                    if route.request.url.startswith(root + "/"):
                        route.continue_()
                    else:
                        route.abort()

                context.route("**/*", only_local)
                page = context.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                for address in addresses:
                    page.goto(root + address, wait_until="networkidle")
                    full = page.evaluate("document.documentElement.scrollHeight")
                    target = out / f"{file_stem(address)}-{width}.png"
                    page.screenshot(path=str(target), full_page=True,
                                    clip={"x": 0, "y": 0, "width": width, "height": min(int(full), MAX_HEIGHT)})
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.check.prscreens", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the built site to photograph")
    parser.add_argument("--pages", type=Path, required=True, help="addresses, one a line (prpreview --pages-out)")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the PNG files to")
    parser.add_argument("--browser", default=os.environ.get("CHROME_PATH"), help="Chromium (default: $CHROME_PATH)")
    args = parser.parse_args(argv)
    if not args.browser:
        print("No browser: set CHROME_PATH (tests/find-browser.sh finds one) or pass --browser", file=sys.stderr)
        return 2
    addresses = read_addresses(args.pages.read_text(encoding="utf-8"))
    for path in screenshots(args.site, addresses, args.out, args.browser):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
