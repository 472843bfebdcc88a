"""Checks that need the rendered site: the strict build's own warnings, and reading grades.

The reading grade is measured on the same rendered article text as the test
suite (macros/readability.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import projectconfig
from ..errors import Problem
from ..readability import grade
from ..sourcepages import SourcePage

MAX_GRADE = 10.0
TARGET_GRADE = 8.0
OURS = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): (?P<rest>.+)$")
MKDOCS_LINK = re.compile(r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but (?P<why>.+)")


def _line_of(project_dir: Path, doc: str, needle: str) -> int | None:
    path = project_dir / "docs" / doc
    if not path.exists():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if needle in line:
            return number
    return None


def build(project_dir: Path, site_dir: Path) -> tuple[int, list[Problem]]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                            cwd=project_dir, env=env, capture_output=True, text=True, check=False, timeout=900)
    problems = []
    for raw in (result.stdout + result.stderr).splitlines():
        text = re.sub(r"^(WARNING|ERROR)\s+-\s+", "", raw.strip())
        if text == raw.strip() and not raw.startswith(("Error", "  ")):
            continue
        if text.startswith(("Aborted with", "Error: ", "Aborted")) and "problem(s) in the content" not in text:
            continue
        ours = OURS.match(text)
        link = MKDOCS_LINK.search(text)
        if ours:
            message, _, hint = ours["rest"].partition(" — ")
            problems.append(Problem(ours["path"], int(ours["line"]), message, hint))
        elif link:
            line = _line_of(project_dir, link["doc"], link["link"])
            problems.append(Problem(f"docs/{link['doc']}", line, f"broken link '{link['link']}': {link['why']}",
                                    "link to an existing .md file and a heading id it has"))
        elif raw.startswith(("WARNING", "ERROR")):
            problems.append(Problem("mkdocs.yml", None, f"build: {text}", "see the build output above"))
    return result.returncode, problems


def readability(site_dir: Path, pages: dict[str, SourcePage],
                patient_keys: list[str]) -> tuple[list[Problem], dict[str, float]]:
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


def built_checks(project_dir: Path, pages: dict[str, SourcePage]) -> tuple[list[Problem], dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="dng-check-") as tmp:
        site_dir = Path(tmp) / "site"
        code, problems = build(project_dir, site_dir)
        if code != 0 and not problems:
            problems.append(Problem("mkdocs.yml", None, "the strict build failed", "run `make build` to see why"))
        patient_keys = projectconfig.patient_pages(project_dir)
        read_problems, grades = readability(site_dir, pages, patient_keys) if code == 0 else ([], {})
    return problems + read_problems, grades
