"""Grades and frequencies come from data: the words that would bypass it are refused.

A certainty label typed by hand ("low-quality evidence", "Certainty: low") could
disagree with the graded question it describes; a frequency typed by hand ("about
8 in every 100") has no record of its count, its source or how it was checked.
Both are refused in pages and in data text, and a band word ("rare") in a sentence
whose figure is in another band is refused too. The build and `make check` both
apply these rules when the Site loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from macros.content import datafiles
from macros.content.datastore import SiteData
from macros.content.markdown_scan import Line, prose_lines
from macros.content.models import BANDED, band_of, markdown_fields
from macros.content.sourcepages import SourcePage
from macros.errors import Problem

_LEVEL = r"(?:high|moderate|low|very[ -]low)"
# Ways of writing a certainty level without the certainty() macro.
HAND_GRADES = (
    re.compile(rf"\b{_LEVEL}[ -](?:certainty|quality evidence)\b", re.I),
    re.compile(rf"\b{_LEVEL}\s+evidence\b", re.I),
    re.compile(rf"\b(?:certainty|evidence)(?: of (?:the )?evidence)?\s*(?:is|was|:)\s*{_LEVEL}\b", re.I),
)
_NUMBER_WORDS = "once|twice|one|two|three|four|five|six|seven|eight|nine|ten"
# "8 in 100", "about 1 in every 1,000", "twice in 31,822", "3 out of 10".
TYPED_FREQUENCY = re.compile(
    rf"(?<![\w.,])(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS})\s+(?:in|out of)\s+(?:every\s+)?\d[\d,]*(?:\s+million)?\b"
    r"|\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)|\bper\s+(?:million|\d[\d,]*)\b", re.I)
FIGURE_CALL = re.compile(r"""\bfigure(?:_range)?\(\s*["']([^"']+)["'](?:\s*,\s*["']([^"']+)["'])?""")
MACRO_CALL = re.compile(r"\{\{.*?\}\}")
# A band word used as a comparison ("the most common", "more common") is not a claim about a figure.
_NOT_A_BAND = re.compile(r"\b(?:most|more|less|least)\s+$", re.I)
# Data text that describes what a source itself reports is not a page statement.
EXEMPT_FIELDS = {("references", "shows"), ("claims", "claim")}  # a claim statement quotes the claim checked


def _hand_grade(path: str, line: Line) -> Iterator[Problem]:
    for pattern in HAND_GRADES:
        for match in pattern.finditer(line.text):
            yield Problem(path, line.number, f"certainty label written by hand: '{match.group(0)}'",
                          "show a graded question with {{ certainty(\"question-key\") }} (keys in "
                          f"{datafiles.display_path('evidence')}); to report a source's own rating, "
                          "say it in words, e.g. 'the review gave it its lowest rating'")


def _typed_frequency(path: str, line: Line, data: SiteData) -> Iterator[Problem]:
    text = MACRO_CALL.sub(lambda m: " " * len(m.group(0)), line.text)
    for match in TYPED_FREQUENCY.finditer(text):
        cited = re.findall(r"""cite\(([^)]*)\)""", line.text)
        keys = {k.strip(" \"'") for group in cited for k in group.split(",")}
        flagged = sorted({f.key for f in data.figures.values() if f.source in keys
                          and data.interventions[f.intervention].flag})
        hint = (f"take it from {datafiles.display_path('figures')} with {{{{ figure(\"key\") }}}}, which adds the band "
                "word and how it was checked; add the figure there first if it is new")
        if flagged:
            hint += (f". The source cited here has figures about another treatment ({', '.join(flagged)}): "
                     "figure() prints their label, so they cannot read as dry-needling figures")
        yield Problem(path, line.number, f"frequency typed into the text: '{match.group(0)}'", hint)


def _sentences(text: str) -> Iterator[str]:
    yield from re.split(r"(?<=[.!?])\s+", text)


def _band_words(data: SiteData) -> re.Pattern[str]:
    """Any band word, longest first ("very common" before "common")."""
    words = sorted((b.word for b in data.bands), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _band_mismatch(path: str, line: Line, data: SiteData, band_word: re.Pattern[str]) -> Iterator[Problem]:
    for sentence in _sentences(line.text):
        called = [k for m in FIGURE_CALL.finditer(sentence) for k in m.groups() if k]
        figures = [data.figures[k] for k in called if k in data.figures]
        figures = [f for f in figures if f.numerator and f.counted in BANDED]
        if not figures:
            continue
        bands = {band_of(f.rate, data.bands).word for f in figures}
        prose = MACRO_CALL.sub(lambda m: " " * len(m.group(0)), sentence)
        for match in band_word.finditer(prose):
            if _NOT_A_BAND.search(prose[:match.start()]) or match.group(1).lower() in bands:
                continue
            yield Problem(path, line.number,
                          f"'{match.group(1)}' beside a figure that is {' / '.join(sorted(bands))}",
                          f"the bands are defined in {datafiles.display_path('scales')}: figure() prints the "
                          "right word itself, so drop the word or use the figure's own band")


def check_lines(path: str, lines: Iterable[Line], data: SiteData) -> list[Problem]:
    problems: list[Problem] = []
    band_word = _band_words(data)
    for line in lines:
        problems += _hand_grade(path, line)
        problems += _typed_frequency(path, line, data)
        problems += _band_mismatch(path, line, data, band_word)
    return problems


def check(pages: Iterable[SourcePage], data: SiteData) -> list[Problem]:
    """Every page's prose and every data text, outside code."""
    problems: list[Problem] = []
    for page in pages:
        if not page.problems:
            problems += check_lines(page.path, prose_lines(page.body, page.body_offset), data)
    for kind, item in data.text_entries():
        for name, text in markdown_fields(item):
            if (kind, name) in EXEMPT_FIELDS:
                continue
            # The line inside a folded text, as the checker's other line checks report it.
            origin = data.text_origin(kind, item.key, name)
            problems += check_lines(origin.path, origin.text_lines(text), data)
    return problems
