"""MkDocs hooks: the build steps that are not page macros.

Loaded by MkDocs from its path (see `hooks:` in mkdocs.yml), so it imports the
`macros` package absolutely. Each hook delegates to a module with one job.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, Files  # noqa: E402

from macros import embeds, htmlfixes, outputs, pagemeta, state  # noqa: E402


def on_files(files: Files, config) -> Files:
    """Add an embed copy of every page and of each h2 section."""
    build = state.current()
    for page in build.pages.values():
        for src_uri, content in embeds.embed_documents(page, build.site_url):
            files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_context(context, page, config, nav):
    """Embed copies get one canonical link: the full page."""
    pagemeta.decorate(page, state.current())
    return context


def on_post_page(output: str, page, config) -> str:
    """Correct what the theme writes (see macros/htmlfixes.py)."""
    return htmlfixes.name_search_dialog(output, page.file.src_uri)


def on_post_build(config) -> None:
    """Write the content API, oEmbed documents, feeds and the loader; then check every link."""
    outputs.write_all(state.current(), Path(config["site_dir"]))
