"""What the site search indexes: page text, not the lists and helpers around it.

Material's search plugin skips any element carrying `data-search-exclude`. A search should find
the sentence that answers it, not a page's reference list, the glossary definition shown in a
tooltip, or the embed snippet at the page foot. Read from the built search_index.json.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from macros.content import datastore
from tests.support.pages import ROOT, soup

PAGE_SNIPPET_WORDS = "Paste this where the page should appear"  # the embed snippet's own sentence


@pytest.fixture(scope="module")
def index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def test_no_reference_list_is_indexed(index, site):
    assert not [doc["location"] for doc in index if doc["location"].endswith("#references")]
    # The words of a cited reference's entry (as the page's list prints it) appear in no page's text.
    entry = soup(site, "safety/").select_one("li.dng-ref")
    assert entry is not None
    title = datastore.load(ROOT).references[entry["id"].removeprefix("ref-")].title
    assert len(title) > 20
    found = [doc["location"] for doc in index if title in _plain(doc["text"])]
    assert all(location.startswith("references/") for location in found), found


def test_no_tooltip_definition_is_indexed(index, site):
    tips = {tip.get_text(" ", strip=True) for tip in soup(site, "safety/").select(".dng-term__tip")}
    assert len(tips) >= 5
    for tip in tips:
        found = [doc["location"] for doc in index if tip in " ".join(_plain(doc["text"]).split())]
        # The glossary page states each definition as its entry's text: that is where a search finds it.
        assert all(location.startswith("glossary/") for location in found), (tip, found)


def test_no_embed_snippet_is_indexed(index, site):
    assert PAGE_SNIPPET_WORDS in soup(site, "safety/").select_one("details.dng-embed-snippet").get_text()
    assert not [doc["location"] for doc in index if PAGE_SNIPPET_WORDS in _plain(doc["text"])]
    assert not [doc["location"] for doc in index if "Embed this page on your website" in _plain(doc["text"])]


def test_every_exclusion_is_marked_in_the_html(site):
    page = soup(site, "safety/")
    assert page.select_one("h2#references").has_attr("data-search-exclude")
    assert all(tip.has_attr("data-search-exclude") for tip in page.select(".dng-term__tip"))
    assert page.select_one("details.dng-embed-snippet").has_attr("data-search-exclude")


def test_the_answering_sections_are_indexed(index):
    # Control: the exclusions leave the text itself in the index.
    locations = {doc["location"] for doc in index}
    assert {"safety/#pneumothorax", "conditions/#back", "faq/#pregnancy"} <= locations
