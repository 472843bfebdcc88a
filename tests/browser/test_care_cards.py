"""Care cards on a phone (390x844), light and dark: the first card within two screens of the page top,
each card's tier said in words, its text at 4.5:1 or more on its background, and axe on the cards.

Measured in headless Chromium: the cards' place depends on the fonts, the key points and the theme.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.content import urls
from macros.content.models import CARE_TIERS
from tests.browser.conftest import TIMEOUT_MS

PHONE = {"width": 390, "height": 844}
SCREENS_TO_FIRST_CARD = 2
PAGES = ("safety/", "what-to-expect/")
SCHEMES = {"light": "default", "dark": "slate"}
AXE = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# Each card's text colour and its nearest painted background, as the browser computed them.
CARD_COLOURS = """() => Array.from(document.querySelectorAll('.dng-care__card')).map(card => {
  const parts = [card, ...card.querySelectorAll('p, li, h3, strong, a')];
  return parts.map(el => ({text: el.textContent.slice(0, 30), fg: getComputedStyle(el).color,
                           bg: getComputedStyle(card).backgroundColor}));
}).flat()"""


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def _luminance(rgb: str) -> float:
    red, green, blue = (float(n) for n in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(fg: str, bg: str) -> float:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=list(SCHEMES))
def phone(request, new_context, servers):
    scheme = request.param
    context = new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return scheme, page, servers


@pytest.fixture(params=list(SCHEMES))
def audit_phone(request, new_context, servers):
    """As `phone`, with the CSP lifted: it would refuse the audit's own style element (test_csp.py tests it)."""
    scheme = request.param
    context = new_context(viewport=PHONE, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return scheme, page, servers


def open_page(phone, url: str):
    scheme, page, servers = phone
    page.goto(servers.site_url + url, wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    return page


def test_contrast_helper_can_fail():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(119, 119, 119)", "rgb(255, 255, 255)") < 4.5


@pytest.mark.parametrize("url", PAGES)
def test_first_card_is_within_two_phone_screens(phone, url):
    page = open_page(phone, url)
    top = page.evaluate("document.querySelector('.dng-care__card').getBoundingClientRect().top + window.scrollY")
    assert top <= SCREENS_TO_FIRST_CARD * PHONE["height"], f"{url}: first card at {top:.0f} px"


@pytest.mark.parametrize("url", PAGES)
def test_cards_say_their_tier_in_words(phone, url):
    page = open_page(phone, url)
    tiers = page.locator(".dng-care__tier").all_inner_texts()
    assert [t.lower() for t in tiers] == [f"level {n} of 3: {care_words}" for n, care_words in
                                          enumerate(("emergency", "urgent", "not an emergency"), 1)]
    ids = page.eval_on_selector_all(".dng-care__card", "cards => cards.map(c => c.id)")
    assert ids == [f"care-{tier}" for tier in CARE_TIERS]


@pytest.mark.parametrize("url", PAGES)
def test_the_chest_pain_key_point_leads_to_the_cards(phone, url):
    page = open_page(phone, url)
    page.locator(".admonition.abstract li", has_text="chest pain").locator("a[href$='#urgent-help']").click()
    page.wait_for_function("location.hash === '#urgent-help'")
    top = page.evaluate("document.querySelector('.dng-care__card').getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"], f"after the link, the first card is at {top:.0f} px in the window"


@pytest.mark.parametrize("url", PAGES)
def test_card_text_contrast(audit_phone, url):
    phone = audit_phone
    page = open_page(phone, url)
    page.add_style_tag(content=NO_TRANSITIONS)
    colours = page.evaluate(CARD_COLOURS)
    assert colours
    low = [(c["text"], round(contrast(c["fg"], c["bg"]), 2)) for c in colours if contrast(c["fg"], c["bg"]) < 4.5]
    assert not low, f"{url} ({phone[0]}): {low}"


@pytest.mark.parametrize("url", PAGES + tuple(urls.embed_url(urls.care_embed_key(t)) for t in CARE_TIERS))
def test_axe_finds_nothing_on_the_cards(audit_phone, url):
    scheme = audit_phone[0]
    page = open_page(audit_phone, url + (f"?theme={scheme}" if url.startswith(urls.EMBED_ROOT) else ""))
    page.add_style_tag(content=NO_TRANSITIONS)
    results = AXE.run(page, context=".dng-care", options=AXE_OPTIONS)
    found = [f"{v['id']}: {v['help']}" for v in results.response["violations"]]
    assert not found, f"{url} ({scheme}): {found}"


def test_the_loader_embeds_one_care_card_by_tier(new_context, servers):
    """A clinic writes data-dng-embed="care/same-day"; an unknown tier, or a section of a card, gets the
    loader's "not available" message, as an unknown page does."""
    page = new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(servers.host_url + "care-loader.html")
    page.wait_for_selector("#e-care iframe")
    src = page.get_attribute("#e-care iframe", "src")
    assert src == servers.site_url + urls.embed_url(urls.care_embed_key("same-day"))
    assert page.get_attribute("#e-care iframe", "title") == "Dry Needling Guide: See a doctor the same day"
    frame = page.frame_locator("#e-care iframe")
    frame.locator(".dng-care__card").first.wait_for()  # the frame's document may still be loading
    assert frame.locator(".dng-care__card").evaluate_all("cards => cards.map(c => c.id)") == ["care-same-day"]
    for bad in ("#e-care-bad", "#e-care-section"):
        page.wait_for_selector(f"{bad} .dng-embed-missing")
        assert page.locator(f"{bad} iframe").count() == 0
