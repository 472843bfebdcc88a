"""Do the outside links still work? Every reference's URL, DOI and PubMed record, and every
https link in the published Markdown pages.

    python -m macros.check.external_links [--json summary.json] [--strict]

Prints a Markdown report (the weekly workflow .github/workflows/links.yml puts it in an
issue) and writes a JSON summary. Needs the internet; no test or check depends on it.

Each address is asked for with HEAD, then, if that did not succeed, with GET (many
servers refuse HEAD). Connection failures, 429 and 5xx answers are retried with a growing
pause. Redirects are followed one hop at a time, so that every host is asked at most
`per_host` requests at once, with `delay` seconds between their starts.

- **broken**: 404, 410, any other answer outside 2xx, or no answer after the retries.
- **blocked**: 403, 429 or 999 (LinkedIn's). Publishers send these to scripts, not to
  readers: the link may well work in a browser, so it is listed apart, not as broken.

Exits 0 whatever it finds (the links are other people's to break), unless `--strict`
is given, when broken links exit 1.
"""

from __future__ import annotations

import argparse
import http
import http.client
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any, TypedDict

from macros.content import datastore, urls
from macros.content.markdown_scan import prose_lines

PROJECT = Path(__file__).resolve().parents[2]
DOI_RESOLVER, PUBMED = urls.DOI_RESOLVER, urls.PUBMED
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/126.0 Safari/537.36 DryNeedlingGuide-linkcheck/1.0 (weekly reference check)")
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
    "Accept-Language": "en",
}
BLOCKED = frozenset({403, 429, 999})
RETRY = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10
SAFE_IN_URL = ":/?#[]@!$&'()*+,;=%~"
# An https address in Markdown prose: stops at whitespace, quotes, brackets and angle brackets.
HTTPS_LINK = re.compile(r"https://[^\s<>()\[\]\"'`]+")
TRAILING = ".,;:!?*_"


@dataclass
class Settings:
    timeout: float = 20.0  # seconds for one request
    retries: int = 2  # extra tries after a retryable failure
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    max_wait: float = 60.0  # longest pause asked for by a Retry-After header that we honour
    per_host: int = 2  # requests at once to one host
    delay: float = 1.0  # seconds between the starts of two requests to one host
    workers: int = 8  # requests at once in all


@dataclass
class Link:
    url: str
    places: list[str] = field(default_factory=list)  # "path:line" (or "path" when the line is unknown)


@dataclass
class Result:
    url: str
    places: list[str]
    state: str  # "ok", "broken" or "blocked"
    status: int | None  # the last HTTP status, None when no answer came
    reason: str  # short, ours (never text from the remote server)
    final_url: str


# --- What to check -------------------------------------------------------------------


def _place(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


def reference_links(project_dir: Path) -> Iterator[tuple[str, str]]:
    """(url, place) for every reference's url, DOI and PubMed record, through the project's own loader."""
    site = datastore.load(project_dir)
    for key, ref in site.references.items():
        for name, url in (("url", ref.url), ("doi", ref.doi and DOI_RESOLVER + urllib.parse.quote(ref.doi, safe="/()")),
                          ("pmid", ref.pmid and PUBMED.format(ref.pmid))):
            if url:
                origin = site.origin("references", key, name)
                yield url, _place(origin.path, origin.line)


def markdown_links(path: Path, display: str) -> Iterator[tuple[str, str]]:
    """(url, place) for every https link in a Markdown file, outside code."""
    for line in prose_lines(path.read_text(encoding="utf-8"), 0):
        for match in HTTPS_LINK.finditer(line.text):
            yield match.group(0).rstrip(TRAILING), _place(display, line.number)


def page_files(project_dir: Path) -> list[Path]:
    """The published Markdown pages: docs/**/*.md, without folders starting with '_' or '.'."""
    docs = project_dir / "docs"
    return sorted(path for path in docs.rglob("*.md")
                  if not any(part.startswith(("_", ".")) for part in path.relative_to(docs).parts[:-1]))


def collect(project_dir: Path) -> list[Link]:
    """Every external link once, with every place it is written, in the order first seen."""
    links: dict[str, Link] = {}
    found = list(reference_links(project_dir))
    for path in page_files(project_dir):
        found += markdown_links(path, path.relative_to(project_dir).as_posix())
    for url, place in found:
        link = links.setdefault(url, Link(url))
        if place not in link.places:
            link.places.append(place)
    return list(links.values())


# --- Asking politely -------------------------------------------------------------------


class HostGate:
    """At most `per_host` requests at once to a host, their starts `delay` seconds apart."""

    def __init__(self, per_host: int, delay: float):
        self.per_host, self.delay = per_host, delay
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with semaphore:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + self.delay
            time.sleep(max(0.0, start - now))
            yield


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError 3xx: they are followed by hand, through the host gate."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: http.client.HTTPMessage, newurl: str) -> urllib.request.Request | None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


@dataclass
class _Answer:
    status: int | None
    reason: str
    location: str | None = None
    retry_after: float | None = None


def _phrase(status: int) -> str:
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def _ask(url: str, method: str, settings: Settings) -> _Answer:
    # Non-ASCII characters percent-encoded; what is already encoded (or reserved) is kept.
    request = urllib.request.Request(urllib.parse.quote(url, safe=SAFE_IN_URL), method=method, headers=HEADERS)
    try:
        with _OPENER.open(request, timeout=settings.timeout) as response:
            if method == "GET":
                response.read(1024)
            return _Answer(response.status, _phrase(response.status))
    except urllib.error.HTTPError as err:
        try:
            return _Answer(err.code, _phrase(err.code), err.headers.get("Location"),
                           _retry_after(err.headers.get("Retry-After")))
        finally:
            err.close()
    except urllib.error.URLError as err:
        return _Answer(None, f"no answer ({type(err.reason).__name__}: {err.reason})"[:200])
    except (TimeoutError, OSError, http.client.HTTPException) as err:
        return _Answer(None, f"no answer ({type(err).__name__}: {err})"[:200])


def _fetch(url: str, method: str, gate: HostGate, settings: Settings, retries: int) -> tuple[_Answer, str]:
    """The answer at the end of the redirects, and the address it came from."""
    for _ in range(MAX_REDIRECTS + 1):
        host = urllib.parse.urlsplit(url).netloc.lower()
        for attempt in range(retries + 1):
            with gate.slot(host):
                answer = _ask(url, method, settings)
            if attempt == retries or not (answer.status is None or answer.status in RETRY):
                break
            pause = settings.backoff * 2 ** attempt
            if answer.retry_after is not None:
                pause = max(pause, min(answer.retry_after, settings.max_wait))
            time.sleep(pause)
        if answer.status in (301, 302, 303, 307, 308) and answer.location:
            url = urllib.parse.urljoin(url, answer.location)
            if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                return _Answer(None, "redirected to an address that is not a web page"), url
            continue
        return answer, url
    return _Answer(None, f"more than {MAX_REDIRECTS} redirects"), url


def check_link(link: Link, gate: HostGate, settings: Settings) -> Result:
    answer, final = _fetch(link.url, "HEAD", gate, settings, retries=0)
    if not (answer.status and 200 <= answer.status < 300):
        answer, final = _fetch(link.url, "GET", gate, settings, retries=settings.retries)
    if answer.status and 200 <= answer.status < 300:
        state = "ok"
    elif answer.status in BLOCKED:
        state = "blocked"
    else:
        state = "broken"
    return Result(link.url, link.places, state, answer.status, answer.reason, final)


def _interleaved(links: list[Link]) -> list[Link]:
    """One link of each host in turn, so that workers do not all queue for one host."""
    by_host: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_host[urllib.parse.urlsplit(link.url).netloc.lower()].append(link)
    queues = list(by_host.values())
    ordered = []
    for index in range(max(map(len, queues), default=0)):
        ordered += [queue[index] for queue in queues if index < len(queue)]
    return ordered


def check_links(links: list[Link], settings: Settings | None = None) -> list[Result]:
    """Results in the order of `links`."""
    settings = settings or Settings()
    gate = HostGate(settings.per_host, settings.delay)
    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        futures = {id(link): pool.submit(check_link, link, gate, settings) for link in _interleaved(links)}
        return [futures[id(link)].result() for link in links]


# --- Reporting -------------------------------------------------------------------------


class Summary(TypedDict):
    """What --json writes: how many links are in each state, and the details of those that failed."""

    checked: int
    ok: int
    broken: int
    blocked: int
    broken_links: list[dict[str, Any]]  # each a Result
    blocked_links: list[dict[str, Any]]


def summary(results: list[Result]) -> Summary:
    def count(state: str) -> int:
        return sum(r.state == state for r in results)

    return {
        "checked": len(results),
        "ok": count("ok"),
        "broken": count("broken"),
        "blocked": count("blocked"),
        "broken_links": [asdict(r) for r in results if r.state == "broken"],
        "blocked_links": [asdict(r) for r in results if r.state == "blocked"],
    }


def _item(result: Result) -> str:
    where = ", ".join(f"`{place}`" for place in result.places)
    moved = f" (after redirects: <{result.final_url}>)" if result.final_url != result.url else ""
    return f"- {where}: <{result.url}>: {result.reason}{moved}"


def markdown(results: list[Result]) -> str:
    counts = summary(results)
    lines = [f"Checked {counts['checked']} external addresses (DOIs through {DOI_RESOLVER}): "
             f"{counts['ok']} work, {counts['broken']} broken, {counts['blocked']} could not be verified.", ""]
    broken = [r for r in results if r.state == "broken"]
    blocked = [r for r in results if r.state == "blocked"]
    if broken:
        lines += [f"## Broken ({len(broken)})", "",
                  "Each was asked for with HEAD, then with GET and retries; the last answer is shown. "
                  "Fix or replace the link at the place listed.", ""]
        lines += [_item(r) for r in broken] + [""]
    if blocked:
        lines += [f"## Could not verify (publisher refused robots) ({len(blocked)})", "",
                  "These sites answered 403, 429 or 999, which they send to scripts rather than readers. "
                  "Open them in a browser to confirm; they are not counted as broken.", ""]
        lines += [_item(r) for r in blocked] + [""]
    if not broken and not blocked:
        lines += ["Every link works.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.check.external_links",
                                     description="Check every external link of the references and pages.")
    parser.add_argument("--json", type=Path, help="also write a JSON summary to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a link is broken")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the project folder (default: this one)")
    defaults = Settings()
    for name, kind in (("timeout", float), ("retries", int), ("backoff", float), ("per-host", int),
                       ("delay", float), ("workers", int)):
        parser.add_argument(f"--{name}", type=kind, default=getattr(defaults, name.replace("-", "_")),
                            help="(default: %(default)s)")
    args = parser.parse_args(argv)
    settings = Settings(timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                        per_host=args.per_host, delay=args.delay, workers=args.workers)
    results = check_links(collect(args.project), settings)
    sys.stdout.write(markdown(results))
    counts = summary(results)
    if args.json:
        args.json.write_text(json.dumps(counts, indent=2) + "\n", encoding="utf-8")
    print(f"{counts['checked']} checked: {counts['ok']} work, {counts['broken']} broken, "
          f"{counts['blocked']} could not be verified", file=sys.stderr)
    return 1 if args.strict and counts["broken"] else 0


if __name__ == "__main__":
    sys.exit(main())
