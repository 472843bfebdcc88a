"""The "On this page" jump list: the page's h2 sections, under its key points, for phones.

Material moves its table of contents into the menu below the width where it shows the
sidebar, three taps away; this list puts the sections one tap away instead. It is made
from the page's own table of contents after Markdown (never typed), shown by site.css only
where the sidebar is hidden, left out of print and of the search index, and not added to
embed copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from markupsafe import Markup
from mkdocs.structure.toc import AnchorLink

# The key points box as Markdown writes `!!! abstract "Key points"`.
KEY_POINTS_OPEN = '<div class="admonition abstract">\n<p class="admonition-title">Key points</p>'
LABEL = "On this page"
_DIV_TAG = re.compile(r"<(/?)div\b")


def sections(toc: Iterable[AnchorLink]) -> Iterator[AnchorLink]:
    """Every h2 of the table of contents, in page order (h1 is the title, deeper levels are detail)."""
    for item in toc:
        if item.level == 2:
            yield item
        elif item.level < 2:
            yield from sections(item.children)


def jump_list_html(toc: Iterable[AnchorLink]) -> Markup:
    items = Markup("").join(Markup('<li><a href="#{}">{}</a></li>').format(item.id, item.title)
                            for item in sections(toc))
    if not items:
        return Markup("")
    return Markup('<nav class="dng-jump" aria-label="{label}" data-search-exclude>'
                  '<p class="dng-jump__title">{label}</p><ul>{items}</ul></nav>').format(label=LABEL, items=items)


def _end_of_block(html: str, start: int) -> int | None:
    """Where the <div> opened at `start` closes (just after its end tag)."""
    depth = 0
    for match in _DIV_TAG.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            end = html.find(">", match.end())
            return end + 1 if end != -1 else None
    return None


def insert_after_key_points(html: str, toc: Iterable[AnchorLink]) -> str:
    """The page's HTML with the jump list after its key points; unchanged if it has none."""
    start = html.find(KEY_POINTS_OPEN)
    if start == -1:
        return html
    end = _end_of_block(html, start)
    nav = jump_list_html(toc)
    if end is None or not nav:
        return html
    return f"{html[:end]}\n{nav}{html[end:]}"
