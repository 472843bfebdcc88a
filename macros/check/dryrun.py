"""The checker's dry run: every page and every data text rendered by the build's own functions.

Nothing here knows macro syntax or key rules: the Site renders each page in the
one render environment with the one macro table (macros/render/table.py), and
every mistake arrives as the build reports it (same message, same file and line).
What the renderings cited and defined is the usage the checker reports on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from macros.content.datastore import TextEntry
from macros.content.models import markdown_fields
from macros.errors import ContentError, Problem, Reporter
from macros.render import markup
from macros.site import Site

# The data kinds whose Markdown text fields are rendered (by pages, embeds or the API).
TEXT_KINDS = ("references", "glossary", "comparisons", "faq", "claims", "guidance")


@dataclass
class Usage:
    """Which glossary terms and references the renderings used."""

    terms: set[str] = field(default_factory=set)
    references: set[str] = field(default_factory=set)


def render_all(site: Site) -> tuple[list[Problem], Usage]:
    site.reporter = Reporter(to_log=False)
    site.environment.report = site.reporter.report
    for page in sorted(site.pages.values(), key=lambda p: p.path):
        site.render_markdown(page.src_uri, page.url, page.body.lstrip("\n"))
    problems = list(site.reporter.reported)
    problems += _render_data_text(site)
    usage = Usage()
    for ctx in site.contexts.values():
        usage.terms |= ctx.terms_seen
        usage.references.update(ctx.cited)
    return problems, usage


def _render_data_text(site: Site) -> list[Problem]:
    """Every Markdown field of the data, as the content API renders it (one context each)."""
    problems = []
    data = site.data
    groups: dict[str, Iterable[TextEntry]] = {
        "references": data.references.values(), "glossary": data.glossary.values(),
        "comparisons": data.comparisons.values(), "faq": data.faq, "claims": data.claims,
        "guidance": data.guidance.values()}
    for kind in TEXT_KINDS:
        for item in groups[kind]:
            for name, text in markdown_fields(item):
                ctx = site.render_context("", absolute=True)
                site.contexts[f"{kind}:{item.key}:{name}"] = ctx
                try:
                    markup.to_html(text, ctx, data.text_origin(kind, item.key, name))
                except ContentError as err:
                    problems.append(err.problem())
    return problems
