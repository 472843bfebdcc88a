"""Spelling (codespell) and Markdown style (pymarkdown), reported in the checker's one format."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from macros.errors import Problem

CODESPELL_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<word>\S+) ==> (?P<fix>.+)$")
# pymarkdown's rules in an editor's words: (what is wrong, how to write it). Its own words name
# rule codes and layout terms ("Atx Heading", "asterisk"); these say what to type instead.
RULES = {
    "md001": ("a heading level is skipped",
              "use one more '#' than the heading above (## then ###), or add the missing level"),
    "md003": ("this heading is written in another style than the others", "start headings with '#' signs: ## Title"),
    "md004": ("this list item starts with a different sign than the list above",
              "start every item with '- ', e.g. '- first' then '- second'"),
    "md005": ("this list item is indented differently from the items above it",
              "line up items of the same list at the same indentation"),
    "md007": ("this list item is indented by the wrong number of spaces", "indent a list inside a list by 4 spaces"),
    "md009": ("spaces at the end of the line", "delete the spaces after the last word"),
    "md010": ("a tab character", "use spaces instead of tabs (4 spaces to indent)"),
    "md011": ("a link written the wrong way round: (text)[address]", "write [text](address)"),
    "md012": ("more than one blank line in a row", "leave one blank line between paragraphs"),
    "md018": ("no space after the '#' of a heading", "write '## Side effects', with a space after the #"),
    "md019": ("more than one space after the '#' of a heading", "write '## Side effects', with one space"),
    "md020": ("no space inside the '#' signs of a heading", "write '## Side effects'"),
    "md021": ("more than one space inside the '#' signs of a heading", "write '## Side effects'"),
    "md022": ("a heading needs a blank line above and below it", "leave an empty line before and after the heading"),
    "md023": ("a heading does not start at the beginning of the line", "remove the spaces before the '#'"),
    "md025": ("a second top-level heading ('# ')",
              "the page title comes from the front matter 'title:': start sections at '## '"),
    "md026": ("the heading ends with a punctuation mark", "remove the ':' or '.' at the end of the heading"),
    "md027": ("more than one space after '>' in a quote", "write '> quoted text'"),
    "md028": ("a blank line inside a quote", "start the empty line with '>' too, or end the quote"),
    "md029": ("the numbers of this list are not in order", "number the items 1. 2. 3."),
    "md030": ("the space after a list sign is not a single space", "write '- item' or '1. item'"),
    "md031": ("a code block needs a blank line above and below it", "leave an empty line before and after ```"),
    "md032": ("a list needs a blank line above and below it", "leave an empty line before the first item and after the last"),
    "md034": ("a bare web address", "write it as a link: [what it is](https://example.org)"),
    "md035": ("this horizontal line is written differently from the others", "write horizontal lines as ---"),
    "md036": ("bold or italic text used as a heading", "write a heading instead: ## Title {#title}"),
    "md037": ("spaces just inside '*' or '_' emphasis", "write *word*, without spaces inside the stars"),
    "md038": ("spaces just inside a `code` span", "write `code`, without spaces inside the backticks"),
    "md039": ("spaces just inside the [text] of a link", "write [text](page.md), without spaces inside the brackets"),
    "md040": ("a code block without a language", "write the language after the opening ```, e.g. ```text"),
    "md042": ("a link with no address", "write [text](page.md)"),
    "md045": ("an image without a description",
              "describe the image in the brackets: ![what it shows](file.png)"),
    "md047": ("the file does not end with a line break", "add an empty line at the end of the file"),
    "md049": ("italic text written with a different sign than elsewhere", "write italics as *word*"),
    "md050": ("bold text written with a different sign than elsewhere", "write bold as **word**"),
    "md059": ("link text that says nothing about where it goes ('here', 'link')",
              "say what the link opens, e.g. [the safety page](safety.md)"),
}
# pymarkdown's details ("[Expected: h3; Actual: h4]") and rule names ("(heading-increment)").
_DETAILS = re.compile(r"\s*\[[^\]]*\]|\s*\([a-z0-9,-]+\)$")


def style_words(rule: str, text: str) -> tuple[str, str]:
    """(what is wrong, how to write it) for one pymarkdown finding, in plain words."""
    known = RULES.get(rule.lower())
    if known:
        return known
    # A rule with no words of its own yet: its message without codes, details or aliases.
    return f"Markdown layout: {_DETAILS.sub('', text).rstrip('.')}", "write it the way the other pages do"


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
            message, hint = style_words(match["rule"], match["msg"])
            problems.append(Problem(shown, int(match["line"]), message, hint))
    return problems
