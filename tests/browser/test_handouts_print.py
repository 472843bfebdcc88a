"""Handouts in Chromium (issue 13, item 6): one printed page on A4 and on US Letter, also with every
cap of macros/render/keypoints.py filled and a clinic's name and phone; the clinic's values checked
against the build's patterns, hostile ones absent from the page; the Print button; axe; 404."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe

from benchmarks.pagelength import PAPER, print_pages
from macros.content import urls
from macros.content.datastore import load
from macros.publish import handoutpages
from macros.render import keypoints
from tests.browser.conftest import TIMEOUT_MS
from tests.support.pages import ROOT

# Every handout: each patient page's entry in keypoints.yml (tests/test_handouts.py holds the two lists equal).
HANDOUTS = tuple(load(ROOT).keypoints)
AXE = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
LONG_CLINIC = "Saint Bartholomew Community Physiotherapy and Sports Clinic"  # 59 characters
LONG_PHONE = "+44 (0)20 7946 09999"  # 20 characters
# A word longer than the pages' average (about 5 letters), so the filled caps are a hard case.
WORD = "example"
# The longest title front matter allows (PageMeta.title), in words of that length.
LONG_TITLE = ("Example " * 10).strip()[:80]

# Fill every cap: MAX_POINTS points sharing MAX_POINT_WORDS words, MAX_QUESTIONS questions of
# MAX_QUESTION_WORDS words each. The handout's own CSS lays them out.
_FILL = """([points, words, questions, questionWords, word, title]) => {
  document.querySelector("h1").textContent = title;
  const list = document.querySelector(".dng-handout__points ul");
  list.replaceChildren();
  for (let i = 0; i < points; i++) {
    const li = document.createElement("li");
    li.textContent = Array(Math.floor(words / points)).fill(word).join(" ") + ".";
    list.append(li);
  }
  const asked = document.querySelector(".dng-handout__questions ol");
  asked.replaceChildren();
  for (let i = 0; i < questions; i++) {
    const li = document.createElement("li");
    li.textContent = Array(questionWords).fill(word).join(" ") + "?";
    asked.append(li);
  }
}"""


def handout_address(servers, key: str, query: str = "") -> str:
    return servers.site_url + urls.handout_url(key) + query


@pytest.fixture()
def sheet(page, servers):
    def open_sheet(key: str, query: str = ""):
        page.goto(handout_address(servers, key, query), wait_until="load")
        return page
    return open_sheet


def clinic_query(clinic: str, phone: str) -> str:
    return "?" + urlencode({"clinic": clinic, "phone": phone})


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("key", HANDOUTS)
def test_each_handout_prints_on_one_page(sheet, key, paper):
    page = sheet(key)
    pages = print_pages(page, paper)
    print(f"handouts/{key}/ prints on {pages} {paper} page(s)")
    assert pages == 1, f"handouts/{key}/ prints on {pages} {paper} pages"


@pytest.mark.parametrize("paper", PAPER)
def test_a_handout_with_a_long_clinic_name_and_phone_prints_on_one_page(sheet, paper):
    page = sheet("safety", clinic_query(LONG_CLINIC, LONG_PHONE))
    assert page.locator(".dng-handout__field--clinic").text_content() == LONG_CLINIC
    assert print_pages(page, paper) == 1


@pytest.mark.parametrize("paper", PAPER)
def test_every_cap_filled_still_prints_on_one_page(sheet, paper):
    """The caps are what guarantees one page: fill them all, with long words, a clinic and a phone."""
    page = sheet("safety", clinic_query(LONG_CLINIC, LONG_PHONE))
    page.evaluate(_FILL, [keypoints.MAX_POINTS, keypoints.MAX_POINT_WORDS, keypoints.MAX_QUESTIONS,
                          keypoints.MAX_QUESTION_WORDS, WORD, LONG_TITLE])
    assert page.locator(".dng-handout__points li").count() == keypoints.MAX_POINTS
    pages = print_pages(page, paper)
    print(f"every cap filled: {pages} {paper} page(s)")
    assert pages == 1, f"with every cap filled the handout prints on {pages} {paper} pages"


def test_clinic_and_phone_show_at_the_top_marked_as_not_checked(sheet):
    page = sheet("safety", clinic_query("Riverside Physio", "+1 (555) 010-2030"))
    box = page.locator("[data-dng-handout-clinic]")
    box.wait_for()
    assert box.is_visible()
    assert page.locator(".dng-handout__field--clinic").text_content() == "Riverside Physio"
    assert page.locator(".dng-handout__field--phone").text_content() == "Phone: +1 (555) 010-2030"
    assert handoutpages.CLINIC_NOTE in box.text_content()
    # At the top: before the title, far from the care cards.
    order = page.evaluate("""() => {
      const box = document.querySelector('[data-dng-handout-clinic]');
      return [document.querySelector('h1'), document.querySelector('.dng-care')]
        .map(el => Boolean(box.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
    }""")
    assert order == [True, True]
    assert page.locator(".dng-care [data-dng-handout-clinic], .dng-care .dng-handout__field--clinic").count() == 0


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "red;background:url(x)",
    "Clinic\u202eevil",
    "Clinic\u0000name",
    "A" * 10240,
    "{{ 7*7 }}",
]


@pytest.mark.parametrize("value", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_clinic_and_phone_values_are_ignored(sheet, value):
    page = sheet("safety", clinic_query(value, value))
    assert page.locator("[data-dng-handout-clinic]").is_hidden()
    html = page.content()
    for fragment in ("alert(1)", "onerror", "javascript:", "background:url", "\u202e", "A" * 100, "7*7"):
        assert fragment not in html
    assert page.evaluate("document.querySelectorAll('script:not([src]), img').length") == 0


def test_a_valid_clinic_with_a_hostile_phone_shows_the_clinic_only(sheet):
    page = sheet("safety", clinic_query("Riverside Physio", "call 555<b>"))
    assert page.locator(".dng-handout__field--clinic").text_content() == "Riverside Physio"
    assert page.locator(".dng-handout__field--phone").count() == 0


def test_qr_code_prints_at_least_25_mm_wide(sheet):
    page = sheet("safety")
    page.emulate_media(media="print")
    width_px = page.evaluate("document.querySelector('svg.dng-qr').getBoundingClientRect().width")
    assert width_px * 25.4 / 96 >= 25, f"the QR code prints {width_px * 25.4 / 96:.1f} mm wide"


def test_print_button_prints(sheet):
    page = sheet("safety")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    assert page.evaluate("window.__printed") == 0
    page.get_by_role("button", name="Print this handout").click()
    assert page.evaluate("window.__printed") == 1


def test_without_javascript_the_instruction_stays_and_no_button_shows(new_context, servers):
    page = new_context(java_script_enabled=False).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(handout_address(servers, "safety"))
    assert page.locator("[data-dng-handout-print]").is_hidden()
    assert page.get_by_text("use your browser's Print command").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_axe_finds_nothing_on_a_handout(new_context, servers, viewport, scheme):
    page = new_context(viewport=viewport, color_scheme=scheme, bypass_csp=True).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(handout_address(servers, "safety", clinic_query("Riverside Physio", "555 0100")), wait_until="load")
    found = [f"{v['id']}: {v['help']}" for v in AXE.run(page, options=AXE_OPTIONS).response["violations"]]
    assert not found, found
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the handout is {width} px wide at {viewport['width']} px"


def test_an_unknown_handout_shows_the_readable_404(page, servers):
    response = page.goto(handout_address(servers, "nope"))
    assert response is not None and response.status == 404
    assert "handout" in page.locator("body").inner_text().lower()


def test_the_page_links_to_its_handout(page, servers):
    page.goto(servers.site_url + "safety/")
    link = page.get_by_role("link", name="Print a one-page handout")
    link.click()
    page.wait_for_url("**/" + urls.handout_url("safety"))
    assert page.locator("h1").text_content() == "Is dry needling safe? Side effects and risks"
