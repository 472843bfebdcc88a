"""The correction notice in Chromium: at the top of the page on a phone, usable by keyboard, and on paper.

The site is built as of 10 days after the newest correction to a safety statement
(SOURCE_DATE_EPOCH), so the notice shows whatever day the tests run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.content.datastore import load
from macros.content.dates import BUILD_DAY_VARIABLE
from macros.content.models import CORRECTION
from tests.conftest import ROOT, _free_port, run_build
from tests.support.server import SiteServers

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def notice_site(tmp_path_factory):
    """The site as of 10 days after the newest safety correction, served on its own ports."""
    corrections = [c for c in load(ROOT).changes if c.kind == CORRECTION and c.safety]
    day = max(c.date for c in corrections) + dt.timedelta(days=10)
    epoch = str(int(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp()))
    port, host_port = _free_port(), _free_port()
    url = f"http://127.0.0.1:{port}/dng/"
    out: Path = tmp_path_factory.mktemp("notice-site")
    result = run_build(ROOT, out, **{BUILD_DAY_VARIABLE: epoch, "DNG_SITE_URL": url})
    assert result.returncode == 0, result.stdout + result.stderr
    with SiteServers(out, port, host_port, ROOT / "tests" / "hosts", url) as servers:
        yield servers.site_url, corrections


def test_the_notice_is_near_the_top_on_a_phone_and_opens_by_keyboard(new_context, notice_site):
    site_url, corrections = notice_site
    page = new_context(viewport=PHONE).new_page()
    page.goto(site_url + "safety/")
    notice = page.locator(".dng-correction")
    assert notice.get_attribute("role") == "note"
    box = notice.bounding_box()
    assert box is not None and box["y"] < PHONE["height"] / 2 and box["height"] < PHONE["height"] / 4
    summary = notice.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    listed = notice.locator("li")
    named = [c for c in corrections if "safety" in c.pages]
    assert listed.count() == len(named)
    assert listed.first.is_visible()
    assert " ".join(named[0].text.split()) in " ".join(listed.first.inner_text().split())


def test_the_notice_prints_dated(new_context, notice_site):
    site_url, corrections = notice_site
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.emulate_media(media="print")
    page.goto(site_url + "safety/")  # several of one day: their one dated line
    line = page.locator(".dng-correction summary")
    assert line.is_visible() and line.inner_text().startswith("Corrected on ")
    assert not page.locator(".dng-correction li").first.is_visible()
    single = next(key for key in ("home", "glossary")
                  if sum(key in c.pages for c in corrections) == 1)
    page.goto(site_url + ("" if single == "home" else f"{single}/"))  # one: said in full
    notice = page.locator(".dng-correction")
    assert notice.is_visible() and notice.inner_text().startswith("Corrected on ")
    text = next(c.text for c in corrections if single in c.pages)
    assert " ".join(text.split()) in " ".join(notice.inner_text().split())
