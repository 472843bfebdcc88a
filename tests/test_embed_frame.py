"""Embeds that stand alone (issue 13): light first visits, one heading, sources carried for citations,
a stylesheet and script made from the site's own blocks. Checked in the built files."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from benchmarks.weight import first_visit_bytes, load_budgets
from macros.content import notes
from macros.publish import csp, embedassets
from tests.conftest import ROOT, SITE_URL
from tests.support.pages import PAGES, soup

ITEM_ROOTS = ("embed/care/", "embed/claims/items/", "embed/glossary/terms/")
THEME_FILES = ("main.", "palette.", "bundle.", "site.css", "site.js")


def embed_urls(site) -> list[str]:
    """Every embed the build wrote, read from the built site (item embeds included when they exist)."""
    return sorted(str(p.parent.relative_to(site)) + "/" for p in (site / "embed").rglob("index.html"))


def kind_of(url: str) -> str:
    if url.startswith(ITEM_ROOTS):
        return "item"
    return "section" if "/sections/" in url else "page"


def article(site, url):
    return soup(site, url).select_one("article.md-typeset")


@pytest.fixture(scope="module")
def budgets() -> dict[str, int]:
    return load_budgets()


def test_every_section_and_item_embed_is_light(site, budgets):
    limit = budgets["section_embed_first_visit_gzip"]
    light = [u for u in embed_urls(site) if kind_of(u) != "page"]
    assert len(light) > 100 and any(u.startswith("embed/care/") for u in light)
    heavy = {}
    for url in light:
        total, sizes = first_visit_bytes(site, url)
        assert not [name for name in sizes if any(part in name for part in THEME_FILES)], (url, sizes)
        if total > limit:
            heavy[url] = total
    assert not heavy, f"over {limit} bytes gzip: {heavy}"


def test_whole_page_embeds_stay_under_their_budget(site, budgets):
    for url in (u for u in embed_urls(site) if kind_of(u) == "page"):
        total, sizes = first_visit_bytes(site, url)
        assert total <= budgets["embed_first_visit_gzip"], (url, sizes)


def test_a_section_embed_shows_its_heading_once(site):
    sections = [u for u in embed_urls(site) if kind_of(u) == "section"]
    assert len(sections) > 100
    for url in sections:
        body = article(site, url)
        section = url.rstrip("/").rsplit("/", 1)[1]
        assert body.find("h1") is None, url
        h2 = body.find_all("h2")
        assert [h.get("id") for h in h2] == [section], url
        assert body.find(re.compile(r"^h[1-6]$")) is h2[0], f"{url}: a heading comes before the section's"


def test_the_page_title_moves_to_the_attribution_which_keeps_the_licence(site):
    page = soup(site, "embed/safety/sections/side-effects/")
    attribution = page.select_one(".dng-attribution")
    text = attribution.get_text(" ", strip=True)
    assert text.startswith("From Is dry needling safe? Side effects and risks on Dry Needling Guide"), text
    assert "not medical advice" in text and "CC BY 4.0" in text
    assert attribution.a["href"] == SITE_URL + "safety/"
    # The "one part of a page" line is a small line at the foot, after the content.
    context = page.select_one(".dng-section-context")
    assert context.find_parent("footer") is not None and context.find_parent("article") is None
    assert context.get_text(" ", strip=True) == notes.SECTION_CONTEXT.format(
        title="Is dry needling safe? Side effects and risks")


@pytest.mark.parametrize("key", PAGES.values())
def test_a_whole_page_embed_keeps_its_title_as_its_heading(site, key):
    body = article(site, f"embed/{key}/")
    headings = body.find_all(re.compile(r"^h[1-6]$"))
    assert headings[0].name == "h1" and len(body.find_all("h1")) == 1, key
    assert soup(site, f"embed/{key}/").select_one(".dng-attribution").get_text(" ", strip=True).startswith(
        "From Dry Needling Guide")


def test_item_embeds_have_their_own_heading_only(site):
    for url in (u for u in embed_urls(site) if kind_of(u) == "item"):
        body = article(site, url)
        assert body.find("h1") is None, url
        assert body.find(re.compile(r"^h[2-4]$")) is not None, url


def test_embeds_stand_alone_under_a_stricter_policy(site):
    for url in ("embed/safety/", "embed/safety/sections/side-effects/", "embed/care/emergency/"):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        assert page.select(".md-header, .md-container, .md-sidebar, .md-footer, #__config") == [], url
        assert csp.inline_scripts(html) == [], url
        meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert meta == csp.embed_policy() and "sha256" not in meta, url
        scripts = [s["src"].rsplit("/", 1)[1] for s in page.find_all("script")]
        assert scripts == ["embed-spec.js", "embed-child.js"], url
        assert [link["href"].rsplit("/", 1)[1] for link in page.find_all("link", rel="stylesheet")] == ["embed.css"]


def test_the_whole_faq_embed_also_gets_the_folds_script(site):
    scripts = [s["src"].rsplit("/", 1)[1] for s in soup(site, "embed/faq/").find_all("script")]
    assert scripts == ["embed-spec.js", "embed-child.js", "embed-folds.js"]


def test_each_cited_source_travels_with_the_embed(site):
    for url in ("embed/safety/sections/side-effects/", "embed/safety/", "embed/compare/dry-needling-vs-acupuncture/"):
        body = article(site, url)
        cited = {a["href"].split("#", 1)[1] for a in body.select("a.dng-cite__link")}
        assert cited, url
        fold = body.select_one("details.dng-sources")
        assert fold is not None and fold.find_previous_sibling("h2", id="references") is None, url
        assert {li["id"][len("ref-"):] for li in fold.select("li[id^='ref-']")} >= cited, url
        # No link to a place in the frame: with <base target="_top"> it would open the frame in the host.
        # (Headings' permalinks are hidden in embeds: embed-base.css.)
        assert not body.select("a[href^='#']:not(.headerlink)"), url
        assert all(a["href"].startswith(SITE_URL + "references/#") for a in body.select("a.dng-cite__link"))


def test_a_section_before_a_catalogue_ends_where_the_catalogue_starts(site):
    checked = article(site, "embed/claims/sections/how-we-checked/")
    assert checked.select(".dng-claim") == [] and len(checked.find_all("h2")) == 1
    reading = article(site, "embed/references/sections/how-to-read/")
    assert reading.select(".dng-refs--all") == []
    assert article(site, "embed/references/").select(".dng-refs--all li")  # the whole page keeps the list


def test_the_embed_stylesheet_is_made_from_site_css_blocks(site):
    css = (site / embedassets.EMBED_CSS).read_text(encoding="utf-8")
    for shared in (".dng-care__card", ".dng-compare__table", ".dng-pic__hit", ".dng-cite-pop", ".dng-evidence__certainty",
                   ".dng-faq__button", "details.dng-fold"):
        assert shared in css, shared
    for page_only in (".md-copyright", ".md-nav__title", ".dng-print-header", "@media print"):
        assert page_only not in css, page_only
    assert "/*" not in css
    site_css = (ROOT / "docs" / embedassets.SITE_CSS).read_text(encoding="utf-8")
    assert set(embedassets.EMBED_CSS_BLOCKS) <= set(embedassets.blocks(site_css))


def test_the_embed_script_carries_site_js_terms_and_citations(site):
    script = (site / embedassets.EMBED_JS).read_text(encoding="utf-8")
    # The height message's shape is read from the spec (written once, in embedspec.py), never retyped.
    assert "SPEC.height_message.type" in script and "dng-embed:height" not in script
    assert "dng-cite-pop" in script and "dng-term__button" in script
    assert "dng-faq__question" not in script  # the folds are their own file, for the FAQ only
    assert "dng-faq__question" in (site / embedassets.EMBED_FOLDS_JS).read_text(encoding="utf-8")


def test_a_renamed_block_fails_the_build_with_a_message():
    with pytest.raises(embedassets.MissingBlock, match="no block named care cards"):
        embedassets.pick("/* == palette == */ a{}", ("palette", "care cards"), "docs/x.css")
    assert embedassets.pick("/* == a == */ p{}\n/* == b: why == */ q{}\n", ("b",), "x") == "/* == b: why == */ q{}\n"


def test_print_rules_are_left_out_whole():
    css = "a{b:c}@media print{x{y:z}.q{r:s}}d{e:f}@media screen{g{h:i}}"
    assert embedassets._without_print(css) == "a{b:c}d{e:f}@media screen{g{h:i}}"
