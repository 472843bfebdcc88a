"""The FAQ page: the questions listed by group at the top, then each question a heading with its
stable key as anchor, its answer in a block that site.js folds under it (the section embed shows
the entry unfolded).

Groups only order the list at the top: they are not sections, so a question's address and its
embed never depend on its group."""

from __future__ import annotations

from markupsafe import Markup

from macros.content import datafiles
from macros.content.models import FaqEntry
from macros.content.textfields import markdown_heading_text
from macros.errors import ContentError, did_you_mean
from macros.render.care import care_html
from macros.render.context import RenderContext
from macros.render.editlinks import entry_links
from macros.render.markup import to_html


def see_link(ctx: RenderContext, entry: FaqEntry) -> Markup:
    if not entry.see:
        return Markup("")
    key, _, section = entry.see.partition("#")
    page = ctx.pages.get(key)
    if page is None:
        origin = ctx.site.origin("faq", entry.key, "see")
        raise ContentError(f"unknown page key '{key}' in see", did_you_mean(key, ctx.pages, "docs/"),
                           origin.path, origin.line)
    title = page.checked_info.title
    if section:
        match = next((s for s in page.sections if s.id == section), None)
        if match is None:
            origin = ctx.site.origin("faq", entry.key, "see")
            raise ContentError(f"page '{key}' has no section '{section}'",
                               did_you_mean(section, [s.id for s in page.sections], page.path),
                               origin.path, origin.line)
        title = f"{title}: {match.title}"
    return Markup('<p class="dng-faq__more">Read more: <a href="{}">{}</a></p>').format(
        ctx.href(page.url, section), title)


def answer_html(ctx: RenderContext, entry: FaqEntry) -> Markup:
    answer = to_html(entry.answer, ctx, ctx.site.origin("faq", entry.key, "answer"))
    cards = care_html(ctx, *entry.care, edit_links=False) if entry.care else Markup("")
    return Markup('<div class="dng-faq__answer">{}{}{}</div>').format(answer, cards, see_link(ctx, entry))


def entry_markdown(ctx: RenderContext, entry: FaqEntry) -> str:
    """One entry: its question as an h2 anchored at its key, the answer, and (full site) its edit links."""
    edit = entry_links(ctx, "faq", entry.key, f"the answer to “{entry.question}”")
    return f"## {markdown_heading_text(entry.question)} {{ #{entry.key} }}\n\n{answer_html(ctx, entry)}{edit}\n"


# The FAQ page's accordion (site.js "FAQ answers", site.css "faqacc"). Each question is an h2 at the
# top level of the page and its answer the block right after it: Material's search gives a heading
# the text that follows it until an element around the heading ends, so a heading inside a fold
# (<details><summary><h2>) would leave its answer's words on the page's top entry. site.js makes the
# question's text a button that shows or hides the block; without it every answer is shown.
QUESTION_CLASS = "dng-faq__question"
PANEL_CLASS = "dng-faq__panel"
PANEL_ID_PREFIX = "dng-answer-"


def folded_entry_markdown(ctx: RenderContext, entry: FaqEntry) -> str:
    """One entry on the FAQ page: its question (an h2 with its key as id, in the page's contents),
    then its answer and edit links in the block the question opens and closes."""
    edit = entry_links(ctx, "faq", entry.key, f"the answer to “{entry.question}”")
    panel = Markup('<div class="{}" id="{}{}">{}{}</div>').format(
        PANEL_CLASS, PANEL_ID_PREFIX, entry.key, answer_html(ctx, entry), edit)
    return f"## {markdown_heading_text(entry.question)} {{ #{entry.key} .{QUESTION_CLASS} }}\n\n{panel}\n"


def question_list_html(ctx: RenderContext) -> Markup:
    """Every question, under its group's label in the groups' order, each a link to its entry.
    Kept out of the search index: the answers below are what a search should find."""
    groups = []
    for group in ctx.site.scales.faq_groups:
        links = Markup("").join(Markup('<li><a href="#{}">{}</a></li>').format(e.key, e.question)
                                for e in ctx.site.faq if e.group == group.key)
        if links:
            groups.append(Markup('<li><span class="dng-faq-index__label">{}</span><ul>{}</ul></li>')
                          .format(group.label, links))
    return Markup('<div class="dng-faq-index" role="navigation" aria-label="All questions" data-search-exclude>'
                  '<ul class="dng-faq-index__groups">{}</ul></div>').format(Markup("").join(groups))


def faq_markdown(ctx: RenderContext) -> str:
    entries = "\n".join(folded_entry_markdown(ctx, entry) for entry in ctx.site.faq)
    return f"{question_list_html(ctx)}\n\n{entries}"


def faq_entry_markdown(ctx: RenderContext, key: str) -> str:
    entry = next((e for e in ctx.site.faq if e.key == key), None)
    if entry is None:
        raise ContentError(f"unknown FAQ entry '{key}'",
                           did_you_mean(key, [e.key for e in ctx.site.faq], datafiles.display_path("faq")))
    return entry_markdown(ctx, entry)
