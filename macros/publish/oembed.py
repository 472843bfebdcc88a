"""Pre-built oEmbed documents, one per page: /oembed/<key>.json (type "rich", an iframe).

WordPress keeps only the iframe (it strips scripts), sandboxes it and talks to it
with its own messages, which the embed pages answer (see embed-child.js).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from macros.content import urls
from macros.content.sourcepages import SourcePage

if TYPE_CHECKING:
    from macros.site import Site

WIDTH = 640
HEIGHT = 900  # WordPress clamps to 200-1000 px; long pages scroll inside, sections fit


def iframe_html(build: Site, page: SourcePage, section: str = "") -> str:
    title = page.checked_info.title
    src = build.site_url + urls.embed_url(page.key, section)
    return str(Markup('<iframe src="{}" width="{}" height="{}" title="Dry Needling Guide: {}" loading="lazy" '
                      'frameborder="0" scrolling="auto"></iframe>').format(src, WIDTH, HEIGHT, title))


def document(build: Site, page: SourcePage) -> dict[str, object]:
        return {
        "version": "1.0",
        "type": "rich",
        "title": page.checked_info.title,
        "provider_name": build.config.site_name,
        "provider_url": build.site_url,
        "author_name": build.config.publisher,
        "author_url": build.site_url + urls.ABOUT,
        "width": WIDTH,
        "height": HEIGHT,
        "cache_age": 86400,
        "html": iframe_html(build, page),
        "license": build.config.licence_name,
        "license_url": build.config.licence_url,
    }
