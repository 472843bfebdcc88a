"""MkDocs hooks: the build steps that are not page macros.

Loaded by MkDocs from its path (see `hooks:` in mkdocs.yml), so it imports the
`macros` package absolutely. Each hook delegates to a module with one job.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, Files  # noqa: E402

from macros import csp, embeds, htmlfixes, outputs, outputscan, pagemeta, sanitise, state, textfields  # noqa: E402
from macros.errors import ContentError, Problem, report  # noqa: E402


def on_files(files: Files, config) -> Files:
    """Add an embed copy of every page and of each h2 section."""
    build = state.current()
    for page in build.pages.values():
        for src_uri, content in embeds.embed_documents(page, build.site_url):
            files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_content(html: str, page, config, files) -> str:
    """Markdown's HTML through the allow-list; titles and headings as text (the theme prints them raw)."""
    textfields.escape_page_titles(page)
    return sanitise.clean(html)


def on_env(env, config, files):
    """Every template, the 404 page included (it has no page), prints the CSP <meta> from this global."""
    env.globals["dng_csp_policy"] = csp.meta_policy(config)
    return env


def on_page_context(context, page, config, nav):
    """Embed copies get one canonical link: the full page."""
    try:
        pagemeta.decorate(page, state.current())
    except ContentError as err:  # data text rendered for JSON-LD: one message, never a traceback
        report(err.problem(state.source_path(state.current(), page)))
    return context


def on_post_page(output: str, page, config) -> str:
    """Correct what the theme writes (see macros/htmlfixes.py), then refuse any active content we did not write."""
    output = htmlfixes.name_search_dialog(output, page.file.src_uri)
    build = state.current()
    for found in outputscan.scan(output, csp.allowed_inline_scripts(config), embed_prefixes(build, page)):
        report(Problem(state.source_path(build, page), None, f"unsafe HTML in the built page: {found}",
                       "remove raw HTML from the page or its data; pages may hold text, links and macros only"))
    return output


def embed_prefixes(build, page) -> tuple[str, ...]:
    """Where our own live embed examples point from this page (relative and absolute)."""
    depth = "../" * page.url.count("/")
    return (build.site_url + embeds.EMBED_ROOT + "/", depth + embeds.EMBED_ROOT + "/")


def on_post_build(config) -> None:
    """Write the content API, oEmbed documents, feeds and the loader; then check every link."""
    try:
        outputs.write_all(state.current(), Path(config["site_dir"]))
    except ContentError as err:
        report(err.problem())
