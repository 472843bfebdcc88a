"""Handouts and key points from data (issue 13, item 6): every patient page with key points has a
handout at /handouts/<key>/ (noindex, out of the sitemap and search), holding what the issue lists;
its QR code is segno's matrix for the page's address; keypoints.yml is checked, caps included,
with messages that name the file, the line, the value and the fix."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import segno
from mkdocs.config import load_config

from macros.content import datafiles, dates, notes, urls
from macros.content.datastore import SiteData, load
from macros.publish import embedspec, handoutpages
from macros.render import handouts, keypoints, qrcode
from macros.site import Site
from tests.support.dataedits import problems_after_edit
from tests.support.pages import ROOT, soup


@pytest.fixture(scope="module")
def build() -> Site:
    return Site.load(load_config(str(ROOT / "mkdocs.yml")))


def site_url(site: Path) -> str:
    return soup(site, "safety/").select_one('link[rel="canonical"]')["href"].removesuffix("safety/")


# --- which pages have a handout --------------------------------------------------------------

def test_every_patient_page_with_key_points_has_a_handout(site, build):
    with_box = [key for key in build.config.patient_pages
                if key in build.pages and '{{ key_points("' + key + '") }}' in build.pages[key].body]
    assert with_box, "no patient page calls key_points()"
    assert handouts.handout_keys(build) == with_box
    for key in with_box:
        assert (site / urls.handout_url(key) / "index.html").is_file(), key
    assert not (site / urls.handout_url("faq")).exists(), "the FAQ has no key points, so no handout"


def test_key_points_boxes_come_from_data_only(build):
    for page in build.pages.values():
        assert keypoints.BOX_OPEN not in page.body or page.key not in build.data.keypoints, page.key


# --- what a handout holds ----------------------------------------------------------------------

def test_handout_holds_what_the_issue_lists(site, build):
    doc = soup(site, urls.handout_url("safety"))
    url = site_url(site) + "safety/"
    page = build.pages["safety"]
    assert doc.select_one('meta[name="robots"]')["content"] == "noindex"
    assert doc.select_one('link[rel="canonical"]')["href"] == url
    assert doc.h1.get_text() == page.checked_info.title
    assert "Dry Needling Guide" in doc.select_one(".dng-handout__site").get_text()
    points = doc.select(".dng-handout__points li")
    assert len(points) == len(keypoints.point_lines(build.data.keypoints["safety"].points)) == 4
    assert points[0].get_text().startswith("Mild side effects of dry needling are common.")
    assert not doc.select(".dng-cite"), "a handout has no citation numbers: it has no room for their list"
    assert len(doc.select(".dng-care__card")) == 3
    assert [li.get_text() for li in doc.select(".dng-handout__questions li")] == list(
        build.data.keypoints["safety"].questions)
    text = doc.get_text(" ")
    assert f"Page last reviewed {dates.date_in_words(page.checked_info.last_reviewed)}." in text
    assert notes.REVIEW_NOTE in text
    assert doc.select_one(".dng-handout__url").get_text() == url
    assert "CC BY 4.0" in text
    assert handoutpages.CLINIC_NOTE in text  # in the clinic box, which stays hidden without a valid name
    assert doc.select_one("[data-dng-handout-clinic]").has_attr("hidden")
    assert doc.select_one("[data-dng-handout-print]").has_attr("hidden"), "the button shows only with JavaScript"


def test_handout_has_no_inline_style_or_script_and_the_sites_csp(site, build):
    html = (site / urls.handout_url("safety") / "index.html").read_text(encoding="utf-8")
    assert " style=" not in html and "<style" not in html
    doc = soup(site, urls.handout_url("safety"))
    assert all(script.has_attr("src") for script in doc.select("script"))
    assert doc.select_one('meta[http-equiv="Content-Security-Policy"]')["content"] == \
        soup(site, "safety/").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]


def test_the_script_reads_names_and_patterns_from_the_spec(site):
    """handout.js retypes no option name or pattern: the fields come from HANDOUT_PATTERNS, the
    patterns from the spec the build writes."""
    script = (ROOT / "docs/assets/javascripts/handout.js").read_text(encoding="utf-8")
    for name, pattern in embedspec.HANDOUT_PATTERNS.items():
        assert f'"{name}"' not in script and pattern not in script
    assert set(handoutpages.CLINIC_LABELS) == set(embedspec.HANDOUT_PATTERNS)
    doc = soup(site, urls.handout_url("safety"))
    assert [p["data-dng-handout-field"] for p in doc.select("[data-dng-handout-field]")] == list(
        embedspec.HANDOUT_PATTERNS)
    assert doc.select("script[src]")[0]["src"].endswith(embedspec.CHILD_SPEC)


def test_handouts_are_not_in_the_sitemap_or_the_search_index(site):
    assert urls.HANDOUT_ROOT not in (site / urls.SITEMAP).read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith(urls.HANDOUT_ROOT)]


def test_headers_file_lists_the_handouts_with_the_pages(site):
    headers = (site / urls.HEADERS_FILE).read_text(encoding="utf-8")
    assert re.search(r"^/?\S*/handouts/safety/\n  Content-Security-Policy:", headers, re.MULTILINE), headers[:400]


# --- the QR code --------------------------------------------------------------------------------

_RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-\3z")


def drawn_modules(svg_path: str, size: int) -> list[list[bool]]:
    """The dark modules a path from qrcode.path_data draws, read back."""
    grid = [[False] * size for _ in range(size)]
    consumed = 0
    for match in _RUN.finditer(svg_path):
        x, y, run = (int(g) for g in match.groups())
        for dx in range(run):
            grid[y][x + dx] = True
        consumed += len(match.group(0))
    assert consumed == len(svg_path), "the path holds something other than runs of modules"
    return grid


def test_qr_code_draws_segnos_matrix_for_the_page_address(site):
    doc = soup(site, urls.handout_url("safety"))
    url = site_url(site) + "safety/"
    svg = doc.select_one("svg.dng-qr")
    assert svg["aria-label"] == f"QR code for {url}"
    size = int(svg["viewbox"].split()[2])
    drawn = drawn_modules(svg.select_one("path")["d"], size)
    # segno, asked afresh (its own API, not our module): the same modules, quiet zone included.
    expected = [[bool(v) for v in row] for row in segno.make(url, error="m", micro=False).matrix_iter(border=4)]
    assert drawn == expected
    # Black on white, with the 4-module quiet zone all white.
    assert svg.select_one("rect")["fill"] == "#ffffff" and svg.select_one("path")["fill"] == "#000000"
    border = qrcode.QUIET_ZONE
    assert not any(drawn[y][x] for y in range(size) for x in range(size)
                   if min(x, y) < border or max(x, y) >= size - border)


def test_qr_code_changes_with_the_address():
    assert qrcode.path_data(qrcode.matrix("https://a.example/safety/")) != \
        qrcode.path_data(qrcode.matrix("https://a.example/benefits/"))


# --- reachable ----------------------------------------------------------------------------------

def test_each_page_with_a_handout_links_to_it_and_embeds_do_not(site, build):
    for key in handouts.handout_keys(build):
        url = urls.page_url(key)
        link = soup(site, url).select_one("a.dng-facts__handout")
        assert link is not None and link.get_text() == "Print a one-page handout", key
        target = (site / url / link["href"]).resolve() / "index.html"
        assert target == (site / urls.handout_url(key) / "index.html").resolve(), key
    assert not soup(site, urls.embed_url("safety")).select("a.dng-facts__handout")
    assert not soup(site, "faq/").select("a.dng-facts__handout")


def test_404_page_tells_handout_readers_where_handouts_are(site):
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "Print a one-page handout" in text


def test_data_pages_map_lists_keypoints():
    mapped = json.loads((ROOT / datafiles.MAP_FILE).read_text(encoding="utf-8"))
    assert "macros/data/keypoints.yml" in mapped["files"]


# --- keypoints.yml is checked -----------------------------------------------------------------

def edited_data(tmp_path: Path, old: str, new: str) -> SiteData:
    data_dir = tmp_path / "data"
    shutil.copytree(datafiles.data_dir(ROOT), data_dir)
    file = data_dir / "keypoints.yml"
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test out of date: {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load(tmp_path, data_dir)


def check(build: Site, data: SiteData) -> list[str]:
    bodies = {key: page.body for key, page in build.pages.items()}
    return [p.format() for p in keypoints.check(data, build.pages, build.config.patient_pages, bodies)]


def test_the_real_data_passes(build):
    assert handouts.problems(build) == []
    assert check(build, build.data) == []


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


KEYPOINTS_TEXT = (ROOT / "macros/data/keypoints.yml").read_text(encoding="utf-8")


def test_unknown_page_key_is_refused_with_the_near_one(tmp_path, build):
    found = check(build, edited_data(tmp_path, "- key: safety\n", "- key: safty\n"))
    line = line_of(KEYPOINTS_TEXT, "- key: safety")
    assert any(f"keypoints.yml:{line}: there is no page 'safty'" in m and "'safety'" in m for m in found), found


def test_too_many_points_are_refused_at_the_first_extra_point(tmp_path, build):
    extra = "".join(f"    - Point number {n}.\n" for n in range(keypoints.MAX_POINTS))
    found = check(build, edited_data(tmp_path, "- key: safety\n  points: |\n", "- key: safety\n  points: |\n" + extra))
    assert any(f"'safety' has {keypoints.MAX_POINTS + 4} key points; a page has at most {keypoints.MAX_POINTS}" in m
               and "merge two points" in m for m in found), found
    first = line_of(KEYPOINTS_TEXT, "- key: safety") + 2 + keypoints.MAX_POINTS
    assert any(f"keypoints.yml:{first}:" in m for m in found), found


def test_too_many_printed_words_are_refused(build):
    found = [p.format() for p in keypoints.check_words(build.data, {"benefits": keypoints.MAX_POINT_WORDS + 1})]
    assert any(f"the key points of 'benefits' have {keypoints.MAX_POINT_WORDS + 1} words; at most "
               f"{keypoints.MAX_POINT_WORDS}" in m for m in found), found


def test_words_are_counted_as_the_handout_prints_them(build):
    """A figure counts as the words it prints; citations count for nothing (the handout drops them)."""
    item = build.data.keypoints["safety"]
    long_item = item.model_copy(update={"points": item.points + "- " + " ".join(["word"] * 130) + '.'
                                        + ' {{ cite("brady-2014") }}\n'})
    original = build.data.keypoints["safety"]
    build.data.keypoints["safety"] = long_item
    try:
        found = [p.format() for p in handouts.problems(build)]
    finally:
        build.data.keypoints["safety"] = original
    assert any("the key points of 'safety' have" in m and "so that its handout prints on one page" in m
               for m in found), found


def test_questions_are_capped_and_must_be_questions(tmp_path, build):
    long_question = " ".join(["why"] * (keypoints.MAX_QUESTION_WORDS + 1)) + "?"
    found = check(build, edited_data(tmp_path, "    - Is there any reason I should not have dry needling?\n",
                                     f"    - {long_question}\n    - Tell me more.\n    - One?\n    - Two?\n"))
    assert any(f"has {keypoints.MAX_QUESTION_WORDS + 1} words; a question has at most "
               f"{keypoints.MAX_QUESTION_WORDS}" in m for m in found), found
    assert any("'Tell me more.' is not a question" in m and "question mark" in m for m in found), found
    assert any(f"'safety' has 7 questions; a handout prints at most {keypoints.MAX_QUESTIONS}" in m for m in found), found


def test_a_patient_page_needs_questions(tmp_path, build):
    data = edited_data(tmp_path, "    - Will my health plan or insurance pay for it?\n"
                       "    - Who can I contact if I have a problem or want to complain?\n", "")
    found = check(build, data)
    assert any(f"'finding-a-practitioner' has 1 questions to ask your practitioner; its handout needs "
               f"{keypoints.MIN_QUESTIONS} to {keypoints.MAX_QUESTIONS}" in m for m in found), found


def test_an_entry_no_page_shows_is_reported(tmp_path, build):
    data = edited_data(tmp_path, "- key: home\n", "- key: faq\n")
    found = check(build, data)
    assert any("the key points of 'faq' are shown nowhere" in m and '{{ key_points("faq") }}' in m for m in found)


def test_markup_in_a_question_is_refused(tmp_path):
    found = problems_after_edit(tmp_path, "keypoints.yml", "    - How long will each session take?\n",
                                "    - <script>alert(1)</script>?\n")
    assert any("keypoints.yml" in m and "markup" in m for m in found), found


def test_an_unknown_field_is_refused(tmp_path):
    found = problems_after_edit(tmp_path, "keypoints.yml", "- key: safety\n", "- key: safety\n  qestions: []\n")
    assert any("unknown field 'qestions'" in m for m in found), found


def test_key_points_macro_names_an_unknown_key(build):
    from macros.errors import ContentError
    ctx = build.render_context("safety/")
    with pytest.raises(ContentError) as err:
        keypoints.key_points(ctx, "safty")
    assert "no key points for the page 'safty'" in err.value.message and "safety" in err.value.hint
