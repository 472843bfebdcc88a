"""Check every internal link and anchor in the built site, raw HTML included.

MkDocs validates Markdown links; links written by macros and templates are raw
HTML, which it cannot see. This walks the built HTML once, after the build.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import Problem


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        if tag == "a" and values.get("href"):
            self.links.append((values["href"], self.getpos()[0]))
        if tag in ("link",) and values.get("href") and values.get("rel") in ("stylesheet", "icon"):
            self.links.append((values["href"], self.getpos()[0]))
        if tag in ("img", "script", "iframe") and values.get("src"):
            self.links.append((values["src"], self.getpos()[0]))


@dataclass
class _Page:
    ids: set[str]
    links: list[tuple[str, int]]


def _parse(path: Path) -> _Page:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return _Page(parser.ids, parser.links)


def _target_file(site_dir: Path, page_rel: str, url_path: str, base_path: str) -> tuple[Path, str]:
    if url_path.startswith("/"):
        if not url_path.startswith(base_path):
            return site_dir / "__outside_base__", url_path
        joined = url_path[len(base_path):]
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), url_path))
        if url_path.endswith("/") and not joined.endswith("/"):
            joined += "/"
    joined = unquote(joined).lstrip("./") if joined not in (".", "./") else ""
    target = site_dir / joined
    if joined == "" or joined.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, joined


def check_site(site_dir: Path, site_url: str) -> list[Problem]:
    """Every internal href/src resolves to a built file; every #anchor to an id in it."""
    site_url = site_url.rstrip("/") + "/"
    base = urlsplit(site_url)
    base_path = base.path or "/"
    pages = {p: _parse(p) for p in site_dir.rglob("*.html")}
    problems = []
    for path, page in sorted(pages.items()):
        rel = path.relative_to(site_dir).as_posix()
        for href, line in page.links:
            parts = urlsplit(href)
            if parts.scheme in ("mailto", "tel", "data", "javascript"):
                continue
            if parts.scheme or parts.netloc:
                if f"{parts.scheme}://{parts.netloc}" != f"{base.scheme}://{base.netloc}":
                    continue  # external links are checked by people, not by an offline build
                url_path = parts.path
                if not url_path.startswith(base_path):
                    continue
            else:
                url_path = parts.path
            if not url_path:
                target, shown = path, rel
            else:
                target, shown = _target_file(site_dir, rel, url_path, base_path)
            if not target.exists():
                problems.append(Problem(f"site/{rel}", line, f"broken link '{href}'",
                                        "point it at a page that exists (links use the .md file or a page key)"))
                continue
            if parts.fragment and target.suffix == ".html":
                target_page = pages.get(target) or _parse(target)
                if unquote(parts.fragment) not in target_page.ids:
                    problems.append(Problem(f"site/{rel}", line, f"broken anchor '{href}'",
                                            f"'{parts.fragment}' is not an id on {shown or 'the home page'}"))
    return problems
