"""The loader on a clinic's page, with our site served two ways (tests/support/hostservers.py):
a plain static server (no CORS header, its own 404 page) and one sending the generated headers.

Items (a claim, a term, a care card) load; unknown names show the readable note on both (without the
catalogue, once the frame has sent no height for the loader's wait); every option reaches the frame's
address and hostile values do not; no request leaves the two origins.
"""

from __future__ import annotations

import html
import shutil
import time
from urllib.parse import urlsplit

import pytest

from macros.content import datastore, urls
from macros.publish import embedspec
from tests.support.hostservers import KINDS, HostedSite
from tests.support.pages import ROOT
from tests.support.server import HOST_PLACEHOLDER

HOST_PAGE = "items-loader.html"
ITEMS = {"e-claim": "claims/items/safe-for-everyone", "e-term": "glossary/terms/trigger-point",
         "e-care": "care/same-day"}
GOOD = [*ITEMS, "e-section"]
# Unknown to the catalogue: a page, a section, an item, and a section asked of an item.
UNKNOWN = ["e-bad-page", "e-bad-section", "e-bad-item"]
# Refused by their shape alone, with or without the catalogue.
MISSHAPEN = ["e-item-section", "e-bad-shape"]
NOTE = "This Dry Needling Guide content is not available. Visit Dry Needling Guide"
WAIT_S = 5  # the loader's WAIT (embed-loader.js): how long a loaded frame has to send its height
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "quotes": "\"' onload=\"alert(1)",
    "javascript": "javascript:alert(1)",
    "css": "red;background:url(x)",
    "control": "Clinic\u202eevil",
    "long": "a" * 10240,
}


@pytest.fixture(scope="module", params=KINDS)
def hosted(request, site, tmp_path_factory):
    # The host pages, and one written here (a page fulfilled by Playwright instead of served is not
    # on loopback, and Chromium then refuses its requests to loopback: Private Network Access).
    hosts = tmp_path_factory.mktemp("hosts")
    shutil.copy(ROOT / "tests" / "hosts" / HOST_PAGE, hosts / HOST_PAGE)
    (hosts / "hostile.html").write_text(_hostile_page(), encoding="utf-8")
    with HostedSite(site, request.param, hosts) as running:
        yield running


@pytest.fixture()
def open_host(new_context, hosted):
    """Opens a host page of `hosted`: (page, requests seen, page errors)."""
    requests, errors = [], []

    def open_page(path=HOST_PAGE, route=None, **viewport):
        context = new_context(viewport=viewport or {"width": 1200, "height": 2400})
        context.on("request", lambda r: requests.append(r.url))
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: errors.append("dialog: " + d.message))
        if route:
            route(page)
        page.goto(hosted.host_url + path)
        return page

    yield open_page, requests, errors
    # Whatever the test did: every request stayed on the site's and the host's origins.
    outside = [u for u in requests if not u.startswith(("data:", "blob:", "about:"))
               and f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" not in hosted.origins]
    assert not outside, outside
    # Our 404 page in a frame (before the loader replaces it) runs Material's script, which reads
    # localStorage and is refused in the sandbox: that frame's error, not the host page's.
    assert not [e for e in errors if "is sandboxed and lacks the 'allow-same-origin'" not in e], errors


def until(check, seconds=15.0, step=0.1):
    """Polls `check` from Python (the embed pages' CSP refuses Playwright's in-page polling) until it
    returns something true; returns the last value."""
    end = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > end:
            return value
        time.sleep(step)


def frame_of(page, host_id):
    return page.locator(f"#{host_id} iframe").element_handle().content_frame()


def sized(page, host_id) -> bool:
    """The loader followed the frame's height message: the iframe is as tall as its document."""
    iframe = page.locator(f"#{host_id} iframe")
    if not iframe.count() or iframe.evaluate("f => f.style.height") in ("", "400px"):
        return False
    inner = frame_of(page, host_id).evaluate("document.documentElement.getBoundingClientRect().height")
    return abs(iframe.evaluate("f => f.getBoundingClientRect().height") - inner) <= 3


def note_of(page, host_id) -> str:
    return " ".join(page.locator(f"#{host_id}").inner_text().split())


def test_host_page_names_keys_that_exist():
    data = datastore.load(ROOT)
    assert ITEMS["e-claim"].split("/")[-1] in {c.key for c in data.claims}
    assert ITEMS["e-term"].split("/")[-1] in data.glossary
    assert ITEMS["e-care"].split("/")[-1] in data.care


def test_items_load_and_follow_their_height(open_host, hosted):
    open_page, *_ = open_host
    page = open_page()
    for host_id, key in ITEMS.items():
        iframe = page.locator(f"#{host_id} iframe")
        iframe.wait_for()
        assert iframe.get_attribute("src") == hosted.site_url + urls.embed_url(key)
    for host_id in GOOD:
        page.locator(f"#{host_id}").scroll_into_view_if_needed()
        assert until(lambda host_id=host_id: sized(page, host_id)), f"{hosted.kind}: {host_id} never sized"
    heading = frame_of(page, "e-claim").locator("article .dng-embed__title").inner_text()
    assert heading.startswith("“") and "safe for everyone" in heading.lower()
    assert frame_of(page, "e-term").locator("article .dng-gloss__definition").count() == 1
    assert frame_of(page, "e-care").locator("article .dng-care__card--same-day").count() == 1
    if hosted.kind == "headers":  # with the catalogue, the frames are titled by the items' titles
        assert page.locator("#e-care iframe").get_attribute("title") == "Dry Needling Guide: See a doctor the same day"


def test_unknown_names_show_the_readable_note(open_host, hosted):
    open_page, *_ = open_host
    started = time.monotonic()
    page = open_page()
    # Refused by shape, or (with the catalogue) by name: at once, before any frame could time out.
    at_once = MISSHAPEN + (UNKNOWN if hosted.kind == "headers" else [])
    assert until(lambda: all(NOTE in note_of(page, i) for i in at_once), seconds=WAIT_S - 1), \
        {i: note_of(page, i) for i in at_once}
    assert time.monotonic() - started < WAIT_S
    if hosted.kind == "bare":
        # No catalogue: the frames are made; the server's 404 page sends no height, so each is replaced.
        for host_id in UNKNOWN:
            page.locator(f"#{host_id}").scroll_into_view_if_needed()
        assert until(lambda: all(NOTE in note_of(page, i) for i in UNKNOWN), seconds=3 * WAIT_S), \
            {i: note_of(page, i) for i in UNKNOWN}
    for host_id in UNKNOWN + MISSHAPEN:
        assert page.locator(f"#{host_id} iframe").count() == 0
        assert page.locator(f"#{host_id} .dng-embed-missing a").get_attribute("href") == hosted.site_url
    # The rest of the page and the other embeds still work.
    assert page.locator("#host-text").inner_text() == "Our own content, which embeds must not touch."
    counter = page.evaluate("window.hostCounter")
    page.wait_for_timeout(200)
    assert page.evaluate("window.hostCounter") > counter
    for host_id in GOOD:
        page.locator(f"#{host_id}").scroll_into_view_if_needed()
        assert until(lambda host_id=host_id: sized(page, host_id)), host_id


def test_a_valid_embed_outlives_the_wait_also_when_it_loads_late(open_host, hosted):
    """The wait starts at the frame's load event: a lazy frame far down the page is not given up
    for not sending its height before the reader scrolled to it."""
    open_page, *_ = open_host
    page = open_page(height=900, width=1200)
    page.locator("#e-claim").scroll_into_view_if_needed()
    assert until(lambda: sized(page, "e-claim"))
    page.wait_for_timeout((WAIT_S + 2) * 1000)
    assert page.locator("#e-claim iframe").count() == 1 and sized(page, "e-claim")
    assert page.locator("#e-far iframe").count() == 1, "the far frame was given up before it loaded"
    page.locator("#e-far").scroll_into_view_if_needed()
    assert until(lambda: sized(page, "e-far"))
    page.wait_for_timeout((WAIT_S + 1) * 1000)
    assert page.locator("#e-far iframe").count() == 1


def _query(page, host_id) -> str:
    return urlsplit(page.locator(f"#{host_id} iframe").get_attribute("src")).query


def test_every_option_reaches_the_frame(open_host, hosted):
    open_page, *_ = open_host
    page = open_page()
    page.locator("#e-options iframe").wait_for()
    values = {"theme": "dark", "accent": "#ffb3e6", "font-size": "large", "lang": "en", "heading": "h3",
              "background": "transparent", "font": "serif", "radius": "8", "border": "on", "links": "new-tab",
              "clinic": "Smith & Jones Physio"}
    assert set(values) == set(embedspec.OPTION_NAMES)  # a new option needs a line here
    expected = "&".join(f"{name}={values[name]}".replace("#", "%23").replace("&", "%26").replace(" ", "%20")
                        for name in embedspec.OPTION_NAMES)
    assert _query(page, "e-options") == expected
    page.locator("#e-options").scroll_into_view_if_needed()
    assert until(lambda: sized(page, "e-options"))
    assert frame_of(page, "e-options").evaluate("location.search") == "?" + expected
    # A transparent background only with theme light or dark (the text's colour must be known).
    assert _query(page, "e-transparent-auto") == "theme=auto&radius=16"
    assert _query(page, "e-transparent-alone") == "border=off"


def _hostile_page():
    """A host page whose placeholders give every option each hostile value, and one a lone surrogate
    (which only a script can set: HTML turns it into U+FFFD), then a valid embed after them."""
    cells = []
    for label, value in HOSTILE.items():
        attrs = " ".join(f'data-dng-{name}="{html.escape(value)}"' for name in embedspec.OPTION_NAMES)
        cells.append(f'<div id="h-{label}" data-dng-embed="glossary/terms/trigger-point" {attrs}></div>')
    body = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Hostile host</title></head><body>"
            + "".join(cells)
            + '<div id="h-surrogate" data-dng-embed="care/same-day" data-dng-theme="dark"></div>'
            + '<div id="h-after" data-dng-embed="care/emergency" data-dng-theme="dark"></div>'
            + "<script>document.getElementById('h-surrogate').setAttribute('data-dng-clinic', 'A\\ud800B');</script>"
            + f'<script src="{HOST_PLACEHOLDER}embed.js" async></script></body></html>')
    return body


def test_hostile_option_values_never_reach_the_frame(open_host, hosted):
    open_page, *_ = open_host
    page = open_page("hostile.html")
    for label in HOSTILE:
        iframe = page.locator(f"#h-{label} iframe")
        iframe.wait_for()
        src = iframe.get_attribute("src")
        assert src == hosted.site_url + urls.embed_url("glossary/terms/trigger-point"), (label, src)
    page.locator("#h-surrogate iframe").wait_for()
    assert _query(page, "h-surrogate") == "theme=dark"
    assert _query(page, "h-after") == "theme=dark"
    for label in HOSTILE:  # nothing of the values was written into the host page either
        assert page.locator(f"#h-{label}").evaluate("el => el.querySelectorAll('script, img, style').length") == 0


# Only on the server with the headers: the bare server has no readable catalogue to break (the tests above).
@pytest.mark.parametrize("hosted", ["headers"], indirect=True)
@pytest.mark.parametrize("failure", ["unreachable", "bad-json", "wrong-shape", "no-answer"])
def test_recovers_without_the_catalogue(open_host, hosted, failure):
    """The API unreachable, answering nonsense (not JSON, or JSON of another shape), or never answering:
    items still load, unknown names
    still end in the note (on the headers server, our own 404 page is what the frame shows first)."""
    assert hosted.kind == "headers"
    open_page, *_ = open_host
    catalogue = hosted.site_url + urls.api_url("pages")

    def route(page):
        if failure == "unreachable":
            page.route(catalogue, lambda r: r.abort("connectionrefused"))
        elif failure in ("bad-json", "wrong-shape"):
            body = "{not json" if failure == "bad-json" else '{"pages": [null], "items": []}'
            page.route(catalogue, lambda r: r.fulfill(body=body, content_type="application/json",
                                                        headers={"Access-Control-Allow-Origin": "*"}))
        else:
            page.route(catalogue, lambda r: None)  # left pending: the loader stops waiting after its WAIT

    page = open_page(route=route)
    assert until(lambda: all(NOTE in note_of(page, i) for i in MISSHAPEN), seconds=WAIT_S + 3)
    for host_id in UNKNOWN:
        page.locator(f"#{host_id}").scroll_into_view_if_needed()
    assert until(lambda: all(NOTE in note_of(page, i) for i in UNKNOWN), seconds=4 * WAIT_S), \
        {i: note_of(page, i) for i in UNKNOWN}
    for host_id in ITEMS:
        page.locator(f"#{host_id}").scroll_into_view_if_needed()
        assert until(lambda host_id=host_id: sized(page, host_id)), host_id
        assert page.locator(f"#{host_id} iframe").get_attribute("title") == "Dry Needling Guide: " + ITEMS[host_id]


def test_no_cookie_and_no_storage(open_host, hosted):
    open_page, *_ = open_host
    page = open_page()
    page.locator("#e-claim").scroll_into_view_if_needed()
    assert until(lambda: sized(page, "e-claim"))
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
