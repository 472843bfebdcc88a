"""The site search, in Chromium, lands on the FAQ question whose answer holds the reader's words.

The words are in one answer only (checked in the built index first, so the test means what it
says); the first result group is the FAQ page and its first section that question. Following the
result opens the answer. (The index itself: tests/test_faq_search_index.py; how the search is
driven: tests/browser/test_search_answers.py.)
"""

from __future__ import annotations

import html
import json
import re

from macros.render import faq
from tests.browser.test_search_answers import _address, _first_group

# "feeling sick to your stomach" is one of the side effects that answer lists.
QUERY = "stomach"
ANSWER = "side-effects"


def test_the_words_are_in_one_answer_only(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    found = [doc["location"] for doc in docs
             if re.search(rf"\b{QUERY}", html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])),
                          re.IGNORECASE)]
    assert found == [f"faq/#{ANSWER}"]


def test_searching_words_of_an_answer_lands_on_its_question(page, servers):
    page.goto(servers.site_url)
    page.keyboard.press("/")
    page.keyboard.type(QUERY)
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15000)
    links = [_address(href, servers.site_url) for href in _first_group(page)]
    assert links and links[0] == "faq/", f"first page is not the FAQ: {links}"
    sections = [link for link in links if "#" in link]
    assert sections and sections[0] == f"faq/#{ANSWER}", f"first section is {sections[:1]}, not faq/#{ANSWER}"
    page.locator(f".md-search-result__link[href*='#{ANSWER}']").first.click()
    page.wait_for_function("k => location.hash === '#' + k", arg=ANSWER)
    answer = page.locator(f"#{faq.PANEL_ID_PREFIX}{ANSWER}")
    answer.locator(".dng-faq__answer").wait_for(state="visible")
    assert page.locator(f"#{ANSWER} > button").get_attribute("aria-expanded") == "true"
    top = page.evaluate("k => document.getElementById(k).getBoundingClientRect().top", ANSWER)
    assert 0 <= top < page.viewport_size["height"], f"the question is not in view ({top})"
