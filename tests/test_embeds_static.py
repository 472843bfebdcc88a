"""Embed copies, oEmbed documents, headers and the loader, checked in the built files."""

from __future__ import annotations

import functools
import json

import pytest
from bs4 import BeautifulSoup

from macros.content import datastore, notes, sourcepages, urls
from macros.render import blocksections
from tests.conftest import SITE_URL
from tests.support import params
from tests.support.pages import PAGES, ROOT, soup


@functools.cache
def load_sources() -> dict:
    """The source pages with their sections, the macro-made ones (FAQ entries) included."""
    found = {p.key: p for p in sourcepages.scan(ROOT / "docs", ROOT)}
    blocksections.add_macro_sections(found, datastore.load(ROOT))
    return found


def embed_urls():
    for url, key in PAGES.items():
        yield url, key, ""
        for section in load_sources()[key].sections:
            yield url, key, section.id


def pytest_generate_tests(metafunc):
    # The list of embeds comes from the pages and the data: computed here rather than at import,
    # and a failure to read them is one failing test (`unloadable`), not a collection error.
    if metafunc.function is test_embed_page:
        params.parametrize(metafunc, "url,key,section", "docs/ and macros/data/", embed_urls)


@pytest.fixture(scope="module")
def sources() -> dict:
    return load_sources()


def test_embed_page(site, url, key, section):
    page = soup(site, urls.embed_url(key, section))
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    canonical = page.find_all("link", rel="canonical")
    assert [c["href"] for c in canonical] == [SITE_URL + url]
    assert page.select(".md-header, .md-sidebar, .md-footer, .md-search, nav.md-nav") == []
    attribution = page.select_one(".dng-attribution")
    assert "Dry Needling Guide" in attribution.get_text() and "not medical advice" in attribution.get_text()
    assert "CC BY 4.0" in attribution.get_text()
    assert attribution.a["href"].startswith(SITE_URL + url)
    assert "Page last reviewed" in page.select_one(".dng-facts").get_text()
    for link in page.select("article a[href]"):
        href = link["href"]
        assert href.startswith(("http://", "https://", "mailto:", "#")), f"relative link {href} in an embed"
    if section:
        assert page.find("h2", id=section) is not None


def test_faq_entries_are_embeddable_sections(site):
    page = soup(site, "embed/faq/sections/does-it-hurt/")
    assert page.find("h2", id="does-it-hurt") is not None
    assert page.select_one(".dng-faq__answer")


def test_section_embed_of_safety_advice_keeps_when_to_get_help(site):
    page = soup(site, "embed/safety/sections/urgent-help/")
    text = page.get_text(" ")
    assert "911" in text and "999" in text and "112" in text


def test_embeds_stay_out_of_sitemap_and_search(site):
    assert "/embed/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("embed/")]
    assert {d["location"].split("#")[0] for d in index["docs"]} >= set(PAGES) - {""}


def test_embed_count(site, sources):
    built = list((site / "embed").rglob("index.html"))
    expected = sum(1 + len(sources[k].sections) for k in PAGES.values())
    care_cards = len(list((site / "embed" / "care").rglob("index.html")))  # /embed/care/<tier>/: tests/test_care.py
    assert care_cards == 3
    data = datastore.load(ROOT)  # a claim's and a term's own embeds: tests/test_item_embeds.py
    items = len(data.claims) + len(data.glossary)
    assert len(built) == expected + care_cards + items


@pytest.mark.parametrize("url,key", PAGES.items())
def test_oembed_document_and_discovery(site, url, key):
    doc = json.loads((site / "oembed" / f"{key}.json").read_text(encoding="utf-8"))
    assert doc["version"] == "1.0" and doc["type"] == "rich"
    assert isinstance(doc["width"], int) and isinstance(doc["height"], int)
    assert doc["html"].startswith("<iframe ") and "<script" not in doc["html"]
    assert f'src="{SITE_URL}embed/{key}/"' in doc["html"]
    link = soup(site, url).find("link", type="application/json+oembed")
    assert link["href"] == f"{SITE_URL}oembed/{key}.json"


def test_headers_file(site):
    text = (site / "_headers").read_text(encoding="utf-8")
    blocks = {b.split("\n", 1)[0]: b for b in text.split("\n\n") if b.strip() and not b.startswith("#")}
    assert "frame-ancestors *" in blocks["/dng/embed/*"]
    assert "frame-ancestors 'self'" in blocks["/dng/safety/"]
    assert "frame-ancestors *" not in blocks["/dng/safety/"]
    assert "Access-Control-Allow-Origin: *" in blocks["/dng/api/v1/*"]
    assert "Access-Control-Allow-Origin: *" in blocks["/dng/oembed/*"]


def test_full_pages_offer_an_embed_snippet(site):
    for url, key in PAGES.items():
        snippet = soup(site, url).select_one(".dng-embed-snippet code").get_text()
        assert f'data-dng-embed="{key}"' in snippet and f"{SITE_URL}embed.js" in snippet


def test_every_embed_carries_the_review_note(site):
    """"Reviewed" means an editorial check: the note travels with every embed, sections included."""
    embeds = sorted((site / "embed").rglob("index.html"))
    assert len(embeds) > 50
    for path in embeds:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        note = page.select_one(".dng-facts__note")
        assert note is not None and notes.REVIEW_NOTE in note.get_text(" ", strip=True), path
        assert note.a["href"] == f"{SITE_URL}about/#{notes.REVIEW_SECTION}", path


def test_section_embeds_say_they_are_one_part_of_a_page(site, sources):
    for key in PAGES.values():
        whole = BeautifulSoup((site / "embed" / key / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert whole.select_one(".dng-section-context") is None, key
        for section in sources[key].sections:
            path = site / "embed" / key / "sections" / section.id / "index.html"
            context = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".dng-section-context")
            assert context is not None, path
            title = sources[key].checked_info.title
            assert context.get_text(" ", strip=True) == notes.SECTION_CONTEXT.format(title=title), path
            assert context.a["href"] == SITE_URL + sources[key].url, path
