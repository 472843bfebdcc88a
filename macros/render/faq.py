"""The FAQ page: each question a heading with its stable key as anchor."""

from __future__ import annotations

from markupsafe import Markup

from macros.content import datafiles
from macros.content.models import FaqEntry
from macros.content.textfields import markdown_heading_text
from macros.errors import ContentError, did_you_mean
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
    return Markup('<div class="dng-faq__answer">{}{}</div>').format(answer, see_link(ctx, entry))


def entry_markdown(ctx: RenderContext, entry: FaqEntry) -> str:
    """One entry: its question as an h2 anchored at its key, the answer, and (full site) its edit links."""
    edit = entry_links(ctx, "faq", entry.key, f"the answer to “{entry.question}”")
    return f"## {markdown_heading_text(entry.question)} {{ #{entry.key} }}\n\n{answer_html(ctx, entry)}{edit}\n"


def faq_markdown(ctx: RenderContext) -> str:
    return "\n".join(entry_markdown(ctx, entry) for entry in ctx.site.faq)


def faq_entry_markdown(ctx: RenderContext, key: str) -> str:
    entry = next((e for e in ctx.site.faq if e.key == key), None)
    if entry is None:
        raise ContentError(f"unknown FAQ entry '{key}'",
                           did_you_mean(key, [e.key for e in ctx.site.faq], datafiles.display_path("faq")))
    return entry_markdown(ctx, entry)
