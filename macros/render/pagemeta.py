"""What templates need to know about a page, computed once per page.

The template (`overrides/main.html`) only prints these values; the logic of
canonical URLs, review lines, JSON-LD and the embed snippet lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NotRequired, TypedDict

from markupsafe import Markup

from macros.content import urls
from macros.render import jsonld

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from macros.site import Site


class PageInfo(TypedDict):
    """What the templates in overrides/ read as `page.meta.dng`."""

    key: str | None
    is_embed: bool
    section: str
    full_url: str
    last_changed: str | None
    reviewers: list[Markup]
    edit_url: str | None
    # Pages of the full site only (not embed copies, not the 404 page):
    embed_url: NotRequired[str]
    oembed_url: NotRequired[str]
    jsonld: NotRequired[Markup]


def decorate(page: Page, site: Site) -> None:
    embed = site.embeds.get(page.file.src_uri)
    source = site.source_of(page)
    full_url = site.site_url + (source.url if source else page.url)
    if embed is not None:
        page.canonical_url = full_url
    changed = site.last_changed(source.key) if source else None
    reviewed_by = source.info.reviewed_by if source and source.info else []
    reviewers = [site.data.reviewers[k] for k in reviewed_by if k in site.data.reviewers]
    info: PageInfo = {
        "key": source.key if source else None,
        "is_embed": embed is not None,
        "section": embed.section if embed else "",
        "full_url": full_url,
        "last_changed": changed,
        "reviewers": [Markup.escape(f"{r.name}, {r.credentials}") for r in reviewers],
        "edit_url": page.edit_url if embed is None else None,
    }
    if source and embed is None and source.key != "404":
        info["embed_url"] = site.site_url + urls.embed_url(source.key)
        info["oembed_url"] = site.site_url + urls.oembed_url(source.key)
        info["jsonld"] = Markup(jsonld.script_text(jsonld.for_page(site, source, changed)))
    page.meta["dng"] = info
