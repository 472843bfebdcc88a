"""Type that reads (issue 12): boxes at body size, headings dark enough and big enough, both schemes.

Measured from Chromium's computed styles: sizes in pixels, contrast from the real colours (a
colour with transparency is first laid over the page's background, as the reader sees it).
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import TIMEOUT_MS

SCHEMES = {"light": "default", "dark": "slate"}
# Pages with key points, a warning and a note (safety), and the home page's own boxes.
PAGES = ["safety/", "what-to-expect/", ""]


def rgba(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb") and len(numbers) in (3, 4), f"not an sRGB colour: {css}"
    return numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0


def over(colour: str, background: str) -> tuple[float, float, float]:
    r, g, b, a = rgba(colour)
    br, bg, bb, _ = rgba(background)
    return r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str) -> float:
    ground = over(background, "rgb(255, 255, 255)")
    fore = over(colour, f"rgb({ground[0]}, {ground[1]}, {ground[2]})")
    high, low = sorted((luminance(fore), luminance(ground)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_arithmetic():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)
    # Material's grey h1 (54% black) on white: what the issue found, below 7:1.
    assert contrast("rgba(0, 0, 0, 0.54)", "rgb(255, 255, 255)") < 7


STYLES = """() => {
  const px = (el) => el ? parseFloat(getComputedStyle(el).fontSize) : null;
  const body = document.querySelector('.md-content .md-typeset > p');
  const boxes = [...document.querySelectorAll('.md-typeset .admonition, .md-typeset details:not(.dng-embed-snippet)')];
  const h1 = document.querySelector('.md-typeset h1'), h2 = document.querySelector('.md-typeset h2');
  return {
    body: px(body),
    boxes: boxes.map((box) => ({cls: box.className, size: px(box),
      text: px(box.querySelector(':scope > p:not(.admonition-title), :scope > ul li, :scope > ol li')),
      title: px(box.querySelector(':scope > .admonition-title, :scope > summary'))})),
    h1: {size: px(h1), color: getComputedStyle(h1).color},
    h2: {size: px(h2), color: getComputedStyle(h2).color},
    background: getComputedStyle(document.body).backgroundColor,
  };
}"""


@pytest.mark.parametrize("url", PAGES, ids=lambda u: u or "home")
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [390, 1440])
def test_boxes_at_body_size_and_headings_that_read(new_context, servers, scheme, width, url):
    context = new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(servers.site_url + url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    found = page.evaluate(STYLES)
    body = found["body"]
    assert body and body >= 16, f"body text is {body}px"
    if url:  # the patient pages named here all have key points and warning boxes
        assert any("abstract" in box["cls"] for box in found["boxes"]), "no key points box"
    for box in found["boxes"]:
        assert box["size"] == body, f"{box['cls']}: {box['size']}px, body {body}px"
        for part in ("text", "title"):
            assert box[part] in (None, body), f"{box['cls']} {part}: {box[part]}px, body {body}px"
    assert found["h2"]["size"] >= 1.25 * body, found["h2"]
    for level in ("h1", "h2"):
        ratio = contrast(found[level]["color"], found["background"])
        assert ratio >= 7, f"{level} {found[level]['color']} on {found['background']}: {ratio:.2f}:1"
