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
from pathlib import Path

from . import MACROS as PAGE_MACROS
from . import datastore, frontmatter, markup, projectconfig, redirects, sections, sourcepages
from .checks import built, forbidden, keys, published, structure, templates, tools, wording
from .checks.markdown_scan import prose_lines, text_lines
from .errors import DataError, Problem

PROJECT = Path(__file__).resolve().parent.parent
TEXT_FIELDS = {
    "glossary": ("explanation",),
    "faq": ("question", "answer"),
    "claims": ("claim", "made_in", "explanation"),
    "references": ("shows",),
}
GENERATED_IDS = {"faq": "faq", "glossary": "glossary", "claims": "claims", "references": "references"}


def _generated_ids(site: datastore.SiteData) -> dict[str, set[str]]:
    """Ids that block macros write on their pages (FAQ questions, glossary terms, claims, references)."""
    return {
        "faq": {e.key for e in site.faq},
        "glossary": set(site.glossary) | {f"letter-{t.term[0].lower()}" for t in site.glossary.values()},
        "claims": {c.key for c in site.claims} | set(site.verdicts),
        "references": set(site.references),
    }


def _data_texts(site: datastore.SiteData):
    """(path, kind, field, lines) for every Markdown text field in the data files."""
    for kind, fields in TEXT_FIELDS.items():
        entries = {"glossary": site.glossary.values(), "faq": site.faq, "claims": site.claims,
                   "references": site.references.values()}[kind]
        for entry in entries:
            for name in fields:
                origin = site.origin(kind, entry.key, name)
                yield origin.path, kind, name, list(text_lines(getattr(entry, name), origin.line))
    for comp in site.comparisons.values():
        origin = site.origin("comparisons", comp.key, "summary")
        yield origin.path, "comparisons", "summary", list(text_lines(comp.summary, origin.line))
        rows = site.origin("comparisons", comp.key, "rows")
        for row in comp.rows:
            for cell in row.cells.values():
                yield rows.path, "comparisons", "cell", list(text_lines(cell.text, rows.line))


def check_templates(project: Path, site: datastore.SiteData) -> list[Problem]:
    """The page skeletons must carry every required front matter key."""
    problems = []
    for skeleton in sorted((project / "docs" / "_templates").glob("*.md")):
        page = sourcepages.read_page(project / "docs", skeleton, project)
        required = {"title", "description", "last_reviewed", "next_review", "sources"}
        missing = required - set(page.meta)
        if page.problems or missing:
            problems += page.problems or [Problem(page.path, 1, f"skeleton lacks {sorted(missing)}",
                                                  "skeletons must show every front matter key")]
    return problems


def run(project: Path, deploy: bool, build: bool, today: dt.date,
        published_base: Path | None = None) -> tuple[list[Problem], dict[str, float]]:
    problems: list[Problem] = []
    pages = {p.key: p for p in sourcepages.scan(project / "docs", project)}
    for page in pages.values():
        problems += page.problems
    try:
        site = datastore.load(project)
    except DataError as err:
        return problems + err.problems, {}
    sections.add_macro_sections(pages, site)
    usage = keys.Usage()
    keys.record_data_usage(site, pages, usage)
    allowed = wording.allow_list(project)
    generated = _generated_ids(site)
    for page in sorted(pages.values(), key=lambda p: p.path):
        if page.problems:
            continue
        problems += frontmatter.check_page(page, site, today)
        due = frontmatter.overdue(page, today)
        if due:
            problems.append(Problem(due.path, due.line, due.message, due.hint,
                                    "error" if deploy else "warning"))
        lines = list(prose_lines(page.body, page.body_offset))
        problems += templates.check(page.path, page.body, page.body_offset + 1, PAGE_MACROS)
        problems += keys.check_calls(page.path, page.body, page.body_offset + 1, site, pages, usage)
        problems += forbidden.check(page.path, lines)
        problems += wording.check(page.path, lines, allowed)
        problems += structure.check_page(page, lines)
        problems += structure.check_links(page, lines, pages, generated)
    problems += frontmatter.check_see_links(site, pages)
    for path, kind, name, lines in _data_texts(site):
        if lines:
            text = "\n".join(line.raw for line in lines)
            problems += templates.check(path, text, lines[0].number, markup.INLINE_MACROS)
            problems += keys.check_calls(path, text, lines[0].number, site, pages, usage)
        problems += forbidden.check(path, lines)
        if not (kind == "claims" and name == "claim"):  # the claims being checked may quote banned words
            problems += wording.check(path, lines, allowed)
    problems += keys.unused(site, usage)
    config = projectconfig.load(project)
    problems += structure.check_nav(pages, config.get("nav"), "mkdocs.yml")
    moved, redirect_problems = redirects.load_redirects(project / "macros/data/redirects.yml",
                                                        current=redirects.current_urls(pages))
    problems += redirect_problems + published.check(pages, moved, project / "macros/data/published-urls.txt")
    if published_base:
        problems += published.removed_from_list(published_base, project / "macros/data/published-urls.txt", moved)
    problems += check_templates(project, site)
    texts = ["docs", "macros/data", "README.md", "CONTRIBUTING.md"]
    problems += tools.spelling(project, [t for t in texts if (project / t).exists()])
    problems += tools.markdown_style(project, ["docs"])
    grades: dict[str, float] = {}
    if build and not [p for p in problems if p.severity == "error"]:
        built_problems, grades = built.built_checks(project, pages)
        problems += built_problems
    return problems, grades


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
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.list_urls:
        pages = {p.key: p for p in sourcepages.scan(args.project / "docs", args.project)}
        sections.add_macro_sections(pages, datastore.load(args.project))
        print("\n".join(sorted(redirects.current_urls(pages))))
        return 0
    started = time.monotonic()
    problems, grades = run(args.project.resolve(), args.deploy, not args.no_build, args.today, args.published_base)
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
    print(f"{errors} errors, {warnings} warnings ({time.monotonic() - started:.1f} s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
