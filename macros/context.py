"""What one rendering needs to know: where the output lives and what it has cited so far.

A page, an embed copy of a page and a JSON API record each get their own
context, so citation numbers and "first use of a term" are counted per output.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from .datastore import Origin, SiteData


@dataclass
class RenderContext:
    site: SiteData
    page_url: str  # where the output lives, relative to the site root ("safety/", "" for home)
    site_url: str  # absolute, with a trailing slash
    absolute: bool = False  # embeds and the API link to the full site with absolute URLs
    origin: Origin = field(default_factory=lambda: Origin("<unknown>", None))
    pages: dict = field(default_factory=dict)  # page key -> SourcePage
    cited: list[str] = field(default_factory=list)
    terms_seen: set[str] = field(default_factory=set)
    tip_count: int = 0

    def href(self, target_url: str, anchor: str = "") -> str:
        """A link from this output to a site page (`target_url` relative to the site root)."""
        fragment = f"#{anchor}" if anchor else ""
        if self.absolute:
            return f"{self.site_url}{target_url}{fragment}"
        if target_url == self.page_url and fragment:
            return fragment
        here = self.page_url.rstrip("/") or "."
        there = target_url.rstrip("/") or "."
        rel = posixpath.relpath(there, here)
        rel = "./" if rel == "." else rel + "/"
        return rel + fragment

    def cite_number(self, key: str) -> int:
        if key not in self.cited:
            self.cited.append(key)
        return self.cited.index(key) + 1

    def next_tip_id(self, key: str) -> str:
        self.tip_count += 1
        return f"dng-tip-{key}-{self.tip_count}"
