"""Render the Markdown text fields of data files (answers, explanations, cells).

Data text uses the same macro syntax as pages, so it passes the same syntax-tree
rule (macros/render/templaterules.py) and renders in the same allow-list sandbox, then
Python-Markdown, then the output sanitiser. Errors name the data file and the
line of the field.
"""

from __future__ import annotations

import re

import markdown as md
from jinja2 import TemplateError
from markupsafe import Markup

from macros import sanitise
from macros.content.datastore import Origin, SiteData
from macros.content.models import markdown_fields
from macros.errors import ContentError, Problem
from macros.render import inline, sandbox, templaterules
from macros.render.context import RenderContext

MARKDOWN_EXTENSIONS = ["attr_list", "smarty"]


INLINE_NAMES = tuple(sorted(inline.INLINE_MACROS))


def expand(text: str, ctx: RenderContext, origin: Origin) -> str:
    """Run the macros in one data-file text field (in the build's one render environment)."""
    if not templaterules.may_hold_template(text):
        return text
    table = inline.INLINE_MACROS
    found = ctx.build.environment.violations(text, INLINE_NAMES)
    if found:
        first = found[0]
        raise ContentError(first.message, first.hint, origin.path, origin.line_in(text, first.line, first.offset))
    try:
        return ctx.build.environment.compiled(text).render(sandbox.bind(table, ctx))
    except ContentError as err:
        line = origin.line_in(text, templaterules.template_line(err), _quoted_offset(text, err.message))
        raise ContentError(err.message, err.hint, origin.path, line) from None
    except TemplateError as err:
        raise ContentError("this macro call cannot be run", "check the {{ ... }} macro call",
                           origin.path, origin.line_in(text, templaterules.template_line(err))) from None


_QUOTED = re.compile(r"'([^']+)'")


def _quoted_offset(text: str, message: str) -> int | None:
    """Where in `text` the value a macro's message names ("unknown citation key 'x'") is written.

    Jinja knows only the line of a failed call, and a folded text is one line: the value the
    message quotes finds the call (None if it cannot be found; the line is then used)."""
    for value in _QUOTED.findall(message):
        for written in (f'"{value}"', f"'{value}'"):
            if written in text:
                return text.index(written)
    return None


def to_html(text: str, ctx: RenderContext, origin: Origin, inline_only: bool = False) -> Markup:
    """Markdown with macros -> sanitised HTML. `inline_only` drops the wrapping paragraph."""
    html = sanitise.clean(ctx.build.markdown.html(expand(text, ctx, origin)))
    if inline_only and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


class MarkdownConverter:
    """Python-Markdown for data text, one per build (it lives on the Site).

    One converter, reset between texts: building a new one per call cost more than the
    conversion itself. Results are kept because the same expanded text recurs across pages."""

    def __init__(self) -> None:
        self._converter = md.Markdown(extensions=MARKDOWN_EXTENSIONS)
        self._html: dict[str, str] = {}

    def html(self, text: str) -> str:
        found = self._html.get(text)
        if found is None:
            try:
                found = self._html[text] = str(self._converter.convert(text))
            finally:
                self._converter.reset()
        return found


def data_text_problems(data: SiteData) -> list[Problem]:
    """Every Markdown text field passes the macro rule before anything renders it (pages, embeds,
    JSON-LD and the API all render data text, some from hooks where an error would be a traceback).
    The Site checks this right after loading the data (macros/site.py)."""
    problems = []
    for kind, item in data.text_entries():
        for name, text in markdown_fields(item):
            origin = data.text_origin(kind, item.key, name)
            for found in templaterules.violations(text, INLINE_NAMES):
                problems.append(Problem(origin.path, origin.line_in(text, found.line, found.offset),
                                        found.message, found.hint))
    return problems
