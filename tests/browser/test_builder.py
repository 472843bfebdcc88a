"""The embed builder on /for-clinics/, in Chromium: the form, the preview, the copied code working on
another origin, bad input, the keyboard, axe, phones, and the theme's copy button on code blocks."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.render import clinics
from tests.browser.test_accessibility import NO_TRANSITIONS, OPTIONS, VIEWPORTS, describe
from tests.conftest import SITE_URL
from tests.support.pages import soup

HOSTILE = ["<script>alert(1)</script>", '"><img src=x id=dng-pwned>', "javascript:alert(1)",
           "red;background:url(x)", "Harbour\u202ePhysio", "x" * 10_000]
CODES = ("loader", "iframe", "wordpress", "csp")


def open_builder(context, servers, path="for-clinics/"):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(servers.site_url + path)
    page.locator(".dng-builder--ready").wait_for()
    page.errors = errors
    return page


def code(page, name):
    return page.locator(f"#dng-builder-code-{name}").text_content()


def settle(page):
    """The preview follows the form after a short pause (it is not reloaded on every key)."""
    page.wait_for_timeout(400)


@pytest.fixture()
def builder(new_context, servers):
    context = new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=servers.site_url.split("/dng/")[0])
    return open_builder(context, servers)


def test_with_scripts_the_form_replaces_the_written_steps(builder):
    assert builder.locator("#dng-builder form").is_visible()
    assert builder.locator(".dng-builder-nojs").is_hidden()
    pages = builder.locator("#dng-builder-page option").all_text_contents()
    assert "Is dry needling safe? Side effects and risks" in pages and len(pages) >= 15
    assert not builder.errors


def test_without_scripts_the_written_steps_show(new_context, servers):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(servers.site_url + "for-clinics/")
    assert page.locator(".dng-builder-nojs").is_visible()
    assert page.locator("#dng-builder form").count() == 0
    assert page.locator("#dng-builder").is_hidden()


def test_the_builders_snippet_is_the_pages_snippet_for_the_same_choice(builder, site):
    builder.select_option("#dng-builder-page", "safety")
    builder.select_option("#dng-builder-part", "section:side-effects")
    written = next(c.get_text() for c in soup(site, "for-clinics/").select("pre > code")
                   if 'data-dng-section="side-effects"' in c.get_text() and "data-dng-theme" not in c.get_text())
    assert code(builder, "loader") == written.strip()
    iframe = next(c.get_text() for c in soup(site, "for-clinics/").select("pre > code") if "<iframe" in c.get_text())
    builder.select_option("#dng-builder-part", "")
    assert code(builder, "iframe") == iframe.strip()


def test_choices_update_the_preview_and_every_snippet(builder):
    builder.select_option("#dng-builder-page", "what-to-expect")
    builder.select_option("#dng-builder-part", "")
    settle(builder)
    assert code(builder, "wordpress") == f"{SITE_URL}what-to-expect/"
    builder.select_option("#dng-builder-part", "section:during")
    builder.select_option("#dng-builder-option-theme", "dark")
    builder.select_option("#dng-builder-option-background", "transparent")
    builder.select_option("#dng-builder-option-links", "new-tab")
    builder.fill("#dng-builder-option-clinic", "Harbour Physio & Co.")
    settle(builder)
    query = "?theme=dark&background=transparent&links=new-tab&clinic=Harbour%20Physio%20%26%20Co."
    assert ('data-dng-section="during" data-dng-theme="dark" data-dng-background="transparent" '
            'data-dng-links="new-tab" data-dng-clinic="Harbour Physio &amp; Co."') in code(builder, "loader")
    assert f'src="{SITE_URL}embed/what-to-expect/sections/during/{query.replace("&", "&amp;")}"' in code(builder, "iframe")
    frame = builder.locator(".dng-builder__frame")
    assert frame.get_attribute("src") == f"../embed/what-to-expect/sections/during/{query}"
    # The WordPress address cannot carry a section: the builder says so instead.
    assert builder.locator("#dng-builder-code-wordpress").is_hidden()
    assert "Custom HTML block" in builder.locator("#dng-builder-output-wordpress").inner_text()
    # The preview grows to its text (height messages), not the frame's starting 400 px.
    builder.wait_for_function("() => document.querySelector('.dng-builder__frame').getAttribute('height') !== '400'")
    inner = builder.frame_locator(".dng-builder__frame").locator("html").evaluate(
        "el => el.getBoundingClientRect().height")
    assert abs(float(frame.get_attribute("height")) - inner) <= 3
    assert "connect-src" in code(builder, "csp") and "frame-src" in code(builder, "csp")


def test_a_transparent_background_needs_a_theme(builder):
    builder.select_option("#dng-builder-option-theme", "auto")
    builder.select_option("#dng-builder-option-background", "transparent")
    assert "background" not in code(builder, "loader")
    assert builder.locator("#dng-builder-option-background-error").is_visible()
    builder.select_option("#dng-builder-option-theme", "light")  # the default, named because it is needed
    assert 'data-dng-theme="light" data-dng-background="transparent"' in code(builder, "loader")


@pytest.mark.parametrize("field", ["clinic", "accent"])
def test_bad_input_is_left_out_with_a_message_and_never_shown_as_markup(builder, field):
    for value in HOSTILE:
        builder.fill(f"#dng-builder-option-{field}", value)
        settle(builder)
        error = builder.locator(f"#dng-builder-option-{field}-error")
        assert error.is_visible() and error.text_content().strip()
        assert builder.locator(f"#dng-builder-option-{field}").get_attribute("aria-invalid") == "true"
        outputs = " ".join(code(builder, name) for name in CODES) + builder.locator(
            ".dng-builder__frame").get_attribute("src")
        assert f"data-dng-{field}" not in outputs and f"{field}=" not in outputs
        assert value[:40] not in outputs and quote(value[:40], safe="") not in outputs
        assert builder.locator("#dng-pwned").count() == 0 and builder.locator("#dng-builder script").count() == 0
    assert not builder.errors


def test_copy_buttons_put_the_exact_text_on_the_clipboard(builder):
    builder.select_option("#dng-builder-option-theme", "dark")
    for name in ("loader", "iframe", "csp"):
        button = builder.locator(f"#dng-builder-output-{name} .dng-builder__copy")
        button.click()
        builder.wait_for_function("b => b.textContent === 'Copied'", arg=button.element_handle())
        assert builder.evaluate("navigator.clipboard.readText()") == code(builder, name)
        builder.wait_for_function("() => document.querySelector('.dng-builder__status').textContent.startsWith('Copied')")
        assert builder.locator(".dng-builder__status").get_attribute("aria-live") == "polite"


def test_the_copied_snippet_works_on_another_origin(builder, servers):
    builder.select_option("#dng-builder-page", "safety")
    builder.select_option("#dng-builder-part", "section:side-effects")
    builder.select_option("#dng-builder-option-theme", "dark")
    builder.select_option("#dng-builder-option-font-size", "large")
    builder.locator("#dng-builder-output-loader .dng-builder__copy").click()
    snippet = builder.evaluate("navigator.clipboard.readText()")
    host = builder.context.new_page()
    requests = []
    host.on("request", lambda r: requests.append(r.url))
    host.goto(servers.host_url + "builder-paste.html")
    # Pasted as a clinic would: the placeholder as markup, then the script tag (a script written by
    # innerHTML never runs, so it is made as the browser's parser would make it).
    placeholder, script = snippet.split("\n")
    loader = re.fullmatch(r'<script src="([^"]+)" async></script>', script).group(1)
    host.evaluate("""([html, src]) => { document.getElementById('pasted').innerHTML = html;
        const s = document.createElement('script'); s.src = src; s.async = true; document.body.append(s); }""",
                  [placeholder, loader])
    iframe = host.locator("[data-dng-embed] iframe")
    iframe.wait_for()
    src = iframe.get_attribute("src")
    assert src.startswith(f"{SITE_URL}embed/safety/sections/side-effects/?") and "theme=dark" in src
    assert "font-size=large" in src
    frame = iframe.element_handle().content_frame()
    frame.wait_for_load_state("load")
    scheme = frame.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    origins = {servers.site_url.split("/dng/")[0], servers.host_url.rstrip("/")}
    assert all(any(url.startswith(o) for o in origins) for url in requests), requests


def test_the_handout_link_for_pages_that_have_one(new_context, servers):
    """The build lists the pages with handouts; here one is added to the block's data, as the build will."""
    context = new_context(viewport={"width": 1280, "height": 900})

    def with_a_handout(route):
        body = route.fetch().text().replace("&#34;handouts&#34;:[]", "&#34;handouts&#34;:[&#34;safety&#34;]")
        route.fulfill(body=body, content_type="text/html")

    context.route("**/for-clinics/", with_a_handout)
    page = open_builder(context, servers)
    page.select_option("#dng-builder-page", "safety")
    link = page.locator("#dng-builder-handout-link")
    assert link.get_attribute("href") == f"{SITE_URL}handouts/safety/"
    page.fill("#dng-builder-handout-clinic", "Harbour Physio")
    page.fill("#dng-builder-handout-phone", "+44 (0)20 7946-0000")
    assert link.get_attribute("href") == f"{SITE_URL}handouts/safety/?clinic=Harbour%20Physio&phone=%2B44%20(0)20%207946-0000"
    for value in HOSTILE:
        page.fill("#dng-builder-handout-phone", value)
        assert "phone=" not in link.get_attribute("href")
        assert page.locator("#dng-builder-handout-phone-error").is_visible()
    page.select_option("#dng-builder-page", "glossary")
    assert page.locator("#dng-builder-handout").is_hidden()


def test_keyboard_only(builder):
    builder.locator("#dng-builder-page").focus()
    start = builder.evaluate("document.activeElement.value")
    builder.keyboard.press("ArrowDown")
    assert builder.evaluate("document.activeElement.value") != start
    builder.keyboard.press("Tab")
    assert builder.evaluate("document.activeElement.id") == "dng-builder-part"
    builder.keyboard.press("ArrowDown")  # the first section
    assert builder.evaluate("document.activeElement.value").startswith("section:")
    builder.keyboard.press("Tab")
    assert builder.evaluate("document.activeElement.id") == "dng-builder-option-theme"
    builder.keyboard.press("ArrowDown")
    assert 'data-dng-theme="dark"' in code(builder, "loader")
    # On through every option to the preview, the code and its copy button.
    for _ in range(40):
        builder.keyboard.press("Tab")
        if builder.evaluate("document.activeElement.classList.contains('dng-builder__copy')"):
            break
    outline = builder.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    builder.keyboard.press("Enter")
    builder.wait_for_function("() => document.activeElement.textContent === 'Copied'")
    assert builder.evaluate("navigator.clipboard.readText()") == code(builder, "loader")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_axe_finds_nothing_on_the_builder(new_context, servers, scheme, width):
    context = new_context(viewport=VIEWPORTS[width], color_scheme=scheme, bypass_csp=True)
    page = open_builder(context, servers)
    page.fill("#dng-builder-option-clinic", "<b>bad</b>")  # an error message showing
    page.locator("#dng-builder-output-loader .dng-builder__copy").focus()
    page.add_style_tag(content=NO_TRANSITIONS)
    results = Axe().run(page, context="#dng-builder", options=OPTIONS)
    assert not results.violations_count, describe(results)


def test_no_sideways_scroll_on_a_phone(new_context, servers):
    page = open_builder(new_context(viewport=VIEWPORTS["phone"]), servers)
    page.select_option("#dng-builder-part", "section:side-effects")
    page.fill("#dng-builder-option-clinic", "Harbour Physio and Sports Injury Clinic of the Bay Area")
    settle(page)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Code wraps: no block scrolls sideways (tables may, inside their own scrolling box).
    wide = page.evaluate("""() => [...document.querySelectorAll('article pre')]
        .filter(pre => pre.scrollWidth > pre.clientWidth + 1).map(pre => pre.textContent.slice(0, 60))""")
    assert not wide


COPY = "pre .md-code__button[data-md-type='copy']"  # Material's copy button (content.code.copy)


@pytest.mark.parametrize("path", ["for-clinics/", "about/"])
def test_code_blocks_have_the_themes_copy_button(new_context, servers, site, path):
    blocks = soup(site, path).select("article pre > code")
    assert blocks, f"{path} has no code block"
    context = new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=servers.site_url.split("/dng/")[0])
    page = context.new_page()
    page.goto(servers.site_url + path)
    page.wait_for_function("([selector, n]) => document.querySelectorAll(selector).length === n",
                           arg=[f"article {COPY}", len(blocks)])
    if path != "for-clinics/":
        return
    # It works under the page's own policy (the <meta> CSP): the text arrives on the clipboard.
    first = page.locator("article pre").first
    first.scroll_into_view_if_needed()
    first.hover()
    page.locator(f"article {COPY}").first.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == blocks[0].get_text().strip()


def test_live_examples_size_themselves(new_context, servers, site):
    """Also when a frame has loaded and told its height before the builder's script listened (a slow
    machine; CI once saw it): the script is held back here until the first example has loaded."""
    context = new_context(viewport=VIEWPORTS["phone"])
    held = []
    context.route(f"**/{clinics.BUILDER_SCRIPT}", lambda route: held.append(route))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(servers.site_url + "for-clinics/", wait_until="commit")
    first = page.locator("iframe.dng-live-example__frame").first
    first.wait_for(state="attached")
    first.element_handle().content_frame().wait_for_load_state("load")
    assert first.get_attribute("height") == "360" and page.evaluate("!window.dngFollowHeights")
    page.wait_for_timeout(300)  # the frame's first messages go unheard
    assert held, "the builder's script was never asked for"
    for route in held:
        route.continue_()
    context.unroute(f"**/{clinics.BUILDER_SCRIPT}")
    page.locator(".dng-builder--ready").wait_for()
    written = [int(f["height"]) for f in soup(site, "for-clinics/").select("iframe.dng-live-example__frame")]
    frames = page.locator("iframe.dng-live-example__frame").all()
    assert len(frames) == len(written) == 3
    for frame, start in zip(frames, written, strict=True):
        frame.scroll_into_view_if_needed()
        content = frame.element_handle().content_frame()
        content.wait_for_load_state("load")
        for _ in range(100):  # polled from here: the embed's CSP refuses Playwright's in-page polling
            outer = float(frame.get_attribute("height"))
            inner = content.evaluate("document.documentElement.getBoundingClientRect().height")
            if abs(outer - inner) <= 3:
                break
            page.wait_for_timeout(50)
        assert abs(outer - inner) <= 3 and outer != start, (start, outer, inner)
    assert not errors


def test_the_builder_starts_after_instant_navigation(new_context, servers):
    """Material's instant navigation swaps the page's content and runs its scripts again."""
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(servers.site_url + "about/")
    page.evaluate("window.dngSamePage = true")
    page.locator("nav.md-nav a[href$='for-clinics/']").first.click()
    page.locator(".dng-builder--ready").wait_for()
    assert page.evaluate("window.dngSamePage") is True  # no full page load happened
    assert page.locator("#dng-builder-page option").count() >= 15
    frame = page.locator("iframe.dng-live-example__frame").first
    frame.scroll_into_view_if_needed()
    page.wait_for_function("f => f.getAttribute('height') !== '360'", arg=frame.element_handle())
