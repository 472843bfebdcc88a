"""The output allow-list: HTML after Markdown keeps only inert tags, attributes and URLs.

Pages, embeds, data text and the API's `html` fields pass through `clean`, so
whatever reaches the HTML (raw HTML in Markdown, attr_list attributes, text a
macro assembled) can only be text, formatting and links. The parser is the
standard library's, the same tokenizer rules browsers follow for attributes and
entities: a URL is checked after entities are decoded (`&#106;avascript:`) and
after the tabs and newlines browsers ignore are removed (`java\\tscript:`).

Macros whose output must stay active (the live embed example's iframe) hand
their HTML to `trusted`, which returns a placeholder holding a per-build secret;
`clean` puts the HTML back after sanitising. Content cannot forge a placeholder:
it never sees the secret, which changes with every build.
"""

from __future__ import annotations

import html
import re
import secrets
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset({
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul", "var", "wbr",
})
VOID_TAGS = frozenset({"br", "col", "hr", "img", "wbr"})
# Elements HTML never closes: one of them must not start a dropped region that never ends.
HTML_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
                       "param", "source", "track", "wbr"})
# Dropped with everything inside them, not just their tags.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "title",
    "svg", "math", "select", "noembed", "noframes", "xmp", "plaintext",
})
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role"})
TAG_ATTRIBUTES = {
    "a": frozenset({"href", "rel", "aria-describedby", "aria-label", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "td": frozenset({"colspan", "rowspan", "align", "data-label"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "time": frozenset({"datetime"}),
    # data-search-exclude: Material's search skips the element (folded source lists, the FAQ's question list).
    "details": frozenset({"open", "data-search-exclude"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "abbr": frozenset({"title"}),
    "div": frozenset({"tabindex", "aria-label", "data-search-exclude"}),
    "aside": frozenset({"aria-label"}),
    # certainty badges, figures; glossary definitions kept out of the search index
    "span": frozenset({"aria-hidden", "data-question", "data-figure", "data-search-exclude"}),
    "table": frozenset({"aria-label"}),
    "h2": frozenset({"data-search-exclude"}),  # a page's own reference list, out of the search index
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Names the theme owns: an id such as `__config` would shadow the element Material's script reads
# (DOM clobbering), and its classes (`md-overlay`, ...) could lay content over the page.
THEME_NAME_PREFIXES = ("_", "md-", "md_")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Browsers drop these anywhere in a URL before reading its scheme.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_url(value: str, attribute: str = "href") -> bool:
    """http(s), mailto or a relative URL; images and citations (src, cite) only relative ones."""
    url = _URL_IGNORED.sub("", value).strip("\x00 \x0b\x0c")
    if any(ord(ch) < 32 for ch in url):
        return False
    match = _SCHEME.match(url)
    if attribute != "href":
        return match is None and not url.startswith("//")
    return match is None or match.group(1).lower() in LINK_SCHEMES


def attribute_allowed(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, ())


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: list[str] = []  # open tags whose content is dropped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in DROPPED_WITH_CONTENT:
            if tag not in HTML_VOID:
                self.dropping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            if not attribute_allowed(tag, name):
                continue
            value = value if value is not None else ""
            if name in URL_ATTRIBUTES and not safe_url(value, name):
                continue
            if name == "id" and value.startswith(THEME_NAME_PREFIXES):
                continue
            if name == "class":
                value = " ".join(c for c in value.split() if not c.startswith(THEME_NAME_PREFIXES))
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_CONTENT or self.dropping:
            return  # `<svg/>`: nothing opened, nothing to drop
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and tag in ALLOWED_TAGS:
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))

    # Comments, <!DOCTYPE>, processing instructions and CDATA never reach the output.
    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


def clean(fragment: str, trusted: TrustedMarkup | None = None) -> str:
    """The fragment with only allowed tags, attributes and URLs; trusted macro output put back."""
    cleaner = _Cleaner()
    cleaner.feed(fragment)
    cleaner.close()
    result = "".join(cleaner.out)
    return trusted.restore(result) if trusted else result


class TrustedMarkup:
    """HTML a macro built from validated data (live embed examples), kept out of the sanitiser's way.

    The macro emits a placeholder holding a secret made for this build; only `clean` with
    this store puts the HTML back, so page text that imitates a placeholder gets nothing."""

    def __init__(self) -> None:
        self._secret = secrets.token_hex(16)
        self._markup: dict[str, str] = {}
        self._placeholder = re.compile(r'<span class="dng-trusted-' + self._secret + r'-(\d+)"></span>')

    def add(self, markup: str) -> str:
        """Register `markup`; returns the placeholder to emit instead."""
        number = str(len(self._markup))
        self._markup[number] = markup
        return f'<span class="dng-trusted-{self._secret}-{number}"></span>'

    def restore(self, html: str) -> str:
        if not self._markup:
            return html
        return self._placeholder.sub(lambda m: self._markup.get(m.group(1), ""), html)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_CONTENT and tag not in HTML_VOID:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def text_of(fragment: str) -> str:
    """The words of an HTML fragment, without any tag (for titles that are printed as text)."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())
