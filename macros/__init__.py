"""Dry Needling Guide's macros for mkdocs-macros: the names pages call.

This module only binds names to functions; the logic lives in the sibling
modules, each tested on its own. See CONTRIBUTING.md for the macro reference.
"""

from __future__ import annotations

from markupsafe import Markup

from . import changes, claims, clinics, comparisons, faq, glossary, inline, references, sandbox, state
from .context import RenderContext
from .datastore import Origin

_ctx: RenderContext | None = None


def _context() -> RenderContext:
    if _ctx is None:
        raise RuntimeError("no page is being rendered")
    return _ctx


def term(key: str, text: str | None = None) -> Markup:
    """A glossary term, linked with a tooltip on first use."""
    return inline.term(_context(), key, text)


def cite(*keys: str) -> Markup:
    """Numbered citation link(s) to references."""
    return inline.cite(_context(), *keys)


def grade(key: str) -> Markup:
    """An evidence-grade badge."""
    return inline.grade(_context(), key)


def verdict(key: str) -> Markup:
    """A claim-verdict badge."""
    return inline.verdict(_context(), key)


def page_link(key: str, section: str = "", text: str | None = None) -> Markup:
    """A link to a page or section by key."""
    return inline.page_link(_context(), key, section, text)


def comparison(key: str) -> Markup:
    """A comparison table from comparisons.yml."""
    return Markup("\n\n") + comparisons.comparison_html(_context(), key) + Markup("\n\n")


def comparison_summary(key: str) -> Markup:
    """The summary paragraph of a comparison."""
    return comparisons.comparison_summary_html(_context(), key)


def comparison_list() -> Markup:
    """Links to every comparison page."""
    return Markup("\n\n") + comparisons.comparison_list_html(_context()) + Markup("\n\n")


def glossary_entries() -> str:
    """Every glossary term, A to Z."""
    return glossary.glossary_markdown(_context())


def faq_entries() -> str:
    """Every FAQ entry."""
    return faq.faq_markdown(_context())


def faq_entry(key: str) -> str:
    """One FAQ entry."""
    return faq.faq_entry_markdown(_context(), key)


def claims_list() -> str:
    """Every claim with its verdict."""
    return claims.claims_markdown(_context())


def reference_list() -> Markup:
    """Every reference with its key as anchor."""
    return Markup("\n\n") + references.all_references_html(_context()) + Markup("\n\n")


def changes_list() -> Markup:
    """The change log from git history."""
    return Markup("\n\n") + changes.changes_html(_context(), state.current()) + Markup("\n\n")


def embed_loader_snippet(key: str, section: str = "", **options: str) -> str:
    """A copyable loader snippet for a page or section."""
    return clinics.loader_snippet(_context(), key, section, **options)


def embed_iframe_snippet(key: str, section: str = "") -> str:
    """A copyable plain-iframe snippet."""
    return clinics.iframe_snippet(_context(), key, section)


def embed_example(key: str, section: str = "", height: int = 420, **options: str) -> Markup:
    """A live embed example."""
    return clinics.live_example(_context(), key, section, height, **options)


def nginx_headers() -> str:
    """The nginx lines for the recommended headers."""
    return clinics.nginx(_context())


def site_url() -> str:
    """The site's absolute URL, with a trailing slash."""
    return state.current().site_url


def counts() -> dict:
    """Sizes of the data, for the home and about pages."""
    site = _context().site
    return {"terms": len(site.glossary), "references": len(site.references),
            "faq": len(site.faq), "claims": len(site.claims), "comparisons": len(site.comparisons)}

# The macros pages may call, by the name pages use: the only names in the page sandbox.
MACROS = {
    "glossary": glossary_entries,
    "faq": faq_entries,
    "claims": claims_list,
    "term": term,
    "cite": cite,
    "grade": grade,
    "verdict": verdict,
    "page_link": page_link,
    "comparison": comparison,
    "comparison_summary": comparison_summary,
    "comparison_list": comparison_list,
    "faq_entry": faq_entry,
    "reference_list": reference_list,
    "changes_list": changes_list,
    "embed_loader_snippet": embed_loader_snippet,
    "embed_iframe_snippet": embed_iframe_snippet,
    "embed_example": embed_example,
    "nginx_headers": nginx_headers,
    "site_url": site_url,
    "counts": counts,
}


def define_env(env) -> None:
    state.start(env.conf)
    # Only our macros: the plugin's own (context, macros_info, now, fix_url) would print
    # every variable, and the sandbox (macros/sandbox.py) holds exactly this table.
    env.macros.clear()
    for name, func in MACROS.items():
        env.macro(func, name)


def on_pre_page_macros(env) -> None:
    """Give each page its own context (citation numbers, first term uses)."""
    global _ctx
    build = state.current()
    jinja = sandbox.install(env)
    page = env.page
    meta = page.meta or {}
    source = state.source_of(build, page)
    path = source.path if source else f"docs/{page.file.src_uri}"
    offset = meta.get("dng_line_offset", source.render_offset if source else 0)
    jinja.where = sandbox.Where(path, offset)
    _ctx = RenderContext(
        site=build.site,
        page_url=page.url,
        site_url=build.site_url,
        absolute=bool(meta.get("dng_embed")),
        origin=Origin(path, None),
        pages=build.pages,
    )


def on_post_page_macros(env) -> None:
    """Append the page's reference list and remember what it cited and defined."""
    ctx = _context()
    meta = env.page.meta or {}
    if not meta.get("dng_embed"):
        env.markdown += "\n\n" + references.page_references_markdown(ctx, list(meta.get("sources") or []))
    state.current().page_stats[env.page.url] = {"cited": list(ctx.cited), "terms": sorted(ctx.terms_seen)}
