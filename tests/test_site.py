"""The built site: every promised page, its metadata, and the data rendered into it."""

from __future__ import annotations

import json
import re

import pytest

from macros.content import datastore, sourcepages
from macros.content.dates import date_in_words
from tests.conftest import SITE_PORT, SITE_URL
from tests.support.pages import PAGES, ROOT, all_html, html_path, soup


# The data and the source pages are read by fixtures, not at import: broken data fails the tests
# that use it, instead of stopping the collection of the whole suite.
@pytest.fixture(scope="module")
def data():
    return datastore.load(ROOT)


@pytest.fixture(scope="module")
def sources():
    return {p.key: p for p in sourcepages.scan(ROOT / "docs", ROOT)}


def test_build_prints_no_warning(build_log):
    assert "WARNING" not in build_log, build_log


@pytest.mark.parametrize("url", PAGES)
def test_page_exists_with_h1_and_front_matter_title(site, sources, url):
    page = soup(site, url)
    h1 = page.select("article h1")
    assert len(h1) == 1, f"{url}: expected one h1, found {len(h1)}"
    assert h1[0].get_text(strip=True) == sources[PAGES[url]].meta["title"]


@pytest.mark.parametrize("url", PAGES)
def test_page_metadata_from_front_matter(site, sources, url):
    page = soup(site, url)
    meta = sources[PAGES[url]].meta
    assert page.find("meta", attrs={"name": "description"})["content"] == meta["description"]
    assert 50 <= len(meta["description"]) <= 160
    assert page.find("meta", property="og:title")["content"] == meta["title"]
    assert page.find("meta", property="og:description")["content"] == meta["description"]
    assert page.find("meta", property="og:url")["content"] == SITE_URL + url
    review = page.select_one(".dng-facts__review")
    facts = review.get_text(" ", strip=True)
    # Issue 12: dates in words, the ISO date in the <time> element (tests/test_dates.py).
    assert f"Page last reviewed: {date_in_words(meta['last_reviewed'])}" in facts
    assert f"Next review due: {date_in_words(meta['next_review'])}" in facts
    assert [t["datetime"] for t in review.select("time")][:2] == [str(meta["last_reviewed"]), str(meta["next_review"])]
    canonical = page.find_all("link", rel="canonical")
    assert len(canonical) == 1 and canonical[0]["href"] == SITE_URL + url


@pytest.mark.parametrize("url", PAGES)
def test_json_ld_parses_and_matches_front_matter(site, data, sources, url):
    page = soup(site, url)
    blocks = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert len(blocks) == 1
    docs = blocks[0] if isinstance(blocks[0], list) else [blocks[0]]
    medical = next(d for d in docs if d["@type"] == "MedicalWebPage")
    meta = sources[PAGES[url]].meta
    assert medical["lastReviewed"] == meta["last_reviewed"]
    assert medical["name"] == meta["title"]
    assert medical["url"] == SITE_URL + url
    assert "reviewedBy" not in medical or meta.get("reviewed_by")
    if url == "faq/":
        faq = next(d for d in docs if d["@type"] == "FAQPage")
        assert [q["name"] for q in faq["mainEntity"]] == [e.question for e in data.faq]


@pytest.mark.parametrize("url", PAGES)
def test_every_h2_has_an_id_written_in_the_source(site, sources, url):
    source = sources[PAGES[url]]
    written = {s.id for s in source.sections}
    assert all(s.id for s in source.sections), f"{source.path}: an h2 without an explicit id"
    built = {h2.get("id") for h2 in soup(site, url).select("article h2")}
    assert written <= built


def test_glossary_has_every_term_with_its_anchor(site, data):
    page = soup(site, "glossary/")
    assert len(data.glossary) >= 30
    for key, term in data.glossary.items():
        heading = page.find(id=key)
        assert heading is not None and heading.name == "h3", key
        assert term.term in heading.get_text()
        assert term.definition in heading.find_next("div", class_="dng-gloss").get_text(" ")
    terms = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h3")]
    assert terms == sorted(terms, key=str.lower), "glossary is not A to Z"


def test_every_comparison_row_appears_in_its_table(site, data):
    assert len(data.comparisons) >= 3
    acupuncture = data.comparisons["dry-needling-vs-acupuncture"]
    assert len(acupuncture.rows) >= 10
    for key, comp in data.comparisons.items():
        page = soup(site, f"compare/{key}/")
        table = page.select_one("table.dng-compare__table")
        assert table is not None, key
        assert table.caption.get_text(strip=True) == comp.title
        for row in comp.rows:
            tr = table.find("tr", id=f"{key}-{row.key}")
            assert tr is not None and tr.th.get_text(strip=True) == row.attribute
            assert len(tr.find_all("td")) == len(comp.columns)
            for td in tr.find_all("td"):
                assert td.select("sup.dng-cite a"), f"{key}/{row.key}: a cell without a citation"


def test_faq_and_claims_render_every_entry(site, data):
    assert len(data.faq) >= 15
    faq = soup(site, "faq/")
    for entry in data.faq:
        assert faq.find("h2", id=entry.key).get_text(strip=True).rstrip("¶") == entry.question
    claims = soup(site, "claims/")
    for claim in data.claims:
        block = claims.find("h3", id=claim.key)
        assert block is not None, claim.key
        badge = block.find_next(class_="dng-verdict")
        assert data.verdicts[claim.verdict].label in badge.get_text()


def test_every_citation_resolves(site, data):
    checked = 0
    for url in PAGES:
        page = soup(site, url)
        for link in page.select("a.dng-cite__link"):
            target = link["href"]
            assert target.startswith("#ref-"), target
            item = page.find(id=target[1:])
            assert item is not None, f"{url}: citation {target} has no entry in the page's list"
            key = target[len("#ref-"):]
            assert item.select_one("a.dng-ref__full")["href"].endswith(f"references/#{key}")
            checked += 1
    refs = soup(site, "references/")
    for key in data.references:
        assert refs.find("li", id=key) is not None, key
    assert checked > 50


def test_first_use_of_a_term_is_marked_once_per_page(site, data):
    for url in PAGES:
        page = soup(site, url)
        linked = [a["href"].rsplit("#", 1)[1] for a in page.select("a.dng-term__link")]
        assert len(linked) == len(set(linked)), f"{url}: a term is linked twice"
        for span in page.select(".dng-term"):
            tip = span.select_one("[role=tooltip]")
            link = span.select_one("a")
            assert tip["id"] == link["aria-describedby"]
            key = link["href"].rsplit("#", 1)[1]
            assert tip.get_text() == data.glossary[key].definition


def test_certainty_badges_say_both_parts_in_words(site, data):
    """Every badge names its certainty word and its finding's sentence, from the scales."""
    levels = {c.label for c in data.scales.certainty}
    found = 0
    for url in ("", "benefits/", "conditions/", "how-it-works/", "about/"):
        for badge in soup(site, url).select(".dng-evidence[data-question]"):
            question = data.evidence[badge["data-question"]]
            text = badge.get_text(" ", strip=True)
            assert any(f"Certainty: {level}." in text for level in levels), text
            assert data.findings[question.finding].says in text, text
            found += 1
    assert found >= len(data.evidence)


def test_a_question_is_graded_the_same_on_every_page(site):
    """The point of one data entry: the home page and the benefits page cannot disagree."""
    seen: dict[str, str] = {}
    for url in PAGES:
        for badge in soup(site, url).select(".dng-evidence[data-question]"):
            text = badge.get_text(" ", strip=True)
            assert seen.setdefault(badge["data-question"], text) == text, (url, text)
    assert "pain-short-term" in seen


def test_every_graded_question_is_shown_somewhere(site, data):
    shown = {b["data-question"] for url in PAGES for b in soup(site, url).select(".dng-evidence[data-question]")}
    assert shown == set(data.evidence), set(data.evidence) ^ shown


def test_figures_about_other_treatments_carry_their_label_wherever_printed(site, data):
    """An acupuncture figure can never read as a dry-needling figure: pages, FAQ, claims, tables."""
    labelled = 0
    for url in PAGES:
        for span in soup(site, url).select(".dng-figure[data-figure]"):
            text = span.get_text(" ", strip=True)
            for key in span["data-figure"].split():
                flag = data.interventions[data.figures[key].intervention].flag
                if flag:
                    assert flag in text, (url, text)
                    labelled += 1
    assert labelled >= 5


def test_reference_lists_show_how_each_figure_was_checked(site):
    notes = soup(site, "safety/").select(".dng-ref__figures")
    texts = [n.get_text(" ", strip=True) for n in notes]
    assert any("1,463 of 7,629, checked against the abstract" in t for t in texts), texts
    assert any("acupuncture" in t.lower() for t in texts)


def test_no_request_leaves_the_site(site):
    """No script, style, image, font or frame from another host; the edit link and citations are plain links."""
    offsite = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1:""" + str(SITE_PORT) + "/)")
    for path in all_html(site):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", text):
            if "rel=\"canonical\"" in tag or "og:" in tag:
                continue
            assert not offsite.search(tag), f"{path}: {tag}"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")), css
        assert "@import" not in css.read_text(encoding="utf-8"), css


def test_sitemap_and_robots(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert sorted(locs) == sorted(SITE_URL + url for url in PAGES)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_footer_offers_a_way_to_report_without_github(site):
    footer = soup(site, "safety/").select_one(".dng-footer__report")
    assert footer.select_one("a[href^='mailto:']") is not None
    about = soup(site, "about/")
    assert about.select_one("article a[href^='mailto:']") is not None


def test_fonts_are_local(site):
    page = html_path(site, "").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page


def test_404_page_helps(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page and 'href="/dng/safety/"' in page


@pytest.mark.parametrize("url", PAGES)
def test_every_dialog_has_an_accessible_name(site, url):
    # Material's search dialog is unnamed unless macros/publish/htmlfixes.py names it.
    dialogs = soup(site, url).select("[role=dialog]")
    assert dialogs, f"{url}: the search dialog is missing"
    assert all(d.get("aria-label") or d.get("aria-labelledby") for d in dialogs), url
