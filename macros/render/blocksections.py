"""Sections that a block macro writes, so that clinics can embed them like any other section.

The FAQ page's source holds one line, `{{ faq() }}`; its sections are the FAQ
entries, each with its stable key as id, and each becomes embeddable on its own
(rendered alone by the `faq_entry` macro). The calls are read from Jinja's parse,
as the renderer reads them.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.content.datastore import SiteData
from macros.content.sourcepages import Section, SourcePage
from macros.render import templaterules

# Block macro -> (id, title, the call that renders that one section) of each section it writes.
WRITERS: dict[str, Callable[[SiteData], list[tuple[str, str, str]]]] = {
    "faq": lambda data: [(e.key, e.question, f'{{{{ faq_entry("{e.key}") }}}}') for e in data.faq],
}


def add_macro_sections(pages: dict[str, SourcePage], data: SiteData) -> None:
    for page in pages.values():
        for line, name, _args, _options in templaterules.calls(page.body):
            writer = WRITERS.get(name)
            if writer is None:
                continue
            known = {s.id for s in page.sections}
            page.sections += [Section(key, title, page.body_offset + line, call)
                              for key, title, call in writer(data) if key not in known]
