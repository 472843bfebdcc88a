"""URLs are a promise: moved or removed pages and sections leave a redirect.

`data/redirects.yml` maps old paths to new ones; the build writes a small
redirect page at each old path. `data/published-urls.txt` lists every URL we
have published; the checker and a test fail when one stops resolving.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from macros.content import changelog, datafiles, urls
from macros.content.datastore import SiteData
from macros.content.sourcepages import SourcePage
from macros.content.yamlsource import YamlProblem, load_file
from macros.errors import Problem
from macros.publish import api, csp, embeds

# A redirect's old address: lowercase path segments, each ending in '/'; never '..', '//' or a scheme.
SOURCE_PATTERN = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)+$")
TARGET_PATTERN = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)*(?:#[A-Za-z0-9_-]+)?$")


@dataclass(frozen=True)
class Redirect:
    source: str  # old path relative to site_url, e.g. "risks/" or "embed/safety/sections/old-id/"
    target: str  # new path (may carry #anchor)
    line: int | None


def load_redirects(path: Path, display: str = datafiles.display_path("redirects"),
                   current: set[str] | None = None) -> tuple[list[Redirect], list[Problem]]:
    """Redirects whose addresses are safe to write: inside the site, never over a current address.

    `current` is every URL the sources publish now (see `current_urls`): a redirect
    there would overwrite a page, an embed, the API or a feed.
    """
    try:
        raw = load_file(path, display) or []
    except FileNotFoundError:
        return [], []
    except YamlProblem as err:
        return [], [err.problem]
    if not isinstance(raw, list):
        return [], [Problem(display, 1, "expected a list of redirects", "write: - {from: old/path/, to: new/path/}")]
    redirects, problems = [], []
    for entry in raw:
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict) or set(entry) != {"from", "to"}:
            problems.append(Problem(display, line, "a redirect needs exactly 'from' and 'to'",
                                    "write: - {from: old/path/, to: new/path/}"))
            continue
        source, target = str(entry["from"]).lstrip("/"), str(entry["to"]).lstrip("/")
        if not source.endswith("/"):
            problems.append(Problem(display, line, f"redirect source '{source}' must end with '/'",
                                    "write directory-style paths, e.g. old-page/"))
        elif not SOURCE_PATTERN.match(source) or posixpath.normpath(source) + "/" != source:
            problems.append(Problem(display, line, f"redirect source '{source}' is not a plain site address",
                                    "use lowercase letters, digits, '-' and '/', e.g. old-page/ (no '..')"))
        elif not TARGET_PATTERN.match(target):
            problems.append(Problem(display, line, f"redirect target '{target}' is not a plain site address",
                                    "write a page address such as safety/ or safety/#side-effects"))
        elif current is not None and source in current:
            problems.append(Problem(display, line, f"redirect source '{source}' is a current address",
                                    "a redirect may only replace an address that no longer exists"))
        else:
            redirects.append(Redirect(source, target, line))
    return redirects, problems


def current_urls(pages: dict[str, SourcePage], data: SiteData | None = None) -> set[str]:
    """Every URL the current sources publish (relative to site_url); the single items' embeds (claims,
    terms) only with the data they are made from."""
    found = {urls.LOADER, urls.CHANGES_FEED, urls.SITEMAP}
    found |= {urls.page_changes_feed(key) for key in pages if changelog.follows(key)}
    found |= {urls.api_url(name) for name in api.DOCUMENTS} | {urls.api_schema_url(name) for name in api.DOCUMENTS}
    for page in pages.values():
        found.add(page.url or "./")
        if embeds.embeddable(page):
            found.add(urls.embed_url(page.key))
            found.add(urls.oembed_url(page.key))
            found |= {urls.embed_url(page.key, s.id) for s in page.sections if s.id}
    if data is not None:
        # The one-page handouts (macros/render/handouts.py): one per patient page with key points.
        found |= {urls.handout_url(key) for key in data.keypoints if key in pages}
    return found | embeds.care_urls(pages) | (embeds.item_urls(pages, data) if data is not None else set())


def published(path: Path) -> list[tuple[int, str]]:
    if not path.exists():
        return []
    return [(n, line.strip()) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if line.strip() and not line.startswith("#")]


# Keeps the reader's #fragment: an old link to a section lands on that section. Without
# script the <noscript> refresh still moves the reader, to the redirect's own target.
KEEP_FRAGMENT = ('var t=document.querySelector(\'link[rel="canonical"]\').href;'
                 'if(location.hash){t=t.split("#")[0]+location.hash}location.replace(t)')


def redirect_page(site_url: str, redirect: Redirect) -> str:
    target = site_url + redirect.target
    return str(Markup(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; base-uri \'none\'; '
        'script-src {1}">'
        '<title>Moved</title>'
        '<meta name="robots" content="noindex"><link rel="canonical" href="{0}">'
        '<script>{2}</script>'
        '<noscript><meta http-equiv="refresh" content="0; url={0}"></noscript></head>'
        '<body><p>This page has moved to <a href="{0}">{0}</a>.</p></body></html>\n').format(
            target, Markup(csp.sha256_source(KEEP_FRAGMENT)), Markup(KEEP_FRAGMENT)))
