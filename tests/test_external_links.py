"""The weekly external-link checker (macros/check/external_links.py), offline: a local
server plays the publishers, with every kind of answer the checker has to sort."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from macros.check import external_links
from macros.check.external_links import Link, Settings

ROOT = Path(__file__).resolve().parent.parent
FAST = Settings(timeout=5, retries=2, backoff=0.01, max_wait=0.05, per_host=8, delay=0, workers=8)

# path -> (status for HEAD, status for GET, Location)
ROUTES = {
    "/ok": (200, 200, None),
    "/missing": (404, 404, None),
    "/gone": (410, 410, None),
    "/server-error": (500, 500, None),
    "/forbidden": (403, 403, None),
    "/limited": (429, 429, None),
    "/linkedin": (999, 999, None),
    "/no-head": (405, 200, None),
    "/moved": (301, 301, "/ok"),
    "/moved-relative": (302, 302, "ok"),
    "/moved-to-missing": (301, 301, "/missing"),
    "/moved-to-forbidden": (308, 308, "/forbidden"),
    "/loop": (302, 302, "/loop"),
    "/doi/10.1234/found": (302, 302, "/ok"),
    "/doi/10.1234/refused": (302, 302, "/forbidden"),
    "/doi/10.1234/unknown": (404, 404, None),
}


class Publisher(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _answer(self, method: str) -> None:
        server = self.server
        path = self.path.split("?")[0]
        with server.lock:
            server.requests.append((method, self.path))
            server.active += 1
            server.most_at_once = max(server.most_at_once, server.active)
            server.starts.append(time.monotonic())
            tries = server.tries[(method, self.path)] = server.tries.get((method, self.path), 0) + 1
        try:
            if path == "/slow":
                time.sleep(0.15)
                status, location = 200, None
            elif path == "/flaky":  # fails once, then works
                status, location = (503 if tries == 1 else 200), None
            else:
                head, get, location = ROUTES.get(path, (404, 404, None))
                status = head if method == "HEAD" else get
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            if status == 429:
                self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "2")
            self.end_headers()
            if method == "GET":
                self.wfile.write(b"ok")
        finally:
            with server.lock:
                server.active -= 1

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Publisher)
    httpd.daemon_threads = True
    httpd.lock = threading.Lock()
    httpd.requests, httpd.tries, httpd.starts = [], {}, []
    httpd.active = httpd.most_at_once = 0
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(server, *paths: str, settings: Settings = FAST) -> dict[str, external_links.Result]:
    links = [Link(server.base + path, [f"docs/page.md:{number}"]) for number, path in enumerate(paths, 1)]
    results = external_links.check_links(links, settings)
    return {result.url[len(server.base):]: result for result in results}


def test_each_answer_is_sorted_into_ok_broken_or_blocked(server):
    expected = {
        "ok": ["/ok", "/no-head", "/moved", "/moved-relative", "/flaky", "/doi/10.1234/found"],
        "broken": ["/missing", "/gone", "/server-error", "/moved-to-missing", "/loop", "/doi/10.1234/unknown"],
        "blocked": ["/forbidden", "/limited", "/linkedin", "/moved-to-forbidden", "/doi/10.1234/refused"],
    }
    results = run(server, *(path for paths in expected.values() for path in paths))
    assert {state: [p for p, r in results.items() if r.state == state] for state in expected} == expected
    assert results["/missing"].status == 404 and results["/missing"].reason == "404 Not Found"
    assert results["/moved-to-missing"].final_url == server.base + "/missing"
    assert "redirects" in results["/loop"].reason


def test_no_answer_is_broken():
    url = f"http://127.0.0.1:{closed_port()}/"
    [result] = external_links.check_links([Link(url, ["x.md:1"])], FAST)
    assert result.state == "broken" and result.status is None and result.reason.startswith("no answer")


def test_head_first_then_get_only_when_head_did_not_work(server):
    run(server, "/ok", "/no-head")
    assert [r for r in server.requests if r[1] == "/ok"] == [("HEAD", "/ok")]
    assert [r for r in server.requests if r[1] == "/no-head"] == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_retries_transient_failures_but_not_a_missing_page(server):
    results = run(server, "/flaky", "/missing", "/limited")
    assert results["/flaky"].state == "ok"
    assert server.tries[("GET", "/flaky")] == 2
    assert server.tries[("GET", "/missing")] == 1
    assert server.tries[("GET", "/limited")] == FAST.retries + 1


def test_at_most_per_host_requests_at_once(server):
    settings = Settings(timeout=5, retries=0, backoff=0, per_host=2, delay=0, workers=8)
    run(server, *(f"/slow?{n}" for n in range(6)), settings=settings)
    assert server.most_at_once == 2


def test_requests_to_one_host_start_delay_apart(server):
    settings = Settings(timeout=5, retries=0, backoff=0, per_host=4, delay=0.1, workers=4)
    run(server, *(f"/ok?{n}" for n in range(4)), settings=settings)
    gaps = [b - a for a, b in zip(server.starts, server.starts[1:], strict=False)]
    assert len(gaps) == 3 and min(gaps) >= 0.09, gaps


def test_report_lists_broken_and_unverifiable_links_apart_with_their_places(server):
    results = list(run(server, "/ok", "/missing", "/forbidden").values())
    report = external_links.markdown(results)
    assert "3 external addresses" in report and "1 work, 1 broken, 1 could not be verified" in report
    broken, blocked = report.split("## Could not verify (publisher refused robots) (1)")
    assert "## Broken (1)" in broken and f"- `docs/page.md:2`: <{server.base}/missing>: 404 Not Found" in broken
    assert f"- `docs/page.md:3`: <{server.base}/forbidden>: 403 Forbidden" in blocked
    summary = external_links.summary(results)
    assert (summary["checked"], summary["ok"], summary["broken"], summary["blocked"]) == (3, 1, 1, 1)
    assert summary["broken_links"][0]["places"] == ["docs/page.md:2"]
    json.dumps(summary)  # serialisable as it is


def test_exit_code_is_zero_unless_strict(server, monkeypatch, tmp_path, capsys):
    links = [Link(server.base + "/missing", ["docs/page.md:1"]), Link(server.base + "/forbidden", ["docs/page.md:2"])]
    monkeypatch.setattr(external_links, "collect", lambda project: links)
    fast = ["--retries", "0", "--delay", "0", "--backoff", "0"]
    out = tmp_path / "links.json"
    assert external_links.main([*fast, "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["broken"] == 1
    assert "## Broken (1)" in capsys.readouterr().out
    assert external_links.main([*fast, "--strict"]) == 1
    links.pop(0)  # only a refusal left: not broken
    assert external_links.main([*fast, "--strict"]) == 0


def test_collects_references_through_the_loader_with_their_lines():
    links = {link.url: link for link in external_links.collect(ROOT)}
    data = (ROOT / "macros/data/references.yml").read_text(encoding="utf-8").splitlines()
    dois = [url for url in links if url.startswith("https://doi.org/10.")]
    pubmed = [url for url in links if url.startswith("https://pubmed.ncbi.nlm.nih.gov/")]
    assert dois and pubmed
    for url in dois[:5] + pubmed[:5]:
        path, line = links[url].places[0].rsplit(":", 1)
        assert path == "macros/data/references.yml"
        assert url.rstrip("/").rsplit("/", 1)[-1].replace("%28", "(").replace("%29", ")") in data[int(line) - 1]
    assert any(place.startswith("docs/about.md:") for link in links.values() for place in link.places)


def test_markdown_links_skip_code_and_trailing_punctuation(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("See [a](https://example.org/a). And <https://example.org/b>, too.\n"
                    "`https://example.org/in-code`\n"
                    "```\nhttps://example.org/in-fence\n```\n"
                    'Raw <a href="https://example.org/c?x=1">c</a>\n', encoding="utf-8")
    assert list(external_links.markdown_links(page, "docs/page.md")) == [
        ("https://example.org/a", "docs/page.md:1"),
        ("https://example.org/b", "docs/page.md:1"),
        ("https://example.org/c?x=1", "docs/page.md:6"),
    ]


def test_unpublished_folders_are_not_scanned(tmp_path):
    for name in ("docs/index.md", "docs/compare/a.md", "docs/_templates/t.md", "docs/.hidden/h.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    found = [path.relative_to(tmp_path).as_posix() for path in external_links.page_files(tmp_path)]
    assert found == ["docs/compare/a.md", "docs/index.md"]
