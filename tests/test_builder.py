"""The embed builder's build side (macros/render/clinics.py): its data, the snippets' one shape,
the options table and checks, and the for-clinics page around it."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest

from macros.content import datastore, sourcepages
from macros.errors import ContentError
from macros.publish import embedspec
from macros.render import clinics
from macros.render.context import RenderContext
from tests.conftest import SITE_URL
from tests.support.pages import PAGES, ROOT, html_path, soup

HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
           "red;background:url(x)", "Harbour\u202ePhysio", "x" * 10_000, "a'b\"c", "{{ 7*7 }}"]
# Ids the page has always had: sections are published as embeds, and clinics link to the others.
KEPT_IDS = ["loader", "keys", "options", "examples", "iframe", "frame-limits", "wordpress", "messages", "api",
            "changes", "licence", "privacy", "stability", "headers"]


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    pages = {p.key: p for p in sourcepages.scan(ROOT / "docs", ROOT)}
    build = SimpleNamespace(trusted=SimpleNamespace(add=lambda html: html), script_hashes=[])
    return RenderContext(site=datastore.load(ROOT), page_url="for-clinics/", site_url="https://example.org/dng/",
                         pages=pages, build=build)


def test_every_option_has_words():
    assert list(clinics.OPTION_WORDS) == list(embedspec.OPTION_NAMES)
    for name in embedspec.PATTERNS:  # free values: an example, a default and a message for a bad one
        assert {"label", "help", "default", "example", "invalid"} <= set(clinics.OPTION_WORDS[name])
        assert embedspec.valid(name, clinics.OPTION_WORDS[name]["example"])
    assert set(clinics.HANDOUT_WORDS) == set(embedspec.HANDOUT_PATTERNS)


def test_checked_options_use_embedspec_and_address_order():
    checked = clinics.checked_options({"clinic": "Harbour Physio & Co.", "font_size": "large", "theme": "dark",
                                       "background": "transparent", "accent": "#0a6e6e"})
    assert list(checked) == ["theme", "accent", "font-size", "background", "clinic"]
    for name in embedspec.OPTION_NAMES:
        for value in embedspec.CHOICES.get(name, ())[1:]:
            extra = {"theme": "dark"} if name == "background" else {}
            assert clinics.checked_options({name: value, **extra})[name] == value


@pytest.mark.parametrize("name", ["theme", "accent", "clinic", "radius", "links"])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_checked_options_refuse_bad_values(name, value):
    with pytest.raises(ContentError):
        clinics.checked_options({name: value})


def test_checked_options_refuse_unknown_names_and_a_background_without_its_theme():
    with pytest.raises(ContentError, match="unknown embed option"):
        clinics.checked_options({"colour": "red"})
    for theme in ({}, {"theme": "auto"}):
        with pytest.raises(ContentError, match="transparent"):
            clinics.checked_options({"background": "transparent", **theme})


def test_uri_component_encodes_as_javascript_does():
    # encodeURIComponent("Harbour Physio & Co. (Bay) 'n' #1") in JavaScript.
    assert clinics.uri_component("Harbour Physio & Co. (Bay) 'n' #1") == "Harbour%20Physio%20%26%20Co.%20(Bay)%20'n'%20%231"


def test_loader_text_has_the_one_shape(ctx):
    text = clinics.loader_text(ctx, "safety", "side-effects", theme="dark", clinic="Harbour & Bay's")
    assert text == (
        '<div data-dng-embed="safety" data-dng-section="side-effects" data-dng-theme="dark" '
        'data-dng-clinic="Harbour &amp; Bay&#x27;s"><a href="https://example.org/dng/safety/#side-effects">'
        "Is dry needling safe? Side effects and risks</a></div>\n"
        '<script src="https://example.org/dng/embed.js" async></script>')


def test_iframe_text_carries_options_in_its_address(ctx):
    text = clinics.iframe_text(ctx, "safety", "", theme="dark", clinic="Harbour Physio")
    assert 'src="https://example.org/dng/embed/safety/?theme=dark&amp;clinic=Harbour%20Physio"' in text
    for name, value in embedspec.FRAME.items():
        assert f'{name}="{value}"' in text


def test_csp_lines_come_from_site_url(ctx):
    lines = clinics.csp_lines("https://example.org/dng/")
    assert lines == {"loader": ["script-src https://example.org", "connect-src https://example.org",
                                "frame-src https://example.org"],
                     "iframe": ["frame-src https://example.org"]}
    with pytest.raises(ContentError):
        clinics.csp_snippet(ctx, "object")


def test_options_table_lists_every_option(ctx):
    rows = [line for line in clinics.options_table(ctx).splitlines() if line.startswith("| `data-dng-")]
    assert [re.match(r"\| `data-dng-([a-z-]+)`", row).group(1) for row in rows] == list(embedspec.OPTION_NAMES)
    for name, choices in embedspec.CHOICES.items():
        row = next(r for r in rows if r.startswith(f"| `data-dng-{name}`"))
        assert all(f"`{value}`" in row for value in choices) and row.endswith(f"| `{choices[0]}` |")


def test_builder_is_empty_in_embed_copies(ctx):
    embed = RenderContext(site=ctx.site, page_url="embed/for-clinics/", site_url=ctx.site_url, absolute=True,
                          pages=ctx.pages, build=ctx.build)
    assert str(clinics.builder(embed)) == ""


# The built site.

def builder_block(site):
    return soup(site, "for-clinics/").select_one("#dng-builder")


def test_the_builder_block_carries_the_builds_data(site):
    data = json.loads(builder_block(site)["data-dng-builder"])
    assert data["spec"] == json.loads(embedspec.spec_json())
    assert data["site"] == SITE_URL and data["root"] == "../"
    assert data["templates"]["loader"] == clinics.LOADER_TEMPLATE
    assert data["csp"] == clinics.csp_lines(SITE_URL)
    assert set(data["item_pages"].values()) <= set(PAGES.values())


def test_the_builders_script_is_on_the_for_clinics_page_only(site):
    pages = [path for path in site.rglob("*.html") if clinics.BUILDER_SCRIPT in path.read_text(encoding="utf-8")]
    assert pages == [html_path(site, "for-clinics/")]
    assert (site / clinics.BUILDER_SCRIPT).is_file()
    scripts = soup(site, "for-clinics/").select(f"script[src$='{clinics.BUILDER_SCRIPT}']")
    assert len(scripts) == 1 and scripts[0].has_attr("defer")


def test_without_scripts_the_written_steps_stand_in(site):
    page = soup(site, "for-clinics/")
    block = builder_block(site)
    assert block.get_text(strip=True) == ""  # the form is made by the script only
    note = page.select_one(".dng-builder-nojs")
    assert note is not None and note.find_previous("h2")["id"] == "builder"
    assert {a["href"] for a in note.select("a")} >= {"#loader", "#options"}


def test_the_page_starts_with_the_builder_and_keeps_its_ids(site):
    page = soup(site, "for-clinics/")
    headings = [h["id"] for h in page.select("article h2[id]")]
    assert headings[:3] == ["builder", "what-you-get", "examples"]
    assert {"wordpress", "wix", "squarespace", "plain-html", "your-csp"} <= set(headings)
    missing = [i for i in KEPT_IDS if page.find(id=i) is None]
    assert not missing


def test_the_pages_written_snippets_are_the_builders_shape(site):
    codes = [c.get_text() for c in soup(site, "for-clinics/").select("pre > code")]
    loader = next(c for c in codes if 'data-dng-section="side-effects"' in c and "data-dng-theme" not in c)
    assert loader.strip() == clinics.fill(
        clinics.LOADER_TEMPLATE,
        attributes=' data-dng-embed="safety" data-dng-section="side-effects"',
        url=f"{SITE_URL}safety/#side-effects", title="Is dry needling safe? Side effects and risks",
        loader=f"{SITE_URL}embed.js")


def test_live_examples_are_sandboxed_like_the_loaders_frames(site):
    frames = soup(site, "for-clinics/").select("iframe.dng-live-example__frame")
    assert len(frames) == 3
    for frame in frames:
        assert frame["referrerpolicy"] == "no-referrer" and frame["sandbox"] == embedspec.FRAME["sandbox"].split()


def test_code_blocks_get_the_themes_copy_button():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    features = config.split("\n  features:\n", 1)[1].split("\n  palette:", 1)[0]
    assert re.search(r"^ +- content\.code\.copy\b", features, re.M)
