"""The <meta> Content-Security-Policy holds in Chromium: the site breaks none of its own rules,
and a script the templates did not write is blocked (the server sends no CSP header, like GitHub Pages)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import TIMEOUT_MS

# Full pages, a page with live embeds, an embed, a section embed and the 404 page.
URLS = ["", "safety/", "faq/", "for-clinics/", "embed/safety/",
        "embed/what-to-expect/sections/during/?accent=%238a2be2&font-size=large", "no-such-page/"]

# Registered before any of the page's own scripts run, in every frame.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


@pytest.fixture()
def recording(new_context):
    context = new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def violations(page) -> list[str]:
    found = []
    for frame in page.frames:
        found += [f"{frame.url}: {v}" for v in frame.evaluate("window.__cspViolations || []")]
    return found


def test_no_page_breaks_its_own_policy(recording, servers):
    page = recording
    for url in URLS:
        page.goto(servers.site_url + url, wait_until="networkidle")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, url
        assert violations(page) == [], url
    # Material's own behaviour under the policy: instant navigation, palette, search worker.
    page.goto(servers.site_url + "safety/", wait_until="networkidle")
    page.locator("a.md-nav__link[href$='/faq/']").first.click()
    page.wait_for_url("**/faq/")
    page.locator("form[data-md-component=palette] label").first.click()
    # The palette's radio button now has the focus, where Material ignores the "/" shortcut:
    # open the search field itself.
    page.locator("input.md-search__input").click()
    page.keyboard.type("needle")
    # Material lists extra matches of a page collapsed (hidden): wait for a shown one.
    page.locator(".md-search-result__item").filter(visible=True).first.wait_for()
    assert violations(page) == []


def test_an_injected_script_is_blocked(recording, servers):
    page = recording
    page.goto(servers.site_url + "safety/", wait_until="networkidle")
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__injectedRan = true";
      document.body.append(script);
    }""")
    assert page.evaluate("window.__injectedRan === undefined")
    assert any(v.startswith(f"{servers.site_url}safety/: script-src") for v in violations(page))
