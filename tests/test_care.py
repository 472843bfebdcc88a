"""Care cards (care.yml): loading and its errors, the rendered cards, where they are shown, their embeds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.content import datafiles, urls
from macros.content.datastore import load
from macros.content.models import CARE_TIERS
from macros.errors import ContentError, DataError
from macros.publish import embedspec
from macros.render import care
from macros.render.context import RenderContext
from macros.render.markup import MarkdownConverter
from macros.render.sandbox import RenderEnvironment
from tests.support.dataedits import problems_after_edit
from tests.support.pages import ROOT, soup

BUILD = SimpleNamespace(environment=RenderEnvironment(report=lambda problem: None), markdown=MarkdownConverter())
PATIENT_PAGES = ("safety/", "what-to-expect/")


@pytest.fixture(scope="module")
def data():
    return load(ROOT)


def ctx(data) -> RenderContext:
    return RenderContext(site=data, page_url="safety/", site_url="https://example.org/dng/", build=BUILD)


def load_with(tmp_path: Path, old: str, new: str, name: str = "care.yml") -> list[str]:
    """Load the project's data with one edit to one data file (care.yml unless named); the problems."""
    return problems_after_edit(tmp_path, name, old, new)


def test_the_data_has_the_three_tiers_most_urgent_first(data):
    assert tuple(data.care) == CARE_TIERS == ("emergency", "same-day", "tell-practitioner")
    assert data.care["emergency"].heading == "Call your emergency number now"
    assert data.care["same-day"].heading == "See a doctor the same day"
    assert data.care["tell-practitioner"].heading == "Tell your practitioner"


def test_every_sign_typed_on_the_pages_before_is_in_the_data(data):
    """The signs once typed in safety.md, what-to-expect.md and the FAQ, merged without losing one."""
    signs = " | ".join(sign for tier in data.care.values() for sign in tier.signs)
    for words in ("chest pain", "upper back pain", "shortness of breath", "trouble breathing",
                  "neck or back pain", "near the spine", "weakness in your arms or legs", "red, hot, swollen",
                  "fever", "numb or weak", "piece of needle", "cough", "sharp pain", "faint"):
        assert words in signs, words
    emergency = data.care["emergency"].action
    assert "911" in emergency and "999" in emergency and "112" in emergency


def test_an_unknown_tier_is_named_with_the_tiers(tmp_path):
    problems = load_with(tmp_path, "- key: same-day", "- key: same-days")
    assert any("unknown care tier 'same-days'" in p and "did you mean 'same-day'?" in p for p in problems), problems
    assert any("the care tier 'same-day' is missing" in p for p in problems), problems


def test_tiers_out_of_order_are_refused(tmp_path):
    text = (datafiles.data_dir(ROOT) / "care.yml").read_text(encoding="utf-8")
    emergency = text[text.index("- key: emergency"):text.index("- key: same-day")]
    data_dir = tmp_path / "data"
    shutil.copytree(datafiles.data_dir(ROOT), data_dir)
    (data_dir / "care.yml").write_text(text.replace(emergency, "") + "\n" + emergency, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(tmp_path, data_dir)
    messages = [p.format() for p in err.value.problems]
    assert messages == ["data/care.yml:1: the care tiers are in the order same-day, tell-practitioner, emergency"
                        " — put them most urgent first: emergency, same-day, tell-practitioner"], messages


def test_a_tier_without_signs_is_refused_in_plain_words(tmp_path):
    text = (datafiles.data_dir(ROOT) / "care.yml").read_text(encoding="utf-8")
    block = text[text.index("  signs:\n    - a sharp pain"):text.index("  why: A sharp pain")]
    problems = load_with(tmp_path, block, "")
    assert len(problems) == 1 and "missing required field 'signs'" in problems[0], problems


def test_an_unknown_source_in_a_card_is_named(tmp_path):
    problems = load_with(tmp_path, "sources: [mintken-2025, cureus-2021,", "sources: [mintken-2052, cureus-2021,")
    assert any("unknown reference key 'mintken-2052'" in p and "mintken-2025" in p for p in problems), problems


def test_a_faq_entry_naming_an_unknown_tier_is_refused(tmp_path):
    problems = load_with(tmp_path, "care: [emergency, same-day, tell-practitioner]",
                         "care: [emergency, sameday]", "faq.yml")
    assert len(problems) == 1 and "unknown care tier 'sameday'" in problems[0], problems
    assert "did you mean 'same-day'?" in problems[0]


def test_a_card_says_its_tier_in_words_and_cites_once(data):
    html = str(care.care_html(ctx(data), "same-day"))
    assert html.count('class="dng-care__card ') == 1
    assert "Level 2 of 3: urgent" in html and "See a doctor the same day" in html
    assert html.count('<sup class="dng-cite">') == 1  # one group, at the end of the card
    assert 'id="care-same-day"' in html


def test_all_cards_are_in_order_of_urgency(data):
    html = str(care.care_html(ctx(data)))
    levels = re.findall(r"Level (\d) of 3", html)
    assert levels == ["1", "2", "3"]


def test_an_unknown_tier_in_the_macro_is_named(data):
    with pytest.raises(ContentError) as err:
        care.care_html(ctx(data), "emergncy")
    assert "unknown care tier 'emergncy'" in str(err.value.problem()) and "emergency" in str(err.value.problem())


@pytest.mark.parametrize("url", PATIENT_PAGES)
def test_cards_follow_the_key_points_in_the_urgent_help_section(site, url):
    page = soup(site, url)
    article = page.select_one("article")
    headings = [h for h in article.find_all("h2")]
    assert headings[0]["id"] == "urgent-help", [h.get("id") for h in headings]
    assert len(article.select("#urgent-help")) == 1  # moved up, not copied
    first_card = article.select_one(".dng-care__card")
    assert first_card.find_previous("h2")["id"] == "urgent-help"
    assert [c["id"] for c in article.select(".dng-care__card")] == [f"care-{t}" for t in CARE_TIERS]
    key_points = article.select_one(".admonition.abstract")
    chest = next(li for li in key_points.find_all("li") if "chest pain" in li.get_text())
    assert chest.find("a", href="#urgent-help") is not None


@pytest.mark.parametrize("url", PATIENT_PAGES)
def test_the_signs_are_not_typed_twice_on_the_page(site, url):
    text = soup(site, url).select_one("article").get_text(" ")
    assert text.count("999 in the UK") == 1


def test_the_faq_shows_the_cards_after_its_urgent_help_answer(site):
    answer = soup(site, "faq/").find("h2", id="urgent-help").find_next(class_="dng-faq__answer")
    assert [c["id"] for c in answer.select(".dng-care__card")] == [f"care-{t}" for t in CARE_TIERS]
    assert "911" in answer.get_text()


@pytest.mark.parametrize("tier", CARE_TIERS)
def test_each_tier_has_an_embed(site, tier):
    address = urls.embed_url(urls.care_embed_key(tier))
    assert address == f"embed/care/{tier}/"
    page = soup(site, address)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    canonical = [link["href"] for link in page.find_all("link", rel="canonical")]
    assert len(canonical) == 1 and canonical[0].endswith("/safety/")
    cards = page.select(".dng-care__card")
    assert [c["id"] for c in cards] == [f"care-{tier}"]
    assert page.select(".md-header, .md-sidebar, .md-footer, nav.md-nav") == []
    for link in page.select("article a[href]"):
        assert link["href"].startswith(("http://", "https://", "#")), link["href"]
    published = (datafiles.data_dir(ROOT) / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    assert address in published


def test_pages_json_lists_the_care_embeds(site):
    doc = json.loads((site / urls.api_url("pages")).read_text(encoding="utf-8"))
    assert [c["tier"] for c in doc["care"]] == list(CARE_TIERS)
    assert all(c["embed_url"].endswith(urls.embed_url(urls.care_embed_key(c["tier"]))) for c in doc["care"])


def test_the_loader_gets_the_care_address_shape_from_the_spec(site):
    spec = embedspec.spec()
    assert spec["care_prefix"] == "care/" and spec["items"]["care/"] == "care"
    assert str(spec["page"]).replace("{key}", "care/same-day") == urls.embed_url(urls.care_embed_key("same-day"))
    loader = (site / urls.LOADER).read_text(encoding="utf-8")
    # Care cards are items (care/<tier>): the loader finds them in pages.json's "items", by the spec's prefixes.
    assert '"items":{"care/":"care"' in loader and "SPEC.items" in loader


def test_the_faq_api_carries_the_cards_of_its_urgent_help_answer(site):
    doc = json.loads((site / urls.api_url("faq")).read_text(encoding="utf-8"))
    entry = next(q for q in doc["questions"] if q["key"] == "urgent-help")
    assert entry["care"] == list(CARE_TIERS)
    assert entry["care_html"].count('class="dng-care__card ') == 3 and "911" in entry["care_html"]
    assert all(q["care_html"] is None for q in doc["questions"] if not q["care"])
