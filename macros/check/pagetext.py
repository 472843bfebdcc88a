"""The readable text of a built page: what a reader sees in its article, one sentence a line.

The pull-request preview (`macros/check/prpreview.py`) diffs this text between the base
and the head build, so an editor sees the words that changed, not the HTML around them.
Only the page's `<article>` counts (not the navigation, header or footer); hidden text
(term tooltips, the "Edit this page" button, heading anchors, icons, scripts) is left out,
because it is not what a reader reads on that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that hold no reader text on the page itself.
SKIPPED_TAGS = {"script", "style", "svg", "template", "noscript", "button"}
# Classes whose element (and everything in it) is hidden or a control, not text.
SKIPPED_CLASSES = {"headerlink", "md-content__button", "dng-term__tip", "md-source-file"}
# Elements after which the text continues on a new line.
BLOCK_TAGS = {"p", "div", "li", "dt", "dd", "tr", "table", "ul", "ol", "dl", "blockquote", "pre", "details",
              "summary", "figure", "figcaption", "section", "header", "footer", "aside", "nav", "hr", "br",
              "h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that have no end tag: never pushed on the stack of open elements.
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HEADINGS = {f"h{level}": "#" * level + " " for level in range(1, 7)}
# A sentence ends at . ! or ? followed by a space and a capital, a digit or an opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘(])")


@dataclass
class PageText:
    """The title (the article's first h1) and the readable lines of one built page."""

    title: str
    lines: list[str] = field(default_factory=list)


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, skipped) for each open element
        self.article_depth = 0  # how many open <article> elements enclose the current point
        self.lines: list[str] = []
        self.current: list[str] = []
        self.title = ""
        self.in_h1 = False

    @property
    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.open)

    def _break(self, prefix: str = "") -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = [prefix] if prefix else []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag == "article":
            self.article_depth += 1
        inside = self.article_depth > 0 and not self.skipping
        if inside and tag in BLOCK_TAGS:
            self._break(HEADINGS.get(tag, "- " if tag == "li" else ""))
        if inside and tag in {"td", "th"} and self.current:
            self.current.append(" | ")
        if inside and tag == "img":
            self.current.append(f"[image: {values.get('alt') or 'no description'}]")
        if inside and tag == "h1" and not self.title:
            self.in_h1 = True
        if tag not in VOID_TAGS:
            self.open.append((tag, tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or tag not in (name for name, _ in self.open):
            return
        while self.open:  # close whatever was left open inside it, as a browser does
            name, _ = self.open.pop()
            if name == tag:
                break
        if self.article_depth and not self.skipping and tag in BLOCK_TAGS:
            if tag == "h1" and self.in_h1:
                self.title = " ".join("".join(self.current).split()).removeprefix("# ")
                self.in_h1 = False
            self._break()
        if tag == "article":
            self.article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.article_depth and not self.skipping:
            self.current.append(data)


def sentences(line: str) -> list[str]:
    """One line per sentence, so that a diff shows the sentence that changed, not the paragraph."""
    return [part for part in SENTENCE_END.split(line) if part]


def page_text(html: str) -> PageText:
    """The title and readable lines of a built page (no lines if it has no `<article>`)."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    parser._break()
    lines = [sentence for line in parser.lines for sentence in sentences(line)]
    return PageText(parser.title, lines)
