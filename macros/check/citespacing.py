"""Citation spacing of a page: how many words a reader reads between two citation marks.

A citation group is one `<sup class="dng-cite">` (one bracket of numbers, "[1, 2]"). On a phone a
mark every 20 words breaks most sentences; the target is a median of at least 50 words between
consecutive groups (one group at the end of a sentence or bullet, one group for a run of
sentences that share their sources).

What counts. The words of the page's `<article>` that a reader sees in the main text, headings,
badges, boxes and folded blocks included, by the same word rule as the reading grade
(`readability.words`). Not counted: the citation marks themselves; hidden text (term tooltips);
controls (heading anchors, the "Edit this page" button); the reference list (everything from the
`References` heading on, and any `.dng-refs` list); navigation, such as a jump list of the page's
sections (`<nav>`, or an element with a class in `NOT_TEXT_CLASSES`); and the page-facts box.

The gaps are the word counts between each pair of consecutive groups; text before the first
group and after the last is no gap. A page with fewer than two groups has no gaps, and so no
median (`None`): nothing on it is broken up by citations.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from html.parser import HTMLParser

from macros.check.readability import words

CITE_CLASS = "dng-cite"
# Elements whose text is not main reading text: hidden tooltips, controls, the reference list,
# page facts, and section jump lists (also caught as <nav>).
NOT_TEXT_CLASSES = {"dng-term__tip", "headerlink", "md-content__button", "md-source-file", "dng-refs", "dng-ref",
                    "dng-facts", "dng-jump", "dng-jumps", "dng-toc", "dng-on-this-page"}
NOT_TEXT_TAGS = {"script", "style", "svg", "template", "noscript", "nav", "aside", "button"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# The reference list's heading id: from it to the end of the article is the list.
REFERENCES_ID = "references"
TARGET = 50


@dataclass(frozen=True)
class Spacing:
    """The word counts between consecutive citation groups of one page."""

    gaps: tuple[int, ...]

    @property
    def groups(self) -> int:
        return len(self.gaps) + 1 if self.gaps else 0

    @property
    def median(self) -> float | None:
        return statistics.median(self.gaps) if self.gaps else None

    def describe(self) -> str:
        """"median 54 words (31 groups)", or "fewer than two citation groups"."""
        if self.median is None:
            return "fewer than two citation groups"
        return f"median {self.median:g} words ({self.groups} groups)"


class _Gaps(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, skipped) for each open element inside the article
        self.article_depth = 0
        self.finished = False  # reached the reference list: nothing after it is reading text
        self.in_cite = 0
        self.seen_cite = False
        self.current: list[str] = []  # text since the last citation group
        self.gaps: list[int] = []

    @property
    def skipping(self) -> bool:
        return self.finished or self.in_cite > 0 or any(skipped for _, skipped in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag == "article":
            self.article_depth += 1
            return
        if not self.article_depth:
            return
        if values.get("id") == REFERENCES_ID:
            self.finished = True
        if tag in VOID_TAGS:
            if not self.skipping:
                self.current.append(" ")
            return
        if tag == "sup" and CITE_CLASS in classes and not self.skipping:
            if self.seen_cite:
                self.gaps.append(len(words(" ".join(self.current))))
            self.seen_cite, self.current = True, []
            self.open.append((tag, False))
            self.in_cite += 1
            return
        self.open.append((tag, tag in NOT_TEXT_TAGS or bool(classes & NOT_TEXT_CLASSES)))
        self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
            return
        if tag in VOID_TAGS or tag not in (name for name, _ in self.open):
            return
        while self.open:  # close whatever was left open inside it, as a browser does
            name, _ = self.open.pop()
            if name == "sup" and self.in_cite:
                self.in_cite -= 1
            if name == tag:
                break
        self.current.append(" ")

    def handle_data(self, data: str) -> None:
        if self.article_depth and not self.skipping:
            self.current.append(data)


def spacing(html: str) -> Spacing:
    """The citation spacing of a built page's article."""
    parser = _Gaps()
    parser.feed(html)
    parser.close()
    return Spacing(tuple(parser.gaps))
