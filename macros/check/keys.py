"""Every glossary term and reference is used somewhere (the dry run and the data say where)."""

from __future__ import annotations

from macros.check.dryrun import Usage
from macros.content.datastore import SiteData
from macros.content.sourcepages import SourcePage
from macros.errors import Problem


def record_data_usage(site: SiteData, pages: dict[str, SourcePage], usage: Usage) -> None:
    """Keys used by data entries themselves, and by pages' `sources`."""
    for term in site.glossary.values():
        usage.references.update(term.references)
    for comp in site.comparisons.values():
        for row in comp.rows:
            for cell in row.cells.values():
                usage.references.update(cell.sources)
    for entry in site.faq:
        usage.references.update(entry.references)
    for claim in site.claims:
        usage.references.update(claim.references)
    for rec in site.guidance.values():
        usage.references.add(rec.reference)
    for page in pages.values():
        sources = page.meta.get("sources")
        if isinstance(sources, list):  # a wrong shape is reported by the front matter check
            usage.references.update(key for key in sources if isinstance(key, str))


def unused(site: SiteData, usage: Usage) -> list[Problem]:
    problems = []
    for key in sorted(set(site.glossary) - usage.terms):
        origin = site.origin("glossary", key, "key")
        problems.append(Problem(origin.path, origin.line, f"glossary term '{key}' is not used on any page",
                                "mark its first use on a page with {{ term(\"" + key + "\") }}, or remove it",
                                severity="warning"))
    for key in sorted(set(site.references) - usage.references):
        origin = site.origin("references", key, "key")
        problems.append(Problem(origin.path, origin.line, f"reference '{key}' is not cited anywhere",
                                "cite it where it supports a statement, or remove it", severity="warning"))
    return problems
