"""Blocks for the for-clinics page: copyable snippets and live examples.

Raw <script> and <iframe> are banned in Markdown; these macros build them from
the site's own URLs so that the examples always match the published site.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from macros.content import urls
from macros.errors import ContentError, did_you_mean
from macros.publish import embedspec, headers
from macros.render.context import RenderContext


def _check(ctx: RenderContext, key: str, section: str) -> None:
    page = ctx.pages.get(key)
    if page is None:
        raise ContentError(f"unknown page key '{key}'", did_you_mean(key, ctx.pages, "docs/"))
    if section and section not in {s.id for s in page.sections}:
        raise ContentError(f"page '{key}' has no section '{section}'",
                           did_you_mean(section, [s.id for s in page.sections], page.path))


ACCENT = re.compile(embedspec.ACCENT_PATTERN)


def _checked_options(options: dict[str, str]) -> dict[str, str]:
    """Embed options by their published names, each value from its allow-list (an accent: #rgb/#rrggbb)."""
    checked = {}
    for name, value in options.items():
        name = name.replace("_", "-")
        allowed = embedspec.OPTIONS.get(name)
        if name == "accent":
            if not ACCENT.match(str(value)):
                raise ContentError(f"bad accent '{value}'", "write #rgb or #rrggbb")
        elif allowed is None or value not in allowed:
            raise ContentError(f"bad embed option {name}={value!r}",
                               f"allowed: {allowed or ', '.join(embedspec.OPTIONS)}")
        checked[name] = str(value)
    return checked


def fence(code: str, lang: str = "html") -> str:
    return f"\n```{lang}\n{code.rstrip()}\n```\n"


def loader_snippet(ctx: RenderContext, key: str, section: str = "", **options: str) -> str:
    _check(ctx, key, section)
    page = ctx.pages[key]
    attrs = f' data-dng-embed="{key}"' + (f' data-dng-section="{section}"' if section else "")
    attrs += "".join(f' data-dng-{name}="{value}"' for name, value in _checked_options(options).items())
    url = ctx.site_url + page.url + (f"#{section}" if section else "")
    # Clinics paste this text into their own pages: the title goes in escaped, never as markup.
    title = html.escape(str(page.checked_info.title))
    return fence(f'<div{attrs}><a href="{url}">{title}</a></div>\n'
                 f'<script src="{ctx.site_url}{urls.LOADER}" async></script>')


def iframe_snippet(ctx: RenderContext, key: str, section: str = "") -> str:
    _check(ctx, key, section)
    src = ctx.site_url + urls.embed_url(key, section)
    title = html.escape(str(ctx.pages[key].checked_info.title))
    # The loader's own frame attributes (referrer policy, sandbox; embedspec.py says why), so
    # that a plain frame is no less protected.
    protection = "".join(f'\n        {name}="{value}"' for name, value in embedspec.FRAME.items())
    return fence(f'<iframe src="{src}" title="Dry Needling Guide: {title}"\n'
                 f'        width="100%" height="800" loading="lazy" style="border:0"{protection}></iframe>')


def live_example(ctx: RenderContext, key: str, section: str = "", height: int = 420, **options: str) -> Markup:
    """An iframe of an embed page with the given options, as a clinic would see it."""
    _check(ctx, key, section)
    query = [f"{name}={value.replace('#', '%23')}" for name, value in _checked_options(options).items()]
    src = ctx.href(urls.embed_url(key, section)) + ("?" + "&".join(query) if query else "")
    label = ", ".join(f"{n.replace('_', '-')}: {v}" for n, v in options.items()) or "default options"
    title = ctx.pages[key].checked_info.title
    # A height attribute and a class, not style="": the policy has no 'unsafe-inline' for styles.
    frame = Markup('<iframe src="{}" title="Example embed of {} ({})" loading="lazy" '
                   'class="dng-live-example__frame" height="{}"></iframe>').format(src, title, label, int(height))
    # The output sanitiser removes every iframe an editor could write; this one, built from
    # checked options, is handed over as trusted output (see macros/sanitise.py).
    return (Markup('\n\n<figure class="dng-live-example">') + Markup(ctx.build.trusted.add(str(frame)))
            + Markup('<figcaption>Live example: {} ({})</figcaption></figure>\n\n').format(title, label))


def nginx(ctx: RenderContext) -> str:
    """The nginx lines, with this build's script hashes (known from the templates)."""
    return fence(headers.nginx_example(ctx.site_url, ctx.build.script_hashes), "nginx")
