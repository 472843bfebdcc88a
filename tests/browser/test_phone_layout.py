"""On a 390x844 phone no patient page scrolls sideways, in the light and the dark scheme (issue 12)."""

from __future__ import annotations

import pytest

from benchmarks.pagelength import PHONE
from tests.browser.conftest import TIMEOUT_MS
from tests.support import params
from tests.support.pages import patient_pages

SCHEMES = {"light": "default", "dark": "slate"}  # the reader's setting -> Material's scheme


def pytest_generate_tests(metafunc):
    if "url" in metafunc.fixturenames:
        params.parametrize(metafunc, "url", "extra.patient_pages in mkdocs.yml", patient_pages)


@pytest.fixture(scope="module", params=SCHEMES)
def phone(request, browser, servers):
    context = browser.new_context(viewport=PHONE, color_scheme=request.param)
    yield request.param, context
    context.close()


def test_no_sideways_scrolling_on_a_phone(phone, servers, url):
    scheme, context = phone
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(servers.site_url + url, wait_until="load")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.evaluate("window.innerWidth")
        assert viewport == PHONE["width"]
        wide = page.evaluate("""(limit) => [...document.querySelectorAll('article *')]
          .filter(e => e.getBoundingClientRect().right > limit + 0.5)
          .slice(0, 5).map(e => e.tagName + '.' + e.className)""", viewport)
        assert width <= viewport, f"/{url} is {width}px wide on a {viewport}px phone ({scheme}); too wide: {wide}"
    finally:
        page.close()
