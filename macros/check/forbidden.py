"""Raw HTML the build would remove, found by parsing the Markdown source as a browser parses HTML.

The build's sanitiser (macros/sanitise.py) makes such HTML inert whatever the
checker says; this check tells the editor where it is, with the line, so a
page never silently loses text. It parses (a tag split over two lines is still
one tag) and uses the sanitiser's own allow-lists, so the two cannot disagree.
Code (fenced blocks and `inline code`) is left out: it is shown, never run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from macros import sanitise
from macros.content.markdown_scan import Line
from macros.errors import Problem

# attr_list: `{: #id .class key="value" }` after a block or an inline element (one line only).
ATTR_LIST = re.compile(r"(?<!\{)\{(?!\{|##):?\s*(?P<body>[^{}]*?)\s*\}(?!\})")
ATTR_KEY = re.compile(r"(?<![#.\w-])(?P<key>[A-Za-z_:][\w:.-]*)\s*=")


class _SourceScanner(HTMLParser):
    def __init__(self, path: str, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.path, self.first_line = path, first_line
        self.problems: list[Problem] = []

    def _add(self, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, self.first_line + self.getpos()[0] - 1, message, hint))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in sanitise.DROPPED_WITH_CONTENT or tag not in sanitise.ALLOWED_TAGS:
            self._add(f"raw <{tag}> is not allowed in pages", "use Markdown and the site's macros "
                      "(see CONTRIBUTING.md); the build removes this tag")
            return
        for name, value in attrs:
            if name.startswith("on"):
                self._add(f"inline event handler '{name}=' is not allowed", "remove it: pages carry no scripts")
            elif not sanitise.attribute_allowed(tag, name):
                self._add(f"attribute '{name}=' on <{tag}> is not allowed", "remove it; the build drops it")
            elif name in sanitise.URL_ATTRIBUTES and not sanitise.safe_url(value or "", name):
                self._add(*_url_problem(value or ""))

    def handle_comment(self, data: str) -> None:
        self._add("HTML comment in a page", "remove it: comments are dropped from pages (use {## ... ##} for notes)")


def _url_problem(value: str) -> tuple[str, str]:
    """Words for a refused address: its scheme when it has one (after entities and tabs are removed)."""
    plain = re.sub(r"[\t\n\r]", "", html.unescape(value)).strip()
    scheme = plain.split(":", 1)[0].lower() if ":" in plain else ""
    if scheme == "data":
        return "a 'data:' URL is not allowed", "put the file in docs/assets/ and link to it"
    if scheme and re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme):
        return f"a '{scheme}:' link is not allowed", "link to a page or an https:// address"
    return f"the address '{value[:40]}' is not allowed here", "link to a page of this site or an https:// address"


def _blank_code(lines: Iterable[Line]) -> str:
    """The prose lines joined again, with code lines empty, so line numbers still match."""
    by_number = {line.number: line.text for line in lines}
    if not by_number:
        return ""
    first, last = min(by_number), max(by_number)
    return "\n".join(by_number.get(n, "") for n in range(first, last + 1))


def check(path: str, lines: Iterable[Line]) -> list[Problem]:
    lines = list(lines)
    if not lines:
        return []
    scanner = _SourceScanner(path, lines[0].number)
    scanner.feed(_blank_code(lines))
    scanner.close()
    problems = scanner.problems
    for line in lines:
        for attrs in ATTR_LIST.finditer(line.text):
            for key in ATTR_KEY.finditer(attrs.group("body")):
                problems.append(Problem(path, line.number, f"attribute '{key.group('key')}=' in {{...}} is not allowed",
                                        "only ids and classes may be set this way: {#an-id .a-class}"))
    for line in lines:
        for match in re.finditer(r"\]\(\s*(?P<target>[^)\s]+)|^\s{0,3}\[[^\]]+\]:\s*(?P<ref>\S+)", line.text):
            target = match.group("target") or match.group("ref")
            if not sanitise.safe_url(html.unescape(target), "href"):
                problems.append(Problem(path, line.number, *_url_problem(target)))
    return problems
