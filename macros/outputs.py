"""Files written after the pages are built: API, schemas, oEmbed, feed, loader, headers, robots.

Then every internal link in the finished site is checked, so a broken link in
raw HTML (which MkDocs cannot see) still fails a strict build.
"""

from __future__ import annotations

import json
from pathlib import Path

import rjsmin

from . import api, changes, csp, embeds, headers, linkcheck, oembed, redirects
from .errors import report
from .state import Build

LOADER_SOURCE = Path(__file__).parent / "assets" / "embed-loader.js"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _json(path: Path, data) -> None:
    _write(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def loader_js() -> str:
    return rjsmin.jsmin(LOADER_SOURCE.read_text(encoding="utf-8"), keep_bang_comments=False) + "\n"


def robots_txt(build: Build) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {build.site_url}sitemap.xml\n"


def write_all(build: Build, site_dir: Path) -> None:
    for name, make in api.DOCUMENTS.items():
        _json(site_dir / "api" / api.API_VERSION / f"{name}.json", make(build))
        _json(site_dir / "api" / api.API_VERSION / "schema" / f"{name}.json", api.schema(build, name))
    oembed_dirs = set()
    for page in build.pages.values():
        if embeds.embeddable(page):
            document = site_dir / "oembed" / f"{page.key}.json"
            _json(document, oembed.document(build, page))
            oembed_dirs.add(document.parent)
    _write(site_dir / "changes.xml", changes.atom_feed(build))
    # Material fetches sitemap.xml beside every <link rel="alternate">, our oEmbed link
    # included (oembed/compare/sitemap.xml for a nested key); an empty one saves readers a 404.
    for folder in sorted(oembed_dirs):
        _write(folder / "sitemap.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
    _write(site_dir / "embed.js", loader_js())
    _write(site_dir / "robots.txt", robots_txt(build))
    moved, problems = redirects.load_redirects(build.project_dir / "macros" / "data" / "redirects.yml",
                                               current=redirects.current_urls(build.pages))
    for problem in problems:
        report(problem)
    for redirect in moved:
        target = (site_dir / redirect.source / "index.html").resolve()
        if target.is_relative_to(site_dir.resolve()):  # the pattern already ensures it; belt and braces
            _write(target, redirects.redirect_page(build.site_url, redirect))
    page_paths = ["/" + p.url for p in build.pages.values() if p.key != "404"] + ["/404.html"]
    page_paths += ["/" + redirect.source for redirect in moved]
    _write(site_dir / "_headers", headers.headers_file(build.site_url, page_paths,
                                                       csp.script_hashes(build.config)))
    for problem in linkcheck.check_site(site_dir, build.site_url):
        report(problem)
