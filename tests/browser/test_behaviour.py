"""What readers do: search, glossary tooltips, keyboard use, the colour toggle, printing, the 404 page."""

from __future__ import annotations


def test_search_finds_pneumothorax_and_opens_safety(page, servers):
    page.goto(servers.site_url)
    page.keyboard.press("/")
    page.keyboard.type("pneumothorax")
    # Material lists extra matches of a page collapsed (hidden): wait for a shown link.
    result = page.locator(".md-search-result__link[href*='/dng/safety/']").filter(visible=True).first
    result.wait_for(state="visible", timeout=15000)
    result.click()
    page.wait_for_url("**/dng/safety/**")
    assert "/dng/safety/" in page.url


def test_glossary_tooltip_shows_on_focus(page, servers):
    # site.js makes each term a button that describes itself with the definition (tests/browser/test_popovers.py).
    page.goto(servers.site_url + "safety/")
    term = page.locator(".dng-term").first
    tip = term.locator(".dng-term__tip")
    assert not tip.is_visible()
    term.locator(".dng-term__button").focus()
    assert tip.is_visible()
    described = term.locator(".dng-term__button").get_attribute("aria-describedby")
    assert tip.locator(f"#{described}").count() == 1 and len(tip.inner_text()) > 10
    page.keyboard.press("Escape")
    assert not tip.is_visible(), "Escape must dismiss the tooltip (WCAG 1.4.13)"


def test_keyboard_reaches_skip_link_terms_and_citations(page, servers):
    page.goto(servers.site_url + "safety/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className")
    assert "md-skip" in first, f"first Tab stop is {first!r}, not the skip link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is not visible"
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        cls = page.evaluate("document.activeElement.className || ''")
        if "dng-term__button" in cls:
            reached.add("term")
            assert page.locator(".dng-term:focus-within .dng-term__tip").is_visible()
        if "dng-cite__link" in cls:
            reached.add("cite")
        if reached == {"term", "cite"}:
            break
    assert reached == {"term", "cite"}


def test_colour_toggle_persists(page, servers):
    page.goto(servers.site_url)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert after != before
    page.goto(servers.site_url + "safety/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == after
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == after


def test_print_view_hides_chrome_and_shows_references_and_address(page, servers):
    page.goto(servers.site_url + "safety/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    assert page.locator("ol.dng-refs").is_visible()
    address = page.locator(".dng-print-url")
    assert address.is_visible() and "/dng/safety/" in address.inner_text()


def test_not_found_page_offers_search_and_main_links(page, servers):
    response = page.goto(servers.site_url + "no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("article a[href$='/dng/safety/']").count() == 1
    page.keyboard.press("/")
    page.keyboard.type("needle")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)
