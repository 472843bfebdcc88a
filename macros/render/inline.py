"""Inline macros: glossary terms, citations, certainty badges, figures, verdicts and page links.

Each function takes the render context first and returns escaped HTML. The
Jinja-facing wrappers in `__init__.py` and `markup.py` bind the context.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.content import datafiles, urls
from macros.content.models import glossary_skeleton
from macros.errors import ContentError, did_you_mean, or_add_new
from macros.render import evidence
from macros.render.context import Macro, RenderContext


def term(ctx: RenderContext, key: str, text: str | None = None) -> Markup:
    """A glossary term. Its first use in an output is a link with a tooltip; later uses are plain.

    Without JavaScript the link goes to the glossary entry and the tooltip shows on hover and
    focus. site.js turns the link into a button that opens the definition in place, with the
    link moved into it ("More in the glossary"), so a tap on a phone never leaves the page.
    The definition stays out of the search index (`data-search-exclude`)."""
    entry = ctx.site.glossary.get(key)
    if entry is None:
        raise ContentError(f"unknown glossary term '{key}'", or_add_new(
            did_you_mean(key, ctx.site.glossary, datafiles.display_path("glossary")),
            f"for a new term, add it to {datafiles.file_name('glossary')} first: {glossary_skeleton(key)}"))
    label = text or entry.term.lower()
    if key in ctx.terms_seen:
        return Markup('<span class="dng-term-again">{}</span>').format(label)
    ctx.terms_seen.add(key)
    tip = ctx.next_tip_id(key)
    return Markup(
        '<span class="dng-term"><a class="dng-term__link" href="{href}" aria-describedby="{tip}">{label}</a>'
        '<span class="dng-term__tip" role="tooltip" id="{tip}" data-search-exclude>{definition}</span></span>'
    ).format(href=ctx.href(urls.GLOSSARY, key), tip=tip, label=label, definition=entry.definition)


def cite(ctx: RenderContext, *keys: str) -> Markup:
    """Numbered citation links, e.g. [1, 3]."""
    if not keys:
        raise ContentError("cite() needs at least one reference key", 'write cite("author-year")')
    parts = []
    for key in keys:
        ref = ctx.site.references.get(key)
        if ref is None:
            raise ContentError(f"unknown citation key '{key}'", or_add_new(
                did_you_mean(key, ctx.site.references, datafiles.display_path("references")),
                f"for a new source, add it to {datafiles.file_name('references')} first"))
        number = ctx.cite_number(key)
        href = ctx.href(urls.REFERENCES, key) if ctx.absolute else f"#ref-{key}"
        parts.append(Markup('<a class="dng-cite__link" id="{}" href="{}" aria-label="Reference {}: {}">{}</a>')
                     .format(ctx.next_cite_id(key), href, number, ref.short, number))
    return Markup('<sup class="dng-cite">[{}]</sup>').format(Markup(", ").join(parts))


def verdict(ctx: RenderContext, key: str) -> Markup:
    """A claim's verdict badge whose text says the verdict (colour is only a second cue)."""
    item = ctx.site.verdicts.get(key)
    if item is None:
        raise ContentError(f"unknown verdict '{key}'",
                           did_you_mean(key, ctx.site.verdicts, datafiles.display_path("scales")))
    return Markup(
        '<span class="dng-badge dng-verdict dng-verdict--{key}" title="{meaning}">'
        '<span class="dng-badge__prefix">Verdict: </span>{label}</span>'
    ).format(key=key, meaning=item.meaning, label=item.label)


def page_link(ctx: RenderContext, key: str, section: str = "", text: str | None = None) -> Markup:
    """A link to another page (by key) or one of its sections, titled from the target."""
    page = ctx.pages.get(key)
    if page is None:
        raise ContentError(f"unknown page key '{key}'", did_you_mean(key, ctx.pages, "docs/"))
    label = text or page.checked_info.title
    if section:
        match = next((s for s in page.sections if s.id == section), None)
        if match is None:
            raise ContentError(f"page '{key}' has no section '{section}'",
                               did_you_mean(section, [s.id for s in page.sections], page.path))
        label = text or match.title
    return Markup('<a href="{}">{}</a>').format(ctx.href(page.url, section), label)


# Macros data text may call too (inside answers, explanations, cells); pages have these and more
# (macros/render/table.py).
INLINE_MACROS: dict[str, Macro] = {
    "term": term,
    "cite": cite,
    "certainty": evidence.certainty,
    "figure": evidence.figure,
    "figure_range": evidence.figure_range,
    "verdict": verdict,
    "page_link": page_link,
}
