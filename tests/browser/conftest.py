"""Real headless Chromium, driven by Playwright through `executable_path` (no downloaded browser).

The browser comes from $CHROME_PATH (set by `make test` from tests/find-browser.sh). One browser
per session; each test's contexts and pages come from the fixtures below, which close them
whether the test passes or fails. Every test in this folder is marked `browser`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
TIMEOUT_MS = 15000
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    # Called with every collected item, not only this folder's: mark those that live here.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


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
def new_context(browser):
    """Opens contexts for one test: `new_context(**options)`. All are closed when the test ends,
    passed or failed, and also when a fixture that opened one fails before its test runs."""
    opened = []

    def open_context(**options):
        context = browser.new_context(**options)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture()
def context(new_context, servers):
    return new_context(viewport={"width": 1280, "height": 900})


@pytest.fixture()
def page(context):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    page.close()
