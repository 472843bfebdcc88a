"""Embeds on a clinic's page, from another origin: the loader, sizing, options, bad input, WordPress."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SITE_URL
from tests.support.pages import soup

GOOD = ["e-page", "e-section", "e-dark", "e-low-contrast", "e-compare", "e-hostile"]
BAD = ["e-bad-page", "e-bad-section", "e-hostile-key"]
# What an embed needs (macros/publish/assets/embed-loader.js says why), and not allow-same-origin.
SANDBOX = {"allow-scripts", "allow-top-navigation-by-user-activation", "allow-popups",
           "allow-popups-to-escape-sandbox"}
HOSTILE_LINKS = ["javascript:alert(1)", " JavaScript:alert(document.domain)",
                 "data:text/html,<script>alert(1)</script>"]
# Inside an embed: the frame is as tall as its document. The loader draws iframes without a border,
# so the frame's viewport height is the iframe's height.
SIZED = "() => Math.abs(window.innerHeight - document.documentElement.getBoundingClientRect().height) <= 3"


def frame_of(page, host_id):
    handle = page.locator(f"#{host_id} iframe").element_handle()
    return handle.content_frame()


def poll(frame, expression, page, tries=100):
    """Evaluate `expression` in an embed frame until it is true (or give up, leaving the caller's
    assertion to report). Polled from here, not with wait_for_function: under load Playwright's
    in-page polling re-creates the predicate with eval, which the embed's CSP (rightly) refuses."""
    for _ in range(tries):
        if frame.evaluate(expression):
            return
        page.wait_for_timeout(50)


def wait_for_sizes(page):
    page.wait_for_function(
        """ids => ids.every(id => { const f = document.querySelector('#' + id + ' iframe');
               return f && f.style.height && f.style.height !== '400px'; })""", arg=GOOD, timeout=20000)


def check_heights(page):
    for host_id in GOOD:
        iframe = page.locator(f"#{host_id} iframe")
        iframe.scroll_into_view_if_needed()
        frame = frame_of(page, host_id)
        frame.wait_for_load_state("load")
        poll(frame, SIZED, page)  # the loader follows the frame's height messages: wait until it has caught up
        outer = iframe.evaluate("f => f.getBoundingClientRect().height")
        inner = frame.evaluate("document.documentElement.getBoundingClientRect().height")
        assert abs(outer - inner) <= 3, f"{host_id}: iframe {outer}px, document {inner}px"


@pytest.fixture()
def host(new_context, servers):
    context = new_context(viewport={"width": 1200, "height": 900})
    requests, warnings, errors = [], [], []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append("dialog: " + d.message))
    page.goto(servers.host_url + "loader.html")
    # Lazy frames load as they come into view.
    for host_id in GOOD:
        page.locator(f"#{host_id}").scroll_into_view_if_needed()
    wait_for_sizes(page)
    return page, requests, warnings, errors


def test_loader_sizes_every_embed(host):
    page, *_ = host
    check_heights(page)


def test_heights_follow_a_resize(host):
    page, *_ = host
    before = page.locator("#e-section iframe").evaluate("f => f.getBoundingClientRect().height")
    page.set_viewport_size({"width": 400, "height": 800})
    page.wait_for_function(
        "h => document.querySelector('#e-section iframe').getBoundingClientRect().height > h + 20", arg=before)
    check_heights(page)


def test_iframes_are_titled_and_lazy(host):
    page, *_ = host
    for host_id in GOOD:
        iframe = page.locator(f"#{host_id} iframe")
        assert iframe.get_attribute("loading") == "lazy"
        assert iframe.get_attribute("title").startswith("Dry Needling Guide: ")


def test_iframes_are_sandboxed_and_send_no_referrer(host):
    page, *_ = host
    for host_id in GOOD:
        iframe = page.locator(f"#{host_id} iframe")
        assert iframe.get_attribute("referrerpolicy") == "no-referrer"
        assert set(iframe.get_attribute("sandbox").split()) == SANDBOX
        frame = frame_of(page, host_id)
        # In force, not just written: an opaque origin, and the host's address was not sent.
        assert frame.evaluate("window.origin") == "null"
        assert frame.evaluate("document.referrer") == ""


def test_plain_frame_snippet_has_the_loaders_attributes(site):
    snippet = next(code.get_text() for code in soup(site, "for-clinics/").select("code")
                   if "<iframe" in code.get_text())
    assert re.search(r'\breferrerpolicy="no-referrer"', snippet), snippet
    assert set(re.search(r'\bsandbox="([^"]*)"', snippet).group(1).split()) == SANDBOX


def test_a_link_in_an_embed_opens_in_the_host_window(host, servers):
    page, *_ = host
    link = frame_of(page, "e-section").locator(f"main a[href^='{servers.site_url}']:not(.dng-cite__link):visible").first
    href = link.get_attribute("href")
    link.focus()  # Enter, not a click: see the new-tab test below
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == href


def test_a_link_for_a_new_tab_opens_our_page_outside_the_sandbox(host, servers):
    page, *_ = host
    link = frame_of(page, "e-section").locator(f"main a[href^='{servers.site_url}']:not(.dng-cite__link):visible").first
    link.evaluate("a => { a.target = '_blank'; }")
    # Enter on the focused link, not a click: frames above may still change height as they load
    # lazily, which moves the link between where a click is aimed and where it lands.
    link.focus()
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url == link.get_attribute("href")
    assert tab.evaluate("window.origin") == servers.site_url.split("/dng/")[0]
    assert page.url.endswith("loader.html")


def test_theme_and_accent_take_effect(host):
    page, *_ = host
    dark = frame_of(page, "e-dark")
    assert dark.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert dark.evaluate("document.documentElement.getAttribute('data-dng-accent')") == "applied"
    # Material animates link colour: wait for the transition to end, then compare. Chromium
    # throttles rendering in cross-origin frames out of view, so bring this one into view first.
    page.locator("#e-dark").scroll_into_view_if_needed()
    colour = "getComputedStyle(document.querySelector('.dng-attribution a')).color"
    poll(dark, f"{colour} === 'rgb(255, 179, 230)'", page)
    assert dark.evaluate(colour) == "rgb(255, 179, 230)"
    assert dark.evaluate("document.documentElement.classList.contains('dng-embed--font-large')")
    light = frame_of(page, "e-low-contrast")
    assert light.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert light.evaluate("document.documentElement.getAttribute('data-dng-accent')") == "ignored"


def test_bad_names_show_a_message_and_warn(host):
    page, _, warnings, _ = host
    for host_id in BAD:
        block = page.locator(f"#{host_id}")
        assert block.locator("iframe").count() == 0
        assert "not available" in block.inner_text()
        assert block.locator("a").get_attribute("href") == SITE_URL
    embed_warnings = [w for w in warnings if "Dry Needling Guide embed" in w]
    assert len(embed_warnings) == len(BAD)


def test_hostile_values_are_ignored_not_reflected(host):
    page, _, _, errors = host
    src = page.locator("#e-hostile iframe").get_attribute("src")
    assert src.endswith("/embed/safety/sections/side-effects/"), src
    frame = frame_of(page, "e-hostile")
    html = frame.content()
    assert "alert(1)" not in html and "<b>" not in html
    assert frame.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert not errors, errors


def test_host_page_is_untouched(host):
    page, *_ = host
    assert page.locator("#host-title").inner_text() == "Example Clinic"
    assert page.locator("#host-text").inner_text() == "Our own content, which embeds must not touch."
    assert page.locator("#host-footer").is_visible()
    first = page.evaluate("window.hostCounter")
    page.wait_for_function("first => window.hostCounter > first", arg=first, timeout=5000)  # its timer still runs


def test_requests_stay_on_the_two_origins(host, servers):
    page, requests, *_ = host
    outside = [r for r in requests if not r.startswith((servers.site_url, servers.host_url))]
    assert requests and not outside, outside


def test_plain_iframe_without_loader(new_context, servers):
    page = new_context().new_page()
    page.set_content(f'<iframe src="{servers.site_url}embed/safety/" title="t" height="500" style="width:100%;border:0"></iframe>')
    frame = page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    assert page.locator("iframe").evaluate("f => f.getBoundingClientRect().height") == 500


def watched_page(new_context):
    """A page in a fresh context, with its uncaught errors (and dialogs) collected."""
    page = new_context().new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    return page, errors


def test_wordpress_sandbox(new_context, servers):
    page, errors = watched_page(new_context)
    page.goto(servers.host_url + "wordpress.html")
    page.wait_for_function("window.wpMessages.some(m => m.message === 'height')", timeout=15000)
    height = next(m["value"] for m in page.evaluate("window.wpMessages") if m["message"] == "height")
    assert height > 200
    frame = page.frame_locator("#wp")
    frame.locator("main a[href^='http']:not(.dng-cite__link):visible").first.click()
    page.wait_for_function("window.wpMessages.some(m => m.message === 'link')", timeout=10000)
    link = next(m["value"] for m in page.evaluate("window.wpMessages") if m["message"] == "link")
    assert link.startswith(servers.site_url) or link.startswith("https://")
    assert page.url.endswith("wordpress.html"), "the sandboxed frame navigated the host page"
    assert not errors, errors


def test_an_uncaught_error_in_a_sandboxed_frame_would_be_seen(new_context, servers):
    """Control for the WordPress test: the error listener really sees errors in such frames."""
    page, errors = watched_page(new_context)
    with page.expect_event("pageerror", lambda e: "control error" in str(e), timeout=10000):
        page.goto(servers.host_url + "wordpress-control.html")
    assert any("control error" in e for e in errors), errors


@pytest.mark.parametrize("href", HOSTILE_LINKS)
def test_wordpress_host_is_never_asked_to_follow_a_script_or_data_link(new_context, servers, href):
    page, errors = watched_page(new_context)
    page.goto(servers.host_url + "wordpress.html")
    page.wait_for_function("window.wpMessages.some(m => m.message === 'height')", timeout=15000)
    page.evaluate("window.followLinks = true")  # a host that follows any address it is sent
    frame = page.frame_locator("#wp")
    frame.locator("article").evaluate(
        "(article, href) => { const a = document.createElement('a'); a.id = 'hostile'; a.href = href;"
        " a.textContent = 'hostile'; article.prepend(a); }", href)
    frame.locator("#hostile").click()
    # One frame's messages arrive in the order it sent them: once a marker the frame sends after
    # the click has arrived, any "link" message the click made has arrived before it.
    frame.locator("article").evaluate(
        "(article, secret) => parent.postMessage({secret, message: 'after-click'}, '*')",
        page.locator("#wp").get_attribute("data-secret"))
    page.wait_for_function("window.wpMessages.some(m => m.message === 'after-click')", timeout=10000)
    assert [m for m in page.evaluate("window.wpMessages") if m["message"] == "link"] == []
    assert page.url.endswith("wordpress.html")
    assert frame.locator("#hostile").count() == 1, "the frame navigated away"
    # Control: an ordinary link is still sent, and this host does follow it.
    link = frame.locator(f"main a[href^='{servers.site_url}']:not(.dng-cite__link):visible").first
    target = link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    assert page.url == target
    assert not errors, errors
