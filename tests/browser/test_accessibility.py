"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page, embed and the 404 page; light and dark; phone and desktop."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.pages import PAGES

pytestmark = pytest.mark.browser

AXE = Axe()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Material animates colours (header, search field, navigation): axe measuring mid-transition
# reports contrasts no reader sees once the page has settled. The audit sees the settled page.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
TARGETS = ([(url, "page") for url in PAGES] + [("404", "404")]
           + [(f"embed/{key}/", "embed") for key in PAGES.values()])


def describe(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']}: {violation['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", VIEWPORTS)
def test_axe_finds_nothing(browser, servers, scheme, width):
    failures = []
    # The CSP (tested in test_csp.py) would refuse the audit's own style element.
    context = browser.new_context(viewport=VIEWPORTS[width], color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    try:
        for url, kind in TARGETS:
            if kind == "404":
                address = servers.site_url + "no-such-page/"
            elif kind == "embed":
                address = servers.site_url + url + f"?theme={scheme}"
            else:
                address = servers.site_url + url
            page.goto(address, wait_until="load")
            expected = "slate" if scheme == "dark" else "default"
            actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert actual == expected, f"{url}: the {scheme} scheme did not apply ({actual})"
            page.add_style_tag(content=NO_TRANSITIONS)
            results = AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
            if results.violations_count:
                failures.append(f"{url} ({scheme}, {width}):\n{describe(results)}")
    finally:
        context.close()
    assert not failures, "\n\n".join(failures)
