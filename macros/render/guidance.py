"""What national guidelines say: one recommendation quoted exactly, dated, then said in plain words.

The data are in guidance.yml (one entry per recommendation); pages choose which to show
with `guidance(key)` or `guidance_list(key, ...)`, so a guideline is written once.

    <figure class="dng-guidance">
      <blockquote class="dng-quote"><p>the exact words</p></blockquote>
      <figcaption class="dng-quote__source">NICE (England), <cite>document</cite>, ...
        Published 7 April 2021. [1]</figcaption>
      <p class="dng-guidance__plain">In plain words: ...</p>
    </figure>

The quotation and its source line are the guideline's words and titles, not ours: the
reading-grade check leaves both out (macros/check/readability.py, SKIP_CLASSES).
"""

from __future__ import annotations

from markupsafe import Markup

from macros.content import datafiles
from macros.content.dates import time_element
from macros.content.models import Guidance
from macros.errors import ContentError, did_you_mean
from macros.render.context import RenderContext
from macros.render.editlinks import entry_links
from macros.render.inline import cite
from macros.render.markup import to_html


def _entry(ctx: RenderContext, key: str) -> Guidance:
    entry = ctx.site.guidance.get(key)
    if entry is None:
        raise ContentError(f"unknown guideline recommendation '{key}'",
                           did_you_mean(key, ctx.site.guidance, datafiles.display_path("guidance")))
    return entry


def source_html(ctx: RenderContext, entry: Guidance) -> Markup:
    """Who said it, where and when, in words, with the citation of the document."""
    dates = Markup("Published {}").format(time_element(entry.published))
    if entry.updated:
        dates += Markup(", last updated {}").format(time_element(entry.updated))
    where = Markup("{body}, <cite>{document}</cite>").format(body=entry.body, document=entry.document)
    if entry.recommendation:
        where += Markup(", {}").format(entry.recommendation)
    return Markup("{where}. {dates}. {cite}").format(where=where, dates=dates, cite=cite(ctx, entry.reference))


def guidance_html(ctx: RenderContext, key: str) -> Markup:
    """One recommendation: the quotation (when its exact words were read), its source, the plain words."""
    entry = _entry(ctx, key)
    source = source_html(ctx, entry)
    plain = to_html(entry.paraphrase, ctx, ctx.site.origin("guidance", key, "paraphrase"), inline_only=True)
    if entry.quote is None:
        quoted = Markup(
            '<p class="dng-quote__source">{source}</p>'
            '<p class="dng-guidance__unquoted">We could not read the exact words of this recommendation,'
            ' so we do not quote it.</p>'
        ).format(source=source)
    else:
        quoted = Markup(
            '<blockquote class="dng-quote"><p>{quote}</p></blockquote>'
            '<figcaption class="dng-quote__source">{source}</figcaption>'
        ).format(quote=entry.quote, source=source)
    return Markup(
        '<figure class="dng-guidance">{quoted}'
        '<p class="dng-guidance__plain"><strong>In plain words:</strong> {plain}</p></figure>{edit}'
    ).format(quoted=quoted, plain=plain, edit=entry_links(ctx, "guidance", key, f"{entry.body}, {entry.document}"))


def guidance_list_html(ctx: RenderContext, *keys: str) -> Markup:
    """Several recommendations, in the order given."""
    if not keys:
        raise ContentError("guidance_list() needs at least one key", 'write guidance_list("key-one", "key-two")')
    return Markup("\n").join(guidance_html(ctx, key) for key in keys)
