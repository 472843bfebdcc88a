"""Every published URL still resolves: to a page of the current sources or to a redirect."""

from __future__ import annotations

from pathlib import Path

from macros.content import datafiles
from macros.content.datastore import SiteData
from macros.content.sourcepages import SourcePage
from macros.errors import Problem
from macros.publish.redirects import Redirect, current_urls, published


def check(pages: dict[str, SourcePage], redirects: list[Redirect], published_file: Path,
          data: SiteData | None = None) -> list[Problem]:
    urls = current_urls(pages, data)
    moved = {r.source for r in redirects}
    problems = []
    for line, url in published(published_file):
        if url not in urls and url not in moved:
            hint = "restore it, or add a redirect to macros/data/redirects.yml: - {from: " + url + ", to: NEW/}"
            if "/sections/" in url:
                hint = ("a section id was removed or renamed; put the id back, or " + hint[0].lower() + hint[1:])
            problems.append(Problem("macros/data/published-urls.txt", line, f"published URL '{url}' no longer exists",
                                    hint))
    for redirect in redirects:
        target = redirect.target.split("#")[0]
        if target not in urls:
            problems.append(Problem(datafiles.display_path("redirects"), redirect.line,
                                    f"redirect target '{redirect.target}' does not exist", "point it at a current page"))
    return problems


def removed_from_list(base_file: Path, published_file: Path, redirects: list[Redirect]) -> list[Problem]:
    """The list only grows: a line the base branch has must stay, unless a redirect replaces it."""
    current = {url for _, url in published(published_file)}
    moved = {r.source for r in redirects}
    return [Problem("macros/data/published-urls.txt", None, f"published URL '{url}' was removed from the list",
                    "put the line back: published addresses are never removed (a moved page gets a redirect "
                    "in macros/data/redirects.yml)")
            for _, url in published(base_file) if url not in current and url not in moved]
