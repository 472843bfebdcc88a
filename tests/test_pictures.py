"""The drawings (macros/render/pictures.py): dots that count what the sentence says, needles to
scale, layers and places that the page's text states, and plain refusals for what cannot be drawn."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from macros import sanitise
from macros.content.datastore import load
from macros.content.models import Needle
from macros.errors import ContentError
from macros.render import evidence, pictures
from macros.render.context import RenderContext
from macros.render.markup import MarkdownConverter
from macros.render.sandbox import RenderEnvironment
from tests.support.pages import ROOT

SENTENCE = re.compile(r"about ([\d,]+) in every ([\d,]+) ")


@pytest.fixture(scope="module")
def data():
    return load(ROOT)


def new_ctx(data) -> RenderContext:
    build = SimpleNamespace(environment=RenderEnvironment(report=lambda problem: None),
                            markdown=MarkdownConverter(), trusted=sanitise.TrustedMarkup())
    return RenderContext(site=data, page_url="safety/", site_url="https://example.org/dng/", build=build)


def rendered(ctx: RenderContext, html: str) -> str:
    """The figure as the page gets it: the SVG put back in place of its placeholder."""
    return ctx.build.trusted.restore(str(html))


class Elements(HTMLParser):
    """Every start tag with its attributes, and the class of the group each one sits in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str], str]] = []
        self.groups: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.found.append((tag, values, self.groups[-1] if self.groups else ""))
        if tag == "g":
            self.groups.append(values.get("class", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "g" and self.groups:
            self.groups.pop()


def elements(html: str) -> list[tuple[str, dict[str, str], str]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def drawable(data) -> list[str]:
    keys = []
    for key, fig in data.figures.items():
        if fig.numerator and evidence.natural_frequency(fig)[1] in pictures.GRIDS:
            keys.append(key)
    return keys


# --- icon arrays --------------------------------------------------------------------------

def test_some_figures_can_be_drawn_and_some_cannot(data):
    keys = drawable(data)
    assert {"brady-mild", "boyce-major"} <= set(keys)
    assert len(keys) < len(data.figures)  # the rare ones and the zero are refused (below)


@pytest.mark.parametrize("key", ["brady-mild", "boyce-major", "boyce-mild", "brady-bruise", "cotchett-side-effects",
                                 "baumler-side-effects", "polish-collapsed-lung"])
def test_filled_dots_are_the_count_the_sentence_states(data, key):
    ctx = new_ctx(data)
    said = sanitise.text_of(str(evidence.figure(ctx, key)))
    count, out_of = (int(n.replace(",", "")) for n in SENTENCE.search(said).groups())
    html = rendered(ctx, pictures.icon_array(ctx, key))
    circles = [(attrs, group) for tag, attrs, group in elements(html) if tag == "circle"]
    hits = [c for c in circles if c[1] == "dng-pic__hit"]
    assert len(hits) == count
    assert len(circles) == out_of


def test_every_drawable_figure_draws_its_own_count(data):
    for key in drawable(data):
        ctx = new_ctx(data)
        html = rendered(ctx, pictures.icon_array(ctx, key))
        hits = sum(1 for tag, _, group in elements(html) if tag == "circle" and group == "dng-pic__hit")
        assert hits == evidence.natural_frequency(data.figures[key])[0], key


def test_text_equivalent_is_the_figure_sentence(data):
    ctx = new_ctx(data)
    said = sanitise.text_of(str(evidence.figure(ctx, "brady-mild")))
    html = rendered(ctx, pictures.icon_array(ctx, "brady-mild"))
    svg = next(attrs for tag, attrs, _ in elements(html) if tag == "svg")
    assert svg["role"] == "img"
    assert svg["aria-label"] == f"A mild side effect: {said}."
    assert said == "about 19 in every 100 treatments (very common)"
    caption = re.search(r"<figcaption[^>]*>(.*)</figcaption>", html, re.S).group(1)
    assert f"<strong>{svg['aria-label']}</strong>" in caption
    assert "19 filled dots, not in the other 81" in caption


def test_an_acupuncture_figure_keeps_its_flag_in_the_picture(data):
    ctx = new_ctx(data)
    html = rendered(ctx, pictures.icon_array(ctx, "baumler-side-effects"))
    label = next(attrs for tag, attrs, _ in elements(html) if tag == "svg")["aria-label"]
    assert "acupuncture" in label.lower() and data.interventions["acupuncture"].flag in label


def test_unknown_key_fails_with_a_plain_message(data):
    with pytest.raises(ContentError) as err:
        pictures.icon_array(new_ctx(data), "brady-mil")
    message = err.value.problem("docs/safety.md").format()
    assert "unknown figure 'brady-mil'" in message
    assert "did you mean 'brady-mild'" in message


@pytest.mark.parametrize("key, reason", [("brady-serious", "nothing to draw"),
                                         ("witt-collapsed-lung", "cannot show it"),
                                         ("baumler-serious", "cannot show it")])
def test_figures_a_grid_cannot_show_are_refused_naming_the_key(data, key, reason):
    with pytest.raises(ContentError) as err:
        pictures.icon_array(new_ctx(data), key)
    message = err.value.problem("docs/safety.md").format()
    assert f"icon_array('{key}')" in message and reason in message
    assert f'figure("{key}")' in message  # the suggestion: say it in words


# --- needles to scale ---------------------------------------------------------------------

def test_needles_are_drawn_to_one_scale(data):
    ctx = new_ctx(data)
    html = rendered(ctx, pictures.needle_sizes(ctx))
    needles = {n.key: n for n in data.pictures.needles}
    shafts = {a["data-needle"]: a for tag, a, _ in elements(html) if tag == "rect" and "data-needle" in a}
    ends = {a["data-needle"]: a for tag, a, _ in elements(html) if tag == "circle" and "data-needle" in a}
    assert set(shafts) == set(ends) == set(needles)
    first = needles[next(iter(needles))]
    for key, needle in needles.items():
        drawn = shafts[key]
        # Thickness to thickness, length to length, and thickness to length: one scale for all.
        assert float(drawn["height"]) / float(shafts[first.key]["height"]) == pytest.approx(
            needle.diameter_mm / first.diameter_mm, rel=1e-3)
        assert float(drawn["width"]) / float(shafts[first.key]["width"]) == pytest.approx(
            needle.length_mm / first.length_mm, rel=1e-3)
        assert float(drawn["width"]) / float(drawn["height"]) == pytest.approx(
            needle.length_mm / needle.diameter_mm, rel=1e-3)
        assert float(ends[key]["r"]) / float(ends[first.key]["r"]) == pytest.approx(
            needle.diameter_mm / first.diameter_mm, rel=1e-3)


def test_hypodermic_needle_is_thicker_than_the_dry_needles_and_cited(data):
    needles = {n.key: n for n in data.pictures.needles}
    hollow = [n for n in needles.values() if n.hollow]
    solid = [n for n in needles.values() if not n.hollow]
    assert hollow and solid
    assert min(h.diameter_mm for h in hollow) > 2 * max(s.diameter_mm for s in solid)  # "more than twice"
    ctx = new_ctx(data)
    pictures.needle_sizes(ctx)
    assert {s for n in needles.values() for s in n.sources} <= set(ctx.cited)


def test_a_bore_wider_than_its_needle_is_refused():
    with pytest.raises(ValidationError, match="not smaller than the needle's diameter"):
        Needle(key="x", name="x", hollow=True, diameter_mm=0.3, bore_mm=0.4, length_mm=30,
               sources=["brady-2014"], how_read="x")


# --- layers and the collapsed-lung map ----------------------------------------------------

def test_every_drawn_layer_is_named_in_the_page_text(data):
    page = (ROOT / "docs" / "what-is-dry-needling.md").read_text(encoding="utf-8")
    section = page.split("{#deep-and-superficial}", 1)[1].split("{{ needle_layers() }}", 1)[0]
    for layer in data.pictures.layers:
        assert layer.name in section, layer.key
    ctx = new_ctx(data)
    html = rendered(ctx, pictures.needle_layers(ctx))
    drawn = [a["data-layer"] for tag, a, _ in elements(html) if tag == "rect" and "data-layer" in a]
    assert drawn == [layer.key for layer in data.pictures.layers]


def test_lung_map_marks_each_region_and_lists_each_report_with_its_source(data):
    ctx = new_ctx(data)
    html = rendered(ctx, pictures.collapsed_lung_map(ctx))
    regions = {a["data-region"] for tag, a, _ in elements(html) if tag == "ellipse"}
    assert regions == {r for site in data.pictures.lung_sites for r in site.regions}
    caption = re.search(r"<figcaption[^>]*>(.*)</figcaption>", html, re.S).group(1)
    assert caption.count("<li>") == len(data.pictures.lung_sites)
    for site in data.pictures.lung_sites:
        for source in site.sources:
            assert f'href="#ref-{source}"' in caption
    label = next(attrs for tag, attrs, _ in elements(html) if tag == "svg")["aria-label"]
    assert "upper back" in label and "shoulder" in label and "chest" in label


def test_lung_map_sources_are_the_reports_the_page_cites(data):
    page = (ROOT / "docs" / "safety.md").read_text(encoding="utf-8")
    section = page.split("{#pneumothorax}", 1)[1].split("\n## ", 1)[0]
    for site in data.pictures.lung_sites:
        for source in site.sources:
            assert f'"{source}"' in section, source


# --- every picture ------------------------------------------------------------------------

def all_pictures(data) -> list[str]:
    ctx = new_ctx(data)
    made = [pictures.icon_array(ctx, "brady-mild"), pictures.icon_array(ctx, "boyce-major"),
            pictures.needle_sizes(ctx), pictures.needle_layers(ctx), pictures.collapsed_lung_map(ctx)]
    return [rendered(ctx, html) for html in made]


def test_pictures_are_inline_svg_with_no_style_and_no_outside_file(data):
    for html in all_pictures(data):
        assert "<svg" in html and 'role="img"' in html
        assert "style=" not in html and "<style" not in html
        assert not re.search(r'\b(?:href|src)="(?:https?:)?//', html)
        assert "<image" not in html and "<use" not in html
        # The caption says it all in words: the drawing's own labels stay out of the search index.
        assert "data-search-exclude" in re.search(r"<svg[^>]*>", html).group(0)


def test_pictures_fit_a_phone_column(data):
    for html in all_pictures(data):
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', html).group(1))
        assert width <= 358, width  # drawn at most 1:1 on a 358 px column; CSS scales it down
