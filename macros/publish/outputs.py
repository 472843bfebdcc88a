"""Files written after the pages are built: API, schemas, oEmbed, feeds, loader, headers, robots.

Then every internal link in the finished site is checked, so a broken link in
raw HTML (which MkDocs cannot see) still fails a strict build.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

import rjsmin

from macros.content import datafiles, urls
from macros.publish import api, changefeeds, csp, embeds, embedspec, handoutpages, headers, linkcheck, oembed, redirects

if TYPE_CHECKING:
    from macros.site import Site

LOADER_SOURCE = Path(__file__).parent / "assets" / "embed-loader.js"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _json(path: Path, data: object) -> None:
    _write(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


# What the loader reads of the spec: `SPEC.<name>` in its source.
LOADER_READS = re.compile(r"\bSPEC\.([A-Za-z_]+)")


def loader_spec(source: str) -> str:
    """The part of embedspec.spec() the loader reads, as JSON: the loader is downloaded by every host
    page, so the keys only the embed pages need (`handout`, the older `options`...) stay out."""
    spec = embedspec.spec()
    read = sorted(set(LOADER_READS.findall(source)))
    missing = [name for name in read if name not in spec]
    if missing:  # a maintainer's mistake in embed-loader.js: it would fail in every host page
        raise RuntimeError(f"embed-loader.js reads SPEC.{', SPEC.'.join(missing)}, which embedspec.spec() lacks")
    return json.dumps({name: spec[name] for name in read}, separators=(",", ":"))


def loader_js() -> str:
    source = LOADER_SOURCE.read_text(encoding="utf-8")
    source = source.replace("/*DNG_SPEC*/null", loader_spec(source))
    minified: str = rjsmin.jsmin(source, keep_bang_comments=False)
    return minified + "\n"


def robots_txt(build: Site) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {build.site_url}{urls.SITEMAP}\n"


def _written_in(build: Site, rel: str) -> str | None:
    """The source page a built HTML file was made from (a page or an embed copy of one), if any."""
    if not rel.endswith("index.html"):
        return None
    folder = rel[: -len("index.html")]
    for page in build.pages.values():
        if page.url == folder:
            return page.path
    source = build.source_for(folder.rstrip("/") + ".md") if folder else None
    return source.path if source else None


def write_all(build: Site, site_dir: Path, check_links: bool = True) -> None:
    for name, make in api.DOCUMENTS.items():
        _json(site_dir / urls.api_url(name), make(build))
        _json(site_dir / urls.api_schema_url(name), api.schema(build, name))
    alternate_dirs = set()
    for page in build.pages.values():
        if embeds.embeddable(page):
            document = site_dir / urls.oembed_url(page.key)
            _json(document, oembed.document(build, page))
            alternate_dirs.add(document.parent)
    _write(site_dir / urls.CHANGES_FEED, changefeeds.site_feed(build))
    feed_paths = []
    for path, feed in changefeeds.page_feeds(build).items():
        _write(site_dir / path, feed)
        alternate_dirs.add((site_dir / path).parent)
        feed_paths += ["/" + path, "/" + posixpath.join(posixpath.dirname(path), "sitemap.xml")]
    # Material fetches sitemap.xml beside every <link rel="alternate">, our oEmbed and feed links
    # included (oembed/compare/sitemap.xml for a nested key); an empty one saves readers a 404.
    for folder in sorted(alternate_dirs):
        _write(folder / "sitemap.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
    _write(site_dir / urls.LOADER, loader_js())
    _write(site_dir / urls.ROBOTS, robots_txt(build))
    moved, problems = redirects.load_redirects(build.project_dir / datafiles.display_path("redirects"),
                                               current=redirects.current_urls(build.pages, build.data))
    for problem in problems:
        build.report(problem)
    for redirect in moved:
        target = (site_dir / redirect.source / "index.html").resolve()
        if target.is_relative_to(site_dir.resolve()):  # the pattern already ensures it; belt and braces
            redirect_html = redirects.redirect_page(build.site_url, redirect)
            _write(target, redirect_html)
            build.html[f"{redirect.source}index.html"] = linkcheck.parse(redirect_html)
    handoutpages.write_all(build, site_dir, _write)
    page_paths = (["/" + p.url for p in build.pages.values() if p.key != "404"] + ["/404.html"]
                  + handoutpages.handout_paths(build))
    moved_paths = ["/" + redirect.source for redirect in moved]
    _write(site_dir / urls.HEADERS_FILE, headers.headers_file(
        build.site_url, page_paths, build.script_hashes,
        (moved_paths, [csp.sha256_source(redirects.KEEP_FRAGMENT)]),
        tuple(sorted(set(feed_paths)))))
    if check_links:
        for problem in linkcheck.check_site(site_dir, build.html, build.site_url, functools.partial(_written_in, build)):
            build.report(problem)
