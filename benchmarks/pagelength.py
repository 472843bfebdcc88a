"""How long a page is for a reader: phone screens, screens to urgent help, printed pages.

One calculation for two users, as weight.py is for bytes: the reading benchmark
(reading.py) reports these figures for every patient page, and the browser tests
(tests/browser/test_print.py) hold safety.md's printed length to budgets.yml.
Everything is measured in a real headless Chromium page that the caller opened.
"""

from __future__ import annotations

import re

PHONE = {"width": 390, "height": 844}  # the phone: an iPhone 12-14 in CSS pixels
# Paper sizes by the names Chromium's page.pdf() knows; its default margins are Material-neutral.
PAPER = ("A4", "Letter")
# Where urgent help starts: the first care card once care cards exist, else the urgent-help section.
URGENT_SECTION = "#urgent-help"
CARE_CARD = ".dng-care"
# A PDF page object (not the /Pages tree nodes): Chromium writes one per printed page, uncompressed.
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

# Top of the first care card if the page has one, else of the #urgent-help element; null if neither.
_URGENT_TOP = """([card, section]) => {
  const found = document.querySelector(card) || document.querySelector(section);
  return found ? found.getBoundingClientRect().top + window.scrollY : null;
}"""


def phone_screens(page) -> float:
    """Document height divided by the viewport height, for a page already open at PHONE size."""
    height = page.evaluate("document.documentElement.scrollHeight")
    return height / page.viewport_size["height"]


def screens_to_urgent_help(page) -> float | None:
    """How many viewport heights down urgent help starts; None on a page without it."""
    top = page.evaluate(_URGENT_TOP, [CARE_CARD, URGENT_SECTION])
    return None if top is None else top / page.viewport_size["height"]


def urgent_help_target(page) -> str | None:
    """Which of the two the figure measured ("care card" or "section"), for the report."""
    if page.locator(CARE_CARD).count():
        return "care card"
    return "section" if page.locator(URGENT_SECTION).count() else None


def pdf_page_count(pdf: bytes) -> int:
    return len(PDF_PAGE.findall(pdf))


def print_pages(page, paper: str) -> int:
    """Pages of the open page printed by Chromium to `paper` (one of PAPER), backgrounds off as by default."""
    return pdf_page_count(page.pdf(format=paper))
