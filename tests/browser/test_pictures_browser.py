"""The pictures in headless Chromium: axe-clean and readable in light and dark, at 390 px and
1440 px, no sideways scrolling on a phone, drawn to scale as laid out, black on white in print."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.content.datastore import load
from tests.browser.conftest import TIMEOUT_MS
from tests.support.pages import ROOT

# The pages (and section embeds) that hold a picture, with how many each holds.
PICTURE_PAGES = {"safety/": 3, "what-is-dry-needling/": 2,
                 "embed/safety/sections/pneumothorax/": 1, "embed/what-is-dry-needling/sections/the-needle/": 1}
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}
SCHEMES = {"light": "default", "dark": "slate"}
MODES = [(scheme, width) for scheme in SCHEMES for width in WIDTHS]
AXE = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def open_page(new_context, servers, url: str, scheme: str, width: str, **options):
    context = new_context(viewport=WIDTHS[width], color_scheme=scheme, **options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    suffix = f"?theme={scheme}" if url.startswith("embed/") else ""
    page.goto(servers.site_url + url + suffix, wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    if options.get("bypass_csp"):  # the audit's own style element; the other tests run under the real CSP
        page.add_style_tag(content=NO_TRANSITIONS)
    return page


def rgba(value: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def over(colour: str, background: str) -> tuple[float, float, float]:
    """`colour` painted over an opaque `background`."""
    r, g, b, a = rgba(colour)
    br, bg, bb, _ = rgba(background)
    return (r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a))


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


PAINT = """(selector) => {
  const el = document.querySelector(selector);
  const s = getComputedStyle(el);
  return {fill: s.fill, stroke: s.stroke};
}"""


@pytest.mark.parametrize("url", PICTURE_PAGES)
@pytest.mark.parametrize("scheme, width", MODES, ids=[f"{s}-{w}" for s, w in MODES])
def test_pages_with_pictures_are_axe_clean(new_context, servers, url, scheme, width):
    # The CSP (tested in test_csp.py) would refuse the audit's own style element.
    page = open_page(new_context, servers, url, scheme, width, bypass_csp=True)
    assert page.locator("figure.dng-pic svg[role=img][aria-label]").count() == PICTURE_PAGES[url]
    results = AXE.run(page, options=AXE_OPTIONS)
    found = [f"{v['id']}: {v['help']}" for v in results.response["violations"]]
    assert not found, f"{url} ({scheme}, {width}): {found}"


@pytest.mark.parametrize("url", PICTURE_PAGES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_sideways_scroll_on_a_phone(new_context, servers, url, scheme):
    page = open_page(new_context, servers, url, scheme, "phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    widths = page.eval_on_selector_all("figure.dng-pic svg", "els => els.map(e => e.getBoundingClientRect().right)")
    assert widths and max(widths) <= 390


@pytest.mark.parametrize("scheme", SCHEMES)
def test_colours_hold_their_contrast(new_context, servers, scheme):
    page = open_page(new_context, servers, "safety/", scheme, "phone")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    bg = over(background, "rgb(255, 255, 255)")
    paint = {sel: page.evaluate(PAINT, sel) for sel in
             (".dng-pic__hit circle", ".dng-pic--per-100 .dng-pic__miss circle", ".dng-pic--per-1000 .dng-pic__miss circle",
              ".dng-pic__mark", ".dng-pic__number", ".dng-pic__label", ".dng-pic__body")}
    hit = over(paint[".dng-pic__hit circle"]["fill"], background)
    assert contrast(hit, bg) >= 3  # the dots that carry the count
    assert contrast(over(paint[".dng-pic--per-100 .dng-pic__miss circle"]["stroke"], background), bg) >= 3
    assert contrast(over(paint[".dng-pic--per-1000 .dng-pic__miss circle"]["fill"], background), bg) >= 3
    assert contrast(over(paint[".dng-pic__body"]["stroke"], background), bg) >= 3
    mark = over(paint[".dng-pic__mark"]["fill"], background)
    assert contrast(mark, bg) >= 3
    assert contrast(over(paint[".dng-pic__number"]["fill"], background), mark) >= 4.5  # numbers on the marks
    assert contrast(over(paint[".dng-pic__label"]["fill"], background), bg) >= 4.5  # words in the drawings
    # The filled and the empty dots differ by more than colour: filled discs against rings or small dots.
    assert paint[".dng-pic--per-100 .dng-pic__miss circle"]["fill"] == "none"


def test_needles_as_laid_out_keep_their_scale(new_context, servers):
    needles = {n.key: n for n in load(ROOT).pictures.needles}
    page = open_page(new_context, servers, "what-is-dry-needling/", "light", "desktop")
    boxes = page.eval_on_selector_all(
        "rect.dng-pic__shaft", "els => els.map(e => [e.dataset.needle, e.getBoundingClientRect().width,"
        " e.getBoundingClientRect().height])")
    assert {key for key, _, _ in boxes} == set(needles)
    first_key, first_width, first_height = boxes[0]
    for key, width, height in boxes:
        assert width / first_width == pytest.approx(needles[key].length_mm / needles[first_key].length_mm, rel=0.01)
        assert height / first_height == pytest.approx(
            needles[key].diameter_mm / needles[first_key].diameter_mm, rel=0.01)


def test_pictures_print_black_on_white(new_context, servers):
    page = open_page(new_context, servers, "safety/", "dark", "desktop")
    page.emulate_media(media="print")
    for selector in (".dng-pic__hit circle", ".dng-pic__mark", ".dng-pic__label"):
        assert page.evaluate(PAINT, selector)["fill"] == "rgb(0, 0, 0)", selector
    assert page.evaluate(PAINT, ".dng-pic__body")["stroke"] == "rgb(0, 0, 0)"
    assert page.evaluate(PAINT, ".dng-pic__number")["fill"] == "rgb(255, 255, 255)"
