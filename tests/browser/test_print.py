"""Printing a page (issue 12): safety.md fits its page budget, internal links print no address, the
printout opens with where it came from and keeps its reference list.

Page counts come from benchmarks/pagelength.py, the calculation the reading benchmark reports; the
budget is budgets.yml's safety_print_pages, read by the same loader as the byte budgets.
"""

from __future__ import annotations

import pytest
from mkdocs.config import load_config

from benchmarks.pagelength import PAPER, print_pages
from benchmarks.weight import load_budgets
from tests.support.pages import ROOT

# The ::after content of every link in the article that points at this site, in print.
_SAME_SITE_AFTER = """() => [...document.querySelectorAll("article a[href]")]
  .filter(a => a.host === location.host)
  .map(a => ({href: a.getAttribute("href"), text: a.textContent.trim(), cls: a.className,
              after: getComputedStyle(a, "::after").content}))"""


@pytest.fixture()
def printed(page, servers):
    page.goto(servers.site_url + "safety/")
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("paper", PAPER)
def test_safety_prints_within_its_page_budget(printed, paper):
    budget = load_budgets()["safety_print_pages"]
    pages = print_pages(printed, paper)
    print(f"safety/ prints on {pages} {paper} pages (budget {budget})")
    assert pages <= budget, f"safety.md prints on {pages} {paper} pages; budgets.yml allows {budget}"


def test_internal_links_print_no_address(printed):
    links = printed.evaluate(_SAME_SITE_AFTER)
    classes = " ".join(link["cls"] for link in links)
    # The kinds the issue names are all there, so the check below covers them. A glossary term's link
    # is `dng-term__link`, or `dng-term__more` inside its definition once site.js made the term a button.
    assert "dng-cite__link" in classes and ("dng-term__link" in classes or "dng-term__more" in classes), classes[:200]
    assert any("#" in link["href"] and "dng-" not in link["cls"] for link in links), "no plain in-page link found"
    printing = [link for link in links if link["after"] not in ("none", "normal", '""')]
    assert not printing, f"internal links that print something after them: {printing[:5]}"


def test_a_source_link_in_the_reference_list_prints_its_address(printed):
    """External links may print their address: a "Source" link does (its text does not say where it goes)."""
    found = printed.evaluate("""() => [...document.querySelectorAll(".dng-refs a[href]")]
      .filter(a => a.host !== location.host && !/doi\\.org|pubmed/.test(a.host))
      .map(a => [a.href, getComputedStyle(a, "::after").content])""")
    assert found, "no Source link in safety.md's reference list"
    href, after = found[0]
    assert href in after, (href, after)


def test_print_header_names_site_title_review_date_and_address(printed, servers):
    header = printed.locator(".dng-print-header")
    assert header.is_visible()
    text = header.inner_text()
    site_name = load_config(str(ROOT / "mkdocs.yml"))["site_name"]
    title = printed.locator("article h1").first.inner_text()
    reviewed = printed.locator(".dng-facts__review time").first
    assert site_name in text and title in text, text
    assert header.locator("time").get_attribute("datetime") == reviewed.get_attribute("datetime")
    assert reviewed.inner_text() in text
    assert servers.site_url + "safety/" in text
    # It comes before the page's own title and text.
    assert printed.evaluate("""() => {
      const h = document.querySelector('.dng-print-header'), t = document.querySelector('article h1');
      return !!(h.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    printed.emulate_media(media="screen")
    assert not header.is_visible(), "the print header shows on screen"


def test_printout_hides_chrome_and_editor_links_and_keeps_a_compact_reference_list(printed):
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".dng-embed-snippet", "a[rel='edit']",
                     ".dng-ref__full"):
        shown = printed.locator(selector)
        assert shown.count() and not shown.first.is_visible(), f"{selector} is printed (or missing)"
    refs = printed.locator("ol.dng-refs")
    assert refs.is_visible() and refs.locator("li").last.is_visible()
    body = printed.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    small = refs.evaluate("ol => parseFloat(getComputedStyle(ol).fontSize)")
    assert small < body, f"reference list at {small}px is not smaller than the text ({body}px)"


def test_a_folded_reference_list_opens_in_print(printed):
    """The list folded behind a closed <details> (as "Sources (N)" does) still prints in full."""
    printed.evaluate("""() => {
      const list = document.querySelector('ol.dng-refs');
      if (list.closest('details')) { list.closest('details').open = false; return; }
      const fold = document.createElement('details'), summary = document.createElement('summary');
      summary.textContent = 'Sources';
      list.before(fold); fold.append(summary, list);
    }""")
    refs = printed.locator("ol.dng-refs")
    assert not printed.evaluate("document.querySelector('ol.dng-refs').closest('details').open")
    assert refs.is_visible() and refs.locator("li").last.is_visible()
    printed.emulate_media(media="screen")
    assert not refs.is_visible(), "the fold does not hide the list on screen, so this test proves nothing"
