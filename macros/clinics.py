"""Blocks for the for-clinics page: copyable snippets and live examples.

Raw <script> and <iframe> are banned in Markdown; these macros build them from
the site's own URLs so that the examples always match the published site.
"""

from __future__ import annotations

from markupsafe import Markup

from . import embeds, headers
from .context import RenderContext
from .errors import ContentError, did_you_mean

OPTIONS = {
    "theme": ("light", "dark", "auto"),
    "font-size": ("small", "medium", "large"),
    "lang": ("en",),
}


def _check(ctx: RenderContext, key: str, section: str) -> None:
    page = ctx.pages.get(key)
    if page is None:
        raise ContentError(f"unknown page key '{key}'", did_you_mean(key, ctx.pages, "docs/"))
    if section and section not in {s.id for s in page.sections}:
        raise ContentError(f"page '{key}' has no section '{section}'",
                           did_you_mean(section, [s.id for s in page.sections], page.path))


def fence(code: str, lang: str = "html") -> str:
    return f"\n```{lang}\n{code.rstrip()}\n```\n"


def loader_snippet(ctx: RenderContext, key: str, section: str = "", **options: str) -> str:
    _check(ctx, key, section)
    page = ctx.pages[key]
    attrs = f' data-dng-embed="{key}"' + (f' data-dng-section="{section}"' if section else "")
    attrs += "".join(f' data-dng-{name.replace("_", "-")}="{value}"' for name, value in options.items())
    url = ctx.site_url + page.url + (f"#{section}" if section else "")
    title = page.meta.get("title", key)
    return fence(f'<div{attrs}><a href="{url}">{title}</a></div>\n'
                 f'<script src="{ctx.site_url}embed.js" async></script>')


def iframe_snippet(ctx: RenderContext, key: str, section: str = "") -> str:
    _check(ctx, key, section)
    src = ctx.site_url + embeds.embed_key_url(key, section)
    title = ctx.pages[key].meta.get("title", key)
    return fence(f'<iframe src="{src}" title="Dry Needling Guide: {title}"\n'
                 f'        width="100%" height="800" loading="lazy" style="border:0"></iframe>')


def live_example(ctx: RenderContext, key: str, section: str = "", height: int = 420, **options: str) -> Markup:
    """An iframe of an embed page with the given options, as a clinic would see it."""
    _check(ctx, key, section)
    query = []
    for name, value in options.items():
        name = name.replace("_", "-")
        allowed = OPTIONS.get(name)
        if name == "accent":
            if not (value.startswith("#") and len(value) in (4, 7)):
                raise ContentError(f"bad accent '{value}'", "write #rgb or #rrggbb")
        elif allowed is None or value not in allowed:
            raise ContentError(f"bad embed option {name}={value!r}", f"allowed: {allowed or 'theme, accent, font-size, lang'}")
        query.append(f"{name}={value.replace('#', '%23')}")
    src = ctx.href(embeds.embed_key_url(key, section)) + ("?" + "&".join(query) if query else "")
    label = ", ".join(f"{n.replace('_', '-')}: {v}" for n, v in options.items()) or "default options"
    title = ctx.pages[key].meta.get("title", key)
    return Markup('\n\n<figure class="dng-live-example"><iframe src="{}" title="Example embed of {} ({})" '
                  'loading="lazy" style="width:100%;height:{}px;border:1px solid var(--dng-border)"></iframe>'
                  '<figcaption>Live example: {} ({})</figcaption></figure>\n\n').format(
        src, title, label, height, title, label)


def nginx(ctx: RenderContext) -> str:
    return fence(headers.nginx_example(ctx.site_url), "nginx")
