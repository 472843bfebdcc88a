"""Pre-built oEmbed documents, one per page: /oembed/<key>.json (type "rich", an iframe).

WordPress keeps only the iframe (it strips scripts), sandboxes it and talks to it
with its own messages, which the embed pages answer (see embed-child.js).
"""

from __future__ import annotations

from markupsafe import Markup

from . import embeds
from .sourcepages import SourcePage
from .state import Build

WIDTH = 640
HEIGHT = 900  # WordPress clamps to 200-1000 px; long pages scroll inside, sections fit


def iframe_html(build: Build, page: SourcePage, section: str = "") -> str:
    title = page.meta.get("title", page.key)
    src = build.site_url + embeds.embed_key_url(page.key, section)
    return str(Markup('<iframe src="{}" width="{}" height="{}" title="Dry Needling Guide: {}" loading="lazy" '
                      'frameborder="0" scrolling="auto"></iframe>').format(src, WIDTH, HEIGHT, title))


def document(build: Build, page: SourcePage) -> dict:
    licence = build.config["extra"]["content_licence"]
    return {
        "version": "1.0",
        "type": "rich",
        "title": page.meta.get("title", page.key),
        "provider_name": build.config["site_name"],
        "provider_url": build.site_url,
        "author_name": build.config["extra"]["publisher"],
        "author_url": build.site_url + "about/",
        "width": WIDTH,
        "height": HEIGHT,
        "cache_age": 86400,
        "html": iframe_html(build, page),
        "license": licence["name"],
        "license_url": licence["url"],
    }
