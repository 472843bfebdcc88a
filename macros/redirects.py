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

from . import embeds
from .errors import Problem
from .sourcepages import SourcePage
from .yamlsource import YamlProblem, load_file

DATA_DIR = Path(__file__).parent / "data"
REDIRECTS = DATA_DIR / "redirects.yml"
PUBLISHED = DATA_DIR / "published-urls.txt"
API_NAMES = ("pages", "glossary", "faq", "comparisons", "references", "claims", "changes")
# A redirect's old address: lowercase path segments, each ending in '/'; never '..', '//' or a scheme.
SOURCE_PATTERN = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)+$")
TARGET_PATTERN = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)*(?:#[A-Za-z0-9_-]+)?$")


@dataclass(frozen=True)
class Redirect:
    source: str  # old path relative to site_url, e.g. "risks/" or "embed/safety/sections/old-id/"
    target: str  # new path (may carry #anchor)
    line: int | None


def load_redirects(path: Path = REDIRECTS, display: str = "macros/data/redirects.yml",
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


def current_urls(pages: dict[str, SourcePage]) -> set[str]:
    """Every URL the current sources publish (relative to site_url)."""
    urls = {"embed.js", "changes.xml", "sitemap.xml"}
    urls |= {f"api/v1/{name}.json" for name in API_NAMES} | {f"api/v1/schema/{name}.json" for name in API_NAMES}
    for page in pages.values():
        urls.add(page.url or "./")
        if embeds.embeddable(page):
            urls.add(embeds.embed_key_url(page.key))
            urls.add(f"oembed/{page.key}.json")
            urls |= {embeds.embed_key_url(page.key, s.id) for s in page.sections if s.id}
    return urls


def published(path: Path = PUBLISHED) -> list[tuple[int, str]]:
    if not path.exists():
        return []
    return [(n, line.strip()) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if line.strip() and not line.startswith("#")]


def redirect_page(site_url: str, redirect: Redirect) -> str:
    target = site_url + redirect.target
    return str(Markup(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; base-uri \'none\'">'
        '<title>Moved</title>'
        '<meta name="robots" content="noindex"><link rel="canonical" href="{0}">'
        '<meta http-equiv="refresh" content="0; url={0}"></head>'
        '<body><p>This page has moved to <a href="{0}">{0}</a>.</p></body></html>\n').format(target))
