"""Every macro call names keys that exist; every glossary term and reference is used somewhere."""

from __future__ import annotations

from .. import templaterules
from ..datastore import SiteData
from ..errors import Problem, did_you_mean
from ..sourcepages import SourcePage


class Usage:
    """Which terms and references are used anywhere, collected while checking."""

    def __init__(self) -> None:
        self.terms: set[str] = set()
        self.references: set[str] = set()


def check_calls(path: str, text: str, first_line: int, site: SiteData, pages: dict[str, SourcePage],
                usage: Usage) -> list[Problem]:
    """Keys named by every macro call in `text`, read from Jinja's parse as the build reads them."""
    problems = []
    scales = {"grade": site.grades, "verdict": site.verdicts}
    for line_in_text, name, values, options in templaterules.calls(text):
        line = first_line + line_in_text - 1
        args = [v for v in values if isinstance(v, str)]
        if name == "term" and args:
            usage.terms.add(args[0])
            if args[0] not in site.glossary:
                problems.append(Problem(path, line, f"unknown glossary term '{args[0]}'",
                                        did_you_mean(args[0], site.glossary, "macros/data/glossary.yml")))
        elif name == "cite":
            for key in args:
                usage.references.add(key)
                if key not in site.references:
                    problems.append(Problem(path, line, f"unknown citation key '{key}'",
                                            did_you_mean(key, site.references, "macros/data/references.yml")))
        elif name in scales and args and args[0] not in scales[name]:
            problems.append(Problem(path, line, f"unknown evidence {name} '{args[0]}'",
                                    did_you_mean(args[0], scales[name], "macros/data/scales.yml")))
        elif name in ("comparison", "comparison_summary") and args and args[0] not in site.comparisons:
            problems.append(Problem(path, line, f"unknown comparison '{args[0]}'",
                                    did_you_mean(args[0], site.comparisons, "macros/data/comparisons.yml")))
        elif name in ("page_link", "embed_loader_snippet", "embed_iframe_snippet", "embed_example") and args:
            page = pages.get(args[0])
            if page is None:
                problems.append(Problem(path, line, f"unknown page key '{args[0]}'",
                                        did_you_mean(args[0], pages, "docs/")))
            else:
                section = args[1] if len(args) > 1 else options.get("section")
                if section and section not in {s.id for s in page.sections}:
                    problems.append(Problem(path, line, f"page '{args[0]}' has no section '{section}'",
                                            did_you_mean(section, [s.id for s in page.sections], page.path)))
    return problems


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
