"""The weight model in benchmarks/weight.py covers every request a real first visit makes."""

from __future__ import annotations

import pytest

from benchmarks.weight import resources

# Before any of the page's scripts: note each address Material opens an XMLHttpRequest for,
# including the search index, whose sending lazy-search.js holds back until a search starts.
RECORD_XHR = """
window.__dngOpened = [];
const dngOpen = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url) {
  window.__dngOpened.push(String(new URL(url, location.href)));
  return dngOpen.apply(this, arguments);
};
"""


@pytest.mark.parametrize("url", ["", "safety/", "glossary/", "embed/safety/"])
def test_model_covers_real_requests(new_context, servers, site, url):
    context = new_context()
    context.add_init_script(RECORD_XHR)
    seen = set()
    context.on("request", lambda r: seen.add(r.url))
    page = context.new_page()
    page.goto(servers.site_url + url, wait_until="networkidle")
    index = servers.site_url + "search/search_index.json"
    if not url.startswith("embed/"):
        # Settled: Material has asked for the search index (the last of its start-up requests),
        # and the network is quiet again after it.
        page.wait_for_function("url => window.__dngOpened.includes(url)", arg=index)
        page.wait_for_load_state("networkidle")
    modelled = {servers.site_url + (path if path != url + "index.html" else url) for path in resources(site, url)}
    assert servers.site_url + url in seen, "the request listener saw no page"
    assert seen <= modelled, sorted(seen - modelled)
    assert index not in seen, "the search index loaded before any search"
