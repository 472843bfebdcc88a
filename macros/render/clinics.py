"""Blocks for the for-clinics page: the embed builder, copyable snippets, live examples, the options table.

Raw <script> and <iframe> are banned in Markdown; these macros build them from
the site's own URLs so that the examples always match the published site.
The two snippets clinics paste have one shape each (LOADER_TEMPLATE, IFRAME_TEMPLATE):
Python fills them for the page's written examples, and the builder script
(docs/assets/javascripts/embed-builder.js) fills the same strings in the browser.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from macros.content import urls
from macros.errors import ContentError, did_you_mean
from macros.publish import embeds, embedspec, headers
from macros.render import handouts
from macros.render.context import RenderContext

# The snippets' shapes: {name} is filled with an escaped value (fill() and the builder's fill()).
LOADER_TEMPLATE = '<div{attributes}><a href="{url}">{title}</a></div>\n<script src="{loader}" async></script>'
ATTRIBUTE_TEMPLATE = ' data-dng-{name}="{value}"'
IFRAME_TEMPLATE = ('<iframe src="{src}" title="Dry Needling Guide: {title}"\n'
                   '        width="100%" height="800" loading="lazy" style="border:0"{protection}></iframe>')
PROTECTION_TEMPLATE = '\n        {name}="{value}"'
SLOT = re.compile(r"\{([a-z]+)\}")
# What encodeURIComponent leaves as it is, beyond letters, digits and -_.~ (which quote() keeps too).
URI_COMPONENT_SAFE = "!'()*"

# The builder's script, relative to the site root; loaded by the builder block only (no other page needs it).
BUILDER_SCRIPT = "assets/javascripts/embed-builder.js"

# What each option is for, in words, for the options table and the builder's labels. Names and
# values come from embedspec; only the words live here (a test holds the keys to OPTION_NAMES).
OPTION_WORDS: dict[str, dict[str, str]] = {
    "theme": {"label": "Colours", "help": "light, dark, or auto (follows the reader's setting)"},
    "accent": {"label": "Link colour", "help": "a colour as #rgb or #rrggbb, used for links",
               "default": "our teal", "example": "#0a6e6e",
               "invalid": "Write a colour as # and then 3 or 6 of the digits 0-9 and letters a-f, like #0a6e6e. "
                          "Until then no link colour is set."},
    "font-size": {"label": "Text size", "help": "small, medium or large"},
    "lang": {"label": "Language", "help": "en (more when translations exist)"},
    "heading": {"label": "Section heading", "help": "h2 or h3 (the level that fits your page), or none to hide it"},
    "background": {"label": "Background", "help": "solid (ours), or transparent (your page's) with theme light "
                                                  "or dark"},
    "font": {"label": "Font", "help": "system (the reader's own), sans or serif; nothing is downloaded"},
    "radius": {"label": "Rounded corners", "help": "0, 4, 8 or 16 pixels"},
    "border": {"label": "Border", "help": "off or on: a thin line around the text"},
    "links": {"label": "Links open", "help": "same-tab or new-tab, for links that leave the embed"},
    "clinic": {"label": "Your clinic's name", "help": "plain text, up to 60 characters, shown as \"Shared by\" "
                                                      "your name", "default": "none", "example": "Harbour Physio",
               "invalid": "Use up to 60 letters, numbers, spaces and simple punctuation such as . , ' & ( ) -. "
                          "Signs such as < > \" / : ; = # are not allowed. Until then no name is shown."},
}
TRANSPARENT_NEEDS_THEME = ("A see-through background needs the light or dark colours, so the text stays "
                           "readable. Until you choose one, the background stays solid.")
# Handout fields: what is wrong with a value, in words (patterns: embedspec.HANDOUT_PATTERNS).
HANDOUT_WORDS: dict[str, dict[str, str]] = {
    "clinic": {"label": "Clinic name on the handout (optional)", "invalid": OPTION_WORDS["clinic"]["invalid"]},
    "phone": {"label": "Phone number on the handout (optional)",
              "invalid": "Use digits, spaces and + ( ) - only, up to 20. Until then no number is printed."},
}


def fill(template: str, **values: str) -> str:
    """A snippet template with each {name} replaced (values are escaped by the caller)."""
    return SLOT.sub(lambda m: values[m.group(1)], template)


def attribute(value: str) -> str:
    """Text as clinics paste it into HTML: escaped, never markup (the builder's escapeHtml does the same)."""
    return html.escape(value, quote=True)


def uri_component(value: str) -> str:
    """As JavaScript's encodeURIComponent encodes it (the loader and the builder use that)."""
    return quote(value, safe=URI_COMPONENT_SAFE)


def _check(ctx: RenderContext, key: str, section: str) -> None:
    page = ctx.pages.get(key)
    if page is None:
        raise ContentError(f"unknown page key '{key}'", did_you_mean(key, ctx.pages, "docs/"))
    if section and section not in {s.id for s in page.sections}:
        raise ContentError(f"page '{key}' has no section '{section}'",
                           did_you_mean(section, [s.id for s in page.sections], page.path))


def checked_options(options: dict[str, str]) -> dict[str, str]:
    """Embed options by their published names, in address order, each allowed by embedspec.valid."""
    given = {name.replace("_", "-"): str(value) for name, value in options.items()}
    for name, value in given.items():
        if name not in embedspec.OPTION_NAMES:
            raise ContentError(f"unknown embed option '{name}'",
                               did_you_mean(name, list(embedspec.OPTION_NAMES), "options: "))
        if not embedspec.valid(name, value):
            allowed = embedspec.CHOICES.get(name)
            raise ContentError(f"bad embed option {name}={value!r}",
                               f"allowed: {', '.join(allowed)}" if allowed else OPTION_WORDS[name]["invalid"])
    if given.get("background") == "transparent" and given.get("theme") not in embedspec.TRANSPARENT_THEMES:
        raise ContentError("background='transparent' without theme='light' or theme='dark'",
                           TRANSPARENT_NEEDS_THEME)
    return {name: given[name] for name in embedspec.OPTION_NAMES if name in given}


def fence(code: str, lang: str = "html") -> str:
    return f"\n```{lang}\n{code.rstrip()}\n```\n"


def loader_text(ctx: RenderContext, key: str, section: str = "", **options: str) -> str:
    """The loader snippet for a page or section, as text (the builder makes the same for the same choice)."""
    _check(ctx, key, section)
    page = ctx.pages[key]
    named = {"embed": key, **({"section": section} if section else {}), **checked_options(options)}
    attributes = "".join(fill(ATTRIBUTE_TEMPLATE, name=name, value=attribute(value)) for name, value in named.items())
    url = ctx.site_url + urls.page_url(key) + (f"#{section}" if section else "")
    # Clinics paste this text into their own pages: the title goes in escaped, never as markup.
    return fill(LOADER_TEMPLATE, attributes=attributes, url=attribute(url),
                title=attribute(str(page.checked_info.title)), loader=attribute(ctx.site_url + urls.LOADER))


def loader_snippet(ctx: RenderContext, key: str, section: str = "", **options: str) -> str:
    return fence(loader_text(ctx, key, section, **options))


def iframe_text(ctx: RenderContext, key: str, section: str = "", **options: str) -> str:
    """The plain-frame snippet: the loader's frame attributes (referrer policy, sandbox; embedspec.py
    says why), so that a plain frame is no less protected, and the options in the query string."""
    _check(ctx, key, section)
    query = "&".join(f"{name}={uri_component(value)}" for name, value in checked_options(options).items())
    src = ctx.site_url + urls.embed_url(key, section) + (f"?{query}" if query else "")
    protection = "".join(fill(PROTECTION_TEMPLATE, name=name, value=attribute(value))
                         for name, value in embedspec.FRAME.items())
    return fill(IFRAME_TEMPLATE, src=attribute(src), title=attribute(str(ctx.pages[key].checked_info.title)),
                protection=protection)


def iframe_snippet(ctx: RenderContext, key: str, section: str = "", **options: str) -> str:
    return fence(iframe_text(ctx, key, section, **options))


def csp_lines(site_url: str) -> dict[str, list[str]]:
    """What a clinic's own Content-Security-Policy must allow, by way of embedding. The loader is a
    script from our site, reads our page list (connect-src) and makes frames of our pages."""
    parts = urlsplit(site_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    return {"loader": [f"script-src {origin}", f"connect-src {origin}", f"frame-src {origin}"],
            "iframe": [f"frame-src {origin}"]}


def csp_snippet(ctx: RenderContext, way: str = "loader") -> str:
    """The directives for one way of embedding ("loader" or "iframe"), one per line."""
    lines = csp_lines(ctx.site_url)
    if way not in lines:
        raise ContentError(f"unknown way of embedding '{way}'", f"write one of: {', '.join(lines)}")
    return fence("\n".join(lines[way]), "text")


# The size messages as the for-clinics page shows them: the spec's fields first, then an example
# of what the height message adds (from embed-child.js's send()).
MESSAGES: dict[str, dict[str, object]] = {
    "height": {**embedspec.HEIGHT_MESSAGE, "height": 1234, "key": "safety", "section": "side-effects"},
    "request": dict(embedspec.HEIGHT_REQUEST),
}


def message_snippet(ctx: RenderContext, name: str = "height") -> str:
    """One size message as JSON, from the spec (the page never retypes its type or version)."""
    if name not in MESSAGES:
        raise ContentError(f"unknown size message '{name}'", f"write one of: {', '.join(MESSAGES)}")
    text = json.dumps(MESSAGES[name], separators=(", ", ": "))
    return fence("{ " + text[1:-1] + " }", "json")


def handout_keys(ctx: RenderContext) -> list[str]:
    """Pages that have a one-page handout (/handouts/<key>/): the builder offers the handout link
    for these pages only."""
    return handouts.handout_keys(ctx.build)


def item_pages() -> dict[str, str]:
    """The page each kind of single item comes from: the builder lists claims under the claims page,
    terms under the glossary, care cards under the safety page's urgent help."""
    kinds = urls.ITEM_EMBEDS
    return {kinds[urls.CLAIM_EMBED]: urls.CLAIMS.strip("/"), kinds[urls.TERM_EMBED]: urls.GLOSSARY.strip("/"),
            kinds[urls.CARE_EMBED]: embeds.CARE_HOME[0]}


def builder_data(ctx: RenderContext) -> dict[str, object]:
    """Everything the builder script needs from the build, in one JSON attribute."""
    return {
        "spec": embedspec.spec(),
        "site": ctx.site_url,
        "root": ctx.href(""),  # the site root from this page: the page list and previews are read same-origin
        "templates": {"loader": LOADER_TEMPLATE, "attribute": ATTRIBUTE_TEMPLATE, "iframe": IFRAME_TEMPLATE,
                      "protection": PROTECTION_TEMPLATE},
        "words": OPTION_WORDS,
        "transparent": TRANSPARENT_NEEDS_THEME,
        "handout_words": HANDOUT_WORDS,
        "csp": csp_lines(ctx.site_url),
        "handouts": handout_keys(ctx),
        "item_pages": item_pages(),
        "message": embedspec.HEIGHT_MESSAGE,
        "request": embedspec.HEIGHT_REQUEST,
    }


def builder(ctx: RenderContext) -> Markup:
    """Where the builder appears: an empty block with the build's data, and its script. The written
    instructions around it are the page's own text; the script hides the ones marked for no script.
    Embed copies of the page get nothing here (the builder belongs on our own page)."""
    if ctx.absolute:
        return Markup("")
    root = ctx.href("")
    block = Markup('<div class="dng-builder" id="dng-builder" data-dng-builder="{}"></div>'
                   '<script src="{}" defer></script>').format(json.dumps(builder_data(ctx), separators=(",", ":")),
                                                              root + BUILDER_SCRIPT)
    # Allowed past the output sanitiser, which removes every script and data attribute an editor could
    # write: this block is built from the build's own data (see macros/sanitise.py).
    return Markup("\n\n") + Markup(ctx.build.trusted.add(str(block))) + Markup("\n\n")


def options_table(ctx: RenderContext) -> str:
    """The options table, made from embedspec: every option, its values and its default."""
    rows = ["| Attribute | Query | Values | Default |", "| --- | --- | --- | --- |"]
    for name in embedspec.OPTION_NAMES:
        words = OPTION_WORDS[name]
        choices = embedspec.CHOICES.get(name)
        values = ", ".join(f"`{value}`" for value in choices) + f": {words['help']}" if choices else words["help"]
        default = f"`{choices[0]}`" if choices else words["default"]
        rows.append(f"| `data-dng-{name}` | `{name}` | {values} | {default} |")
    return "\n" + "\n".join(rows) + "\n"


def live_example(ctx: RenderContext, key: str, section: str = "", height: int = 420, **options: str) -> Markup:
    """A frame of an embed page with the given options, as a clinic would see it. It has the loader's
    frame attributes; the builder script makes it follow the embed's height (without the script it
    keeps `height` and scrolls)."""
    _check(ctx, key, section)
    checked = checked_options(options)
    query = "&".join(f"{name}={uri_component(value)}" for name, value in checked.items())
    src = ctx.href(urls.embed_url(key, section)) + (f"?{query}" if query else "")
    label = ", ".join(f"{name}: {value}" for name, value in checked.items()) or "default options"
    title = ctx.pages[key].checked_info.title
    protection = Markup("").join(Markup(' {}="{}"').format(name, value) for name, value in embedspec.FRAME.items())
    # A height attribute and a class, not style="": the policy has no 'unsafe-inline' for styles.
    frame = Markup('<iframe src="{}" title="Example embed of {} ({})" loading="lazy" '
                   'class="dng-live-example__frame" height="{}"{}></iframe>').format(
                       src, title, label, int(height), protection)
    # The output sanitiser removes every iframe an editor could write; this one, built from
    # checked options, is handed over as trusted output (see macros/sanitise.py).
    return (Markup('\n\n<figure class="dng-live-example">') + Markup(ctx.build.trusted.add(str(frame)))
            + Markup('<figcaption>Live example: {} ({})</figcaption></figure>\n\n').format(title, label))


def nginx(ctx: RenderContext) -> str:
    """The nginx lines, with this build's script hashes (known from the templates)."""
    return fence(headers.nginx_example(ctx.site_url, ctx.build.script_hashes), "nginx")
