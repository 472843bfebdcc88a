"""Pictures where numbers are hard: inline SVG drawn by the build from data, never a file.

Four drawings, each a <figure> whose caption says in words everything the drawing shows:

- `icon_array(key)`: "N in 100" or "N in 1,000" dots for a figures.yml entry, counted by the
  same natural-frequency rule as `figure(key)` (macros/render/evidence.py), so the dots and
  the sentence cannot disagree;
- `needle_sizes()`: the needles of pictures.yml side by side, to one scale;
- `needle_layers()`: the layers of pictures.yml, outermost first (a diagram, not to scale);
- `collapsed_lung_map()`: where collapsed lungs were reported (pictures.yml `lung_sites`).

The SVG carries no `style` attribute (the site's CSP refuses inline styles): its colours
come from classes in site.css, which read the theme's colour variables in light and dark
and turn black on white in print. The SVG is built from validated data only, so it passes
the output allow-list as trusted markup (macros/sanitise.py); the caption does not need to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup

from macros import sanitise
from macros.content.models import BodyRegion, Needle
from macros.errors import ContentError
from macros.render import evidence
from macros.render.context import RenderContext
from macros.render.inline import cite

# The grids an icon array may draw: a count shown on a larger grid would be a dot or less.
GRIDS = (100, 1_000)
# Layout of each grid: dots per row and per column of a block, blocks across, dot pitch, radius.
_GRID_LAYOUT = {
    100: (10, 1, 24, 9.0),    # one block of 10 x 10: large dots
    1_000: (10, 5, 6, 2.9),   # ten blocks of 10 x 10, five across: each block is one hundred
}
# On the 1,000 grid the empty dots are drawn small, so one filled dot stands out among 999.
_SMALL_MISS = {1_000: 1.4}
_BLOCK_GAP = 8
# "Each dot stands for one person": the singular of a figure's unit, where dropping the "s" is wrong.
_SINGULAR = {"people": "person", "adults": "adult"}

# Needle drawing: the drawn length of the longest needle, in SVG units (the width fits 358 px).
_NEEDLE_SPAN = 300.0
_MARGIN = 16.0
# The ends of the needles, enlarged: SVG units per millimetre (one scale for every end).
_END_SCALE = 60.0


def _svg(view_width: float, view_height: float, label: str, body: Iterable[str], kind: str) -> str:
    """One SVG element: scales to its column (width 100%), its words in aria-label."""
    return (f'<svg class="dng-pic__svg dng-pic__svg--{kind}" viewBox="0 0 {view_width:g} {view_height:g}" '
            f'role="img" aria-label="{Markup.escape(label)}" focusable="false" data-search-exclude '
            'xmlns="http://www.w3.org/2000/svg">'
            + "".join(body) + "</svg>")


def _figure(ctx: RenderContext, kind: str, svg: str, caption: Markup) -> Markup:
    """The <figure>: the SVG as trusted markup, then the caption that says the same in words."""
    return Markup('\n\n<figure class="dng-pic dng-pic--{}">{}<figcaption class="dng-pic__caption">{}</figcaption>'
                  "</figure>\n\n").format(kind, Markup(ctx.build.trusted.add(svg)), caption)


def _text(x: float, y: float, words: str, cls: str = "dng-pic__label", anchor: str = "start") -> str:
    return (f'<text class="{cls}" x="{x:g}" y="{y:g}" text-anchor="{anchor}">'
            f"{Markup.escape(words)}</text>")


# --- Icon arrays --------------------------------------------------------------------------

def drawable_count(ctx: RenderContext, key: str) -> tuple[int, int]:
    """(filled dots, grid size) for a figure, by the rule `figure(key)` states it with.

    Refused, with a plain message, when a grid of 100 or 1,000 cannot show the figure honestly."""
    # The sentence `figure(key)` prints; for an unknown key, its message with a suggestion.
    said = sanitise.text_of(str(evidence.figure(ctx, key)))
    fig = ctx.site.figures[key]
    if fig.numerator == 0:
        raise ContentError(f"icon_array('{key}'): the figure is '{said}', so there is nothing to draw",
                           f'state it in words with {{{{ figure("{key}") }}}} instead')
    count, grid = evidence.natural_frequency(fig)
    if grid not in GRIDS:
        raise ContentError(
            f"icon_array('{key}'): the figure is '{said}', and a grid of 100 or 1,000 dots cannot show it"
            " (it would be less than one dot)",
            f'state it in words with {{{{ figure("{key}") }}}} instead')
    return count, grid


def _dots(filled: int, grid: int) -> list[str]:
    per_row, blocks_across, pitch, radius = _GRID_LAYOUT[grid]
    block = per_row * pitch
    hits: list[str] = []
    misses: list[str] = []
    for index in range(grid):
        block_index, inside = divmod(index, per_row * per_row)
        row, column = divmod(inside, per_row)
        block_row, block_column = divmod(block_index, blocks_across)
        cx = block_column * (block + _BLOCK_GAP) + column * pitch + pitch / 2
        cy = block_row * (block + _BLOCK_GAP) + row * pitch + pitch / 2
        r = radius if index < filled else _SMALL_MISS.get(grid, radius)
        (hits if index < filled else misses).append(f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}"/>')
    return ['<g class="dng-pic__hit">', *hits, '</g><g class="dng-pic__miss">', *misses, "</g>"]


def icon_array(ctx: RenderContext, key: str) -> Markup:
    """A figure of figures.yml as dots: filled ones for those it happened to, out of 100 or 1,000."""
    filled, grid = drawable_count(ctx, key)
    fig = ctx.site.figures[key]
    said = sanitise.text_of(str(evidence.figure(ctx, key)))  # the very words the page's sentence prints
    sentence = f"{fig.what[0].upper()}{fig.what[1:]}: {said}."
    per_row, blocks_across, pitch, _ = _GRID_LAYOUT[grid]
    blocks_down = grid // (per_row * per_row) // blocks_across
    block = per_row * pitch
    width = blocks_across * block + (blocks_across - 1) * _BLOCK_GAP
    height = blocks_down * block + (blocks_down - 1) * _BLOCK_GAP
    svg = _svg(width, height, sentence, _dots(filled, grid), "icons")
    unit = evidence.unit_of(fig)
    one = _SINGULAR.get(unit, unit.removesuffix("s"))
    caption = Markup("<strong>{}</strong> Each dot stands for one {}. It happened in the {} {}, not in the other {} {}.").format(
        sentence, one, evidence.count_words(filled), "filled dot" if filled == 1 else "filled dots",
        evidence.count_words(grid - filled), cite(ctx, fig.source))
    return _figure(ctx, f"icons dng-pic--per-{grid}", svg, caption)


# --- Needles, to scale --------------------------------------------------------------------

def _mm(value: float) -> str:
    """0.7176 -> "0.72"; 40.0 -> "40"; 38.1 -> "38.1"."""
    return f"{round(value, 2):g}"


def needle_scale(needles: Sequence[Needle]) -> float:
    """SVG units per millimetre: the longest needle spans the drawing. One scale for every needle."""
    return _NEEDLE_SPAN / max(n.length_mm for n in needles)


def _needle_rows(needles: Sequence[Needle], scale: float) -> tuple[list[str], float]:
    body: list[str] = []
    y = 18.0
    for needle in needles:
        body.append(_text(_MARGIN, y, f"{needle.name}: {_mm(needle.diameter_mm)} × {_mm(needle.length_mm)} mm"))
        thick = needle.diameter_mm * scale
        top = y + 8
        body.append(f'<rect class="dng-pic__shaft" data-needle="{needle.key}" x="{_MARGIN:g}" y="{top:g}" '
                    f'width="{needle.length_mm * scale:g}" height="{thick:g}"/>')
        y = top + thick + 26
    return body, y


def _needle_ends(needles: Sequence[Needle], top: float) -> tuple[list[str], float]:
    body = [_text(_MARGIN, top, "The ends, enlarged (all at one scale):")]
    largest = max(n.diameter_mm for n in needles) * _END_SCALE
    centre_y = top + 12 + largest / 2
    x = _MARGIN
    for needle in needles:
        radius = needle.diameter_mm * _END_SCALE / 2
        cx = x + largest / 2
        body.append(f'<circle class="dng-pic__end" data-needle="{needle.key}" cx="{cx:g}" cy="{centre_y:g}" '
                    f'r="{radius:g}"/>')
        if needle.bore_mm:
            body.append(f'<circle class="dng-pic__bore" cx="{cx:g}" cy="{centre_y:g}" '
                        f'r="{needle.bore_mm * _END_SCALE / 2:g}"/>')
        body.append(_text(cx, centre_y + largest / 2 + 16, f"{_mm(needle.diameter_mm)} mm", anchor="middle"))
        x += largest + 40
    return body, centre_y + largest / 2 + 24


def needle_sizes(ctx: RenderContext) -> Markup:
    """The needles of pictures.yml, side by side: lengths and thicknesses to one scale."""
    needles = ctx.site.pictures.needles
    scale = needle_scale(needles)
    rows, bottom = _needle_rows(needles, scale)
    ends, height = _needle_ends(needles, bottom)
    words = "; ".join(
        f"{n.name}, {_mm(n.diameter_mm)} mm thick and {_mm(n.length_mm)} mm long"
        + (", with a hole through it" if n.hollow else ", solid") for n in needles)
    label = f"The needles drawn to scale: {words}."
    svg = _svg(_NEEDLE_SPAN + 2 * _MARGIN, height, label, [*rows, *ends], "needles")
    items = Markup("").join(
        Markup("<li>{}: {} mm thick, {} mm long, {} ({}) {}</li>").format(
            n.name[0].upper() + n.name[1:], _mm(n.diameter_mm), _mm(n.length_mm),
            "hollow" if n.hollow else "solid", n.how_read, cite(ctx, *n.sources))
        for n in needles)
    caption = Markup("<strong>Needles drawn to scale.</strong> Lengths and thicknesses share one scale;"
                     " the circles show the ends, enlarged.<ul>{}</ul>").format(items)
    return _figure(ctx, "needles", svg, caption)


# --- Layers a needle passes through (a diagram, not to scale) -----------------------------

_LAYER_HEIGHT = {"skin": 16.0, "fascia": 10.0, "muscle": 70.0}
_OTHER_LAYER_HEIGHT = 18.0
_GAP_BEFORE_CONDITIONAL = 18.0


def needle_layers(ctx: RenderContext) -> Markup:
    """The layers of pictures.yml, outermost first, with a shallow and a deep needle."""
    layers = ctx.site.pictures.layers
    body: list[str] = []
    band_right, label_x, y = 190.0, 200.0, 30.0
    tops: dict[str, float] = {}
    for index, layer in enumerate(layers):
        if layer.where:
            y += _GAP_BEFORE_CONDITIONAL
            body.append(f'<line class="dng-pic__rule" x1="{_MARGIN:g}" y1="{y - 9:g}" x2="{band_right:g}" '
                        f'y2="{y - 9:g}"/>')
        height = _LAYER_HEIGHT.get(layer.key, _OTHER_LAYER_HEIGHT)
        tops[layer.key] = y
        body.append(f'<rect class="dng-pic__layer dng-pic__layer--{index % 4}" data-layer="{layer.key}" '
                    f'x="{_MARGIN:g}" y="{y:g}" width="{band_right - _MARGIN:g}" height="{height:g}"/>')
        body.append(_text(label_x, y + min(height, 24) / 2 + 5, layer.name))
        y += height
        if layer.where:  # under the band: the label column is too narrow for it on a phone
            y += 16
            body.append(_text(_MARGIN, y, f"({layer.where})", "dng-pic__label dng-pic__label--small"))
    muscle_top = tops.get("muscle", 30.0)
    for x, depth, words, anchor in ((90.0, muscle_top - 6, "superficial", "end"),
                                    (140.0, muscle_top + 40, "deep", "start")):
        body.append(f'<line class="dng-pic__needle" x1="{x:g}" y1="6" x2="{x:g}" y2="{depth:g}"/>')
        body.append(_text(x - 6 if anchor == "end" else x + 6, 16, words, anchor=anchor))
    height = y + 10
    names = ", then ".join(layer.name + (f" ({layer.where})" if layer.where else "") for layer in layers)
    label = (f"A diagram, not to scale, of the layers a needle goes through: {names}. "
             "In superficial dry needling the needle stops above the muscle; in deep dry needling it goes into it.")
    svg = _svg(band_right + 150, height, label, body, "layers")
    caption = Markup("<strong>The layers a needle goes through</strong> (a diagram, not to scale): {}."
                     " In superficial dry needling the needle stops above the muscle; in deep dry needling it goes into it.").format(names)
    return _figure(ctx, "layers", svg, caption)


# --- Where collapsed lungs were reported --------------------------------------------------

# Outlines of a person seen from the front and from the back, in a 340 x 230 drawing.
_FRONT_X, _BACK_X = 90.0, 250.0
_REGION_WORDS: dict[BodyRegion, str] = {"chest": "chest", "shoulder": "shoulder", "upper-back": "upper back"}


def _person(cx: float, title: str) -> list[str]:
    return [
        f'<circle class="dng-pic__body" cx="{cx:g}" cy="38" r="18"/>',
        f'<rect class="dng-pic__body" x="{cx - 7:g}" y="54" width="14" height="12"/>',
        f'<path class="dng-pic__body" d="M{cx - 44:g} 76 Q{cx - 44:g} 64 {cx - 30:g} 64 L{cx + 30:g} 64 '
        f'Q{cx + 44:g} 64 {cx + 44:g} 76 L{cx + 40:g} 190 L{cx - 40:g} 190 Z"/>',
        f'<path class="dng-pic__body" d="M{cx - 44:g} 76 L{cx - 58:g} 160 L{cx - 48:g} 162 L{cx - 38:g} 100 Z"/>',
        f'<path class="dng-pic__body" d="M{cx + 44:g} 76 L{cx + 58:g} 160 L{cx + 48:g} 162 L{cx + 38:g} 100 Z"/>',
        _text(cx, 214, title, anchor="middle"),
    ]


# Each region: which view it is on, its marked area (an ellipse) and where its numbers go.
_REGIONS: dict[BodyRegion, tuple[float, float, float, float]] = {
    "chest": (_FRONT_X, 95.0, 30.0, 20.0),
    "shoulder": (_BACK_X + 34, 72.0, 12.0, 9.0),
    "upper-back": (_BACK_X, 100.0, 18.0, 22.0),
}


def collapsed_lung_map(ctx: RenderContext) -> Markup:
    """Body outlines, front and back, with the places collapsed lungs were reported after needling."""
    sites = ctx.site.pictures.lung_sites
    numbers: dict[BodyRegion, list[int]] = {}
    for number, site in enumerate(sites, start=1):
        for region in site.regions:
            numbers.setdefault(region, []).append(number)
    body = [*_person(_FRONT_X, "Front"), *_person(_BACK_X, "Back")]
    for region, marked in numbers.items():
        cx, cy, rx, ry = _REGIONS[region]
        body.append(f'<ellipse class="dng-pic__mark" data-region="{region}" cx="{cx:g}" cy="{cy:g}" '
                    f'rx="{rx:g}" ry="{ry:g}"/>')
        body.append(_text(cx, cy + 5, ", ".join(str(n) for n in marked), "dng-pic__label dng-pic__number",
                          "middle"))
    drawn = [f"the {_REGION_WORDS[r]} ({', '.join(str(n) for n in numbers[r])})" for r in _REGIONS if r in numbers]
    label = ("Body map of where collapsed lungs were reported after needling: "
             + ", ".join(drawn) + ". The numbers match the list below.")
    svg = _svg(340, 230, label, body, "lungmap")
    items = Markup("").join(
        Markup("<li>{}{} {}</li>").format(site.place[0].upper() + site.place[1:],
                                          Markup(" ({})").format(site.flag) if site.flag else "",
                                          cite(ctx, *site.sources))
        for site in sites)
    caption = Markup("<strong>Where collapsed lungs have been reported after needling.</strong>"
                     " The numbers on the drawing match this list:<ol>{}</ol>").format(items)
    return _figure(ctx, "lungmap", svg, caption)
