"""Short pages on phones, in headless Chromium: the FAQ's question list and its answers' accordion,
the "Sources (N)" fold, and the "On this page" jump list. (More on the accordion itself:
tests/browser/test_faq_accordion.py.)"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.content import datastore
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.test_accessibility import NO_TRANSITIONS, OPTIONS, describe
from tests.conftest import ROOT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
DATA = datastore.load(ROOT)
FAQ_KEYS = [entry.key for entry in DATA.faq]
# The list at the top: the groups in their order, each group's questions in the file's order.
LISTED = [e.key for g in DATA.scales.faq_groups for e in DATA.faq if e.group == g.key]


def open_page(new_context, url: str, viewport: dict[str, int], **options):
    page = new_context(viewport=viewport, **options).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url, wait_until="load")
    return page


def fold_of_answer_open(page, key: str) -> bool:
    """Whether the answer under the question `key` shows, checked against its button's state."""
    shown, expanded = page.evaluate("""k => {
      const heading = document.getElementById(k), panel = heading.nextElementSibling;
      return [!panel.hasAttribute('hidden'), heading.querySelector('button').getAttribute('aria-expanded')];
    }""", key)
    assert expanded == ("true" if shown else "false"), f"{key}: aria-expanded={expanded} but shown={shown}"
    return bool(shown)


def test_every_question_is_reachable_from_the_list_at_the_top(new_context, servers):
    page = open_page(new_context, servers.site_url + "faq/", PHONE)
    links = page.locator(".dng-faq-index a")
    # Material's instant navigation writes links out in full: compare their fragments.
    assert [link.evaluate("a => a.hash") for link in links.all()] == [f"#{key}" for key in LISTED]
    assert sorted(LISTED) == sorted(FAQ_KEYS)
    assert not any(fold_of_answer_open(page, key) for key in FAQ_KEYS), "answers start closed"
    for key in FAQ_KEYS:
        page.locator(f".dng-faq-index a[href$='#{key}']").click()
        page.wait_for_function("k => location.hash === '#' + k", arg=key)
        assert fold_of_answer_open(page, key), f"{key}: following its link did not open the answer"
        answer = page.locator(f"#{key} + .dng-faq__panel .dng-faq__answer")
        assert answer.is_visible(), f"{key}: the answer is not visible"
        page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("key", ["is-it-safe", "urgent-help"])
def test_an_answer_is_open_when_loaded_with_its_address(new_context, servers, key):
    page = open_page(new_context, servers.site_url + f"faq/#{key}", PHONE)
    assert fold_of_answer_open(page, key)
    top = page.evaluate("k => document.getElementById(k).getBoundingClientRect().top", key)
    assert 0 <= top < PHONE["height"], f"{key} is not in view after loading its address ({top})"
    other = "does-it-hurt"
    page.evaluate("k => { location.hash = k; }", other)
    page.wait_for_function("k => location.hash === '#' + k", arg=other)
    assert fold_of_answer_open(page, other), "a hash change does not open the answer"


def test_a_question_toggles_with_the_keyboard(new_context, servers):
    page = open_page(new_context, servers.site_url + "faq/", PHONE)
    button = page.locator("#does-it-hurt > button")
    button.focus()
    page.keyboard.press("Enter")
    assert fold_of_answer_open(page, "does-it-hurt")
    page.keyboard.press("Space")
    assert not fold_of_answer_open(page, "does-it-hurt")


def test_following_a_citation_opens_sources_at_its_entry_with_a_way_back(new_context, servers):
    page = open_page(new_context, servers.site_url + "safety/", PHONE)
    fold = page.locator("details.dng-sources")
    assert fold.get_attribute("data-search-exclude") is not None
    assert page.locator("details.dng-sources > summary").inner_text().startswith("Sources (")
    assert not fold.evaluate("d => d.open"), "the sources start folded"
    link = page.locator("a.dng-cite__link").nth(3)
    link.scroll_into_view_if_needed()
    cite_id, target = link.get_attribute("id"), link.evaluate("a => a.hash")
    assert cite_id and cite_id.startswith("cite-") and target.startswith("#ref-")
    # Following it shows the source in place (tests/browser/test_popovers.py); its "See all
    # sources" goes to the entry in the folded list.
    link.click()
    page.locator(".dng-cite-pop__all").click()
    page.wait_for_function("h => location.hash === h", arg=target)
    assert fold.evaluate("d => d.open"), "following a citation did not open the sources"
    entry = page.locator(target)
    assert entry.is_visible()
    box = entry.bounding_box()
    assert box and 0 <= box["y"] < PHONE["height"], "the cited entry is not in view"
    back = entry.locator(".dng-ref__back")
    assert back.evaluate("a => a.hash") == f"#{cite_id}", "Back to text does not return to the citation followed"
    back.click()
    page.wait_for_function("h => location.hash === h", arg=f"#{cite_id}")
    top = page.evaluate("i => document.getElementById(i).getBoundingClientRect().top", cite_id)
    assert 0 <= top < PHONE["height"]


def test_a_citation_address_loaded_directly_opens_the_sources(new_context, servers):
    page = open_page(new_context, servers.site_url + "safety/", PHONE)
    target = page.locator("a.dng-cite__link").first.evaluate("a => a.hash")
    page.goto(servers.site_url + "faq/", wait_until="load")
    page.goto(servers.site_url + "safety/" + target, wait_until="load")
    assert page.locator("details.dng-sources").evaluate("d => d.open")
    assert page.locator(target).is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_print_opens_the_sources(new_context, servers, javascript):
    page = open_page(new_context, servers.site_url + "safety/", PHONE, java_script_enabled=javascript)
    page.emulate_media(media="print")
    if javascript:
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    entry = page.locator("details.dng-sources li.dng-ref").first
    assert entry.is_visible(), "the reference list does not print"
    assert page.locator(".dng-jump").is_hidden()


@pytest.mark.parametrize("url", ["safety/", "what-to-expect/", "conditions/"])
def test_jump_list_on_phones_only(new_context, servers, url):
    phone = open_page(new_context, servers.site_url + url, PHONE)
    nav = phone.locator("nav.dng-jump[aria-label='On this page']")
    assert nav.is_visible(), f"{url}: no jump list at 390 px"
    headings = phone.evaluate("[...document.querySelectorAll('.md-content h2[id]')].map(h => h.id)")
    assert [a.evaluate("a => a.hash.slice(1)") for a in nav.locator("a").all()] == headings
    key_points_bottom = phone.evaluate(
        "document.querySelector('.admonition.abstract').getBoundingClientRect().bottom")
    assert nav.bounding_box()["y"] >= key_points_bottom, "the jump list is not under the key points"
    desktop = open_page(new_context, servers.site_url + url, DESKTOP)
    assert desktop.locator("nav.dng-jump").is_hidden(), f"{url}: jump list shown beside the contents sidebar"
    assert desktop.locator(".md-sidebar--secondary").is_visible()


def test_no_jump_list_in_embeds(new_context, servers):
    page = open_page(new_context, servers.site_url + "embed/safety/", PHONE)
    assert page.locator(".dng-jump").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["faq/", "safety/"])
def test_axe_with_folds_open_and_closed(new_context, servers, scheme, url):
    page = open_page(new_context, servers.site_url + url, PHONE, color_scheme=scheme, bypass_csp=True)
    page.add_style_tag(content=NO_TRANSITIONS)
    if url == "faq/":
        assert page.locator("h2.dng-faq__question > button").count() == len(FAQ_KEYS)
    closed = Axe().run(page, options=OPTIONS)
    assert not closed.violations_count, f"{url} closed:\n{describe(closed)}"
    page.evaluate("""() => {
      document.querySelectorAll('details.dng-fold').forEach(d => { d.open = true; });
      document.querySelectorAll('h2.dng-faq__question > button[aria-expanded="false"]').forEach(b => b.click());
    }""")
    assert page.locator("h2.dng-faq__question > button[aria-expanded='false']").count() == 0
    opened = Axe().run(page, options=OPTIONS)
    assert not opened.violations_count, f"{url} open:\n{describe(opened)}"


def test_the_desktop_contents_sidebar_opens_an_answer(new_context, servers):
    page = open_page(new_context, servers.site_url + "faq/", DESKTOP)
    page.locator(".md-sidebar--secondary a[href$='#blood-thinners']").click()
    page.wait_for_function("() => location.hash === '#blood-thinners'")
    assert fold_of_answer_open(page, "blood-thinners")


def test_the_question_list_works_in_the_whole_faq_embed(new_context, servers):
    page = open_page(new_context, servers.site_url + "embed/faq/", PHONE)
    page.locator(".dng-faq-index a[href$='#pregnancy']").click()
    page.wait_for_function("() => location.hash === '#pregnancy'")
    assert fold_of_answer_open(page, "pregnancy")
