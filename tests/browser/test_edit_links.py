"""Edit links in the browser: shown on screen, hidden in print (macros/render/editlinks.py, site.css)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("url", ["faq/", "references/"])
def test_edit_links_show_on_screen_and_not_in_print(page, servers, url):
    page.goto(servers.site_url + url)
    # The FAQ's answers, with their edit links, are folded: an editor opens them with their questions.
    for question in page.locator("h2.dng-faq__question > button").all():
        question.click()
    entry_links = page.locator(".dng-edit:not(.dng-facts__sources)")
    where = page.locator(".dng-facts__sources")
    pencil = page.locator("a[rel='edit']")  # "Edit this page", at the page foot since issue 12
    assert entry_links.count() > 20
    assert entry_links.first.is_visible() and where.is_visible() and pencil.is_visible()
    assert pencil.count() == 1 and pencil.evaluate("a => !!a.closest('.dng-facts')")
    page.emulate_media(media="print")
    assert not entry_links.first.is_visible() and not where.is_visible() and not pencil.is_visible()
