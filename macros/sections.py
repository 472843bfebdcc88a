"""Sections that a block macro writes, so that clinics can embed them like any other section.

The FAQ page's source holds one line, `{{ faq() }}`; its sections are the FAQ
entries, each with its stable key as id. Each becomes embeddable on its own.
"""

from __future__ import annotations

import re

from .datastore import SiteData
from .sourcepages import Section, SourcePage

FAQ_CALL = re.compile(r"\{\{-?\s*faq\(\s*\)\s*-?\}\}")


def add_macro_sections(pages: dict[str, SourcePage], site: SiteData) -> None:
    for page in pages.values():
        for number, line in enumerate(page.body.splitlines(), start=page.body_offset + 1):
            if FAQ_CALL.search(line):
                known = {s.id for s in page.sections}
                page.sections += [Section(e.key, e.question, number, f'{{{{ faq_entry("{e.key}") }}}}')
                                  for e in site.faq if e.key not in known]
