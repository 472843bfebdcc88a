"""Check every internal link and anchor in the built site, raw HTML included.

MkDocs validates Markdown links; links written by macros and templates are raw
HTML, which it cannot see. This walks the built HTML once, after the build.

It was the largest single cost of a big build (benchmarks/RESULTS.md), so it
scans tags with regular expressions instead of a full HTML parser (the HTML is
generated, so it is regular), looks files up in one listing of the site instead
of asking the file system, and resolves each distinct link once per folder:
the navigation repeats the same links on every page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from macros.errors import Problem

# Script and style bodies and comments are not markup: blank them, keeping line breaks.
# Case-sensitive on purpose: the HTML is generated in lower case, and re.I would turn
# off the regex engine's fast literal search (17 times slower on a large site).
OPAQUE = re.compile(r"<!--.*?-->|<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>", re.S)
OPENING = re.compile(r"<(?:script|style)\b[^>]*>")
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
SKIPPED_SCHEMES = ("mailto", "tel", "data", "javascript")


@dataclass
class PageLinks:
    """The ids and the internal links of one built HTML page, collected as the page is written."""

    ids: set[str]
    links: list[tuple[str, int]]


def _blank(match: re.Match[str]) -> str:
    text: str = match.group(0)
    if text.startswith("<!--"):
        return "\n" * text.count("\n")
    element = OPENING.match(text)
    assert element is not None  # OPAQUE matched a script or style element
    opening: str = element.group(0)  # kept: a script's src is a link
    return opening + "\n" * text.count("\n", len(opening))


def _attributes(text: str | None) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, double, single, bare in ATTR.findall(text or ""):
        values.setdefault(name.lower(), html.unescape(double or single or bare))
    return values


def parse(html_text: str) -> PageLinks:
    source = OPAQUE.sub(_blank, html_text)
    ids: set[str] = set()
    links: list[tuple[str, int]] = []
    line, counted = 1, 0
    for match in TAG.finditer(source):
        tag = match.group(1).lower()
        rest = match.group(2)
        if not rest or ("id=" not in rest and "href=" not in rest and "src=" not in rest and "name=" not in rest):
            continue
        values = _attributes(rest)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                ids.add(values[name])
        ref = None
        if tag == "a" or (tag == "link" and values.get("rel") in ("stylesheet", "icon")):
            ref = values.get("href")
        elif tag in ("img", "script", "iframe"):
            ref = values.get("src")
        if ref:
            line += source.count("\n", counted, match.start())
            counted = match.start()
            links.append((ref, line))
    return PageLinks(ids, links)


class _Site:
    """One listing of the built files, so that lookups need no system calls."""

    def __init__(self, site_dir: Path) -> None:
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        for path in site_dir.rglob("*"):
            rel = path.relative_to(site_dir).as_posix()
            (self.dirs if path.is_dir() else self.files).add(rel)

    def resolve(self, page_dir: str, url_path: str, base_path: str) -> tuple[str | None, str]:
        """(site-relative file or None if missing, what to show) for a link's path."""
        if url_path.startswith("/"):
            if not url_path.startswith(base_path):
                return None, url_path
            joined = url_path[len(base_path):]
        else:
            joined = posixpath.normpath(posixpath.join(page_dir, url_path))
            if url_path.endswith("/") and not joined.endswith("/"):
                joined += "/"
        joined = unquote(joined).lstrip("./") if joined not in (".", "./") else ""
        target = joined.rstrip("/")
        if joined == "" or joined.endswith("/") or target in self.dirs:
            target = f"{target}/index.html" if target else "index.html"
        return (target if target in self.files else None), joined


def _no_source(rel: str) -> str | None:
    return None


def check_site(site_dir: Path, pages: dict[str, PageLinks], site_url: str,
               source_of: Callable[[str], str | None] = _no_source) -> list[Problem]:
    """Every internal href/src of the built pages resolves to a built file; every #anchor to an id in it.

    `pages` maps each HTML file (relative to the site) to what `parse` collected while the
    build wrote it: the HTML is never read back from disk; only the file listing is.
    `source_of` names, for a built file, the source page it was made from (None: the file itself
    is named), so a message names the file an editor wrote, not a generated one."""
    site_url = site_url.rstrip("/") + "/"
    base = urlsplit(site_url)
    base_origin = f"{base.scheme}://{base.netloc}"
    base_path = base.path or "/"
    site = _Site(site_dir)
    resolved: dict[tuple[str, str], tuple[str | None, str]] = {}
    splits: dict[str, SplitResult] = {}
    problems = []
    target: str | None
    for rel, page in sorted(pages.items()):
        page_dir = posixpath.dirname(rel)
        for href, line in page.links:
            parts = splits.get(href)
            if parts is None:
                parts = splits[href] = urlsplit(href)
            if parts.scheme in SKIPPED_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                if f"{parts.scheme}://{parts.netloc}" != base_origin:
                    continue  # external links are checked by people, not by an offline build
                if not parts.path.startswith(base_path):
                    continue
            if not parts.path:
                target, shown = rel, rel
            else:
                key = (page_dir, parts.path)
                if key not in resolved:
                    resolved[key] = site.resolve(page_dir, parts.path, base_path)
                target, shown = resolved[key]
            if target is None:
                where, at = _where(source_of, rel, line)
                problems.append(Problem(where, at, f"broken link '{href}'",
                                        "point it at a page that exists (links use the .md file or a page key)"))
                continue
            if parts.fragment and target.endswith(".html"):
                if target not in pages or unquote(parts.fragment) not in pages[target].ids:
                    where, at = _where(source_of, rel, line)
                    problems.append(Problem(where, at, f"broken anchor '{href}'",
                                            f"'{parts.fragment}' is not an id on {shown or 'the home page'}"))
    return problems


def _where(source_of: Callable[[str], str | None], rel: str, line: int) -> tuple[str, int | None]:
    """The source page of a built file (the HTML's line means nothing there), else the built file and line."""
    source = source_of(rel)
    return (source, None) if source else (f"site/{rel}", line)
