"""Real headless Chromium, driven by Playwright through `executable_path` (no downloaded browser).

The browser comes from $CHROME_PATH (set by `make test` from tests/find-browser.sh).
"""

from __future__ import annotations

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def chrome_path() -> str:
    path = os.environ.get("CHROME_PATH") or next(
        (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
         if shutil.which(n)), None)
    if not path:
        pytest.fail("No Chromium or Chrome: run the tests with `make test`, which finds or installs one "
                    "(or set CHROME_PATH).", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome_path(), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture()
def context(browser, servers):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    page = context.new_page()
    page.set_default_timeout(15000)
    return page
