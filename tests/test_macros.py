"""Unit tests of the plain functions behind the macros (no build)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.check import readability
from macros.content import frontmatter, sourcepages, yamlsource
from macros.content.datastore import Origin, load
from macros.errors import ContentError, Problem, did_you_mean
from macros.publish import embeds, linkcheck
from macros.render import inline, markup
from macros.render.context import RenderContext
from macros.render.markup import MarkdownConverter
from macros.render.sandbox import RenderEnvironment
from tests.support.pages import ROOT


@pytest.fixture(scope="module")
def data():
    """Read by a fixture, not at import: broken data fails these tests instead of their collection."""
    return load(ROOT)


# What data-text rendering needs of a build: its one render environment (problems go nowhere here).
BUILD = SimpleNamespace(environment=RenderEnvironment(report=lambda problem: None), markdown=MarkdownConverter())


def ctx(data, page_url: str = "safety/", absolute: bool = False) -> RenderContext:
    return RenderContext(site=data, page_url=page_url, site_url="https://example.org/dng/", absolute=absolute,
                         build=BUILD)


@pytest.mark.parametrize("page,target,anchor,expected", [
    ("safety/", "glossary/", "pneumothorax", "../glossary/#pneumothorax"),
    ("", "glossary/", "", "glossary/"),
    ("compare/dry-needling-vs-acupuncture/", "safety/", "", "../../safety/"),
    ("safety/", "", "", "../"),
    ("safety/", "safety/", "x", "#x"),
])
def test_relative_links(data, page, target, anchor, expected):
    assert ctx(data, page).href(target, anchor) == expected


def test_absolute_links_for_embeds_and_api(data):
    assert ctx(data, absolute=True).href("glossary/", "x") == "https://example.org/dng/glossary/#x"


def test_term_links_first_use_only(data):
    c = ctx(data)
    key = next(iter(data.glossary))
    first = inline.term(c, key)
    again = inline.term(c, key)
    assert 'class="dng-term__link"' in first and 'role="tooltip"' in first
    assert "dng-term-again" in again and "<a" not in again


def test_term_escapes_its_text(data):
    key = next(iter(data.glossary))
    html = inline.term(ctx(data), key, '<img src=x onerror="alert(1)">')
    assert "<img" not in html and "&lt;img" in html


def test_unknown_term_suggests_the_closest(data):
    key = next(iter(data.glossary))
    with pytest.raises(ContentError) as err:
        inline.term(ctx(data), key[:-1] + "x")
    assert f"'{key}'" in err.value.hint


def test_citations_number_in_order_of_first_use(data):
    c = ctx(data)
    a, b = list(data.references)[:2]
    inline.cite(c, a)
    second = inline.cite(c, b, a)
    assert ">2<" in second and ">1<" in second
    assert c.cited == [a, b]


def test_did_you_mean():
    assert did_you_mean("modrate", ["moderate", "low"], "x") == "did you mean 'moderate'?"
    assert "use a key defined in scales.yml" == did_you_mean("zzz", ["moderate"], "scales.yml")


def test_problem_format():
    assert Problem("a.md", 3, "bad", "fix it").format() == "a.md:3: bad — fix it"


def test_data_text_error_names_the_data_file_line(data):
    with pytest.raises(ContentError) as err:
        markup.expand('Text\n{{ cite("nope-2000") }}', ctx(data), Origin("macros/data/faq.yml", 10))
    assert err.value.path == "macros/data/faq.yml" and err.value.line == 11


def test_data_text_is_sandboxed(data):
    with pytest.raises(ContentError) as err:
        markup.expand("{{ cite.__globals__ }}", ctx(data), Origin("x.yml", 1))
    assert err.value.message == "'cite.__globals__' is not allowed inside {{ ... }}"


def test_yaml_duplicate_keys_and_lines():
    with pytest.raises(yamlsource.YamlProblem) as err:
        yamlsource.parse("a: 1\nb: 2\na: 3\n", "f.yml")
    assert err.value.problem.line == 3
    data = yamlsource.parse("- key: x\n  year: 2\n", "f.yml")
    assert yamlsource.line_of(data, (0, "year")) == 2


def test_yaml_tabs_are_rejected_with_the_line():
    with pytest.raises(yamlsource.YamlProblem) as err:
        yamlsource.parse("a:\n\tb: 1\n", "f.yml")
    assert err.value.problem.line == 2


def test_front_matter_checks(data, tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text("---\ntitle: Page\ndescription: short\nlast_reviewed: 2099-01-01\n"
                               "next_review: 2098-01-01\nsources: [nope]\n---\n\n## Heading\n", encoding="utf-8")
    page = sourcepages.read_page(docs, docs / "p.md", tmp_path)
    problems = [p.format() for p in frontmatter.check_page(page, data)]
    assert any("description is 5 characters long" in p for p in problems), problems
    page.meta["description"] = "x" * 60
    problems = [p.format() for p in frontmatter.check_page(page, data)]
    assert any("p.md:4: last_reviewed 2099-01-01 is in the future" in p for p in problems), problems
    assert any("p.md:5: next_review 2098-01-01 is not after" in p for p in problems), problems
    assert any("p.md:6: unknown reference key 'nope'" in p for p in problems), problems
    assert any("p.md:9: heading '## Heading' has no id — write '## Heading {#heading}'" in p for p in problems), problems


def test_embed_links_become_absolute():
    text = "[a](safety.md#x) [b](compare/index.md) [c](https://doi.org/1) [d](#here) ![i](assets/i.png)"
    out = embeds.absolutize_links(text, "faq.md", "https://s/")
    assert "(https://s/safety/#x)" in out and "(https://s/compare/)" in out
    assert "(https://doi.org/1)" in out and "(https://s/faq/#here)" in out and "(https://s/assets/i.png)" in out


def test_section_slice(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text("---\ntitle: T\n---\n\nIntro\n\n## One {#one}\n\nA\n\n## Two {#two}\n\nB\n",
                               encoding="utf-8")
    page = sourcepages.read_page(docs, docs / "p.md", tmp_path)
    body, offset = embeds.section_slice(page, "one")
    assert body.startswith("## One {#one}") and "B" not in body
    assert offset + 1 == 7


def test_link_checker_finds_broken_links_and_anchors(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#ok">x</a><a href="a/#nope">y</a><a href="b/">z</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="ok">A</h2>')
    pages = {"index.html": linkcheck.parse('<a href="a/#ok">x</a><a href="a/#nope">y</a><a href="b/">z</a>'),
             "a/index.html": linkcheck.parse('<h2 id="ok">A</h2>')}
    problems = [p.message for p in linkcheck.check_site(tmp_path, pages, "https://example.org/")]
    assert problems == ["broken anchor 'a/#nope'", "broken link 'b/'"]


def test_reading_text_leaves_out_tooltips_and_references():
    html = ('<article><p>Short words here.<span class="dng-term__tip">Long definitional apparatus.</span></p>'
            '<ol class="dng-refs"><li>Reference</li></ol></article>')
    assert readability.article_text(html) == "Short words here."


def test_reading_text_leaves_out_quoted_guidelines():
    # A guideline's exact words and its source line are not ours to simplify (macros/render/guidance.py).
    html = ('<article><figure class="dng-guidance"><blockquote class="dng-quote"><p>Consider a single course'
            ' of multidisciplinary interventions.</p></blockquote><figcaption class="dng-quote__source">NICE,'
            ' <cite>Guideline</cite>. Published 7 April 2021.</figcaption>'
            '<p class="dng-guidance__plain">Short words here.</p></figure></article>')
    assert readability.article_text(html) == "Short words here."
