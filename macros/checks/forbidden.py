"""Content that must never be in Markdown: raw active HTML, script URLs, Jinja beyond the macros.

Pages are rendered by Jinja in the build, so template code that reaches into
Python internals or the build configuration is refused here as well as by the
sandbox at build time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import Problem
from .markdown_scan import Line

RULES = [
    (re.compile(r"<\s*(script|iframe|style|object|embed|form)\b", re.I),
     "raw <{0}> is not allowed in Markdown",
     "use the site's macros (see CONTRIBUTING.md); embeds and examples come from macros"),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I),
     "inline event handler '{0}=' is not allowed",
     "remove it: pages carry no scripts"),
    (re.compile(r"(?:\]\(|href\s*=\s*[\"']?|src\s*=\s*[\"']?)\s*(javascript|vbscript):", re.I),
     "a '{0}:' link is not allowed", "link to a page or an https:// address"),
    (re.compile(r"(?:\]\(|href\s*=\s*[\"']?|src\s*=\s*[\"']?)\s*(data):", re.I),
     "a '{0}:' URL is not allowed", "put the file in docs/assets/ and link to it"),
]
JINJA = re.compile(r"(\{\{|\{%)(?P<body>.*?)(\}\}|%\})")
JINJA_BAD = re.compile(r"__|\b(config|environment|plugin|git|self|namespace|joiner|cycler|lipsum|range)\b")


def check(path: str, lines: Iterable[Line]) -> list[Problem]:
    problems = []
    for line in lines:
        for pattern, message, hint in RULES:
            for match in pattern.finditer(line.text):
                problems.append(Problem(path, line.number, message.format(match.group(1).lower()), hint))
        for match in JINJA.finditer(line.text):
            # Names inside string literals ("range-of-motion") are keys, not code.
            code = re.sub(r"\"[^\"]*\"|'[^']*'", '""', match.group("body"))
            bad = JINJA_BAD.search(code)
            if bad:
                problems.append(Problem(path, line.number,
                                        f"template code '{match.group(0).strip()[:60]}' reaches beyond the macros",
                                        "pages may only call the site's macros (term, cite, grade, ...)"))
            if match.group(1) == "{%" and match.group("body").strip() not in ("raw", "endraw"):
                problems.append(Problem(path, line.number, "Jinja statements ({% ... %}) are not allowed in pages",
                                        "use only {{ macro(...) }} calls; ask a maintainer for a new macro"))
    return problems
