"""What templates need to know about a page, computed once per page.

The template (`overrides/main.html`) only prints these values; the logic of
canonical URLs, review lines, JSON-LD and the embed snippet lives here.
"""

from __future__ import annotations

from markupsafe import Markup

from . import embeds, gitdates, jsonld
from .state import Build, source_of


def decorate(page, build: Build) -> None:
    meta = page.meta
    is_embed = bool(meta.get("dng_embed"))
    source = source_of(build, page)
    full_url = build.site_url + (source.url if source else page.url)
    section = meta.get("dng_section") or ""
    if is_embed:
        page.canonical_url = full_url
    changed = gitdates.last_changed(build.project_dir, source.path) if source else None
    reviewers = [build.site.reviewers[k] for k in meta.get("reviewed_by", []) if k in build.site.reviewers]
    info = {
        "key": source.key if source else None,
        "is_embed": is_embed,
        "section": section,
        "full_url": full_url,
        "last_changed": changed,
        "reviewers": [Markup.escape(f"{r.name}, {r.credentials}") for r in reviewers],
        "edit_url": page.edit_url if not is_embed else None,
    }
    if source and not is_embed and source.key != "404":
        info["embed_url"] = build.site_url + embeds.embed_key_url(source.key)
        info["oembed_url"] = build.site_url + f"oembed/{source.key}.json"
        info["jsonld"] = Markup(jsonld.script_text(jsonld.for_page(build, source, changed)))
    meta["dng"] = info
