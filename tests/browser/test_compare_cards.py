"""Comparison tables on phones and desktops, in Chromium, light and dark.

At 390 px each row is a card: the feature as its heading, then each treatment's block under its
label, and the page never scrolls sideways. At 1440 px it is a table that fits its column. axe
(WCAG 2.2 A/AA) finds nothing on the comparison pages at either width, in either scheme.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.content import datastore
from tests.browser.conftest import TIMEOUT_MS
from tests.support.pages import ROOT

SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
COMPARISONS = list(datastore.load(ROOT).comparisons)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

CARDS = """() => [...document.querySelectorAll('table.dng-compare__table tbody tr')].map(tr => {
  const box = el => el.getBoundingClientRect();
  const th = tr.querySelector('th');
  return {
    feature: th.innerText.trim(), featureDisplay: getComputedStyle(th).display,
    labels: [...tr.querySelectorAll('td .dng-compare__label')].filter(l => box(l).height > 0).map(l => l.innerText.trim()),
    labelsHidden: [...tr.querySelectorAll('td .dng-compare__label')].every(l => l.getAttribute('aria-hidden') === 'true'),
    cellsStacked: [...tr.querySelectorAll('td')].every((td, i, all) => i === 0 || box(td).top >= box(all[i - 1]).bottom - 1),
    headingAbove: [...tr.querySelectorAll('td')].every(td => box(td).top >= box(th).bottom - 1),
  };
})"""


def _open(new_context, servers, key, viewport, scheme):
    context = new_context(viewport=viewport, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{servers.site_url}compare/{key}/", wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    return page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("key", COMPARISONS)
def test_phone_shows_cards_without_sideways_scrolling(new_context, servers, key, scheme):
    page = _open(new_context, servers, key, PHONE, scheme)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"compare/{key}/ scrolls sideways at 390 px ({scheme}): {width}"
    columns = page.evaluate("[...document.querySelectorAll('table.dng-compare__table thead th')].slice(1)"
                            ".map(th => th.innerText.trim())")
    assert len(columns) >= 2
    cards = page.evaluate(CARDS)
    assert cards
    for card in cards:
        assert card["feature"] and card["featureDisplay"] == "block", card
        assert card["labels"] == columns, f"{card['feature']}: labels {card['labels']} != {columns}"
        assert card["labelsHidden"] and card["cellsStacked"] and card["headingAbove"], card


@pytest.mark.parametrize("scheme", SCHEMES)
def test_desktop_shows_a_table_that_fits(new_context, servers, scheme):
    page = _open(new_context, servers, COMPARISONS[0], DESKTOP, scheme)
    fit = page.evaluate("""() => {
      const table = document.querySelector('table.dng-compare__table');
      const column = table.closest('.md-content__inner').getBoundingClientRect();
      const box = table.getBoundingClientRect();
      const row = table.querySelector('tbody tr');
      return {inside: box.left >= column.left - 1 && box.right <= column.right + 1,
              display: getComputedStyle(table).display,
              labels: [...table.querySelectorAll('.dng-compare__label')].some(l => l.getBoundingClientRect().height > 0),
              sameRow: [...row.children].every(c => Math.abs(c.getBoundingClientRect().top - row.children[0].getBoundingClientRect().top) < 2),
              rowLabelAlign: getComputedStyle(row.querySelector('th')).textAlign,
              scroll: [document.documentElement.scrollWidth, innerWidth]};
    }""")
    assert fit["inside"] and fit["display"] == "table" and fit["sameRow"], fit
    assert not fit["labels"], "the card labels show on desktop"
    assert fit["rowLabelAlign"] in ("left", "start"), fit
    assert fit["scroll"][0] <= fit["scroll"][1], fit


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("key", COMPARISONS)
def test_axe_finds_nothing_on_comparisons(new_context, servers, key, scheme, width):
    page = _open(new_context, servers, key, PHONE if width == "phone" else DESKTOP, scheme)
    page.add_style_tag(content=NO_TRANSITIONS)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    violations = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in results.response["violations"]]
    assert not violations, f"compare/{key}/ ({scheme}, {width}): {violations}"
