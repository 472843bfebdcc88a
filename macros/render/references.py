"""Reference entries: the full list on /references/ and the per-page list of what a page cites."""

from __future__ import annotations

from markupsafe import Markup

from macros.content import urls
from macros.content.models import Reference
from macros.render.context import CITE_ID_PREFIX, RenderContext
from macros.render.editlinks import entry_links
from macros.render.evidence import figures_note
from macros.render.markup import to_html


def _closed(part: str) -> str:
    """A reference part ended by one full stop: "McEvoy J, et al." and "7th ed." keep theirs, a title's "?" stays."""
    return part if part.rstrip().endswith((".", "?", "!")) else f"{part}."


def reference_html(ctx: RenderContext, ref: Reference, with_shows: bool = True) -> Markup:
    """One reference, Vancouver-like, with DOI/PubMed links where known."""
    bits = [Markup("{} {} <em>{}</em> {}").format(_closed(ref.authors), _closed(ref.title), _closed(ref.journal),
                                               ref.year or "n.d.")]
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


# Every fold that a followed link or printing opens has this class (site.js, site.css).
FOLD_CLASS = "dng-fold"
SOURCES_CLASS = f"dng-sources {FOLD_CLASS}"


def back_link(ctx: RenderContext, key: str, number: int) -> Markup:
    """From an entry back to where it is cited: the first citation without JavaScript; site.js
    points it at the citation the reader followed."""
    return Markup(' <a class="dng-ref__back" href="#{prefix}{n}-1" aria-label="Back to the text where reference {n} '
                  'is cited">Back to text</a>').format(prefix=CITE_ID_PREFIX, n=number)


def page_references_markdown(ctx: RenderContext, sources: list[str]) -> str:
    """The list appended to a page: what it cites, in citation order, then its other sources."""
    fold = sources_fold(ctx, sources, back_links=True)
    return "## References { #references data-search-exclude }\n\n" + str(fold) + "\n" if fold else ""


def embed_sources_markdown(ctx: RenderContext, sources: list[str]) -> str:
    """The same list at the foot of an embed, without a heading of its own (a section embed shows one
    heading) and without "Back to text" links (a link to a place in the frame would open the frame's
    address in the host's window): the citations' popovers read their entries from it."""
    fold = sources_fold(ctx, sources, back_links=False)
    return str(fold) + "\n" if fold else ""


def sources_fold(ctx: RenderContext, sources: list[str], back_links: bool) -> Markup:
    """"Sources (N)": what the output cites, in citation order, then its other sources; "" if none."""
    if not ctx.cited and not sources:
        return Markup("")
    cited = [
        Markup('<li id="ref-{key}" class="dng-ref">{body} <a class="dng-ref__full" href="{href}" '
               'aria-label="Full entry for reference {n}">Full entry</a>{figures}{back}</li>').format(
            key=key, n=number, body=reference_html(ctx, ctx.site.references[key], with_shows=False),
            href=ctx.href(urls.REFERENCES, key), figures=figures_note(ctx, key),
            back=back_link(ctx, key, number) if back_links else "")
        for number, key in enumerate(ctx.cited, start=1)
    ]
    # A figure's source is listed even where the page states the figure without citing it.
    sources = sources + [ctx.site.figures[k].source for k in ctx.figures_used
                         if ctx.site.figures[k].source not in sources]
    further = [k for k in sources if k not in ctx.cited and k in ctx.site.references]
    parts = []
    if cited:
        parts.append(Markup('<ol class="dng-refs">{}</ol>').format(Markup("").join(cited)))
    if further:
        items = Markup("").join(
            Markup('<li class="dng-ref">{}{}</li>').format(reference_html(ctx, ctx.site.references[k], False),
                                                           figures_note(ctx, k))
            for k in further)
        parts.append(Markup('<p>Also used for this page:</p><ul class="dng-refs">{}</ul>').format(items))
    # Folded, so the list costs a phone one line; a followed citation or printing opens it (site.js,
    # site.css). Out of the search index: a search should find the text, not its list of sources.
    return Markup('<details class="{cls}" data-search-exclude><summary>Sources ({n})</summary>{body}</details>').format(
        cls=SOURCES_CLASS, n=len(ctx.cited) + len(further), body=Markup("").join(parts))
