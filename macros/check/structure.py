"""What no other check sees in a page's text: an empty page, and external links without https.

Headings and image alt text are pymarkdown's rules (tools.py); links, anchors and
the navigation are MkDocs' own validation, run by the checker's build.
"""

from __future__ import annotations

import re

from macros.content.markdown_scan import Line
from macros.content.sourcepages import SourcePage
from macros.errors import Problem

LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def check_page(page: SourcePage, lines: list[Line]) -> list[Problem]:
    problems = []
    if not page.body.strip():
        problems.append(Problem(page.path, page.body_offset + 1, "page has no content",
                                "write the page, or delete the file and its nav entry"))
    for line in lines:
        for link in LINK.finditer(line.text):
            target = link.group("target")
            if target.startswith("http://"):
                problems.append(Problem(page.path, line.number, f"external link without https: '{target}'",
                                        "use the https:// address"))
    return problems
