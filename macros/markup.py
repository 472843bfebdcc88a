"""Render the Markdown text fields of data files (answers, explanations, cells).

Data text uses the same macro syntax as pages, so it passes the same syntax-tree
rule (macros/templaterules.py) and renders in the same allow-list sandbox, then
Python-Markdown, then the output sanitiser. Errors name the data file and the
line of the field.
"""

from __future__ import annotations

import functools

import markdown as md
from jinja2 import TemplateError
from markupsafe import Markup

from . import inline, sanitise, templaterules
from .context import RenderContext
from .datastore import Origin
from .errors import ContentError
from .sandbox import MacroSandbox, mark_macro

MARKDOWN_EXTENSIONS = ["attr_list", "abbr", "smarty"]
INLINE_MACROS = {
    "term": inline.term,
    "cite": inline.cite,
    "grade": inline.grade,
    "verdict": inline.verdict,
    "page_link": inline.page_link,
}


def macro_globals(ctx: RenderContext) -> dict:
    """The inline macros bound to one context, by the names pages use."""
    return {name: mark_macro(functools.partial(func, ctx)) for name, func in INLINE_MACROS.items()}


@functools.lru_cache(maxsize=1)
def _environment() -> MacroSandbox:
    return MacroSandbox()



@functools.cache
def _compiled(text: str):
    # The same field is rendered on many pages (a glossary definition in every tooltip):
    # compile it once. Only the rendering depends on the page.
    return _environment().from_string(text)


def expand(text: str, ctx: RenderContext, origin: Origin) -> str:
    """Run the macros in one data-file text field."""
    if "{{" not in text and "{%" not in text and "{##" not in text:
        return text
    found = templaterules.violations(text, INLINE_MACROS)
    if found:
        first = found[0]
        raise ContentError(first.message, first.hint, origin.path, _line(origin, first.line))
    try:
        return _compiled(text).render(macro_globals(ctx))
    except ContentError as err:
        raise ContentError(err.message, err.hint, origin.path, _line(origin, templaterules.template_line(err))) from None
    except TemplateError as err:
        raise ContentError(f"template error: {err}", "check the {{ ... }} macro call",
                           origin.path, _line(origin, templaterules.template_line(err))) from None


def _line(origin: Origin, inner: int | None) -> int | None:
    if origin.line is None:
        return None
    # A block scalar starts on the line after its key.
    return origin.line + (inner or 1) - 1


def to_html(text: str, ctx: RenderContext, origin: Origin, inline_only: bool = False) -> Markup:
    """Markdown with macros -> sanitised HTML. `inline_only` drops the wrapping paragraph."""
    html = sanitise.clean(_markdown_to_html(expand(text, ctx, origin)))
    if inline_only and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


@functools.lru_cache(maxsize=1)
def _converter() -> md.Markdown:
    return md.Markdown(extensions=MARKDOWN_EXTENSIONS)


@functools.lru_cache(maxsize=8192)
def _markdown_to_html(text: str) -> str:
    # One converter, reset between texts: building a new one per call cost more than
    # the conversion itself. Cached because the same expanded text recurs across pages.
    converter = _converter()
    try:
        return converter.convert(text)
    finally:
        converter.reset()
