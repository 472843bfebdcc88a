"""The editors' content checker: `make check` (or `python -m macros.check`).

Checks every page and data file and prints every problem at once, one line
each, as ``path:line: what is wrong — how to fix it``; exits 1 if any is an
error. Warnings (unused terms, reviews falling due) do not fail, except that
`--deploy` treats an overdue review as an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.config import load_config

from macros.check import build as built
from macros.check import citespacing, dryrun, forbidden, keys, published, structure, tools, wording
from macros.content import datafiles, datastore, dates, frontmatter, sourcepages
from macros.content.markdown_scan import Line, prose_lines
from macros.content.sourcepages import SourcePage
from macros.errors import ContentProblems, DataError, Problem
from macros.publish import redirects
from macros.render import blocksections
from macros.site import Site

PROJECT = Path(__file__).resolve().parents[2]
# The guides at the repository's root: spell-checked like the pages.
GUIDES = ("README.md", "CONTRIBUTING.md", "MAINTAINING.md")
# Data text fields checked for wording and raw HTML, as (kind, fields).
TEXT_FIELDS = {
    "glossary": ("explanation",),
    "faq": ("question", "answer"),
    "claims": ("claim", "made_in", "explanation"),
    "references": ("shows",),
    # Not the quote: a guideline's own words are quoted as they are.
    "guidance": ("paraphrase",),
}
SKELETON_KEYS = {"title", "description", "last_reviewed", "next_review", "sources"}


def _data_texts(site: datastore.SiteData) -> Iterator[tuple[str, str, str, list[Line]]]:
    """(path, kind, field, lines) for every Markdown text field in the data files."""
    for kind, fields in TEXT_FIELDS.items():
        groups: dict[str, Iterable[datastore.TextEntry]] = {
            "glossary": site.glossary.values(), "faq": site.faq, "claims": site.claims,
            "references": site.references.values(), "guidance": site.guidance.values()}
        for entry in groups[kind]:
            for name in fields:
                origin = site.origin(kind, entry.key, name)
                yield origin.path, kind, name, origin.text_lines(getattr(entry, name))
    for comp in site.comparisons.values():
        origin = site.origin("comparisons", comp.key, "summary")
        yield origin.path, "comparisons", "summary", origin.text_lines(comp.summary)
        for row in comp.rows:
            for column, cell in row.cells.items():
                origin = site.text_origin("comparisons", comp.key, f"rows.{row.key}.cells.{column}.text")
                yield origin.path, "comparisons", "cell", origin.text_lines(cell.text)


def check_skeletons(project: Path) -> list[Problem]:
    """The page skeletons must carry every required front matter key."""
    problems = []
    docs = project / datafiles.DOCS_DIR
    for skeleton in sorted((docs / "_templates").glob("*.md")):
        page = sourcepages.read_page(docs, skeleton, project)
        missing = SKELETON_KEYS - set(page.meta)
        if page.problems or missing:
            problems += page.problems or [Problem(page.path, 1, f"skeleton lacks {sorted(missing)}",
                                                  "skeletons must show every front matter key")]
    return problems


def _text_checks(pages: dict[str, SourcePage], data: datastore.SiteData | None, allowed: list[str]) -> list[Problem]:
    """Raw HTML and wording in pages and data text (what no renderer refuses, but editors must not write)."""
    problems = []
    for page in sorted(pages.values(), key=lambda p: p.path):
        if page.problems:
            continue
        lines = list(prose_lines(page.body, page.body_offset))
        problems += forbidden.check(page.path, lines)
        problems += wording.check(page.path, lines, allowed)
        problems += structure.check_page(page, lines)
    for path, kind, name, lines in _data_texts(data) if data else []:
        problems += forbidden.check(path, lines)
        if not (kind == "claims" and name == "claim"):  # the claims being checked may quote banned words
            problems += wording.check(path, lines, allowed)
    return problems


def _load_site(project: Path, today: dt.date) -> tuple[Site | None, list[Problem]]:
    """The Site exactly as the build loads it (same config, same checks, same messages)."""
    config = load_config(str(project / "mkdocs.yml"))
    try:
        return Site.load(config, today), []
    except ContentProblems as err:
        return None, err.problems


Measures = tuple[dict[str, float], dict[str, citespacing.Spacing]]  # reading grades, citation spacing


def run(project: Path, deploy: bool, build: bool, today: dt.date,
        published_base: Path | None = None) -> tuple[list[Problem], Measures]:
    # codespell and pymarkdown are separate processes that need nothing from the rest:
    # started first, they run on the other core while the dry run renders.
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = [t for t in (datafiles.DOCS_DIR, datafiles.DATA_DIR, *GUIDES) if (project / t).exists()]
        spelling = pool.submit(tools.spelling, project, texts)
        style = pool.submit(tools.markdown_style, project, [datafiles.DOCS_DIR])
        problems, measures = _run(project, deploy, build, today, published_base)
        return problems + spelling.result() + style.result(), measures


def _run(project: Path, deploy: bool, build: bool, today: dt.date,
         published_base: Path | None) -> tuple[list[Problem], Measures]:
    pages = {p.key: p for p in sourcepages.scan(project / datafiles.DOCS_DIR, project)}
    site, problems = _load_site(project, today)
    data = site.data if site else _data_or_none(project)
    if data is not None:
        blocksections.add_macro_sections(pages, data)
    problems += _text_checks(site.pages if site else pages, data, wording.allow_list(project))
    for page in sorted((site.pages if site else pages).values(), key=lambda p: p.path):
        due = frontmatter.overdue(page, today)
        if due:
            problems.append(Problem(due.path, due.line, due.message, due.hint, "error" if deploy else "warning"))
    if site is not None:
        rendered, usage = dryrun.render_all(site)
        problems += rendered
        keys.record_data_usage(site.data, site.pages, usage)
        problems += keys.unused(site.data, usage)
    moved, redirect_problems = redirects.load_redirects(project / datafiles.display_path("redirects"),
                                                        current=redirects.current_urls(pages, data))
    published_file = project / datafiles.display_path("published-urls")
    problems += redirect_problems
    # Without the data the sections the macros make are unknown: every one would look removed.
    if data is not None:
        problems += published.check(pages, moved, published_file, data)
    if published_base:
        problems += published.removed_from_list(published_base, published_file, moved)
    problems += check_skeletons(project)
    grades: dict[str, float] = {}
    spacing: dict[str, citespacing.Spacing] = {}
    if build and site is not None:  # what the build repeats of the dry run is printed once (see _unique)
        built_problems, grades, spacing = built.built_checks(project, site.pages, site.config.patient_pages)
        problems += built_problems
    return problems, (grades, spacing)


def _data_or_none(project: Path) -> datastore.SiteData | None:
    try:
        return datastore.load(project)
    except DataError:
        return None


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        text = (p.severity, p.format())
        if text not in seen:
            seen.add(text)
            out.append(p)
    return sorted(out, key=lambda p: (p.path, p.line or 0, p.message))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--deploy", action="store_true", help="treat overdue reviews as errors")
    parser.add_argument("--no-build", action="store_true", help="skip the build and the reading grades")
    parser.add_argument("--list-urls", action="store_true",
                        help="print every URL the current sources publish (to add new ones to published-urls.txt)")
    parser.add_argument("--published-base", type=Path, metavar="FILE",
                        help="the base branch's published-urls.txt: fail if a line was removed (pull requests)")
    parser.add_argument("--project", type=Path, default=PROJECT, help=argparse.SUPPRESS)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dates.build_day(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.list_urls:
        pages = {p.key: p for p in sourcepages.scan(args.project / datafiles.DOCS_DIR, args.project)}
        data = datastore.load(args.project)
        blocksections.add_macro_sections(pages, data)
        print("\n".join(sorted(redirects.current_urls(pages, data))))
        return 0
    started = time.monotonic()
    problems, (grades, spacing) = run(args.project.resolve(), args.deploy, not args.no_build, args.today,
                                      args.published_base)
    problems = _unique(problems)
    for problem in problems:
        line = problem.format()
        if problem.severity == "warning":
            path, _, rest = line.partition(": ")
            line = f"{path}: warning: {rest}"
        print(line)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if grades:
        print("reading grades (Flesch-Kincaid; fail above 10): "
              + ", ".join(f"{k} {v}" for k, v in sorted(grades.items())))
    if spacing:
        print(f"words between citation groups (median; aim for {citespacing.TARGET} or more): "
              + ", ".join(f"{k} {'-' if s.median is None else format(s.median, 'g')}" for k, s in sorted(spacing.items())))
    print(f"{errors} errors, {warnings} warnings ({time.monotonic() - started:.1f} s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
