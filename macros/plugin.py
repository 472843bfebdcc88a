"""The build, event by event: one plugin object, one Site per build.

MkDocs calls these methods (through macros/hooks.py); mkdocs-macros renders each
page's macros between `on_page_markdown` priorities (see `register_macros`).
Order of a build:

1. on_config     load data and pages into a new Site (before mkdocs-macros' own on_config);
2. on_files      add the embed copies of every page and section (kept in memory);
3. on_nav        give every page its last-changed date (the sitemap is written before pages);
4. on_page_markdown  (mkdocs-macros renders macros in the Site's render environment, then)
                 append the page's reference list;
5. on_page_content / on_page_context / on_post_page  sanitise, decorate for templates,
                 scan the output and collect its ids and links;
6. on_post_build write the API, oEmbed, feeds, loader, headers, redirects; check every link.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.base import LegacyConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from macros import sanitise
from macros.content import notes, textfields, urls
from macros.errors import ContentError, Problem
from macros.publish import (
    csp,
    embedassets,
    embeds,
    embedspec,
    htmlfixes,
    linkcheck,
    mkdocsmessages,
    outputs,
    outputscan,
)
from macros.publish.searchweights import weigh as weigh_in_search
from macros.render import jumplist, pagemeta, references, sandbox
from macros.render import table as macro_table
from macros.site import Site

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext
    from mkdocs_macros.plugin import MacrosPlugin


class DngPlugin(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]  # mkdocs' BasePlugin.__init_subclass__ is unannotated
    """Holds the current build's Site; every event delegates to a module with one job."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.macros_plugin: MacrosPlugin | None = None  # mkdocs-macros' plugin object, handed over in define_env
        self.link_messages: mkdocsmessages.LinkMessages | None = None

    @property
    def current(self) -> Site:
        if self.site is None:
            raise RuntimeError("the build has not started (on_config has not run)")
        return self.site

    # 1. Before mkdocs-macros' on_config (priority 0), which calls define_env.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.macros_plugin = None
        self.site = Site.load(config)
        self.site.environment.page_renderer = self.render_page
        return config

    def register_macros(self, plugin_env: MacrosPlugin) -> None:
        """mkdocs-macros' define_env: our table replaces its own macros, our environment its Jinja."""
        plugin_env.macros.clear()  # its context(), macros_info(), now() would print every variable
        plugin_env.macros.update(macro_table.MACROS)
        # mkdocs-macros makes its Jinja environment after define_env returns: swapped in on_files.
        self.macros_plugin = plugin_env

    # 2.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.current
        if self.macros_plugin is None:
            raise RuntimeError("mkdocs-macros did not load the macros package (`module_name: macros`)")
        sandbox.install(self.macros_plugin, site.environment)
        self.link_messages = mkdocsmessages.LinkMessages(site.config.docs_dir, files, site.source_uri)
        self.link_messages.install()
        for page in site.pages.values():
            for document in embeds.embed_documents(page, site.site_url):
                site.embeds[document.src_uri] = document
                files.append(File.generated(config, document.src_uri, content=document.markdown))
        for document in [*embeds.care_documents(site.pages, list(site.data.care.values())),
                         *embeds.item_documents(site.pages, site.data)]:
            site.embeds[document.src_uri] = document
            files.append(File.generated(config, document.src_uri, content=document.markdown))
        files.append(File.generated(config, embedspec.CHILD_SPEC, content=embedspec.child_script()))
        for path, content in embedassets.generated(site.config.docs_dir).items():
            files.append(File.generated(config, path, content=content))
        return files

    # 3.
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        site = self.current
        for file in files.documentation_pages():
            page = file.page
            assert page is not None  # MkDocs made a Page for every documentation file before on_nav
            source = site.source_of(page)
            changed = site.last_changed(source.key) if source else None
            if changed:  # else (the 404 page) MkDocs' build date stays: it needs one
                page.update_date = changed
        return nav

    # 4. The render context of a page: made when mkdocs-macros renders it, read afterwards.
    def render_page(self, page: Page, markdown: str) -> str:
        return self.current.render_markdown(page.file.src_uri, page.url, markdown)

    @event_priority(-100)  # after mkdocs-macros (priority 0) has rendered the page
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        site = self.current
        ctx = site.contexts.get(page.file.src_uri)
        embed = site.embeds.get(page.file.src_uri)
        source = site.source_of(page)
        if embed is None and source is not None:
            weigh_in_search(source.key, page.meta)
        sources = list(source.info.sources) if source and source.info else []
        if embed is not None and source is not None:  # links of a copy point at the full site
            markdown = embeds.absolutize_links(markdown, source.src_uri, site.site_url)
            if ctx is None:
                return markdown
            # The entries it cites travel with it: citations open them in place (embed-child.js). A whole
            # page's copy also lists the page's other sources, as the page does; a section or an item, not.
            whole = page.file.src_uri == urls.embed_src_uri(source.key)
            return markdown + "\n\n" + references.embed_sources_markdown(ctx, sources if whole else [])
        if ctx is None:
            return markdown
        return markdown + "\n\n" + references.page_references_markdown(ctx, sources)

    # 5.
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Markdown's HTML through the allow-list; titles and headings as text (the theme prints them raw);
        on full pages, the "On this page" jump list (ours, so added after the allow-list)."""
        textfields.escape_page_titles(page)
        html = sanitise.clean(html, self.current.trusted)
        if page.file.src_uri in self.current.embeds:
            return html
        return jumplist.insert_after_key_points(html, page.toc)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Every template, the 404 page included (it has no page), prints the CSP <meta> from this global."""
        env.globals["dng_csp_policy"] = csp.policy(self.current.script_hashes)
        env.globals["dng_embed_root"] = urls.EMBED_ROOT + "/"
        env.globals["dng_embed_spec"] = embedspec.CHILD_SPEC
        env.globals["dng_embed_csp_policy"] = csp.embed_policy()
        env.globals["dng_embed_css"] = embedassets.EMBED_CSS
        env.globals["dng_embed_js"] = embedassets.EMBED_JS
        env.globals["dng_embed_folds_js"] = embedassets.EMBED_FOLDS_JS
        env.globals["dng_review_note"] = notes.REVIEW_NOTE
        env.globals["dng_review_section"] = notes.REVIEW_SECTION
        env.globals["dng_report_section"] = notes.REPORT_SECTION
        env.globals["dng_section_context"] = notes.SECTION_CONTEXT
        return env

    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        site = self.current
        try:
            pagemeta.decorate(page, site)
        except ContentError as err:  # data text rendered for JSON-LD: one message, never a traceback
            site.report(err.problem(site.source_path(page)))
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Correct what the theme writes, refuse any active content we did not write, and keep the
        page's ids and links for the link check (the one pass over the built HTML)."""
        site = self.current
        output = htmlfixes.name_search_dialog(output, page.file.src_uri)
        for found in outputscan.scan(output, site.inline_scripts, embeds.embed_prefixes(site.site_url, page.url)):
            site.report(Problem(site.source_path(page), None, f"unsafe HTML in the built page: {found}",
                                "remove raw HTML from the page or its data; pages may hold text, links and macros only"))
        site.html[page.file.dest_uri] = linkcheck.parse(output)
        return output

    # 6.
    def on_post_build(self, config: MkDocsConfig) -> None:
        # One mistake, one message: when MkDocs has reported broken Markdown links, the check of
        # the built HTML (for links written by macros and templates) would repeat them per copy.
        markdown_links_broken = bool(self.link_messages and self.link_messages.reported)
        self._remove_link_messages()
        site = self.current
        try:
            outputs.write_all(site, Path(config["site_dir"]), check_links=not markdown_links_broken)
        except ContentError as err:
            site.report(err.problem())


    def on_build_error(self, error: Exception) -> None:
        self._remove_link_messages()

    def _remove_link_messages(self) -> None:
        if self.link_messages is not None:
            self.link_messages.remove()
            self.link_messages = None


def plugin_of(config: MkDocsConfig) -> DngPlugin:
    """The plugin object of this build, found among MkDocs' plugins (hooks are listed there too)."""
    for candidate in config["plugins"].values():
        plugin = getattr(candidate, "plugin", None)
        if isinstance(plugin, DngPlugin):
            return plugin
    raise RuntimeError("macros/hooks.py is not loaded: add it under `hooks:` in mkdocs.yml")
