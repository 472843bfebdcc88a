"""Render the Markdown text fields of data files (answers, explanations, cells).

Data text uses the same macro syntax as pages, so it goes through the same
sandboxed Jinja (with the same delimiters) and then Python-Markdown. Errors name
the data file and the line of the field.
"""

from __future__ import annotations

import functools
import traceback

import markdown as md
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from . import inline
from .context import RenderContext
from .datastore import Origin
from .errors import ContentError

# The page delimiters: `{#id}` after a heading must not open a Jinja comment.
JINJA_OPTIONS = {"comment_start_string": "{##", "comment_end_string": "##}"}
MARKDOWN_EXTENSIONS = ["attr_list", "abbr", "smarty"]


def macro_globals(ctx: RenderContext) -> dict:
    """The inline macros bound to one context, by the names pages use."""
    return {
        "term": functools.partial(inline.term, ctx),
        "cite": functools.partial(inline.cite, ctx),
        "grade": functools.partial(inline.grade, ctx),
        "verdict": functools.partial(inline.verdict, ctx),
        "page_link": functools.partial(inline.page_link, ctx),
    }


@functools.lru_cache(maxsize=1)
def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, **JINJA_OPTIONS)


def template_line(err: BaseException) -> int | None:
    """The line inside a Jinja template where an exception was raised, if Jinja recorded it."""
    if isinstance(err, TemplateSyntaxError):
        return err.lineno
    line = None
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


@functools.cache
def _compiled(text: str):
    # The same field is rendered on many pages (a glossary definition in every tooltip):
    # compile it once. Only the rendering depends on the page.
    return _environment().from_string(text)


def expand(text: str, ctx: RenderContext, origin: Origin) -> str:
    """Run the macros in one data-file text field."""
    if "{{" not in text and "{%" not in text and "{##" not in text:
        return text
    try:
        return _compiled(text).render(macro_globals(ctx))
    except ContentError as err:
        raise ContentError(err.message, err.hint, origin.path, _line(origin, err)) from None
    except TemplateError as err:
        raise ContentError(f"template error: {err}", "check the {{ ... }} macro call",
                           origin.path, _line(origin, err)) from None


def _line(origin: Origin, err: BaseException) -> int | None:
    inner = template_line(err)
    if origin.line is None:
        return None
    # A block scalar starts on the line after its key.
    return origin.line + (inner or 1) - 1


def to_html(text: str, ctx: RenderContext, origin: Origin, inline_only: bool = False) -> Markup:
    """Markdown with macros -> HTML. `inline_only` drops the wrapping paragraph."""
    html = _markdown_to_html(expand(text, ctx, origin))
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
