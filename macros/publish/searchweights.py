"""Each page's weight in the theme's site search, set by the build.

Never by a page: a page that could weigh itself could come first for every search, so front
matter refuses `search.boost` (tests/test_security_layers.py). Pages that define, list or sum up
what another page explains weigh half. When a heading there and a topic page's heading match a
search equally ("Pneumothorax" in the glossary, "Collapsed lung (pneumothorax)" on the safety
page), the reader lands on the page with the full answer; the shorter entry follows it.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

# Page key (its file in docs/, without .md) -> weight; every other page weighs 1.
WEIGHTS: dict[str, float] = {
    "faq": 0.5,  # short answers, each linking to the section that explains
    "glossary": 0.5,  # definitions of words the topic pages explain
    "claims": 0.5,  # its headings quote what others claim; our answers are on the topic pages
    "references": 0.5,  # titles of studies
}


def weigh(page_key: str, meta: MutableMapping[str, Any]) -> None:
    """Set the page's weight where Material's search plugin reads it (`search.boost` in its meta)."""
    weight = WEIGHTS.get(page_key)
    if weight is not None:
        meta["search"] = {**(meta.get("search") or {}), "boost": weight}
