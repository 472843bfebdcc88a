"""The FAQ's answers as an accordion, in headless Chromium (macros/render/faq.py, site.js "Folds").

Each question is an h2 at the top level of the page; site.js turns its words into a button
(aria-expanded, aria-controls) beside the heading's permalink and hides the closed answer with
hidden="until-found". Without JavaScript every answer shows. (The question list, opening on an
address, Enter and Space, axe: tests/browser/test_faq_fold.py.)
"""

from __future__ import annotations

import pytest

from macros.content import datastore
from macros.render import faq
from tests.browser.conftest import TIMEOUT_MS
from tests.conftest import ROOT

PHONE = {"width": 390, "height": 844}
DATA = datastore.load(ROOT)
QUESTIONS = {entry.key: entry.question for entry in DATA.faq}

STATE = """() => [...document.querySelectorAll('h2.dng-faq__question')].map(h => {
  const panel = h.nextElementSibling, button = h.querySelector('button');
  return {key: h.id, hidden: panel.getAttribute('hidden'), shown: panel.firstElementChild.checkVisibility(),
          expanded: button && button.getAttribute('aria-expanded')};
})"""


def open_page(new_context, url: str, **options):
    page = new_context(viewport=PHONE, **options).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url, wait_until="load")
    return page


def test_each_question_is_a_button_in_its_heading_beside_its_permalink(new_context, servers):
    page = open_page(new_context, servers.site_url + "faq/")
    for key, question in QUESTIONS.items():
        heading = page.locator(f"h2#{key}")
        button = heading.locator("> button")
        assert button.get_attribute("type") == "button"
        assert button.inner_text().strip() == question
        assert button.get_attribute("aria-expanded") == "false"
        assert button.get_attribute("aria-controls") == faq.PANEL_ID_PREFIX + key
        # The heading keeps its place in the outline, with the button as its content.
        assert page.get_by_role("heading", level=2, name=question).get_by_role("button", name=question).count() == 1
        permalink = heading.locator("> a.headerlink")
        assert permalink.count() == 1 and permalink.evaluate("a => a.hash") == f"#{key}"
        assert not permalink.evaluate("a => !!a.closest('button')")
    state = page.evaluate(STATE)
    assert [s["key"] for s in state] == list(QUESTIONS)
    assert all(s["hidden"] == "until-found" and not s["shown"] for s in state), "answers start closed"


def test_without_javascript_every_answer_shows(new_context, servers):
    page = open_page(new_context, servers.site_url + "faq/", java_script_enabled=False)
    assert page.locator("h2.dng-faq__question button").count() == 0
    panels = page.locator(f".{faq.PANEL_CLASS}")
    assert panels.count() == len(QUESTIONS)
    assert all(panel.is_visible() for panel in panels.all())
    assert page.locator(".dng-faq__answer").first.is_visible()


def test_a_closed_answer_is_skipped_by_tab_and_an_open_one_is_not(new_context, servers):
    page = open_page(new_context, servers.site_url + "faq/")
    page.locator("#does-it-hurt > button").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('headerlink')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.parentElement.id") == "what-is-the-twitch", \
        "Tab went into a closed answer"
    page.locator("#does-it-hurt > button").click()
    focused = []
    page.locator("#does-it-hurt > button").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.closest('.dng-edit') ? 'edit' : "
                                     "document.activeElement.parentElement.id"))
        if focused[-1] == "what-is-the-twitch":
            break
    assert "edit" in focused, f"the open answer's edit links are not reachable: {focused}"
    edit = page.locator(f"#{faq.PANEL_ID_PREFIX}does-it-hurt .dng-edit a").first
    assert edit.is_visible() and edit.inner_text() == "Edit this answer"


def test_the_permalink_opens_its_answer(new_context, servers):
    page = open_page(new_context, servers.site_url + "faq/")
    page.locator("#bruising > a.headerlink").click()
    page.wait_for_function("() => location.hash === '#bruising'")
    assert page.locator(f"#{faq.PANEL_ID_PREFIX}bruising").is_visible()
    assert page.locator("#bruising > button").get_attribute("aria-expanded") == "true"


def test_find_in_page_can_open_a_closed_answer(new_context, servers):
    """hidden="until-found": the browser's find-in-page searches a closed answer and fires
    beforematch before showing it; the button then says the answer is open."""
    page = open_page(new_context, servers.site_url + "faq/")
    panel = page.locator(f"#{faq.PANEL_ID_PREFIX}pregnancy")
    assert panel.get_attribute("hidden") == "until-found"
    panel.evaluate("p => { p.dispatchEvent(new Event('beforematch')); }")
    assert panel.is_visible()
    assert page.locator("#pregnancy > button").get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("with_event", [True, False], ids=["beforeprint", "print-css"])
def test_printing_shows_every_answer(new_context, servers, with_event):
    page = open_page(new_context, servers.site_url + "faq/")
    page.locator("#insurance > button").click()  # one the reader opened stays open after printing
    page.emulate_media(media="print")
    if with_event:
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    state = page.evaluate(STATE)
    assert all(s["shown"] for s in state), [s["key"] for s in state if not s["shown"]]
    assert page.locator("#does-it-hurt > button").evaluate("b => getComputedStyle(b, '::after').display") == "none"
    if with_event:
        assert all(s["expanded"] == "true" for s in state)
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    after = {s["key"]: s for s in page.evaluate(STATE)}
    assert after["insurance"]["shown"] and after["insurance"]["expanded"] == "true"
    assert not after["does-it-hurt"]["shown"] and after["does-it-hurt"]["expanded"] == "false"


def test_instant_navigation_to_the_faq_makes_the_buttons(new_context, servers):
    """Material's instant navigation swaps the FAQ in without a new load: site.js still runs."""
    page = new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(servers.site_url + "safety/", wait_until="load")
    page.evaluate("() => { window.dngSamePage = true; }")
    page.locator("a.md-nav__link[href$='/faq/']").first.click()
    page.wait_for_url("**/faq/")
    page.locator("#does-it-hurt > button").wait_for(state="attached")
    assert page.evaluate("() => window.dngSamePage === true"), "the FAQ was not loaded by instant navigation"
    assert page.locator("h2.dng-faq__question > button").count() == len(QUESTIONS)
    assert not page.locator(f"#{faq.PANEL_ID_PREFIX}does-it-hurt").is_visible()


def test_embeds_a_question_unfolded_and_the_whole_faq_folded(new_context, servers):
    one = open_page(new_context, servers.site_url + "embed/faq/sections/does-it-hurt/")
    assert one.locator("h2#does-it-hurt button").count() == 0
    assert one.locator(".dng-faq__answer").is_visible()
    whole = open_page(new_context, servers.site_url + "embed/faq/")
    state = whole.evaluate(STATE)
    assert len(state) == len(QUESTIONS) and not any(s["shown"] for s in state)
    whole.locator("#pregnancy > button").click()
    assert whole.locator(f"#{faq.PANEL_ID_PREFIX}pregnancy").is_visible()
