"""Reference entries: the full list on /references/ and the per-page list of what a page cites."""

from __future__ import annotations

from markupsafe import Markup

from macros.content import urls
from macros.content.models import Reference
from macros.render.context import RenderContext
from macros.render.editlinks import entry_links
from macros.render.evidence import figures_note
from macros.render.markup import to_html


def reference_html(ctx: RenderContext, ref: Reference, with_shows: bool = True) -> Markup:
    """One reference, Vancouver-like, with DOI/PubMed links where known."""
    bits = [Markup("{}. {}. <em>{}</em>. {}").format(ref.authors, ref.title, ref.journal, ref.year or "n.d.")]
    if ref.volume:
        bits.append(Markup(";{}").format(ref.volume))
    if ref.pages:
        bits.append(Markup(":{}").format(ref.pages))
    text = Markup("").join(bits) + Markup(".")
    links = []
    if ref.doi:
        links.append(Markup('<a href="{0}{1}">doi:{1}</a>').format(urls.DOI_RESOLVER, ref.doi))
    if ref.pmid:
        links.append(Markup('<a href="{0}">PubMed {1}</a>').format(urls.PUBMED.format(ref.pmid), ref.pmid))
    if ref.url and not (ref.doi or ref.pmid):
        links.append(Markup('<a href="{0}">Source page</a>').format(ref.url))
    if links:
        text += Markup(" ") + Markup(" · ").join(links)
    if ref.verification != "verified":
        label = "checked in part" if ref.verification == "partial" else "from a secondary source"
        text += Markup(' <span class="dng-ref__flag">({})</span>').format(label)
    if with_shows:
        shows = to_html(ref.shows, ctx, ctx.site.origin("references", ref.key, "shows"), inline_only=True)
        text += Markup('<br><span class="dng-ref__shows">What it shows: {}</span>').format(shows)
    return text


def all_references_html(ctx: RenderContext) -> Markup:
    """Every reference, sorted by key, each with its key as anchor (and, on the full site, its edit links)."""
    items = [
        Markup('<li id="{}" class="dng-ref">{}{}</li>').format(ref.key, reference_html(ctx, ref),
                                                              entry_links(ctx, "references", ref.key, ref.key))
        for ref in sorted(ctx.site.references.values(), key=lambda r: r.key)
    ]
    return Markup('<ul class="dng-refs dng-refs--all">{}</ul>').format(Markup("").join(items))


def page_references_markdown(ctx: RenderContext, sources: list[str]) -> str:
    """The list appended to a page: what it cites, in citation order, then its other sources."""
    if not ctx.cited and not sources:
        return ""
    cited = [
        Markup('<li id="ref-{key}" class="dng-ref">{body} <a class="dng-ref__full" href="{href}" '
               'aria-label="Full entry for reference {n}">Full entry</a>{figures}</li>').format(
            key=key, n=number, body=reference_html(ctx, ctx.site.references[key], with_shows=False),
            href=ctx.href(urls.REFERENCES, key), figures=figures_note(ctx, key))
        for number, key in enumerate(ctx.cited, start=1)
    ]
    # A figure's source is listed even where the page states the figure without citing it.
    sources = sources + [ctx.site.figures[k].source for k in ctx.figures_used
                         if ctx.site.figures[k].source not in sources]
    out = ["## References { #references }\n"]
    if cited:
        out.append(str(Markup('<ol class="dng-refs">{}</ol>').format(Markup("").join(cited))) + "\n")
    further = [k for k in sources if k not in ctx.cited and k in ctx.site.references]
    if further:
        items = Markup("").join(
            Markup('<li class="dng-ref">{}{}</li>').format(reference_html(ctx, ctx.site.references[k], False),
                                                           figures_note(ctx, k))
            for k in further)
        out.append(str(Markup('<p>Also used for this page:</p>\n<ul class="dng-refs">{}</ul>').format(items)) + "\n")
    return "\n".join(out)
