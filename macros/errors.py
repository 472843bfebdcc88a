"""Content errors as values: a location, what is wrong, and how to fix it.

One format serves the build log, the editors' checker and the tests:
``path:line: what is wrong — how to fix it``.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

# A logger under "mkdocs." so that `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.dng")


@dataclass(frozen=True)
class Problem:
    """One problem found in a source file."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}:1"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class ContentError(Exception):
    """Raised where a content mistake makes rendering impossible."""

    def __init__(self, message: str, hint: str = "", path: str = "", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path
        self.line = line

    def problem(self, path: str | None = None, line: int | None = None) -> Problem:
        return Problem(path or self.path or "<unknown>", line or self.line, self.message, self.hint)

    def __str__(self) -> str:
        return self.problem().format() if self.path else f"{self.message} — {self.hint}"


class DataError(Exception):
    """Raised when data files fail validation; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


def closest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The nearest valid names to a mistyped one, best first.

    Only names about as close as the best one are offered: a clear winner is
    named alone, so the hint reads as an answer rather than a list to search.
    """
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(str(value))
    scored = []
    for choice in sorted(set(choices)):
        matcher.set_seq1(choice)
        score = matcher.ratio()
        if score >= 0.5:
            scored.append((score, choice))
    scored.sort(key=lambda pair: -pair[0])
    if not scored:
        return []
    best = scored[0][0]
    return [choice for score, choice in scored[:n] if score >= best - 0.1]


def did_you_mean(value: str, choices: Iterable[str], what: str) -> str:
    """A hint naming the closest valid keys, or where to find the list."""
    near = closest(value, choices)
    if near:
        return "did you mean " + " or ".join(f"'{n}'" for n in near) + "?"
    return f"use a key defined in {what}"


def or_add_new(suggestion: str, new_entry: str) -> str:
    """A did-you-mean hint, then what to do when the key is meant to be new."""
    if suggestion.endswith("?"):
        return f"{suggestion} {new_entry[0].upper()}{new_entry[1:]}"
    return f"{suggestion}; {new_entry}"


class ContentProblems(PluginError):
    """The build cannot start: the content has these problems (every one, not the first)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [p.format() for p in problems]
        super().__init__(f"{len(lines)} problem(s) in the content:\n  " + "\n  ".join(lines))


class Reporter:
    """Sends problems to the build log, each once: strict mode turns a warning into a failed build.

    Embed copies render the same source again, so the same mistake would otherwise
    be listed once per copy. One Reporter per build (it lives on the Site)."""

    def __init__(self, to_log: bool = True) -> None:
        self.to_log = to_log  # the checker collects problems without logging them
        self.reported: list[Problem] = []
        self._seen: set[str] = set()

    def report(self, problem: Problem) -> None:
        text = problem.format()
        if text not in self._seen:
            self._seen.add(text)
            self.reported.append(problem)
            if self.to_log:
                log.warning(text)
