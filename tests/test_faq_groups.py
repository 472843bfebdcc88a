"""FAQ groups, the answers' accordion, "Sources (N)" and the "On this page" jump list, in the built HTML.
(Behaviour in a browser: tests/browser/test_faq_fold.py; a bad group: tests/corpus/faq-group-not-a-group.yml.)"""

from __future__ import annotations

import statistics

import pytest
from pydantic import ValidationError

from macros.content.datastore import load
from macros.content.models import FaqEntry
from macros.render import faq, jumplist
from tests.support.pages import ROOT, soup


@pytest.fixture(scope="module")
def data():
    return load(ROOT)


def test_a_question_needs_a_group():
    with pytest.raises(ValidationError, match="group"):
        FaqEntry.model_validate({"key": "x", "question": "Is it?", "answer": "Yes."})


def test_every_group_is_used_and_every_question_has_one(data):
    groups = [g.key for g in data.scales.faq_groups]
    assert groups == ["before", "during", "after", "safety", "cost-and-access"]
    assert {e.group for e in data.faq} == set(groups)


def test_the_list_at_the_top_links_every_question_by_group(site, data):
    page = soup(site, "faq/")
    index = page.select_one(".dng-faq-index")
    assert index is not None and index.has_attr("data-search-exclude")
    labels = [s.get_text() for s in index.select(".dng-faq-index__label")]
    assert labels == [g.label for g in data.scales.faq_groups]
    listed = [a["href"] for a in index.select("a")]
    assert listed == [f"#{e.key}" for g in data.scales.faq_groups for e in data.faq if e.group == g.key]
    # The list comes before the first question.
    first = page.select_one("h2.dng-faq__question")
    assert index.sourceline < first.sourceline


def test_each_question_is_a_top_level_heading_with_its_answer_in_the_block_after_it(site, data):
    """The accordion's markup before site.js: a heading at the top level of the content (so the
    site search gives it its answer's text), the answer in the next block, shown, with the id the
    heading's button will control."""
    page = soup(site, "faq/")
    content = page.select_one(".md-content article")
    for entry in data.faq:
        heading = page.find(id=entry.key)
        assert heading is not None and heading.name == "h2", entry.key
        assert heading.parent is content, f"{entry.key}: the question is nested in {heading.parent.name}"
        assert faq.QUESTION_CLASS in heading["class"]
        panel = heading.find_next_sibling()
        assert panel.name == "div" and faq.PANEL_CLASS in panel["class"], entry.key
        assert panel["id"] == faq.PANEL_ID_PREFIX + entry.key
        assert not panel.has_attr("hidden"), f"{entry.key}: without JavaScript every answer shows"
        assert panel.select_one(".dng-faq__answer") and panel.select_one(".dng-edit"), entry.key
        # The permalink is back: the question's text becomes a button beside it, not around it.
        permalink = heading.select("a")
        assert [a["class"] for a in permalink] == [["headerlink"]] and permalink[0]["href"] == f"#{entry.key}"
    assert not page.select("details.dng-faq, .md-content summary h2")


def test_the_accordion_class_names_are_the_ones_site_js_and_site_css_use():
    script = (ROOT / "docs/assets/javascripts/site.js").read_text(encoding="utf-8")
    style = (ROOT / "docs/assets/stylesheets/site.css").read_text(encoding="utf-8")
    for name in (faq.QUESTION_CLASS, faq.PANEL_CLASS):
        assert f'"{name}"' in script, name
        assert f".{name}" in style, name


def test_a_question_embed_is_not_folded(site):
    page = soup(site, "embed/faq/sections/does-it-hurt/")
    assert page.select_one(".dng-faq__answer")
    assert not page.select(f".{faq.PANEL_CLASS}, .{faq.QUESTION_CLASS}, details.dng-faq")


def test_the_whole_faq_embed_has_the_accordion(site, data):
    page = soup(site, "embed/faq/")
    assert len(page.select(f"h2.{faq.QUESTION_CLASS} + div.{faq.PANEL_CLASS}")) == len(data.faq)


@pytest.mark.parametrize("url", ["safety/", "faq/", "conditions/", "what-to-expect/"])
def test_sources_are_folded_and_out_of_search(site, url):
    page = soup(site, url)
    heading = page.find(id="references")
    assert heading is not None and heading.name == "h2"
    fold = heading.find_next_sibling()
    assert fold.name == "details" and "dng-sources" in fold["class"] and fold.has_attr("data-search-exclude")
    entries = fold.select("li.dng-ref")
    assert fold.summary.get_text() == f"Sources ({len(entries)})"
    for entry in fold.select("li[id^='ref-']"):
        back = entry.select_one("a.dng-ref__back")
        assert back is not None and page.find(id=back["href"][1:]) is not None, entry["id"]
        citation = page.find(id=back["href"][1:])
        assert citation.name == "a" and citation["href"] == f"#{entry['id']}"


def test_citation_ids_are_unique_and_numbered(site):
    page = soup(site, "safety/")
    ids = [a["id"] for a in page.select("a.dng-cite__link")]
    assert len(ids) == len(set(ids)) and all(i.startswith("cite-") for i in ids)


def test_search_index_skips_sources_and_lists(site):
    import json
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if doc["location"].startswith(("safety/", "faq/")):
            assert "Full entry" not in doc["text"] and "Back to text" not in doc["text"], doc["location"]
            assert "On this page" not in doc["text"], doc["location"]


@pytest.mark.parametrize("url", ["safety/", "what-to-expect/", "conditions/"])
def test_jump_list_under_key_points_lists_the_h2_sections(site, url):
    page = soup(site, url)
    nav = page.select_one("nav.dng-jump")
    assert nav is not None and nav["aria-label"] == jumplist.LABEL and nav.has_attr("data-search-exclude")
    key_points = nav.find_previous_sibling("div")
    assert "abstract" in key_points["class"]
    sections = [h["id"] for h in page.select(".md-content h2[id]")]
    assert [a["href"][1:] for a in nav.select("a")] == sections


def test_no_jump_list_without_key_points_or_in_embeds(site):
    assert not soup(site, "faq/").select("nav.dng-jump")
    assert not soup(site, "embed/safety/").select("nav.dng-jump")


# Not reading text: the list of questions, tooltips, edit links, the folded sources, the jump list.
NOT_TEXT = ".dng-faq-index, .dng-term__tip, .dng-edit, details.dng-sources, nav.dng-jump, .headerlink"


def words_between_citation_groups(page) -> list[int]:
    """Visible words between consecutive citation groups in the page's content (questions included)."""
    content = page.select_one(".md-content article") or page
    for hidden in content.select(NOT_TEXT):
        hidden.decompose()
    marker = "\u0000"
    for sup in content.select("sup.dng-cite"):
        sup.replace_with(marker)
    pieces = content.get_text(" ").split(marker)
    return [len(p.split()) for p in pieces[1:-1]]


def test_faq_citation_groups_are_far_apart(site):
    counts = words_between_citation_groups(soup(site, "faq/"))
    assert statistics.median(counts) >= 50, f"median words between citation groups: {statistics.median(counts)}"
