"""One evidence scale and one set of figures: the badge sentence, natural frequencies, band
words, labels for other treatments, and the rules that refuse grades and numbers typed by hand."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from macros.content import evidencewords
from macros.content.datastore import load
from macros.content.markdown_scan import Line
from macros.content.models import Figure, band_of
from macros.errors import ContentError
from macros.render import evidence
from macros.render.context import RenderContext
from macros.render.markup import MarkdownConverter
from macros.render.sandbox import RenderEnvironment
from tests.support.pages import ROOT


@pytest.fixture(scope="module")
def data():
    return load(ROOT)


BUILD = SimpleNamespace(environment=RenderEnvironment(report=lambda problem: None), markdown=MarkdownConverter())


def ctx(data) -> RenderContext:
    return RenderContext(site=data, page_url="safety/", site_url="https://example.org/dng/", build=BUILD)


def figure(numerator: int, denominator: int, **fields: str) -> Figure:
    return Figure(key="test", what="a bruise", numerator=numerator, denominator=denominator,
                  counted=fields.get("counted", "treatments"), unit=fields.get("unit"),
                  intervention=fields.get("intervention", "dry-needling"), source="brady-2014", checked="abstract")


# --- the badge ----------------------------------------------------------------------------

def test_badge_is_one_plain_sentence_in_two_parts(data):
    html = evidence.certainty(ctx(data), "pain-short-term")
    text = " ".join(html.striptags().split())
    assert text == "Certainty: low. It may help a little for up to about 12 weeks. Our rating."
    assert 'href="../about/#how-we-rate-the-evidence"' in html


def test_badge_names_the_review_that_rated_it(data):
    question = data.evidence["neck-pain"].model_copy(update={"rated_by": "gattie-2017"})
    changed = dataclasses.replace(data, evidence={**data.evidence, "neck-pain": question})
    text = evidence.certainty(ctx(changed), "neck-pain").striptags()
    assert text.endswith("Rating by Gattie E et al. 2017.")


def test_unknown_question_suggests_the_key_and_the_file(data):
    with pytest.raises(ContentError) as err:
        evidence.certainty(ctx(data), "neck-pian")
    assert "did you mean 'neck-pain'" in err.value.problem("x.md").format()
    assert "evidence.yml" in err.value.problem("x.md").format()


def test_legend_lists_every_certainty_word_and_finding(data):
    html = evidence.evidence_legend(ctx(data))
    for level in data.scales.certainty:
        assert f"Certainty: {level.label}" in html
    for finding in data.scales.findings:
        assert finding.says in html


# --- figures --------------------------------------------------------------------------------

@pytest.mark.parametrize("numerator,denominator,expected", [
    (1463, 7629, "about 19 in every 100 treatments"),
    (20, 20464, "about 1 in every 1,000 treatments"),      # 0.98 in 1,000 still reads "about 1"
    (88, 10000, "about 9 in every 1,000 treatments"),
    (13, 10000, "about 13 in every 10,000 treatments"),    # not "1 in 1,000": rounding would lose a quarter
    (2, 229230, "about 9 in every 1 million treatments"),
    (1, 2000000, "about 5 in every 10 million treatments"),
    (16, 100, "about 16 in every 100 treatments"),         # always "about": sources round
    (0, 7629, "none of 7,629 treatments"),
])
def test_natural_frequency(numerator, denominator, expected):
    assert evidence.phrase(figure(numerator, denominator)) == expected


@pytest.mark.parametrize("rate,word", [
    (0.10, "very common"), (0.099, "common"), (0.01, "common"), (0.0099, "uncommon"),
    (0.001, "uncommon"), (0.0001, "rare"), (0.000099, "very rare"),
])
def test_band_boundaries_come_from_the_scale(data, rate, word):
    assert band_of(rate, data.bands).word == word


def test_figure_prints_band_word_and_flag(data):
    lung = evidence.figure(ctx(data), "witt-collapsed-lung").striptags()
    assert lung == "about 9 in every 1 million people (very rare; a figure for acupuncture, not dry needling)"
    mild = evidence.figure(ctx(data), "brady-mild").striptags()
    assert mild == "about 19 in every 100 treatments (very common)"


def test_shares_of_therapists_get_no_band_word(data):
    text = evidence.figure(ctx(data), "jenkins-saw-fainting").striptags()
    assert text == "about 13 in every 100 therapists"


def test_range_joins_figures_of_one_kind(data):
    text = evidence.figure_range(ctx(data), "boyce-bleeding", "brady-bleeding").striptags()
    assert text == "about 5 to 16 in every 100 treatments (common to very common)"
    with pytest.raises(ContentError):
        evidence.figure_range(ctx(data), "brady-mild", "jenkins-saw-fainting")


def test_page_reference_list_says_how_each_figure_was_checked(data):
    c = ctx(data)
    evidence.figure(c, "brady-mild")
    note = evidence.figures_note(c, "brady-2014").striptags()
    assert "A mild side effect: about 19 in every 100 treatments (1,463 of 7,629, checked against the abstract)" in note
    assert evidence.figures_note(c, "boyce-2020") == ""


def test_numerator_cannot_exceed_denominator():
    with pytest.raises(ValueError, match="smaller than the numerator 120"):
        figure(120, 100)


# --- the rules against grades and numbers typed by hand ------------------------------------

def problems(data, text: str) -> list[str]:
    return [p.message for p in evidencewords.check_lines("docs/x.md", [Line(1, text, text)], data)]


@pytest.mark.parametrize("text", [
    "The evidence is low.", "Certainty: moderate", "low-certainty evidence", "very low quality evidence",
    "there is moderate evidence that it helps",
])
def test_hand_written_grades_are_refused(data, text):
    assert any(m.startswith("certainty label written by hand") for m in problems(data, text)), text


@pytest.mark.parametrize("text", [
    "None of the studies was of high quality.", "Pain was low after a week.", 'The review gave it its lowest rating.',
    '{{ certainty("neck-pain") }}',
])
def test_ordinary_words_are_not_grades(data, text):
    assert problems(data, text) == []


@pytest.mark.parametrize("text", [
    "about 8 in every 100 treatments", "1 in 1,000", "twice in 31,822 visits", "3 out of 10 people", "5% of people",
    "8 in 1 million",
])
def test_typed_frequencies_are_refused(data, text):
    assert any(m.startswith("frequency typed into the text") for m in problems(data, text)), text


@pytest.mark.parametrize("text", [
    "Only 1 of its 8 trials was on migraine.", "pain from 0 to 10", "since 29 November 2024",
    "a review of 13 trials in 580 athletes", 'A bruise followed {{ figure("brady-bruise") }}.',
])
def test_counts_and_dates_are_not_frequencies(data, text):
    assert problems(data, text) == []


def test_band_word_must_match_the_figure(data):
    assert problems(data, 'A bruise is rare: {{ figure("brady-bruise") }}.') == [
        "'rare' beside a figure that is common"]
    assert problems(data, 'Bruises are common: {{ figure("brady-bruise") }}.') == []
    # A comparison is not a band claim, and another sentence is not this figure's.
    assert problems(data, 'The most common was bleeding, {{ figure("boyce-bleeding") }}. Harm is rare.') == []
