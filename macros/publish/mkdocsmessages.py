"""MkDocs' own link and navigation warnings, in the project's one format, with a suggestion.

MkDocs validates Markdown links, anchors and the nav, and says so in its own words
("Doc file 'x.md' contains a link ..."). This logging filter, installed for one
build, rewrites each such warning as ``docs/x.md:LINE: what is wrong — how to fix
it`` and attaches the Problem objects, so the build log and the checker (which
collects them from the records) print the same line. Nothing is validated here.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from macros.content import datafiles
from macros.errors import Problem, closest, did_you_mean

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")
NOT_FOUND = re.compile(r"^Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but the target"
                       r"(?: '(?P<target>[^']+)')? is not found among documentation files\.(?: Did you mean '(?P<hint>[^']*)'\?)?")
NO_ANCHOR = re.compile(r"^Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but (?:there is no such anchor "
                       r"on this page|the doc '(?P<target>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)')\.")
ABSOLUTE = re.compile(r"^Doc file '(?P<doc>[^']+)' contains an absolute link '(?P<link>[^']+)', it was left as is\.")
UNRECOGNIZED = re.compile(r"^Doc file '(?P<doc>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'")
OMITTED = "The following pages exist in the docs directory, but are not included in the \"nav\" configuration:"


class LinkMessages(logging.Filter):
    def __init__(self, docs_dir: Path, files: Files, source_uri: Callable[[str], str] = lambda uri: uri) -> None:
        super().__init__()
        self.docs_dir, self.files = docs_dir, files
        # The page an embed copy was made from: a copy's mistake is the page's, at the page's line.
        self.source_uri = source_uri
        self.reported = 0  # how many problems MkDocs' validation found in this build
        self.seen: set[str] = set()

    def install(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self)

    def remove(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeFilter(self)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            problems = self.problems(record.getMessage())
            texts = {p.format() for p in problems}
            if problems and texts <= self.seen:
                return False  # an embed copy's link is the page's: said once, at the page
            self.seen |= texts
            if problems:
                record.msg, record.args = "\n".join(p.format() for p in problems), ()
                record.dng_problems = problems  # read by the checker
                self.reported += len(problems)
        return True

    def problems(self, text: str) -> list[Problem]:
        if text.startswith(OMITTED):
            names = [line.strip()[2:] for line in text.splitlines()[1:] if line.strip().startswith("- ")]
            return [Problem(f"{datafiles.DOCS_DIR}/{name}", 1, f"page '{name}' is not in the navigation",
                            "add it under nav: in mkdocs.yml") for name in names]
        for pattern, make in ((NOT_FOUND, self._not_found), (NO_ANCHOR, self._no_anchor),
                              (UNRECOGNIZED, self._unrecognized), (ABSOLUTE, self._absolute)):
            match = pattern.match(text)
            if match:
                return [make(match)]
        return []

    def _where(self, doc: str, link: str) -> tuple[str, int | None]:
        doc = self.source_uri(doc)
        path = self.docs_dir / doc
        line = None
        if path.is_file():
            for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if f"({link}" in text or f"]: {link}" in text:
                    line = number
                    break
        return f"{datafiles.DOCS_DIR}/{doc}", line

    def _not_found(self, match: re.Match[str]) -> Problem:
        path, line = self._where(match["doc"], match["link"])
        if match["hint"]:
            hint = f"did you mean '{match['hint']}'?"
        else:
            target = match["target"] or match["link"]
            known = [f.src_uri for f in self.files.documentation_pages()]
            near = closest(target, known)
            hint = (f"did you mean '{near[0]}'?" if near
                    else "link to an existing page's .md file, e.g. [safety](safety.md)")
        return Problem(path, line, f"broken link '{match['link']}'", hint)

    def _no_anchor(self, match: re.Match[str]) -> Problem:
        path, line = self._where(match["doc"], match["link"])
        target_uri = match["target"] or match["doc"]
        anchor = match["anchor"] or match["link"].partition("#")[2]
        target = self.files.get_file_from_path(target_uri)
        ids = sorted(target.page.present_anchor_ids or ()) if target and target.page else []
        near = closest(anchor, ids)
        hint = (did_you_mean(anchor, ids, target_uri) if near
                else f"use an id that {datafiles.DOCS_DIR}/{target_uri} has: the {{#id}} after one of its ## headings")
        return Problem(path, line, f"broken anchor '{match['link']}'", hint)

    def _unrecognized(self, match: re.Match[str]) -> Problem:
        path, line = self._where(match["doc"], match["link"])
        return Problem(path, line, f"link '{match['link']}' does not point at a page",
                       "link to the page's .md file, e.g. [safety](safety.md)")

    def _absolute(self, match: re.Match[str]) -> Problem:
        """A link written as the site's address (`/faq/`): the page's .md file is what links to it."""
        link = match["link"]
        path, line = self._where(match["doc"], link)
        address, _, anchor = link.partition("#")
        wanted = address.strip("/") + "/" if address.strip("/") else ""
        pages = {f.url: f.src_uri for f in self.files.documentation_pages()}
        target = pages.get(wanted) or pages.get(address.lstrip("/"))
        if target is None:
            return Problem(path, line, f"link '{link}' is written as a site address",
                           "link to the page's .md file instead, e.g. [safety](safety.md)")
        source_dir = posixpath.dirname(self.source_uri(match["doc"]))
        relative = posixpath.relpath(target, source_dir or ".") + (f"#{anchor}" if anchor else "")
        return Problem(path, line, f"link '{link}' is written as a site address",
                       f"write ({relative}) instead of ({link}): a link names the page's .md file")
