"""The last gate: a finished HTML page holds no active content our own templates did not produce.

Runs on every page after the theme wrote it (`on_post_page`), and again on the
pages the build writes itself. It never trusts what it finds: inline scripts are
compared with the set the templates emit (macros/publish/csp.py computes it from the
templates, not from this output), so an injected script fails the build even if
every earlier layer missed it.
"""

from __future__ import annotations

from collections.abc import Collection

from macros.publish.csp import InlineScripts
from macros.sanitise import safe_url

NEVER_ALLOWED = frozenset({"object", "embed", "frame", "frameset", "applet", "portal"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"})
# The one <meta http-equiv> our templates write, and the one <base> (embeds: links open in the top window).
OWN_META_HTTP_EQUIV = frozenset({"content-security-policy"})
OWN_BASE = (("target", "_top"),)


class _Scanner(InlineScripts):
    """One parse of the page: what csp.py's reading collects (inline script bodies), plus what is refused."""

    def __init__(self, embed_prefixes: tuple[str, ...]) -> None:
        super().__init__()
        self.embed_prefixes = embed_prefixes
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        names = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag}> has an event handler '{name}='")
            elif name in URL_ATTRIBUTES and value and not _url_ok(tag, name, value):
                self.found.append(f"<{tag} {name}=\"{value[:60]}\"> uses a URL scheme that is not allowed")
            elif name == "style":
                self.found.append(f"<{tag}> has a style attribute (the CSP allows no inline styles)")
        if tag in NEVER_ALLOWED:
            self.found.append(f"<{tag}> element")
        elif tag == "iframe" and not names.get("src", "").startswith(self.embed_prefixes):
            self.found.append(f"<iframe> that is not one of our embed examples: {names.get('src', '')[:60]}")
        elif tag == "meta" and "http-equiv" in names and names["http-equiv"].lower() not in OWN_META_HTTP_EQUIV:
            self.found.append(f"<meta http-equiv=\"{names['http-equiv']}\">")
        elif tag == "base" and tuple(sorted(names.items())) != OWN_BASE:
            self.found.append("<base> element that our templates did not write")
        elif tag == "script" and "src" in names and not safe_url(names["src"], "src"):
            self.found.append(f"<script src=\"{names['src'][:60]}\"> from outside the site")


def _url_ok(tag: str, name: str, value: str) -> bool:
    if name == "srcset":
        return all(safe_url(part.strip().split(" ")[0], "src") for part in value.split(",") if part.strip())
    if tag in ("link", "script", "img", "iframe", "source") or name != "href":
        # Resources load from the site itself; link rel=canonical/alternate carry our own absolute URLs.
        return safe_url(value, "href" if tag in ("link", "iframe") else "src")
    return safe_url(value, "href")


def scan(html: str, allowed_scripts: Collection[str], embed_prefixes: tuple[str, ...] = ("embed/", "../")) -> list[str]:
    """What in `html` is active content our templates did not produce (empty when the page is clean)."""
    scanner = _Scanner(embed_prefixes)
    scanner.feed(html)
    scanner.close()
    # Inline scripts: compared with what the templates write, read as csp.py reads them.
    scripts = [f"inline <script> our templates do not write: {body.strip()[:60]!r}"
               for body in scanner.bodies if body not in allowed_scripts]
    return scanner.found + scripts
