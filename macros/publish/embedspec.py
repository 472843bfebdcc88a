"""The embed interface, defined once: option names and values, the frame's attributes, addresses.

The loader (/embed.js) gets this as JSON written into it at build time; the script
inside every embed page reads the same JSON from a generated file (CHILD_SPEC);
the clinics page's snippets and checks use it directly.
"""

from __future__ import annotations

import json
import re

from macros.content import urls

# Look-at-home options a clinic may set, in the order they appear in an embed's address.
# Each is a list of allowed values (CHOICES) or a pattern for a free value (PATTERNS); the
# first choice is the default. Anything else is ignored: never reflected, never half-used.
CHOICES: dict[str, tuple[str, ...]] = {
    "theme": ("light", "dark", "auto"),
    "font-size": ("small", "medium", "large"),
    "lang": ("en",),
    # The section heading's level, or none (the host page has its own).
    "heading": ("h2", "h3", "none"),
    # Our background, or the host page's (only with theme light or dark: TRANSPARENT_THEMES).
    "background": ("solid", "transparent"),
    # Generic families only: nothing is downloaded, the reader's own fonts are used.
    "font": ("system", "sans", "serif"),
    # Corner radius in CSS pixels of the frame's box, and whether it has a border.
    "radius": ("0", "4", "8", "16"),
    "border": ("off", "on"),
    # Where links that leave the embed open.
    "links": ("same-tab", "new-tab"),
}
ACCENT_PATTERN = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
# A clinic's name: plain text, 1-60 characters, no control, formatting or direction characters,
# no markup or code characters. Written with \uXXXX escapes only, so Python's re and
# JavaScript's RegExp read it the same way. Shown as text ("Shared by ..."), never as markup.
CLINIC_PATTERN = (r"^(?=.*[^ ])[^\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e"
                  r"\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff0-\uffff"
                  r"<>\"`\\{}\[\]|^~;:=/*$%#@!?]{1,60}$")
# A phone number printed on a handout: digits, spaces and +()- only, at most 20, at least one digit.
PHONE_PATTERN = r"^(?=.*[0-9])[0-9 +()\-]{1,20}$"
PATTERNS: dict[str, str] = {"accent": ACCENT_PATTERN, "clinic": CLINIC_PATTERN}
# Every embed option, in address order (the query string, data-dng-<name> on the loader's placeholder).
OPTION_NAMES: tuple[str, ...] = ("theme", "accent", "font-size", "lang", "heading", "background", "font",
                                 "radius", "border", "links", "clinic")
# Backwards-compatible view for callers that only knew enumerations: name -> values, or None for a pattern.
OPTIONS: dict[str, tuple[str, ...] | None] = {name: CHOICES.get(name) for name in OPTION_NAMES}
# background=transparent only with one of these themes: the host's background must match the text colour.
TRANSPARENT_THEMES = ("light", "dark")
# That rule for the scripts, which read it from spec() instead of retyping it: the option, its value,
# and the option whose value must be one of TRANSPARENT_THEMES.
TRANSPARENT = ("background", "transparent", "theme")
# The longest value any option accepts (the clinic name); a longer value is ignored, not cut.
MAX_VALUE_LENGTH = 60
MAX_KEY_LENGTH = 100
# Options a handout (/handouts/<key>/?clinic=...&phone=...) accepts: printed at its top.
HANDOUT_PATTERNS: dict[str, str] = {"clinic": CLINIC_PATTERN, "phone": PHONE_PATTERN}


def valid(name: str, value: str) -> bool:
    """Is `value` allowed for embed option `name`? The one Python reading of CHOICES and PATTERNS
    (the scripts get the same tables through spec())."""
    if name in CHOICES:
        return value in CHOICES[name]
    pattern = PATTERNS.get(name) or HANDOUT_PATTERNS.get(name)
    return pattern is not None and len(value) <= MAX_VALUE_LENGTH and re.match(pattern, value) is not None


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

# The message an embed sends its parent whenever its height changes (format v1, documented on the
# for-clinics page under "Size messages"): the loader, the builder's preview and the page's live
# examples accept it; embed-child.js sends it. New fields may be added; `version` changes only if
# the format breaks its readers.
HEIGHT_MESSAGE: dict[str, str | int] = {"type": "dng-embed:height", "version": 1}

# What a parent posts to an embed's window to hear its height again: a page whose listener started
# after the frame had loaded (the for-clinics page's live examples, a host page's own script) would
# otherwise wait for a change that never comes. The embed answers only its own parent, with a
# HEIGHT_MESSAGE; nothing else in it changes.
HEIGHT_REQUEST: dict[str, str | int] = {"type": "dng-embed:height-request", "version": 1}

# Where the embed pages find the spec (a generated file under the site, see plugin.on_files).
CHILD_SPEC = "assets/javascripts/embed-spec.js"


def spec() -> dict[str, object]:
    return {
        "key": urls.KEY_PATTERN,
        "section": urls.SECTION_PATTERN,
        "max": MAX_KEY_LENGTH,
        "options": OPTIONS,
        "names": OPTION_NAMES,
        "choices": CHOICES,
        "patterns": PATTERNS,
        "handout": HANDOUT_PATTERNS,
        "transparent_themes": TRANSPARENT_THEMES,
        "transparent": TRANSPARENT,
        "accent": ACCENT_PATTERN,
        "maxValue": MAX_VALUE_LENGTH,
        "frame": FRAME,
        "height_message": HEIGHT_MESSAGE,
        "height_request": HEIGHT_REQUEST,
        # Address shapes, with {key} and {section} for the script to fill in.
        "page": urls.embed_url("{key}"),
        "section_page": urls.embed_url("{key}", "{section}"),
        # A care card: data-dng-embed="care/<tier>", listed by tier in the catalogue's "care";
        # its address is a page's (`page`, with the key care/<tier>).
        "care_prefix": urls.care_embed_key(""),
        # Claims, glossary terms and care cards: key prefix -> kind; pages.json lists them in "items".
        "items": {prefix + "/": kind for prefix, kind in urls.ITEM_EMBEDS.items()},
        "handout_page": urls.handout_url("{key}"),
        "catalogue": urls.api_url("pages"),
        "loader": urls.LOADER,
    }


def spec_json() -> str:
    return json.dumps(spec(), separators=(",", ":"))


def child_script() -> str:
    return f"window.dngEmbedSpec={spec_json()};\n"
