"""Edit links that open the real text: page-level, per entry, never in embeds or the API."""

from __future__ import annotations

import functools
import json
from urllib.parse import urljoin

import pytest
from mkdocs.config import load_config

from macros.content import datafiles, datastore, sourcelinks, sourcepages
from macros.content.sourcelinks import Repository
from macros.errors import ContentProblems
from macros.site import Site, SiteConfig
from tests.support.pages import PAGES, ROOT, all_html, soup

# The pages whose main text lives in a data file, and the data file.
DATA_PAGES = {"faq/": "faq", "glossary/": "glossary", "claims/": "claims", "references/": "references"}


@functools.cache
def repository() -> Repository:
    """The repository the build links to, read as the build reads it (mkdocs.yml, DNG_EDIT_URI)."""
    found = SiteConfig.of(load_config(str(ROOT / "mkdocs.yml"))).repository
    assert found is not None, "mkdocs.yml's edit_uri is not a repository's edit address"
    return found


@functools.cache
def data() -> datastore.SiteData:
    return datastore.load(ROOT)


# --- the URL builders -------------------------------------------------------------------------

@pytest.mark.parametrize("edit_uri, url, branch", [
    ("https://github.com/dry-needling-guide/dry-needling-guide/edit/main/docs/",
     "https://github.com/dry-needling-guide/dry-needling-guide", "main"),
    ("https://github.com/o/r/edit/release/2027/docs/", "https://github.com/o/r", "release/2027"),
    ("https://github.com/o/r/edit/main/docs", "https://github.com/o/r", "main"),
    ("https://gitlab.com/o/r/-/edit/main/docs/", "https://gitlab.com/o/r/-", "main"),
])
def test_the_repository_is_read_from_edit_uri(edit_uri, url, branch):
    assert Repository.from_edit_uri(edit_uri) == Repository(url, branch)


@pytest.mark.parametrize("edit_uri", [
    "", "docs/", "https://github.com/o/r/", "https://github.com/o/r/blob/main/docs/",
    "https://github.com/o/r/edit/main/site/", "https://github.com/o/r/edit/main/docs/?x=1",
])
def test_an_address_that_is_not_an_edit_address_gives_no_repository(edit_uri):
    assert Repository.from_edit_uri(edit_uri) is None


def test_edit_and_view_urls():
    repo = Repository("https://github.com/o/r", "main")
    assert repo.edit_url("macros/data/faq.yml") == "https://github.com/o/r/edit/main/macros/data/faq.yml"
    assert repo.view_url("macros/data/faq.yml", 12) == "https://github.com/o/r/blob/main/macros/data/faq.yml#L12"
    assert repo.view_url("docs/faq.md") == "https://github.com/o/r/blob/main/docs/faq.md"
    assert sourcelinks.page_path("compare/index.md") == "docs/compare/index.md"


def test_every_data_file_says_what_it_holds_and_main_pages_come_from_datafiles():
    assert sorted(text.kind for text in sourcelinks.DATA_TEXTS) == sorted(datafiles.BY_KIND)
    assert {key: sourcelinks.main_text_kind(key) for key in PAGES.values() if sourcelinks.main_text_kind(key)} == {
        "faq": "faq", "glossary": "glossary", "claims": "claims", "references": "references"}
    assert sourcelinks.block_kinds("compare/dry-needling-vs-acupuncture", PAGES.values()) == ["comparisons"]
    assert sourcelinks.block_kinds("benefits", PAGES.values()) == ["guidance", "keypoints"]
    assert sourcelinks.block_kinds("safety", PAGES.values()) == ["care", "keypoints"]


def test_an_edit_uri_that_is_not_an_edit_address_stops_the_build():
    config = load_config(str(ROOT / "mkdocs.yml"), edit_uri="https://example.org/wiki/dry-needling/")
    line = next(n for n, text in enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("edit_uri: !ENV [DNG_EDIT_URI,"))
    with pytest.raises(ContentProblems) as raised:
        Site.load(config)
    assert [p.format() for p in raised.value.problems] == [
        f"mkdocs.yml:{line}: edit_uri 'https://example.org/wiki/dry-needling/' is not a repository's edit address,"
        " so edit links cannot be made — set DNG_EDIT_URI to one, for example"
        " https://github.com/OWNER/REPOSITORY/edit/main/docs/"]


# --- the "where each text lives" table ------------------------------------------------------

def test_the_table_names_every_data_file_and_where_it_shows():
    table = sourcelinks.where_table()
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    assert len(rows) == 1 + 1 + len(datafiles.DATA_FILES)  # header, the pages' own Markdown, each data file
    for data_file in datafiles.DATA_FILES:
        row = next(r for r in rows if f"`{data_file.path}`" in r)
        for key in data_file.pages:
            assert ("the home page" if key == "home" else f"`{key}/`") in row, (data_file.path, key)
    assert '"Edit this answer"' in table and '"Edit this page" opens this file' in table


def test_table_check_passes_the_table_and_fails_a_stale_one(tmp_path, capsys):
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text("# Guide\n\n" + sourcelinks.generated_block() + "\nMore.\n", encoding="utf-8")
    assert sourcelinks.main(["--check", str(guide)]) == 0
    guide.write_text(guide.read_text(encoding="utf-8").replace("`macros/data/faq.yml`", "`faq.yml`"),
                     encoding="utf-8")
    assert sourcelinks.main(["--check", str(guide)]) == 1
    assert "out-of-date" in capsys.readouterr().err
    guide.write_text("# Guide\n", encoding="utf-8")
    assert sourcelinks.main(["--check", str(guide)]) == 1


# --- notes for editors at the top of data-rendered pages ----------------------------------

def test_each_page_with_data_text_says_at_its_top_where_that_text_lives():
    pages = {page.key: page for page in sourcepages.scan(ROOT / "docs", ROOT)}
    checked = 0
    for key, page in pages.items():
        kinds = ([sourcelinks.main_text_kind(key)] if sourcelinks.main_text_kind(key) else [])
        kinds += sourcelinks.block_kinds(key, pages)
        if not kinds:
            continue
        first = page.body.strip().splitlines()[0]
        assert first.startswith("{##") and first.endswith("##}"), f"{page.path}: {first[:80]}"
        for kind in kinds:
            assert datafiles.display_path(kind) in first, (page.path, kind)
        checked += 1
    assert checked >= 9  # faq, glossary, claims, references, benefits, conditions, the four compare pages


def test_the_notes_for_editors_never_reach_readers(site):
    for url in ("faq/", "glossary/", "compare/dry-needling-vs-acupuncture/", "embed/faq/"):
        text = (site / url / "index.html").read_text(encoding="utf-8")
        assert "{##" not in text and "Editors:" not in text, url


# --- the built site -----------------------------------------------------------------------

@pytest.mark.parametrize("url, kind", DATA_PAGES.items())
def test_edit_this_page_opens_the_data_file(site, url, kind):
    link = soup(site, url).select_one("a[rel='edit']")
    path = datafiles.display_path(kind)
    assert link["href"] == repository().edit_url(path)
    assert path in link["title"]
    sources = [a["href"] for a in soup(site, url).select(".dng-facts__sources a")]
    blocks = [repository().edit_url(datafiles.display_path(block)) for block in ("care",) if kind == "faq"]
    assert sources == [repository().edit_url(path), repository().edit_url(f"docs/{kind}.md"), *blocks]


@pytest.mark.parametrize("url, path", [
    ("safety/", "docs/safety.md"), ("", "docs/index.md"), ("compare/", "docs/compare/index.md"),
    ("compare/dry-needling-vs-acupuncture/", "docs/compare/dry-needling-vs-acupuncture.md"),
])
def test_edit_this_page_opens_the_markdown_elsewhere(site, url, path):
    link = soup(site, url).select_one("a[rel='edit']")
    assert link["href"] == repository().edit_url(path)
    assert link["title"] == "Edit this page"


def test_one_edit_link_per_page_at_its_foot_beside_suggest_a_correction(site):
    """Issue 12: the "Edit this page" pencil beside the title moved to the page foot; readers get
    "Suggest a correction" (no account needed) next to the review dates."""
    about = soup(site, "about/")
    assert about.select_one("#report-an-error") is not None
    for url in PAGES:
        page = soup(site, url)
        links = page.select("a[rel='edit']")
        assert len(links) == 1, (url, len(links))
        actions = page.select_one(".dng-facts .dng-facts__review + .dng-facts__actions")
        assert actions is not None and links[0].parent is actions, url
        assert links[0].get_text(strip=True) == "Edit this page"
        assert not page.select(".md-content__button"), f"{url}: a button is still beside the title"
        suggest = actions.find("a", string="Suggest a correction")
        assert suggest is not None, url
        assert urljoin(f"https://example.org/{url}", suggest["href"]) == "https://example.org/about/#report-an-error"


def _entry_anchor(kind: str, page, key: str):
    if kind == "references":
        return page.select_one(f"li#{key}")
    return page.select_one(f"#{key}")


def _entry_links(kind: str, anchor):
    if kind == "references":
        return anchor.select_one(".dng-edit")
    return anchor.find_next(class_="dng-edit")


@pytest.mark.parametrize("url, kind", DATA_PAGES.items())
def test_each_entry_links_to_its_own_line(site, url, kind):
    page = soup(site, url)
    path = datafiles.display_path(kind)
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    entries = data().faq if kind == "faq" else data().claims if kind == "claims" else list(
        getattr(data(), kind).values())
    for entry in entries:
        anchor = _entry_anchor(kind, page, entry.key)
        assert anchor is not None, entry.key
        links = _entry_links(kind, anchor)
        edit, view = links.select("a")
        assert edit["href"] == repository().edit_url(path)
        assert edit.get_text() == f"Edit this {sourcelinks.BY_KIND[kind].entry}"
        assert edit["aria-label"].startswith(edit.get_text())  # the visible words start the spoken name
        line = data().origin(kind, entry.key, "key").line
        assert line is not None and lines[line - 1].strip() == f"- key: {entry.key}", (entry.key, line)
        assert view["href"] == repository().view_url(path, line)
        assert view.get_text() == f"{datafiles.file_name(kind)}, line {line}"
        assert view["aria-label"].startswith(view.get_text())
    assert len(page.select(".dng-edit:not(.dng-facts__sources)")) == len(entries)


def test_each_comparison_table_links_to_its_entry(site):
    for key in data().comparisons:
        links = soup(site, f"compare/{key}/").select_one(".dng-compare + .dng-edit")
        assert links is not None, key
        line = data().origin("comparisons", key, "key").line
        assert [a["href"] for a in links.select("a")] == [
            repository().edit_url("macros/data/comparisons.yml"),
            repository().view_url("macros/data/comparisons.yml", line)]


def test_each_quoted_guideline_links_to_its_entry(site):
    path = datafiles.display_path("guidance")
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    found = 0
    for url in ("benefits/", "conditions/"):
        for figure in soup(site, url).select("figure.dng-guidance"):
            links = figure.find_next_sibling(class_="dng-edit")
            edit, view = links.select("a")
            assert edit["href"] == repository().edit_url(path) and edit.get_text() == "Edit this guideline"
            line = int(view["href"].rpartition("#L")[2])
            key = lines[line - 1].strip().removeprefix("- key: ")
            assert view["href"] == repository().view_url(path, data().origin("guidance", key, "key").line)
            found += 1
    assert found >= 5


def test_embeds_and_the_api_carry_no_edit_link(site):
    repo = repository()
    shapes = (repo.edit_url(""), repo.view_url(""))  # the repository's files (its issue tracker is fine)
    embeds = [path for path in all_html(site) if path.relative_to(site).parts[0] == "embed"]
    assert len(embeds) > len(PAGES)  # pages and their sections
    for path in embeds:
        text = path.read_text(encoding="utf-8")
        assert "dng-edit" not in text and 'rel="edit"' not in text, path
        assert not any(shape in text for shape in shapes), path
    api = list((site / "api").rglob("*.json"))
    assert api
    for path in api:
        text = json.dumps(json.loads(path.read_text(encoding="utf-8")))
        assert not any(shape in text for shape in shapes), path


def test_contributing_holds_the_where_each_text_lives_table():
    """The editors' guide shows the table generated from datafiles.py, never a hand-kept copy."""
    assert sourcelinks.main(["--check", str(ROOT / "CONTRIBUTING.md")]) == 0


def test_the_about_page_links_the_editors_guide_and_its_embed_names_it(site):
    link = soup(site, "about/").find("a", string="guide for editors")
    assert link is not None and link["href"] == repository().view_url("CONTRIBUTING.md")
    embed = (site / "embed" / "about" / "index.html").read_text(encoding="utf-8")
    assert "guide for editors (CONTRIBUTING.md in our public repository)" in embed
