"""What one rendering needs to know: where the output lives and what it has cited so far.

A page, an embed copy of a page and a JSON API record each get their own
context, so citation numbers and "first use of a term" are counted per output.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Concatenate

from macros.content.datastore import SiteData
from macros.content.sourcelinks import Repository

if TYPE_CHECKING:
    from macros.content.sourcepages import SourcePage
    from macros.site import Site

# Citation links' ids start with this; the reference list's "Back to text" links point at them.
CITE_ID_PREFIX = "cite-"


@dataclass
class RenderContext:
    site: SiteData
    page_url: str  # where the output lives, relative to the site root ("safety/", "" for home)
    site_url: str  # absolute, with a trailing slash
    absolute: bool = False  # embeds and the API link to the full site with absolute URLs
    pages: dict[str, SourcePage] = field(default_factory=dict)  # page key -> SourcePage
    cited: list[str] = field(default_factory=list)
    cite_uses: dict[str, int] = field(default_factory=dict)  # reference key -> citations of it so far
    figures_used: list[str] = field(default_factory=list)  # figure keys, in order of first use
    terms_seen: set[str] = field(default_factory=set)
    tip_count: int = 0
    # The Site, for the few macros that need more than data (change log, trusted HTML).
    build: Site = field(kw_only=True)
    # Pages of the full site only: where entries link to their lines ("Edit this answer").
    # None in embeds, the API and JSON-LD, which clinics and machines read, not editors.
    repository: Repository | None = field(default=None, kw_only=True)

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

    def next_cite_id(self, key: str) -> str:
        """The id of a citation link: `cite-<reference number>-<its nth citation on the page>`,
        where the reference list's "Back to text" link returns to."""
        self.cite_uses[key] = self.cite_uses.get(key, 0) + 1
        return f"{CITE_ID_PREFIX}{self.cite_number(key)}-{self.cite_uses[key]}"

    def next_tip_id(self, key: str) -> str:
        self.tip_count += 1
        return f"dng-tip-{key}-{self.tip_count}"


# A macro as the table (macros/render/table.py) holds it: the render context first, then what the text passes.
Macro = Callable[Concatenate[RenderContext, ...], object]
