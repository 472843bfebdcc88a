"""The site search finds a FAQ answer at its question (faq/#key), not at the top of the FAQ page.

Material's search gives a heading the text after it until an element around the heading ends: the
questions are headings at the top level of the page (macros/render/faq.py), so each answer's words
are indexed under its own question. Read from the built search_index.json. (In a browser:
tests/browser/test_faq_search.py.)
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from macros.content import datastore
from tests.support.pages import ROOT, soup

DATA = datastore.load(ROOT)
# Questions from each group, short and long answers, with and without glossary terms and figures.
CHECKED = ["what-is-dry-needling", "does-it-hurt", "how-does-it-work", "side-effects", "collapsed-lung",
           "urgent-help", "what-to-do-after", "pregnancy", "blood-thinners", "insurance", "is-it-ims"]


def _plain(text: str) -> str:
    """Text as a reader sees it: no tags, entities decoded, one space between words."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture(scope="module")
def index(site: Path) -> dict[str, str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {doc["location"]: _plain(doc["text"]) for doc in docs}


@pytest.fixture(scope="module")
def answer_openings(site: Path) -> dict[str, str]:
    """Words from each checked answer as the built FAQ page shows them: up to eight from the first
    run of six or more words of its first paragraph's own text (so between, not across, glossary
    terms and citation markers, which the index writes differently)."""
    page = soup(site, "faq/")
    openings = {}
    for key in CHECKED:
        first = page.select_one(f"#{key} + .dng-faq__panel .dng-faq__answer p")
        assert first is not None, key
        runs = [text.split() for text in first.find_all(string=True, recursive=False)]
        openings[key] = " ".join(next(run for run in runs if len(run) >= 6)[:8])
    return openings


def test_the_checked_questions_exist():
    assert set(CHECKED) <= {entry.key for entry in DATA.faq}
    assert {entry.group for entry in DATA.faq if entry.key in CHECKED} == {g.key for g in DATA.scales.faq_groups}


@pytest.mark.parametrize("key", CHECKED)
def test_an_answer_is_indexed_under_its_question(index, answer_openings, key):
    words = answer_openings[key]
    assert len(words.split()) >= 6, words
    assert f"faq/#{key}" in index, f"no search entry for faq/#{key}"
    assert words in index[f"faq/#{key}"], f"faq/#{key} does not hold its answer's words {words!r}"
    assert words not in index["faq/"], f"the FAQ page's top entry holds the answer to {key}"
    elsewhere = [loc for loc, text in index.items() if loc.startswith("faq/#") and loc != f"faq/#{key}" and words in text]
    assert not elsewhere, f"{key}'s answer is indexed under {elsewhere}"


def test_the_faq_top_entry_holds_only_the_introduction(index, site):
    intro = soup(site, "faq/").select_one(".md-content article > p")
    assert intro is not None
    assert index["faq/"] == " ".join(intro.get_text(" ").split())
    # Every question has an entry of its own with text in it.
    assert all(index.get(f"faq/#{entry.key}") for entry in DATA.faq)
