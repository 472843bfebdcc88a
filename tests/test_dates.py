"""Dates in words (issue 12): "23 November 2026" inside <time datetime="2026-11-23">, from one function.

macros/content/dates.py formats every date a reader sees; templates print what it returns.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from macros.content.dates import date_in_words, time_element
from tests.support.pages import PAGES, ROOT, all_html, soup

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize("value, words", [
    ("2021-04-07", "7 April 2021"), ("2023-12-07", "7 December 2023"), ("2021-11", "November 2021"),
    ("2026-11-23", "23 November 2026"), (dt.date(2027, 1, 1), "1 January 2027"),
    ("2026-11-30T19:53:29+00:00", "30 November 2026"),  # a commit's date and time: the day only
])
def test_dates_in_words(value, words):
    assert date_in_words(value) == words


def test_the_time_element_keeps_the_iso_date_for_machines():
    assert time_element("2026-11-23") == '<time datetime="2026-11-23">23 November 2026</time>'
    assert time_element("2021-11") == '<time datetime="2021-11">November 2021</time>'
    assert time_element("2026-11-30T19:53:29+00:00") == '<time datetime="2026-11-30">30 November 2026</time>'


def test_a_date_that_is_not_a_date_is_refused():
    with pytest.raises(ValueError):
        date_in_words("2026-13-01")


def test_templates_do_not_format_dates():
    """The page foot prints the <time> elements pagemeta.py made; no template writes one itself."""
    for path in (ROOT / "overrides").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<time " not in text and "datetime=" not in text and "strftime" not in text, path
        assert not re.search(r"\{\{\s*page\.meta\.(last_reviewed|next_review)", text), path


def test_every_time_element_in_the_site_reads_in_words(site):
    seen = 0
    for path in all_html(site):
        page = soup(site, str(path.parent.relative_to(site))) if path.name == "index.html" else None
        if page is None:
            continue
        for time in page.select("time"):
            assert time.get_text() == date_in_words(time["datetime"]), (path, str(time))
            seen += 1
    assert seen > 3 * len(PAGES)  # three dates at each page's foot, two in each embed, and the change log


@pytest.mark.parametrize("url", PAGES)
def test_the_page_foot_dates_are_in_words(site, url):
    facts = soup(site, url).select_one(".dng-facts__review")
    times = facts.select("time")
    words = facts.get_text(" ", strip=True)
    assert [t.get_text() for t in times] == [date_in_words(t["datetime"]) for t in times]
    assert len(times) == 3, words  # last reviewed, next review due, last changed (every page has a change entry)
    assert not ISO_DATE.search(words), words


def test_the_change_log_dates_are_in_words(site):
    items = soup(site, "changes/").select(".dng-changes li")
    assert items
    for item in items:
        time = item.select_one("time")
        assert time.get_text() == date_in_words(time["datetime"]) and not ISO_DATE.search(item.get_text())


def test_guideline_dates_are_in_words(site):
    sources = soup(site, "conditions/").select(".dng-quote__source")
    assert sources
    for source in sources:
        assert source.select("time") and not ISO_DATE.search(source.get_text())
