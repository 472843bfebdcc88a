"""The real site search, in Chromium, puts the page that answers a reader's words first.

The site loads its search index only when a search starts (lazy-search.js): the test types into
the search box as a reader does. Material lists results grouped by page, best page first: the
group's first link is the page, then its sections, best first. The expected address is the best
page and, where a section answers, that section.
"""

from __future__ import annotations

import pytest

# What a reader types -> the address that answers it (under the site's base path).
ANSWERS = {
    "pneumothorax": "safety/#pneumothorax",
    "does it hurt": "faq/#does-it-hurt",
    "pregnant": "faq/#pregnancy",
    "blood thinners": "faq/#blood-thinners",
    "back pain": "conditions/#back",
}

FIRST_GROUP = """() => {
  const group = document.querySelector('.md-search-result__list > .md-search-result__item');
  return group ? [...group.querySelectorAll('a.md-search-result__link')].map(a => a.getAttribute('href')) : [];
}"""


def _address(href: str, site_url: str) -> str:
    """A result link as an address under the site: the highlight query (?h=...) removed."""
    path = href.removeprefix(site_url)
    page, _, anchor = path.partition("#")
    page = page.split("?")[0]
    return f"{page}#{anchor}" if anchor else page


def _first_group(page) -> list[str]:
    """The first group's links once Material has settled on them (read twice, 300 ms apart, from
    Python: in-page polling would need the CSP to allow it)."""
    last: list[str] = []
    for _ in range(50):
        links = page.evaluate(FIRST_GROUP)
        if links and links == last:
            return links
        last = links
        page.wait_for_timeout(300)
    return last


@pytest.mark.parametrize("query", ANSWERS)
def test_search_puts_the_answer_first(page, servers, query):
    page.goto(servers.site_url)
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15000)
    links = [_address(href, servers.site_url) for href in _first_group(page)]
    expected = ANSWERS[query]
    expected_page = expected.partition("#")[0]
    assert links, f"no results for {query!r}"
    assert links[0] == expected_page, f"{query!r}: first page is {links[0]!r}, not {expected_page!r} ({links})"
    sections = [link for link in links if "#" in link]
    if "#" in expected:
        assert sections and sections[0] == expected, f"{query!r}: first section is {sections[:1]}, not {expected!r}"
