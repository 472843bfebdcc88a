"""Comparison tables, one template for pages, embeds and (through `api.py`) JSON."""

from __future__ import annotations

from markupsafe import Markup

from macros.content import datafiles
from macros.errors import ContentError, did_you_mean
from macros.render.context import RenderContext
from macros.render.editlinks import entry_links
from macros.render.inline import cite
from macros.render.markup import to_html


def comparison_html(ctx: RenderContext, key: str) -> Markup:
    comp = ctx.site.comparisons.get(key)
    if comp is None:
        raise ContentError(f"unknown comparison '{key}'",
                           did_you_mean(key, ctx.site.comparisons, datafiles.display_path("comparisons")))
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(c.label) for c in comp.columns)
    rows = []
    for row in comp.rows:
        cells = Markup("").join(
            Markup('<td data-label="{}">{} {}</td>').format(
                col.label, to_html(row.cells[col.key].text, ctx,
                                   ctx.site.text_origin("comparisons", key, f"rows.{row.key}.cells.{col.key}.text"),
                                   inline_only=True),
                cite(ctx, *row.cells[col.key].sources))
            for col in comp.columns
        )
        rows.append(Markup('<tr id="{}-{}"><th scope="row">{}</th>{}</tr>').format(
            key, row.key, row.attribute, cells))
    return Markup(
        '<div class="dng-compare" role="region" aria-label="{title}" tabindex="0">'
        '<table class="dng-compare__table"><caption>{title}</caption>'
        '<thead><tr><th scope="col">Feature</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>{edit}'
    ).format(title=comp.title, head=head, rows=Markup("").join(rows),
             edit=entry_links(ctx, "comparisons", key, comp.title))


def comparison_summary_html(ctx: RenderContext, key: str) -> Markup:
    comp = ctx.site.comparisons[key]
    return to_html(comp.summary, ctx, ctx.site.origin("comparisons", key, "summary"))


def comparison_list_html(ctx: RenderContext) -> Markup:
    """A list of links to every comparison page (pages named compare/<key>.md)."""
    items = []
    for key, comp in ctx.site.comparisons.items():
        page = ctx.pages.get(f"compare/{key}")
        if page is None:
            raise ContentError(f"comparison '{key}' has no page", f"create docs/compare/{key}.md")
        items.append(Markup('<li><a href="{}">{}</a></li>').format(ctx.href(page.url), comp.title))
    return Markup('<ul class="dng-compare-list">{}</ul>').format(Markup("").join(items))
