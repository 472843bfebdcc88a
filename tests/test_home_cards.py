"""The home page routes by question: its h1 is not the site name, and each question card is one link
to a section that exists (docs/index.md; cards are list items marked `{: .dng-card }`)."""

from __future__ import annotations

from urllib.parse import urljoin, urlparse

from mkdocs.config import load_config

from tests.support.pages import ROOT, html_path, soup

# The questions issue 12 asks the home page to answer first.
REQUIRED = ["Is it safe?", "Will it hurt?", "Is it the same as acupuncture?", "Who can do it?"]
HELP_WITH = ["back", "neck", "heel"]


def _cards(site, page=None):
    return (page or soup(site, "")).select("article li.dng-card")


def test_home_h1_is_not_the_site_name(site):
    page = soup(site, "")
    h1s = page.select("article h1")
    site_name = load_config(str(ROOT / "mkdocs.yml"))["site_name"]
    assert len(h1s) == 1
    assert h1s[0].get_text(" ", strip=True).casefold() != site_name.casefold()
    # The browser tab may keep the site name.
    assert site_name in page.title.get_text()


def test_question_cards_come_first(site):
    page = soup(site, "")
    article = page.select_one("article")
    cards = _cards(site, page)
    assert len(cards) >= len(REQUIRED) + 1
    # A recent correction's notice (macros/render/changes.py) may stand above them: it is not content.
    first_list = next(ul for ul in article.find_all("ul") if ul.find_parent(class_="dng-correction") is None)
    assert first_list is cards[0].parent, "the question cards are the first list, under the one-line intro"
    assert first_list.find_previous_sibling("p") is not None
    questions = [card.find("a").get_text(strip=True) for card in cards]
    for question in REQUIRED:
        assert question in questions
    for part in HELP_WITH:
        assert any(part in q and q.startswith("Will it help") for q in questions), part


def test_each_card_is_one_link_to_an_existing_section(site):
    for card in _cards(site):
        links = card.find_all("a")
        assert len(links) == 1, f"{card.get_text(' ', strip=True)}: a card holds exactly one link"
        href = links[0]["href"]
        target = urlparse(urljoin("http://x/", href))
        assert target.fragment, f"{href}: a card goes straight to the answering section"
        page = soup(site, target.path.lstrip("/"))
        assert page.find(id=target.fragment) is not None, f"{href}: no element with id '{target.fragment}'"
        assert html_path(site, target.path.lstrip("/")).exists()
        # The card says what the reader finds there, in words beside the link.
        assert len(card.get_text(" ", strip=True)) > len(links[0].get_text(strip=True)) + 10


def test_a_broken_card_target_would_be_caught(site):
    page = soup(site, "conditions/")
    assert page.find(id="back") is not None
    assert page.find(id="no-such-section") is None
