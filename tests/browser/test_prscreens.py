"""The pull-request screenshots (macros/check/prscreens.py): both widths, cut at MAX_HEIGHT, nothing fetched
from outside the served site (its pages come from an untrusted pull request)."""

from __future__ import annotations

import struct
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from macros.check import prscreens
from tests.browser.conftest import chrome_path
from tests.support.pages import ROOT


def png_size(path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_each_page_is_photographed_at_phone_and_desktop_width_and_nothing_leaves_the_site(tmp_path):
    requests: list[str] = []

    class Outside(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the base class's name)
            requests.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, format, *args):  # noqa: A002
            pass

    outside = ThreadingHTTPServer(("127.0.0.1", 0), Outside)
    threading.Thread(target=outside.serve_forever, daemon=True).start()
    beacon = f"http://127.0.0.1:{outside.server_address[1]}/beacon"
    site = tmp_path / "site"
    (site / "faq").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Home</h1><p>Short.</p>", encoding="utf-8")
    (site / "faq" / "index.html").write_text(
        f"<h1>FAQ</h1><img src=\"{beacon}\" alt=\"\"><div style=\"height: 20000px\">Tall</div>", encoding="utf-8")
    (tmp_path / "pages.txt").write_text("/\n/faq/\n", encoding="utf-8")
    try:
        # The command the Preview job runs, in its own process: the browser tests' session already
        # drives Playwright's synchronous API in this one, and it allows one at a time per thread.
        run = subprocess.run([sys.executable, "-m", "macros.check.prscreens", "--site", str(site), "--pages",
                              str(tmp_path / "pages.txt"), "--out", str(tmp_path / "shots"), "--browser", chrome_path()],
                             capture_output=True, text=True, timeout=300, cwd=ROOT, check=False)
    finally:
        outside.shutdown()
        outside.server_close()
    assert run.returncode == 0, run.stderr
    written = [Path(line) for line in run.stdout.splitlines()]
    assert sorted(path.name for path in written) == ["faq-1280.png", "faq-390.png", "home-1280.png", "home-390.png"]
    assert png_size(tmp_path / "shots" / "home-390.png") == (390, 844)
    assert png_size(tmp_path / "shots" / "faq-1280.png") == (1280, prscreens.MAX_HEIGHT)
    assert requests == []
