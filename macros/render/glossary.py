"""The glossary page: every term, A to Z, each under its stable key as anchor."""

from __future__ import annotations

from itertools import groupby

from markupsafe import Markup

from macros.content import datafiles, urls
from macros.content.models import GlossaryTerm
from macros.content.textfields import markdown_heading_text
from macros.errors import ContentError, did_you_mean
from macros.render.context import RenderContext
from macros.render.editlinks import entry_links
from macros.render.markup import to_html


def sorted_terms(ctx: RenderContext) -> list[GlossaryTerm]:
    return sorted(ctx.site.glossary.values(), key=lambda t: t.term.lower())


def term_body(ctx: RenderContext, key: str) -> Markup:
    """Definition, explanation, other names and related terms of one entry, as HTML."""
    entry = ctx.site.glossary.get(key)
    if entry is None:
        raise ContentError(f"unknown glossary term '{key}'",
                           did_you_mean(key, ctx.site.glossary, datafiles.display_path("glossary")))
    origin = ctx.site.origin("glossary", key, "explanation")
    parts = [Markup('<p class="dng-gloss__definition"><strong>{}</strong></p>').format(entry.definition)]
    parts.append(to_html(entry.explanation, ctx, origin))
    names = entry.synonyms + entry.abbreviations
    if names:
        parts.append(Markup('<p class="dng-gloss__aka">Also called: {}</p>').format(", ".join(names)))
    if entry.related:
        links = Markup(", ").join(
            Markup('<a href="{}">{}</a>').format(ctx.href(urls.GLOSSARY, r), ctx.site.glossary[r].term)
            for r in entry.related
        )
        parts.append(Markup('<p class="dng-gloss__related">Related: {}</p>').format(links))
    return Markup('<div class="dng-gloss">{}</div>').format(Markup("").join(parts))


def glossary_markdown(ctx: RenderContext) -> str:
    """Markdown headings (so the table of contents and anchor checks see them) with HTML bodies."""
    out = []
    for letter, group in groupby(sorted_terms(ctx), key=lambda t: t.term[0].upper()):
        out.append(f"## {letter} {{ #letter-{letter.lower()} }}\n")
        for entry in group:
            out.append(f"### {markdown_heading_text(entry.term)} {{ #{entry.key} }}\n")
            out.append(f"{term_body(ctx, entry.key)}{entry_links(ctx, 'glossary', entry.key, entry.term)}\n")
    return "\n".join(out)


def glossary_term(ctx: RenderContext, key: str) -> Markup:
    """One term's meaning, explanation, other names and related terms, as the glossary page shows them:
    the `glossary_term("key")` macro, which its embed (/embed/glossary/terms/<key>/) is made of. No
    heading: the place it stands gives one (the embed's title is the term)."""
    return Markup("\n\n") + term_body(ctx, key) + Markup("\n\n")
