"""Comparison tables, one template for pages, embeds and (through `api.py`) JSON.

One HTML table for every width: on a phone, site.css lays each row out as a card (the feature as
its heading, one labelled block per treatment). The labels a card needs are written into each
cell and hidden from assistive technology, which reads the table's own headers instead; the
explicit table roles keep it a table for screen readers when the card layout changes its display.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from macros.content import datafiles
from macros.content.models import Comparison
from macros.errors import ContentError, Problem, did_you_mean
from macros.render.context import RenderContext
from macros.render.editlinks import entry_links
from macros.render.inline import cite
from macros.render.markup import to_html

# A cell is read on a phone as one block of a card: longer detail goes in the table's notes.
MAX_CELL_WORDS = 30


def cell_html(ctx: RenderContext, key: str, row_key: str, column_key: str, comp: Comparison) -> Markup:
    """A cell's text as HTML, without its citation marker."""
    return to_html(comp.rows_by_key[row_key].cells[column_key].text, ctx,
                   ctx.site.text_origin("comparisons", key, f"rows.{row_key}.cells.{column_key}.text"),
                   inline_only=True)


def comparison_html(ctx: RenderContext, key: str) -> Markup:
    comp = ctx.site.comparisons.get(key)
    if comp is None:
        raise ContentError(f"unknown comparison '{key}'",
                           did_you_mean(key, ctx.site.comparisons, datafiles.display_path("comparisons")))
    head = Markup("").join(Markup('<th scope="col" role="columnheader">{}</th>').format(c.label) for c in comp.columns)
    rows = []
    for row in comp.rows:
        cells = Markup("").join(
            Markup('<td role="cell"><span class="dng-compare__label" aria-hidden="true">{}</span> {} {}</td>').format(
                col.label, cell_html(ctx, key, row.key, col.key, comp), cite(ctx, *row.cells[col.key].sources))
            for col in comp.columns
        )
        rows.append(Markup('<tr id="{}-{}" role="row"><th scope="row" role="rowheader">{}</th>{}</tr>').format(
            key, row.key, row.attribute, cells))
    return Markup(
        '<div class="dng-compare">'
        '<table class="dng-compare__table" role="table"><caption>{title}</caption>'
        '<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Feature</th>{head}</tr></thead>'
        '<tbody role="rowgroup">{rows}</tbody></table>{notes}</div>{edit}'
    ).format(title=comp.title, head=head, rows=Markup("").join(rows), notes=notes_html(ctx, key, comp),
             edit=entry_links(ctx, "comparisons", key, comp.title))


def notes_html(ctx: RenderContext, key: str, comp: Comparison) -> Markup:
    """The detail that does not fit a cell, under the table it belongs to."""
    if not comp.notes:
        return Markup("")
    return Markup('<div class="dng-compare__notes"><p class="dng-compare__notes-title">'
                  '<strong>Notes on this table</strong></p>{}</div>').format(
        to_html(comp.notes, ctx, ctx.site.origin("comparisons", key, "notes")))


# What a reader does not count as the cell's words: citation markers, glossary definitions (shown
# only on demand), and the tags themselves.
_NOT_WORDS = re.compile(r'<sup class="dng-cite">.*?</sup>|<span class="dng-term__tip"[^>]*>.*?</span>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]", re.UNICODE)


def words_shown(cell: Markup) -> int:
    """The words a reader sees in a rendered cell (a figure counts as the words it prints)."""
    text = html.unescape(_TAG.sub(" ", _NOT_WORDS.sub(" ", str(cell))))
    return sum(1 for token in text.split() if _WORD.search(token))


def long_cells(ctx: RenderContext) -> list[Problem]:
    """Every cell longer than MAX_CELL_WORDS, at its line in comparisons.yml."""
    problems = []
    for key, comp in ctx.site.comparisons.items():
        for row in comp.rows:
            for column in row.cells:
                try:
                    count = words_shown(cell_html(ctx, key, row.key, column, comp))
                except ContentError:
                    continue  # the renderer reports the broken text itself
                if count > MAX_CELL_WORDS:
                    origin = ctx.site.text_origin("comparisons", key, f"rows.{row.key}.cells.{column}.text")
                    problems.append(Problem(
                        origin.path, origin.line,
                        f"the cell for '{column}' in row '{row.key}' of '{key}' has {count} words; "
                        f"a cell holds at most {MAX_CELL_WORDS}",
                        "keep the main point in the cell and move the detail to the table's 'notes:' "
                        "below it; a caveat that changes what a number means stays in the cell"))
    return problems


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
