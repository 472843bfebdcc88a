"""What a first visit to a built page downloads, computed from the built files (deterministic),
and the budgets in budgets.yml it is held to.

Resources: the HTML; its stylesheets, scripts, icon and images; for full pages
Material's search worker and the sitemaps Material's instant navigation reads.
One calculation for two users: the transfer benchmark (transfer.py) reports it,
and the tests hold the site to it (tests/test_budgets.py); a browser test
(tests/browser/test_first_visit.py) checks that this list covers every request a
real first visit makes.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .paths import ROOT

BUDGETS_FILE = ROOT / "budgets.yml"
REFS = re.compile(r"""<(?:link|script|img|source)\b[^>]*?(?:href|src)=["']([^"']+)["'][^>]*>""", re.I)


def load_budgets(path: Path = BUDGETS_FILE) -> dict[str, int]:
    """budgets.yml, the one place budgets are written. Read when asked, not at import, so that
    a broken file fails the tests that use it instead of stopping their collection."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def loader_bytes(site: Path) -> tuple[int, int]:
    """/embed.js as (minified bytes, gzip bytes at gzip's default level 9)."""
    loader = (site / "embed.js").read_bytes()
    return len(loader), len(gzip.compress(loader, mtime=0))


def resources(site: Path, page_url: str) -> list[str]:
    """Site-relative paths of what the page at `page_url` loads on a first visit."""
    html_file = site / page_url / "index.html"
    html = html_file.read_text(encoding="utf-8")
    found = [page_url + "index.html"]
    alternates: list[str] = []
    # The site's own path (/ or /dng/), from the canonical address: alternate links are absolute.
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    canonical_path = urlsplit(canonical.group(1)).path if canonical else "/" + page_url
    root = canonical_path[: len(canonical_path) - len(page_url)] if canonical_path.endswith(page_url) else "/"
    for tag_match in REFS.finditer(html):
        tag, ref = tag_match.group(0), tag_match.group(1)
        if "rel=\"canonical\"" in tag or "rel=\"prev\"" in tag or "rel=\"next\"" in tag:
            continue
        parts = urlsplit(ref)
        if "rel=\"alternate\"" in tag:
            # Never fetched itself (oEmbed document, Atom feed), but Material's instant navigation
            # reads sitemap.xml beside each alternate link: oembed/compare/ for compare/x/.
            folder = posixpath.dirname(parts.path)
            site_relative = folder[len(root):] if folder.startswith(root) else folder.lstrip("/")
            alternates.append(posixpath.join(site_relative, "sitemap.xml"))
            continue
        if parts.scheme or parts.netloc:
            continue
        path = posixpath.normpath(posixpath.join(page_url, parts.path))
        if path not in found:
            found.append(path)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    if config:
        worker = json.loads(config.group(1)).get("search")
        if worker:
            found.append(posixpath.normpath(posixpath.join(page_url, worker)))
        found += ["sitemap.xml"] + [path for path in alternates if path not in found]
    return found


def first_visit_bytes(site: Path, page_url: str) -> tuple[int, dict[str, int]]:
    sizes = {}
    for rel in resources(site, page_url):
        path = site / rel
        sizes[rel] = gz(path)
    return sum(sizes.values()), sizes
