"""Everything one build knows, on one object: created in `on_config`, dropped with the build.

The plugin (macros/plugin.py) makes a new `Site` for every build, so a rebuild
under `mkdocs serve` reads fresh data and pages; nothing of a build lives in a module.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from macros import sanitise
from macros.content import (
    changelog,
    datafiles,
    datastore,
    dates,
    evidencewords,
    frontmatter,
    listchecks,
    sourcefiles,
    sourcelinks,
    sourcepages,
)
from macros.content.datastore import SiteData
from macros.content.sourcepages import SourcePage
from macros.errors import ContentProblems, DataError, Problem, Reporter
from macros.publish import csp
from macros.publish.linkcheck import PageLinks
from macros.render import blocksections, comparisons, handouts, keypoints, markup, sandbox, table, templaterules
from macros.render.context import RenderContext

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from macros.publish.embeds import EmbedDocument


@dataclass(frozen=True)
class SiteConfig:
    """What the code reads from mkdocs.yml, typed; `mkdocs` is kept only to render the theme's templates."""

    project_dir: Path
    docs_dir: Path
    site_dir: Path
    site_name: str
    site_url: str  # absolute, exactly one trailing slash
    publisher: str
    licence_name: str
    licence_url: str
    patient_pages: tuple[str, ...]
    edit_uri: str  # "" when the site has no edit links
    mkdocs: MkDocsConfig = field(repr=False, compare=False)

    @classmethod
    def of(cls, config: MkDocsConfig) -> SiteConfig:
        extra = config["extra"]
        return cls(
            project_dir=Path(config["config_file_path"]).parent,
            docs_dir=Path(config["docs_dir"]),
            site_dir=Path(config["site_dir"]),
            site_name=config["site_name"],
            # The one reading of the site's address: mkdocs.yml takes DNG_SITE_URL through !ENV.
            site_url=(config["site_url"] or "http://127.0.0.1:8000/").rstrip("/") + "/",
            publisher=extra.get("publisher", config["site_name"]),
            licence_name=extra["content_licence"]["name"],
            licence_url=extra["content_licence"]["url"],
            patient_pages=tuple(extra.get("patient_pages") or ()),
            edit_uri=config.get("edit_uri") or "",
            mkdocs=config,
        )

    @property
    def repository(self) -> sourcelinks.Repository | None:
        """The repository that "Edit this page" and the entries' edit links open (from `edit_uri`)."""
        return sourcelinks.Repository.from_edit_uri(self.edit_uri)


def _page_problems_without_data(docs_dir: Path, project_dir: Path) -> list[Problem]:
    """What is wrong in the pages themselves (front matter, macro-call syntax), found without the data."""
    problems: list[Problem] = []
    names = tuple(sorted(table.MACROS))
    for page in sourcepages.scan(docs_dir, project_dir):
        problems += page.problems
        if not page.problems:
            for found in templaterules.violations(page.body.lstrip("\n"), names):
                problems.append(Problem(page.path, page.render_offset + found.line, found.message, found.hint))
    return problems


@dataclass
class Site:
    config: SiteConfig
    data: SiteData
    pages: dict[str, SourcePage]
    reporter: Reporter = field(default_factory=Reporter)
    trusted: sanitise.TrustedMarkup = field(default_factory=sanitise.TrustedMarkup)
    # Filled while the build runs: each page's render context (what it cited), keyed by
    # src_uri; the embed copies in memory; the ids and links of every built HTML page.
    contexts: dict[str, RenderContext] = field(default_factory=dict)
    embeds: dict[str, EmbedDocument] = field(default_factory=dict)
    html: dict[str, PageLinks] = field(default_factory=dict)
    environment: sandbox.RenderEnvironment = field(init=False)  # the render layer's one Jinja environment
    markdown: markup.MarkdownConverter = field(default_factory=markup.MarkdownConverter)  # for data text
    # The day the build is made as of (dates.build_day, or the checker's --today): review dates,
    # change-entry dates and correction notices are judged against it.
    today: dt.date = field(default_factory=dates.build_day)

    def __post_init__(self) -> None:
        self.environment = sandbox.RenderEnvironment(self.report)

    @property
    def site_url(self) -> str:
        return self.config.site_url

    @property
    def project_dir(self) -> Path:
        return self.config.project_dir

    @classmethod
    def load(cls, config: MkDocsConfig, today: dt.date | None = None) -> Site:
        """Check the source folders, load the data and scan the pages; refuse the build on any problem."""
        today = today or dates.build_day()
        site_config = SiteConfig.of(config)
        project_dir, docs_dir = site_config.project_dir, site_config.docs_dir
        if site_config.edit_uri and site_config.repository is None:  # a maintainer's setting, not an editor's
            lines = Path(config["config_file_path"]).read_text(encoding="utf-8").splitlines()
            line = next((n for n, text in enumerate(lines, 1) if text.startswith("edit_uri:")), None)
            raise ContentProblems([Problem("mkdocs.yml", line, f"edit_uri '{site_config.edit_uri}' is not a"
                                           " repository's edit address, so edit links cannot be made",
                                           f"set DNG_EDIT_URI to one, for example {sourcelinks.EDIT_URI_EXAMPLE}")])
        # Before anything is read: a link could otherwise publish a build-machine file.
        refused = (sourcefiles.check_folder(docs_dir, "docs")
                   + sourcefiles.check_folder(project_dir / datafiles.DATA_DIR, datafiles.DATA_DIR,
                                              links_only=True))
        if refused:
            raise ContentProblems(refused)
        try:
            data = datastore.load(project_dir)
        except DataError as err:
            # The pages cannot render without the data, but what is wrong in them needs no data:
            # a mistake in one data file does not hide the others' or the pages' (issue 14).
            raise ContentProblems(err.problems + _page_problems_without_data(docs_dir, project_dir)) from None
        refused_text = markup.data_text_problems(data)
        if refused_text:
            raise ContentProblems(refused_text)
        pages = {p.key: p for p in sourcepages.scan(docs_dir, project_dir)}
        blocksections.add_macro_sections(pages, data)
        problems = [problem for page in pages.values() for problem in page.problems]
        for page in pages.values():
            if not page.problems:
                problems += frontmatter.check_page(page, data, today)
        problems += frontmatter.check_see_links(data, pages)
        problems += evidencewords.check(pages.values(), data)
        problems += listchecks.check(pages.values(), data)
        problems += changelog.check(data, pages, today)
        problems += keypoints.check(data, pages, site_config.patient_pages,
                                    {key: page.body for key, page in pages.items()})
        if problems:
            raise ContentProblems(problems)
        site = cls(site_config, data, pages, today=today)
        # Rules on what the data show once rendered (a figure counts as the words it prints).
        long_cells = comparisons.long_cells(site.render_context("", absolute=True))
        if long_cells:
            raise ContentProblems(long_cells)
        long_points = handouts.problems(site)  # the cap on words that keeps each handout on one page
        if long_points:
            raise ContentProblems(long_points)
        return site

    # --- what pages are made from -------------------------------------------------------

    def source_for(self, src_uri: str) -> SourcePage | None:
        """The source page a rendered file (a page or an embed copy of one) was made from."""
        embed = self.embeds.get(src_uri)
        if embed is not None:
            return self.pages.get(embed.source_key)
        return self.pages_by_src_uri.get(src_uri)

    def source_uri(self, src_uri: str) -> str:
        """The docs file an output is made from: the page itself, or the page an embed copy copies."""
        source = self.source_for(src_uri)
        return source.src_uri if source else src_uri

    def source_of(self, page: Page) -> SourcePage | None:
        return self.source_for(page.file.src_uri)

    def source_path(self, page: Page) -> str:
        return self._path_for(page.file.src_uri)

    def _path_for(self, src_uri: str) -> str:
        """The file a message about this output names: the source page, else the file itself."""
        source = self.source_for(src_uri)
        return source.path if source else f"{datafiles.DOCS_DIR}/{src_uri}"

    def render_context(self, page_url: str, absolute: bool = False, edit_links: bool = False) -> RenderContext:
        """A fresh context for one output at `page_url` (citation numbers and first term uses start anew);
        `edit_links`: the output is a page of the full site, whose entries link to their source lines."""
        return RenderContext(site=self.data, page_url=page_url, site_url=self.site_url, absolute=absolute,
                             pages=self.pages, build=self,
                             repository=self.config.repository if edit_links else None)

    def render_markdown(self, src_uri: str, page_url: str, markdown: str) -> str:
        """A page's (or embed copy's) Markdown with its macros run, in the one render environment.

        The build calls this through mkdocs-macros; the checker calls it directly (its dry run)."""
        source, embed = self.source_for(src_uri), self.embeds.get(src_uri)
        path = self._path_for(src_uri)
        if embed is not None:
            offset = embed.line_offset
        else:
            offset = source.render_offset if source else 0
        ctx = self.contexts.get(src_uri)
        if ctx is None:
            ctx = self.contexts[src_uri] = self.render_context(page_url, absolute=embed is not None,
                                                               edit_links=embed is None)
        return self.environment.render_page(markdown, sandbox.bind(table.MACROS, ctx), sandbox.Where(path, offset))

    def report(self, problem: Problem) -> None:
        self.reporter.report(problem)

    # --- dates ---------------------------------------------------------------------------

    @functools.cached_property
    def changes(self) -> changelog.ChangeLog:
        """This build's change log (changes.yml), newest first."""
        return changelog.ChangeLog.of(self.data.changes, self.pages)

    def last_changed(self, key: str) -> str | None:
        """The one answer to "when did this page's text last change": the date of the newest change
        entry that names the page. Page facts, sitemap, JSON-LD, API and feeds all use it."""
        return self.changes.last_changed(key)

    @functools.cached_property
    def pages_by_src_uri(self) -> dict[str, SourcePage]:
        return {page.src_uri: page for page in self.pages.values()}

    # --- the theme's inline scripts ------------------------------------------------------

    @functools.cached_property
    def inline_scripts(self) -> frozenset[str]:
        return csp.allowed_inline_scripts(self.config.mkdocs)

    @functools.cached_property
    def script_hashes(self) -> list[str]:
        return csp.script_hashes(self.inline_scripts)


