"""The Content-Security-Policy: which inline scripts may run, and the policy that says so.

The allowed inline scripts are a promise made by our templates, so they are
computed from the templates (Material's and overrides/), rendered with Jinja,
and never collected from the built pages: a script injected into a page must
fail the build, not widen the policy. The same policy is sent as a header
(macros/publish/headers.py) and written into every page as a <meta> tag (main.html),
for hosts such as GitHub Pages that send no headers.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jinja2 import ChainableUndefined
from mkdocs.commands.build import get_context
from mkdocs.structure.nav import Navigation
from mkdocs.utils import is_error_template

from macros.content.urls import page_key, page_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Directives that work both in a header and in a <meta> tag. No 'unsafe-inline'
# anywhere: styles come from files only (scripts setting element.style through
# CSSOM, as Material's bundle does, are not affected by CSP).
DIRECTIVES = (
    "default-src 'self'",
    "img-src 'self' data:",  # Material's icons are data: SVGs in its CSS
    "style-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

# Data blocks the theme and our templates write (Material's config, JSON-LD): browsers
# never run them. Every other type counts as a script, legacy JavaScript types included.
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}

# The template that renders a Markdown page unless its front matter names another.
DEFAULT_PAGE_TEMPLATE = "main.html"



class InlineScripts(HTMLParser):
    """Collects the text of each executable <script> without src, as the browser hashes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # script text is raw text: never unescaped
        self.bodies: list[str] = []
        self._body: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = dict(attrs)
        executable = (values.get("type") or "").strip().lower() not in DATA_BLOCK_TYPES
        self._body = [] if executable and "src" not in values else None

    def handle_data(self, data: str) -> None:
        if self._body is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._body is not None:
            self.bodies.append("".join(self._body))
            self._body = None


def inline_scripts(html: str) -> list[str]:
    """The bodies of the executable inline scripts in an HTML document, in order."""
    parser = InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.bodies


def sha256_source(body: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _deepest_page(config: MkDocsConfig) -> int:
    """How many folders deep the deepest page of this build is.

    Theme scripts differ by depth only through base_url ("..", "../..", ...).
    Keys come from the Markdown files, so this reads docs_dir, not the output.
    Embed copies, deeper, do not count: their template (embed.html) is not the
    theme's and writes no inline script (they run under EMBED_POLICY).
    """
    docs = Path(config["docs_dir"])
    keys = [page_key(path.relative_to(docs).as_posix()) for path in docs.rglob("*.md")]
    return max((page_url(key).count("/") for key in keys), default=0)


def _page_templates(config: MkDocsConfig) -> set[str]:
    """The templates pages are rendered with: main.html and every page template in overrides/."""
    custom_dir = config["theme"].custom_dir
    found = {path.name for path in Path(custom_dir).glob("*.html")} if custom_dir else set()
    return found | {DEFAULT_PAGE_TEMPLATE}


def _render_scripts(config: MkDocsConfig) -> frozenset[str]:
    # A page-less render (page=None, every lookup through it empty) gives what every page
    # of a template has in common; the theme's inline scripts depend only on config,
    # features and base_url. A script that some page adds on its own is missing here,
    # and the post-build scan (unexpected_inline_scripts) then fails the build: the
    # error is loud, never a silently wider policy.
    env = config["theme"].get_env().overlay(undefined=ChainableUndefined, cache_size=50)
    # Every depth from 0 to the deepest has a page here (home, safety/, compare/x/, ...),
    # and with navigation.instant one page's policy must admit
    # every page's scripts, so every template is rendered at every depth.
    relative_bases = ["."] + ["/".join([".."] * depth) for depth in range(1, _deepest_page(config) + 1)]
    # MkDocs renders error pages (404.html) with the site's absolute path as base_url.
    error_base = urlsplit(config["site_url"] or "/").path
    bodies: set[str] = set()
    for name in sorted(_page_templates(config)):
        template = env.get_template(name)
        for base_url in [error_base] if is_error_template(name) else relative_bases:
            context = get_context(Navigation([], []), [], config, base_url=base_url)
            bodies.update(inline_scripts(template.render(context)))
    return frozenset(bodies)


def allowed_inline_scripts(config: MkDocsConfig) -> frozenset[str]:
    """The exact bodies of the inline scripts our templates emit in this build (the Site keeps them)."""
    return _render_scripts(config)


def script_hashes(scripts: frozenset[str]) -> list[str]:
    """The CSP hashes of the allowed inline scripts, sorted so the output is stable."""
    return sorted(sha256_source(body) for body in scripts)


def script_src(hashes: list[str]) -> str:
    return " ".join(["script-src 'self'", *hashes])


def policy(hashes: list[str], frame_ancestors: str | None = None) -> str:
    """The site's policy. Without frame_ancestors it is the <meta> form: browsers ignore
    frame-ancestors in a <meta> tag, so only a header can say who may frame a page."""
    framing = [f"frame-ancestors {frame_ancestors}"] if frame_ancestors else []
    return "; ".join([*DIRECTIVES, script_src(hashes), *framing])


def embed_policy() -> str:
    """The <meta> policy of embed pages: the site's, without any inline script (embed.html writes none)."""
    return policy([])


def unexpected_inline_scripts(html: str, allowed: frozenset[str]) -> list[str]:
    """Inline scripts in `html` that the templates do not emit (first 80 characters of each)."""
    return [body[:80] for body in inline_scripts(html) if body not in allowed]
