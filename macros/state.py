"""The build's shared state: data and page index, loaded once per build.

mkdocs-macros (`define_env`) and our MkDocs hooks both need the same loaded
data; this module is imported once as `macros.state` by both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import datastore, frontmatter, sanitise, sections, sourcefiles, sourcepages
from .datastore import SiteData
from .errors import DataError, Problem, reset_reports
from .sourcepages import SourcePage


@dataclass
class Build:
    site: SiteData
    pages: dict[str, SourcePage]
    project_dir: Path
    docs_dir: Path
    site_url: str
    config: dict = field(default_factory=dict)
    page_stats: dict = field(default_factory=dict)  # page url -> {"cited": [...], "terms": [...]}


CURRENT: Build | None = None


def site_url_of(config) -> str:
    """site_url with exactly one trailing slash; DNG_SITE_URL overrides mkdocs.yml."""
    url = os.environ.get("DNG_SITE_URL") or config.get("site_url") or "http://127.0.0.1:8000/"
    return url.rstrip("/") + "/"


def start(config) -> Build:
    """Load data and scan pages for this build (called from the first hook that runs)."""
    global CURRENT
    reset_reports()
    sanitise.reset_trusted()
    project_dir = Path(config["config_file_path"]).parent
    docs_dir = Path(config["docs_dir"])
    # Before anything is read: a link could otherwise publish a build-machine file.
    refused = (sourcefiles.check_folder(docs_dir, "docs")
               + sourcefiles.check_folder(project_dir / "includes", "includes", links_only=True)
               + sourcefiles.check_folder(project_dir / "macros" / "data", "macros/data", links_only=True))
    if refused:
        raise PluginError(_fail_message(refused))
    try:
        site = datastore.load(project_dir)
    except DataError as err:
        raise PluginError(_fail_message(err.problems)) from None
    pages = {p.key: p for p in sourcepages.scan(docs_dir, project_dir)}
    sections.add_macro_sections(pages, site)
    problems = [problem for page in pages.values() for problem in page.problems]
    for page in pages.values():
        if not page.problems:
            problems += frontmatter.check_page(page, site)
    problems += frontmatter.check_see_links(site, pages)
    if problems:
        raise PluginError(_fail_message(problems))
    CURRENT = Build(site, pages, project_dir, docs_dir, site_url_of(config), config)
    return CURRENT


def _fail_message(problems: list[Problem]) -> str:
    lines = [p.format() for p in problems]
    return f"{len(lines)} problem(s) in the content:\n  " + "\n  ".join(lines)


def current() -> Build:
    if CURRENT is None:
        raise RuntimeError("the build state is not loaded yet")
    return CURRENT


def source_of(build: Build, page) -> SourcePage | None:
    """The source page a rendered MkDocs page (or an embed copy of it) was made from."""
    key = (page.meta or {}).get("dng_source_key")
    if key:
        return build.pages.get(key)
    return next((p for p in build.pages.values() if p.src_uri == page.file.src_uri), None)


def source_path(build: Build, page) -> str:
    source = source_of(build, page)
    return source.path if source else f"docs/{page.file.src_uri}"
