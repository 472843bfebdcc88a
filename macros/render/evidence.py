"""Certainty badges, the scales' legends, and stated frequencies: all from data, never typed.

A graded question (evidence.yml) is shown only by `certainty(key)`, so two pages
cannot grade it differently. A frequency (figures.yml) is shown only by
`figure(key)`, which prints the natural frequency with its band word and, for a
figure about another treatment, that treatment's flag.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from markupsafe import Markup

from macros.content import datafiles, urls
from macros.content.models import BANDED, RATED_BY_US, Figure, band_of
from macros.errors import ContentError, did_you_mean, or_add_new
from macros.render.context import RenderContext

T = TypeVar("T")

# Denominators a natural frequency may use, smallest first: "about 9 in every 1,000".
PER = (100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000)
# A rate this close below 1 in PER still reads "about 1 in PER" (20 in 20,464: about 1 in 1,000).
_ROUND_UP_FROM = 0.95
# ...but not if rounding moves the count by more than this share (13 in 10,000 is not "1 in 1,000").
_MAX_ROUNDING = 0.2


def per(rate: float) -> int:
    """The smallest denominator that shows `rate` as a count of about 1 or more, rounded by at most a fifth."""
    for n in PER:
        scaled = rate * n
        if scaled >= _ROUND_UP_FROM and abs(round(scaled) - scaled) <= _MAX_ROUNDING * scaled:
            return n
    return PER[-1]


def count_words(number: int) -> str:
    """1000 -> "1,000"; 1000000 -> "1 million"."""
    if number >= 1_000_000 and number % 1_000_000 == 0:
        return f"{number // 1_000_000:,} million"
    return f"{number:,}"


def _count(figure: Figure, denominator: int) -> int:
    """The figure's count out of `denominator`, rounded."""
    return round(figure.numerator * denominator / figure.denominator)


def _unit(figure: Figure) -> str:
    return figure.unit or figure.counted


unit_of = _unit  # public: the icon arrays (macros/render/pictures.py) name the same unit


def natural_frequency(figure: Figure) -> tuple[int, int]:
    """(count, out of): the numbers `phrase` states, e.g. (19, 100). The icon arrays draw these."""
    denominator = per(figure.rate)
    return _count(figure, denominator), denominator


def phrase(figure: Figure) -> str:
    """"about 19 in every 100 treatments" (or "none of 7,629 treatments")."""
    if figure.numerator == 0:
        return f"none of {figure.denominator:,} {_unit(figure)}"
    # Always "about": most counts are rounded, and many sources give only a rounded percentage.
    count, denominator = natural_frequency(figure)
    return f"about {count_words(count)} in every {count_words(denominator)} {_unit(figure)}"


def _entry(table: Mapping[str, T], key: str, what: str, kind: str, purpose: str) -> T:
    """The data entry `key`, or an error that suggests a key and says where a new one goes."""
    found = table.get(key)
    if found is None:
        raise ContentError(f"unknown {what} '{key}'", or_add_new(
            did_you_mean(key, table, datafiles.display_path(kind)), f"to {purpose}, add it to {datafiles.file_name(kind)} first"))
    return found


def _figure(ctx: RenderContext, key: str) -> Figure:
    found = _entry(ctx.site.figures, key, "figure", "figures", "state a new frequency")
    if key not in ctx.figures_used:
        ctx.figures_used.append(key)
    return found


def _label(ctx: RenderContext, words: str, figure: Figure) -> Markup:
    flag = ctx.site.interventions[figure.intervention].flag
    parts = [part for part in (words if figure.counted in BANDED else "", flag) if part]
    if not parts:
        return Markup("")
    return Markup(' <span class="dng-figure__band">({})</span>').format("; ".join(parts))


def figure(ctx: RenderContext, key: str) -> Markup:
    """One frequency from figures.yml, with its band word ("very common") and any flag."""
    fig = _figure(ctx, key)
    words = band_of(fig.rate, ctx.site.bands).word if fig.numerator else ""
    return Markup('<span class="dng-figure" data-figure="{}">{}{}</span>').format(key, phrase(fig),
                                                                                 _label(ctx, words, fig))


# How a figure's numbers were checked, as the reference lists say it.
CHECKED_WORDS = {
    "full-text": "checked against the full text",
    "abstract": "checked against the abstract",
    "secondary": "taken from a secondary source, not checked against the original",
}


def figures_note(ctx: RenderContext, source: str) -> Markup:
    """Beside a source in a page's reference list: the figures this output took from it, and how each was checked."""
    used = [ctx.site.figures[k] for k in ctx.figures_used if ctx.site.figures[k].source == source]
    if not used:
        return Markup("")
    items = Markup("; ").join(
        Markup("{}: {} ({}, {})").format(f.what[0].upper() + f.what[1:], phrase(f),
                                         f.note or f"{f.numerator:,} of {f.denominator:,}", CHECKED_WORDS[f.checked])
        for f in used)
    return Markup('<br><span class="dng-ref__figures">Figures from this source: {}.</span>').format(items)


def figure_range(ctx: RenderContext, low: str, high: str) -> Markup:
    """Two frequencies of the same kind as one range: "about 5 to 16 in every 100 treatments"."""
    first, second = _figure(ctx, low), _figure(ctx, high)
    if (_unit(first), first.intervention) != (_unit(second), second.intervention):
        raise ContentError(f"figures '{low}' and '{high}' count different things",
                           "a range joins two figures that count the same thing for the same treatment;"
                           " write two figure() calls instead")
    if first.rate > second.rate:
        first, second = second, first
    denominator = per(first.rate)
    words = [band_of(f.rate, ctx.site.bands).word for f in (first, second)]
    band = words[0] if words[0] == words[1] else f"{words[0]} to {words[1]}"
    text = (f"about {count_words(_count(first, denominator))} to {count_words(_count(second, denominator))}"
            f" in every {count_words(denominator)} {_unit(first)}")
    return Markup('<span class="dng-figure" data-figure="{} {}">{}{}</span>').format(
        first.key, second.key, text, _label(ctx, band, first))


def certainty(ctx: RenderContext, key: str) -> Markup:
    """A graded question's badge, one plain sentence: "Certainty: low. It may help a little for a few weeks."."""
    question = _entry(ctx.site.evidence, key, "graded question", "evidence", "grade a new question")
    level = ctx.site.certainty[question.certainty]
    finding = ctx.site.findings[question.finding]
    said = f"{finding.says} {question.timeframe}" if question.timeframe else finding.says
    if question.rated_by == RATED_BY_US:
        rater = "Our rating."
    else:
        rater = f"Rating by {ctx.site.references[question.rated_by].short}."
    return Markup(
        '<span class="dng-evidence dng-evidence--{key}" data-question="{question}">'
        '<a class="dng-evidence__certainty" href="{href}">Certainty: {label}.</a> '
        '{said}. <span class="dng-evidence__rater">{rater}</span></span>'
    ).format(key=level.key, question=question.key, href=ctx.href(urls.ABOUT, urls.EVIDENCE_SCALE),
             label=level.label, said=said, rater=rater)


def evidence_legend(ctx: RenderContext) -> Markup:
    """What each certainty word and each finding means (scales.yml)."""
    levels = Markup("").join(
        Markup('<dt><span class="dng-evidence dng-evidence--{}"><span class="dng-evidence__certainty">Certainty: {}</span></span></dt><dd>{}</dd>')
        .format(c.key, c.label, c.meaning) for c in ctx.site.scales.certainty)
    findings = Markup("").join(
        Markup("<dt>{}</dt><dd>{}</dd>").format(f.says, f.meaning) for f in ctx.site.scales.findings)
    return Markup(
        '\n\n<div class="dng-legend"><p><strong>How sure we are</strong> (certainty of the evidence):</p>'
        '<dl class="dng-legend__list">{}</dl>'
        '<p><strong>What the studies found</strong>:</p><dl class="dng-legend__list">{}</dl></div>\n\n'
    ).format(levels, findings)


def frequency_scale(ctx: RenderContext) -> Markup:
    """What "very common", "common", ... "very rare" mean on this site, as a list."""
    bands = ctx.site.bands
    items = []
    for index, band in enumerate(bands):
        above = bands[index - 1].from_one_in if index else None
        if band.from_one_in is None:
            rule = f"fewer than 1 in every {count_words(above or 1)}"
        elif above is None:
            rule = f"1 in every {count_words(band.from_one_in)} or more"
        else:
            rule = f"between 1 in every {count_words(band.from_one_in)} and 1 in every {count_words(above)}"
        items.append(Markup("<li><strong>{}</strong>: {}</li>").format(band.word.capitalize(), rule))
    return Markup('\n\n<ul class="dng-bands">{}</ul>\n\n').format(Markup("").join(items))
