"""Checks on every source page that the build and the checker share.

Front matter against `PageMeta`, review dates, source keys, and explicit,
unique h2 ids. Each problem points at the file and line.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from macros.content import datafiles, urls, validationwords
from macros.content.datastore import SiteData
from macros.content.models import PageMeta
from macros.content.sourcepages import SourcePage
from macros.errors import Problem, did_you_mean

MAX_REVIEW_INTERVAL_DAYS = 3 * 366
# Keys that steer the build: accepted only in the embed copies the build writes itself.
BUILD_KEYS = frozenset({"template", "render_macros", "dng", "patient_page"})
BUILD_KEY_PREFIX = "dng_"
DATE_FIELDS = ("last_reviewed", "next_review")


def _meta_line(page: SourcePage, key: str) -> int:
    meta = page.meta
    lines = getattr(meta, "key_lines", {})
    # key_lines count from the first line after the opening '---'.
    return lines[key] + 1 if key in lines else 1


def meta_line(page: SourcePage, key: str) -> int:
    """The file line of a front matter key (line 1 when the key is not written)."""
    return _meta_line(page, key)


def check_page(page: SourcePage, site: SiteData, today: dt.date | None = None) -> list[Problem]:
    problems: list[Problem] = []
    if not page.meta:
        return [Problem(page.path, 1, "page has no front matter",
                        "start the file with --- and the fields title, description, last_reviewed, "
                        "next_review, sources (copy a skeleton from docs/_templates/)")]
    fields = set(PageMeta.model_fields)
    try:
        meta = PageMeta.model_validate(dict(page.meta))
    except ValidationError as err:
        for item in err.errors():
            name = str(item["loc"][0]) if item["loc"] else "?"
            line = _meta_line(page, name)
            if item["type"] == "extra_forbidden" and name in BUILD_KEYS or name.startswith(BUILD_KEY_PREFIX):
                problems.append(Problem(page.path, line, f"front matter key '{name}' is set by maintainers, not by pages",
                                        "remove the line (templates, internal keys and the list of patient "
                                        "pages live in mkdocs.yml and the code)"))
            elif item["type"] == "extra_forbidden" and len(item["loc"]) > 1:
                inner = ".".join(str(part) for part in item["loc"])
                problems.append(Problem(page.path, line, f"unknown front matter key '{inner}'",
                                        f"'{name}' may only hold what CONTRIBUTING.md's front matter table lists"))
            elif item["type"] == "extra_forbidden":
                problems.append(Problem(page.path, line, f"unknown front matter key '{name}'",
                                        did_you_mean(name, fields, "the page skeletons in docs/_templates/")))
            elif item["type"] == "value_error" and name in DATE_FIELDS:
                problems.append(Problem(page.path, line, f"{name} {item['ctx']['error']}",
                                        f"write the date as YYYY-MM-DD, for example {validationwords.DATE_EXAMPLE}"))
            elif item["type"] == "value_error":
                problems.append(Problem(page.path, line, f"'{name}' {item['ctx']['error']}",
                                        "write plain words; links and formatting belong in the page text"))
            elif item["type"] == "missing":
                problems.append(Problem(page.path, 1, f"front matter is missing '{name}'",
                                        f"add a '{name}:' line (see docs/_templates/)"))
            elif name == "description" and item["type"] in ("string_too_short", "string_too_long"):
                length = len(str(page.meta.get("description", "")))
                problems.append(Problem(page.path, line, f"description is {length} characters long",
                                        "write 50 to 160 characters: what a searcher needs to know"))
            else:
                message, hint = validationwords.words(item, name)
                if len(item["loc"]) > 1 and name in validationwords.KEY_LISTS:  # an item of a key list
                    message, hint = validationwords.words({"type": "list_type"}, name)
                problems.append(Problem(page.path, line, f"front matter: {message}", hint))
        return problems + check_sections(page)
    problems += _check_dates(page, meta, today or dt.date.today())
    for key in meta.sources:
        if key not in site.references:
            problems.append(Problem(page.path, _meta_line(page, "sources"), f"unknown reference key '{key}' in sources",
                                    did_you_mean(key, site.references, datafiles.display_path("references"))))
    for key in meta.reviewed_by:
        if key not in site.reviewers:
            problems.append(Problem(page.path, _meta_line(page, "reviewed_by"), f"unknown reviewer '{key}'",
                                    did_you_mean(key, site.reviewers, datafiles.display_path("reviewers"))))
    return problems + check_sections(page)


def _check_dates(page: SourcePage, meta: PageMeta, today: dt.date) -> list[Problem]:
    problems = []
    reviewed, due = meta.last_reviewed, meta.next_review  # real dates: PageMeta validated them
    if reviewed > today:
        problems.append(Problem(page.path, _meta_line(page, "last_reviewed"),
                                f"last_reviewed {reviewed} is in the future",
                                "use the date the page was actually checked against its sources"))
    if due <= reviewed:
        problems.append(Problem(page.path, _meta_line(page, "next_review"),
                                f"next_review {due} is not after last_reviewed {reviewed}",
                                "set the next review due after the last review"))
    elif (due - reviewed).days > MAX_REVIEW_INTERVAL_DAYS:
        problems.append(Problem(page.path, _meta_line(page, "next_review"),
                                f"next_review {due} is more than three years after the last review",
                                "review medical pages at least every three years"))
    return problems


def check_sections(page: SourcePage) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for section in page.sections:
        if not section.id:
            suggested = urls.section_id_for(section.title)
            problems.append(Problem(page.path, section.line, f"heading '## {section.title}' has no id",
                                    f"write '## {section.title} {{#{suggested}}}': the id keeps links to "
                                    "this section working when the heading is reworded"))
        elif section.id in seen:
            problems.append(Problem(page.path, section.line, f"section id '{section.id}' is used twice "
                                    f"(first at line {seen[section.id]})", "give each h2 its own id"))
        else:
            seen[section.id] = section.line
    return problems


def overdue(page: SourcePage, today: dt.date) -> Problem | None:
    """A page past its review date: a warning for editors, an error when deploying."""
    due = page.info.next_review if page.info else None
    if due and due < today:
        return Problem(page.path, _meta_line(page, "next_review"), f"review was due on {due}",
                       "check the page against its sources, then update last_reviewed and next_review",
                       severity="warning")
    return None


def check_see_links(site: SiteData, pages: dict[str, SourcePage]) -> list[Problem]:
    """FAQ entries point at pages and sections by key; both must exist."""
    problems = []
    for entry in site.faq:
        if not entry.see:
            continue
        origin = site.origin("faq", entry.key, "see")
        key, _, section = entry.see.partition("#")
        page = pages.get(key)
        if page is None:
            problems.append(Problem(origin.path, origin.line, f"unknown page key '{key}' in see",
                                    did_you_mean(key, pages, "docs/ (a page key is its path without .md)")))
        elif section and section not in {s.id for s in page.sections}:
            problems.append(Problem(origin.path, origin.line, f"page '{key}' has no section '{section}'",
                                    did_you_mean(section, [s.id for s in page.sections], page.path)))
    return problems
