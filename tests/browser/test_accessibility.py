"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page, embed and the 404 page; light and dark; phone and desktop.

One test per address and mode (`test_axe_finds_nothing[dark-phone-safety/]`): a failure names the
page, and the other pages are still audited. One browser context per mode serves all its
addresses (a module fixture, closed when the mode is done); each test opens a fresh page.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import TIMEOUT_MS
from tests.support.pages import PAGES

AXE = Axe()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Only the violations are read: the passes and other results would be sent back for nothing.
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
# Material animates colours (header, search field, navigation): axe measuring mid-transition
# reports contrasts no reader sees once the page has settled. The audit sees the settled page.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
MODES = {f"{scheme}-{width}": (scheme, width) for scheme in ("light", "dark") for width in VIEWPORTS}
# (id, address under the site, kind): every page, the 404 page, every whole-page embed.
TARGETS = ([(url or "home", url, "page") for url in PAGES] + [("404", "no-such-page/", "404")]
           + [(f"embed/{key}/", f"embed/{key}/", "embed") for key in PAGES.values()])


def describe(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']}: {violation['help']} -> {targets}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def mode(request, browser, servers):
    """(scheme, viewport name, context) for one mode; the context is closed when its tests are done."""
    scheme, width = MODES[request.param]
    # The CSP (tested in test_csp.py) would refuse the audit's own style element.
    context = browser.new_context(viewport=VIEWPORTS[width], color_scheme=scheme, bypass_csp=True)
    yield scheme, width, context
    context.close()


@pytest.fixture()
def audit_page(mode):
    page = mode[2].new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    page.close()


@pytest.mark.parametrize("target", [t[1:] for t in TARGETS], ids=[t[0] for t in TARGETS])
@pytest.mark.parametrize("mode", MODES, indirect=True, scope="module")
def test_axe_finds_nothing(mode, audit_page, servers, target):
    scheme, width, _ = mode
    url, kind = target
    address = servers.site_url + url + (f"?theme={scheme}" if kind == "embed" else "")
    audit_page.goto(address, wait_until="load")
    expected = "slate" if scheme == "dark" else "default"
    actual = audit_page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert actual == expected, f"{url}: the {scheme} scheme did not apply ({actual})"
    audit_page.add_style_tag(content=NO_TRANSITIONS)
    results = AXE.run(audit_page, options=OPTIONS)
    assert not results.violations_count, f"{url} ({scheme}, {width}):\n{describe(results)}"
