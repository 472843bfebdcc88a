"""The checker's build: the real strict build, in this process, its warnings collected as problems.

Our own problems come from the build's Site as objects (never parsed back from
text); MkDocs' own warnings (links, anchors, navigation) come from a logging
handler. The reading grade of patient pages is measured on the built HTML.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, PluginError

from macros.check import citespacing
from macros.check.readability import grade
from macros.content.sourcepages import SourcePage
from macros.errors import ContentProblems, Problem
from macros.plugin import plugin_of

MAX_GRADE = 10.0
TARGET_GRADE = 8.0
OUR_LOGGER = "mkdocs.plugins.dng"


class _Collecting(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(OUR_LOGGER):  # ours arrive as Problem objects
            self.records.append(record)


def _mkdocs_problem(record: logging.LogRecord) -> Problem:
    """A warning of MkDocs' that mkdocsmessages.py does not rewrite: shown as it is."""
    return Problem("mkdocs.yml", None, f"build: {record.getMessage().strip()}", "run `make build` to see it in context")


def build(project_dir: Path, site_dir: Path) -> tuple[list[Problem], object | None]:
    """(problems, the build's Site or None) of a strict build of `project_dir` into `site_dir`."""
    handler = _Collecting()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    site = None
    problems: list[Problem] = []
    try:
        config = load_config(str(project_dir / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        try:
            mkdocs_build(config)
        except (Abort, BuildError, PluginError) as err:
            cause = err.__cause__ if isinstance(err.__cause__, ContentProblems) else err
            if isinstance(cause, ContentProblems):  # the content could not be loaded: every problem, as objects
                problems += cause.problems
                handler.records = [r for r in handler.records if r.getMessage() != str(cause)]
            elif not str(err).startswith("Aborted with"):
                problems.append(Problem("mkdocs.yml", None, f"the build stopped: {err}", "run `make build`"))
        plugin = plugin_of(config)
        site = plugin.site
        if site is not None:
            problems += site.reporter.reported
    finally:
        logger.removeHandler(handler)
    for record in handler.records:
        if not record.getMessage().startswith("Aborted with"):
            problems += getattr(record, "dng_problems", None) or [_mkdocs_problem(record)]
    return problems, site


def readability(site_dir: Path, pages: dict[str, SourcePage],
                patient_keys: tuple[str, ...]) -> tuple[list[Problem], dict[str, float]]:
    """(problems, reading grade per patient page) of the built pages."""
    grades: dict[str, float] = {}
    problems = []
    for page in sorted(pages.values(), key=lambda p: p.key):
        if page.key not in patient_keys:
            continue
        html = site_dir / page.url / "index.html"
        if not html.exists():
            continue
        value = grade(html.read_text(encoding="utf-8"))
        grades[page.key] = value
        if value > MAX_GRADE:
            problems.append(Problem(page.path, 1, f"reading grade {value} is above {MAX_GRADE:g}",
                                    f"use shorter sentences and everyday words (aim for {TARGET_GRADE:g} or below)"))
    return problems, grades


def citation_spacing(site_dir: Path, pages: dict[str, SourcePage],
                     patient_keys: tuple[str, ...]) -> dict[str, citespacing.Spacing]:
    """Words between citation groups, per patient page: reported, not enforced (the tests hold the target)."""
    found = {}
    for page in sorted(pages.values(), key=lambda p: p.key):
        html = site_dir / page.url / "index.html"
        if page.key in patient_keys and html.exists():
            found[page.key] = citespacing.spacing(html.read_text(encoding="utf-8"))
    return found


def built_checks(project_dir: Path, pages: dict[str, SourcePage], patient_keys: tuple[str, ...]
                 ) -> tuple[list[Problem], dict[str, float], dict[str, citespacing.Spacing]]:
    """(problems, reading grades, citation spacing) of a strict build into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="dng-check-") as tmp:
        site_dir = Path(tmp) / "site"
        problems, site = build(project_dir, site_dir)
        failed = site is None or [p for p in problems if p.severity == "error"]
        read_problems, grades = ([], {}) if failed else readability(site_dir, pages, patient_keys)
        spacing = {} if failed else citation_spacing(site_dir, pages, patient_keys)
    return problems + read_problems, grades, spacing
