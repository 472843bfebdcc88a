"""The weight model in tests/support/weight.py covers every request a real first visit makes."""

from __future__ import annotations

import pytest

from tests.support.weight import resources

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("url", ["", "safety/", "glossary/", "embed/safety/"])
def test_model_covers_real_requests(browser, servers, site, url):
    context = browser.new_context()
    seen = set()
    context.on("request", lambda r: seen.add(r.url))
    page = context.new_page()
    page.goto(servers.site_url + url, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    modelled = {servers.site_url + (path if path != url + "index.html" else url) for path in resources(site, url)}
    assert seen <= modelled, sorted(seen - modelled)
    assert servers.site_url + "search/search_index.json" not in seen, "the search index loaded before any search"


