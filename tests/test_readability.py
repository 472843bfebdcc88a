"""Reading grade of patient pages, on the rendered text (the same measure as `make check`)."""

from __future__ import annotations

import pytest

from macros import readability, sourcepages
from tests.support.pages import PATIENT_PAGES, ROOT, html_path

SOURCES = {p.key: p for p in sourcepages.scan(ROOT / "docs", ROOT)}
MAX_GRADE = 10.0


def test_patient_pages_are_listed_by_maintainers_and_exist():
    """extra.patient_pages in mkdocs.yml: real pages, the safety and what-to-expect pages among them."""
    urls = {p.url for p in SOURCES.values()}
    assert set(PATIENT_PAGES) <= urls
    assert {"", "safety/", "what-to-expect/", "faq/"} <= set(PATIENT_PAGES)


@pytest.mark.parametrize("url", PATIENT_PAGES)
def test_reading_grade(site, url, record_property):
    html = html_path(site, url).read_text(encoding="utf-8")
    value = readability.grade(html)
    words = len(readability.article_text(html).split())
    record_property("grade", value)
    print(f"{url or 'home'}: Flesch-Kincaid grade {value}, {words} words")
    assert words > 300, f"{url}: only {words} words of text"
    assert value <= MAX_GRADE, f"{url}: grade {value} is above {MAX_GRADE}"


def test_measure_can_fail():
    hard = "<article><p>" + " ".join(["Intramuscular electrophysiological characterisation necessitates "
                                       "comprehensive neurophysiological instrumentation."] * 5) + "</p></article>"
    assert readability.grade(hard) > MAX_GRADE
