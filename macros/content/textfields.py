"""Plain-text fields are text: refused if they hold markup, escaped wherever they are printed.

Titles, descriptions, names, term names, labels and questions are printed by
the theme (navigation, header, search results), by our templates and inside the
snippets clinics copy. They are validated here (no HTML, no Jinja, no Markdown
links) and escaped before any template sees them, so each layer holds alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from markupsafe import Markup

from macros import sanitise

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

_MARKUP = re.compile(r"[<>]|\{\{|\{%|\{#|\]\s*\(|\]\s*\[|\]:|&#|&[a-zA-Z]+;|javascript:", re.IGNORECASE)
MAX_PLAIN_TEXT = 400
# Python-Markdown's link parsing is quadratic in unmatched '[' (20,000 take 50 s): bounded
# far above what real text uses (the largest page has 15, the largest data field 4).
MAX_BRACKETS_PER_FIELD = 100
MAX_BRACKETS_PER_PAGE = 400
MAX_MARKDOWN_FIELD = 4000


def plain_text_problem(value: str) -> str | None:
    """Why `value` is not plain text, in words an editor understands; None when it is."""
    if len(value) > MAX_PLAIN_TEXT:
        return f"is {len(value)} characters long; plain-text fields hold at most {MAX_PLAIN_TEXT}"
    match = _MARKUP.search(value)
    if match:
        return (f"holds '{match.group(0)}', which is markup: this field is plain text "
                "(no HTML, macros, links or character codes)")
    return None


def plain_text(value: str) -> str:
    """A pydantic validator: raise ValueError for markup in a plain-text field."""
    problem = plain_text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def markdown_text(value: str) -> str:
    """A pydantic validator for Markdown text fields: bounded size and link syntax."""
    if value.count("[") > MAX_BRACKETS_PER_FIELD:
        raise ValueError(f"holds {value.count('[')} '[' characters; at most {MAX_BRACKETS_PER_FIELD} are allowed")
    return value


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")


def markdown_heading_text(value: str) -> str:
    """Plain text for a Markdown heading a macro writes: HTML-escaped, Markdown syntax backslashed,
    so a term or question can never become a link, a tag or an attribute list."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def escape_page_titles(page: Page) -> None:
    """The theme prints page and table-of-contents titles unescaped: hand it escaped text."""
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = Markup.escape(str(page.title))
    if page.meta.get("title") is not None and not isinstance(page.meta["title"], Markup):
        page.meta["title"] = Markup.escape(str(page.meta["title"]))
    _clean_toc(page.toc)


def _clean_toc(items: Iterable[AnchorLink]) -> None:
    for item in items:
        # A heading's title is HTML (it may hold <code>): keep inert markup, drop the rest.
        item.title = Markup(sanitise.clean(item.title))
        _clean_toc(item.children)

