"""Every page loads only from the site's own origin and sets no cookies."""

from __future__ import annotations

from tests.support.pages import PAGES


def test_every_request_stays_on_the_site(new_context, servers):
    context = new_context()
    requests = []
    failed = []
    context.on("request", lambda r: requests.append(r.url))
    # Every request must also succeed: a 404 is a console error (Lighthouse best practices).
    context.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page = context.new_page()
    for url in PAGES:
        page.goto(servers.site_url + url, wait_until="networkidle")
    assert len(requests) > len(PAGES)
    outside = sorted({r for r in requests if not r.startswith(servers.site_url)})
    assert not outside, outside
    assert not failed, failed
    assert context.cookies() == []
