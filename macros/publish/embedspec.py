"""The embed interface, defined once: option names and values, the frame's attributes, addresses.

The loader (/embed.js) gets this as JSON written into it at build time; the script
inside every embed page reads the same JSON from a generated file (CHILD_SPEC);
the clinics page's snippets and checks use it directly.
"""

from __future__ import annotations

import json

from macros.content import urls

# Look-at-home options a clinic may set, in the order they appear in an embed's address,
# each with its allowed values (None: the accent colour, checked by ACCENT_PATTERN).
OPTIONS: dict[str, tuple[str, ...] | None] = {
    "theme": ("light", "dark", "auto"),
    "accent": None,
    "font-size": ("small", "medium", "large"),
    "lang": ("en",),
}
ACCENT_PATTERN = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
MAX_VALUE_LENGTH = 10
MAX_KEY_LENGTH = 100

# Every frame gets these attributes (the loader's and the plain-frame snippet's).
# no-referrer: we use no referrer, and a clinic's page address can say what a reader is
#   being treated for. (The browser default would send the clinic's origin; a host page
#   with a laxer Referrer-Policy would send its full address.)
# sandbox: the frame may run its own script (theme, height messages, tooltips' Escape key)
#   and, on a click, open a link in the top window (target="_top"), or in a new tab or
#   window (allow-popups; escaping the sandbox so our full page works there). Nothing else:
#   no forms, dialogs, downloads or navigation of the host page without a click. Without
#   allow-same-origin its origin is "null", so the loader matches messages by their source.
FRAME = {
    "referrerpolicy": "no-referrer",
    "sandbox": "allow-scripts allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox",
}

# Where the embed pages find the spec (a generated file under the site, see plugin.on_files).
CHILD_SPEC = "assets/javascripts/embed-spec.js"


def spec() -> dict[str, object]:
    return {
        "key": urls.KEY_PATTERN,
        "section": urls.SECTION_PATTERN,
        "max": MAX_KEY_LENGTH,
        "options": OPTIONS,
        "accent": ACCENT_PATTERN,
        "maxValue": MAX_VALUE_LENGTH,
        "frame": FRAME,
        # Address shapes, with {key} and {section} for the script to fill in.
        "page": urls.embed_url("{key}"),
        "section_page": urls.embed_url("{key}", "{section}"),
        # A care card: data-dng-embed="care/<tier>", listed by tier in the catalogue's "care";
        # its address is a page's (`page`, with the key care/<tier>).
        "care_prefix": urls.care_embed_key(""),
        "catalogue": urls.api_url("pages"),
        "loader": urls.LOADER,
    }


def spec_json() -> str:
    return json.dumps(spec(), separators=(",", ":"))


def child_script() -> str:
    return f"window.dngEmbedSpec={spec_json()};\n"
