"""Glossary terms and citations open in place (issue 12): tap, second tap, Escape, hover, keyboard, no JS, axe.

site.js turns each term's link into a button whose definition opens in place with a link to the
glossary entry, and shows a citation's source in a popover cloned from the page's reference list.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.test_accessibility import AXE, NO_TRANSITIONS, OPTIONS, describe

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True}
DESKTOP = {"viewport": {"width": 1440, "height": 900}}
PAGE = "safety/"


def open_page(new_context, servers, url=PAGE, **options):
    page = new_context(**options).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(servers.site_url + url)
    return page


def first_term(page):
    term = page.locator(".dng-term").first
    term.locator(".dng-term__button").wait_for()  # site.js has run
    return term, term.locator(".dng-term__button"), term.locator(".dng-term__tip")


def test_tapping_a_term_opens_its_definition_without_leaving_the_page(new_context, servers):
    page = open_page(new_context, servers, **PHONE)
    address = page.url
    term, button, tip = first_term(page)
    key = term.locator(".dng-term__more").get_attribute("href").rpartition("#")[2]
    assert not tip.is_visible()
    button.tap()
    assert tip.is_visible() and page.url == address
    assert button.get_attribute("aria-expanded") == "true"
    more = tip.locator("a.dng-term__more")
    assert more.is_visible() and more.inner_text() == "More in the glossary"
    assert more.get_attribute("href").endswith(f"glossary/#{key}")
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"the definition leaves the screen: {box}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    button.tap()
    assert not tip.is_visible(), "a second tap must close the definition"
    assert button.get_attribute("aria-expanded") == "false" and page.url == address
    button.tap()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible(), "Escape must close the definition"


def test_tapping_more_in_the_glossary_goes_to_the_entry(new_context, servers):
    page = open_page(new_context, servers, **PHONE)
    term, button, tip = first_term(page)
    key = term.locator(".dng-term__more").get_attribute("href").rpartition("#")[2]
    button.tap()
    tip.locator("a.dng-term__more").tap()
    page.wait_for_url(f"**/glossary/#{key}")
    page.locator(f"[id='{key}']").wait_for(state="attached")  # instant navigation swaps the page in


def test_tapping_elsewhere_or_another_term_closes_the_open_one(new_context, servers):
    page = open_page(new_context, servers, **PHONE)
    first_term(page)
    terms = page.locator(".dng-term")
    one, two = terms.nth(0), terms.nth(1)
    one.locator(".dng-term__button").tap()
    two.locator(".dng-term__button").tap()
    assert two.locator(".dng-term__tip").is_visible() and not one.locator(".dng-term__tip").is_visible()
    page.locator(".md-typeset h1").tap()
    assert not two.locator(".dng-term__tip").is_visible()


def test_hover_and_keyboard_still_show_a_term_on_desktop(new_context, servers):
    page = open_page(new_context, servers, **DESKTOP)
    term, button, tip = first_term(page)
    button.scroll_into_view_if_needed()
    button.hover()
    assert tip.is_visible(), "hovering must show the definition"
    tip.hover()  # the pointer can move onto it (WCAG 1.4.13)
    assert tip.is_visible()
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    button.focus()
    assert tip.is_visible(), "keyboard focus must show the definition"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and tip.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('dng-term__more')") and tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('dng-term__button')")


def citation_and_entry(page):
    first_term(page)  # site.js has run
    citation = page.locator("sup.dng-cite > a.dng-cite__link").first
    # Material's instant navigation makes hrefs absolute: the fragment is the entry.
    key = citation.evaluate("a => a.hash").removeprefix("#ref-")
    return citation, key, page.locator(f"li#ref-{key}")


def test_tapping_a_citation_shows_its_source_in_place(new_context, servers):
    page = open_page(new_context, servers, **PHONE)
    address = page.url
    citation, key, entry = citation_and_entry(page)
    citation.tap()
    source = page.locator(".dng-cite-pop")
    assert source.is_visible() and page.url == address
    assert page.evaluate("document.querySelector('.dng-cite-pop').matches(':popover-open')")
    title = source.locator(".dng-cite-pop__title").inner_text()
    assert title == f"Source {citation.inner_text().strip()}"
    words = entry.evaluate("li => li.querySelector('.dng-edit') ? "
                           "li.cloneNode(true).textContent : li.textContent")
    assert entry.evaluate("li => (li.querySelector('a') || li).textContent.trim()") in source.inner_text()
    assert len(words) > 20
    assert source.locator("[id^='ref-']").count() == 0, "the copy must not repeat the entry's id"
    box = source.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
    source.locator(".dng-cite-pop__close").tap()
    assert not source.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('dng-cite__link')")
    assert page.evaluate("document.activeElement.hash") == f"#ref-{key}"


def test_escape_closes_a_source_and_returns_to_the_citation(new_context, servers):
    page = open_page(new_context, servers, **DESKTOP)
    citation, key, _ = citation_and_entry(page)
    citation.focus()
    page.keyboard.press("Enter")
    source = page.locator(".dng-cite-pop")
    assert source.is_visible()
    assert page.evaluate("document.activeElement.id") == "dng-cite-pop"
    page.keyboard.press("Escape")
    assert not source.is_visible()
    assert page.evaluate("document.activeElement.hash") == f"#ref-{key}"


FOLD = """(li) => {
  if (li.closest('details')) return;  // the page folds its list already ("Sources (N)")
  const list = li.closest('ol, ul'), fold = document.createElement('details');
  fold.innerHTML = '<summary>Sources</summary>';
  list.replaceWith(fold);
  fold.append(list);
}"""


def test_see_all_sources_goes_to_the_entry_even_in_a_folded_list(new_context, servers):
    page = open_page(new_context, servers, **PHONE)
    citation, key, entry = citation_and_entry(page)
    entry.evaluate(FOLD)
    assert not entry.is_visible()
    citation.tap()
    link = page.locator(".dng-cite-pop__all")
    assert link.inner_text() == "See all sources" and link.get_attribute("href") == f"#ref-{key}"
    link.tap()
    page.wait_for_url(f"**#ref-{key}")
    assert not page.locator(".dng-cite-pop").is_visible()
    assert entry.is_visible() and entry.evaluate("li => li.getBoundingClientRect().top") < 844
    page.go_back()
    assert "#ref-" not in page.url, "Back returns to where the reader was"


def test_without_javascript_terms_and_citations_are_links(new_context, servers):
    page = open_page(new_context, servers, java_script_enabled=False, **PHONE)
    term = page.locator(".dng-term").first
    assert term.locator(".dng-term__button").count() == 0
    link = term.locator("a.dng-term__link")
    tip = term.locator("[role=tooltip][data-search-exclude]")
    assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
    citation = page.locator("sup.dng-cite > a.dng-cite__link").first
    key = citation.get_attribute("href").removeprefix("#ref-")
    citation.tap()
    page.wait_for_url(f"**#ref-{key}")
    link.tap()
    page.wait_for_url("**/glossary/#*")


@pytest.mark.parametrize("kind", ["term", "citation"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1440])
def test_axe_finds_nothing_with_a_popover_open(new_context, servers, kind, scheme, width):
    page = open_page(new_context, servers, viewport={"width": width, "height": 844}, color_scheme=scheme,
                     has_touch=True, bypass_csp=True)  # the CSP would refuse axe's own style element
    citation, _, _ = citation_and_entry(page)
    if kind == "term":
        _, button, tip = first_term(page)
        button.tap()
        assert tip.is_visible()
    else:
        citation.tap()
        assert page.locator(".dng-cite-pop").is_visible()
    page.add_style_tag(content=NO_TRANSITIONS)
    results = AXE.run(page, options=OPTIONS)
    assert not results.violations_count, f"{kind} open ({scheme}, {width}):\n{describe(results)}"
