"""Conditions: each condition section opens with its bottom line, one plain sentence with a certainty
badge from evidence.yml (docs/conditions.md; the paragraph is marked `{: .dng-bottom-line }`)."""

from __future__ import annotations

from tests.support.pages import soup

# Sections that are conditions (every one has a graded question); the page's other sections
# (how to read, guidelines, talk to a clinician) have no bottom line.
CONDITIONS = ["neck", "back", "shoulder", "knee", "heel", "calf-and-shin", "headaches", "fibromyalgia",
              "sports-injuries", "repetitive-strain", "muscle-spasm", "after-surgery"]


def _sections(page):
    """(heading, elements up to the next heading of any level) for every h2 and h3 of the article."""
    for heading in page.select("article h2, article h3"):
        body = []
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h2", "h3"}:
                break
            body.append(sibling)
        yield heading, body


def test_each_condition_opens_with_its_bottom_line(site):
    page = soup(site, "conditions/")
    ids = {h.get("id") for h in page.select("article h2")}
    assert set(CONDITIONS) <= ids
    graded = 0
    for heading, body in _sections(page):
        if heading.get("id") in {"how-to-read", "national-guidelines", "talk-to-a-clinician", "references"}:
            continue
        if heading.get("id") in CONDITIONS or any(el.select(".dng-evidence") for el in body):
            graded += 1
            first = body[0] if body else None
            title = heading.get_text(" ", strip=True)
            assert first is not None and first.name == "p", f"{title}: starts with no paragraph"
            assert "dng-bottom-line" in first.get("class", []), f"{title}: first paragraph is not its bottom line"
            assert first.get_text(" ", strip=True).startswith("Bottom line:"), title
            badges = first.select(".dng-evidence[data-question]")
            assert len(badges) == 1, f"{title}: the bottom line carries one certainty badge"
            # No other badge for the same question further down: graded once, shown once.
            rest = [b for el in body[1:] for b in el.select(".dng-evidence[data-question]")]
            assert not rest, f"{title}: a second badge after the bottom line"
    assert graded >= len(CONDITIONS)


def test_bottom_lines_cite_what_else_helps(site):
    for line in soup(site, "conditions/").select("article p.dng-bottom-line"):
        text = line.get_text(" ", strip=True)
        words = len(text.split())
        assert words < 80, f"one plain sentence, not a paragraph: {text}"
        if "no study" not in text and "no trials" not in text:
            assert line.select("sup.dng-cite"), f"a bottom line is sourced: {text}"


def test_long_study_detail_is_folded(site):
    for url in ("conditions/", "benefits/"):
        folded = soup(site, url).select("article details")
        assert folded, f"{url}: study detail a patient does not need first is folded"
        for block in folded:
            assert block.find("summary").get_text(strip=True)
            assert "open" not in block.attrs
