"""Spelling (codespell) and Markdown style (pymarkdown), reported in the checker's one format."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from macros.errors import Problem

CODESPELL_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<word>\S+) ==> (?P<fix>.+)$")
# What an editor should do about the rules they meet most (the others point at the configuration).
RULE_HINTS = {
    "md001": "use one more '#' than the heading above, or add the missing level",
    "md025": "the h1 comes from the front matter title: start sections at '## '",
    "md045": "describe the image in the brackets: ![what it shows](file.png)",
}
PYMARKDOWN_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[A-Za-z0-9]+): (?P<msg>.+)$")


def _run(args: list[str], cwd: Path) -> str:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, timeout=300)
    return result.stdout + result.stderr


def spelling(project_dir: Path, paths: list[str]) -> list[Problem]:
    words = project_dir / "docs" / ".codespell-words.txt"
    args = [sys.executable, "-m", "codespell_lib", "--ignore-words", str(words), *paths]
    problems = []
    for line in _run(args, project_dir).splitlines():
        match = CODESPELL_LINE.match(line.strip())
        if match:
            problems.append(Problem(match["path"], int(match["line"]), f"possible misspelling '{match['word']}'",
                                    f"did you mean '{match['fix'].strip()}'? If the word is right, add it to "
                                    "docs/.codespell-words.txt"))
    return problems


def markdown_style(project_dir: Path, paths: list[str]) -> list[Problem]:
    args = [sys.executable, "-m", "pymarkdown", "--config", ".pymarkdown.json", "scan", *paths]
    problems = []
    for line in _run(args, project_dir).splitlines():
        match = PYMARKDOWN_LINE.match(line.strip())
        if match:
            path = Path(match["path"])
            shown = path.relative_to(project_dir).as_posix() if path.is_absolute() and path.is_relative_to(project_dir) else match["path"]
            rule = match["rule"].lower()
            problems.append(Problem(shown, int(match["line"]), f"Markdown style {match['rule']}: {match['msg']}",
                                    RULE_HINTS.get(rule, "see .pymarkdown.json for the site's conventions")))
    return problems
