"""National guideline recommendations (guidance.yml): loading, its errors, and the rendered quotation."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.check import readability
from macros.content import datafiles
from macros.content.datastore import load
from macros.errors import ContentError
from macros.render import guidance
from macros.render.context import RenderContext
from macros.render.markup import MarkdownConverter
from macros.render.sandbox import RenderEnvironment
from tests.support.dataedits import problems_after_edit
from tests.support.pages import ROOT

BUILD = SimpleNamespace(environment=RenderEnvironment(report=lambda problem: None), markdown=MarkdownConverter())


@pytest.fixture(scope="module")
def data():
    return load(ROOT)


def ctx(data) -> RenderContext:
    return RenderContext(site=data, page_url="benefits/", site_url="https://example.org/dng/", build=BUILD)


def load_with(tmp_path: Path, old: str, new: str) -> list[str]:
    """Load the project's data with one edit to guidance.yml; the problems, formatted."""
    return problems_after_edit(tmp_path, "guidance.yml", old, new)


def line_of(text: str) -> int:
    lines = (datafiles.data_dir(ROOT) / "guidance.yml").read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


@pytest.mark.parametrize("bad,message", [
    ("2021-04-31", "'published' '2021-04-31' is not a real date"),
    ("7 April 2021", "'published' '7 April 2021' is not written YYYY-MM-DD (or YYYY-MM when the day is not known)"),
    ("2021-13", "'published' '2021-13' is not written YYYY-MM-DD"),
])
def test_a_bad_date_names_the_file_line_and_the_fix(tmp_path, bad, message):
    line = line_of("  published: 2021-04-07")
    problems = load_with(tmp_path, "published: 2021-04-07", f"published: {bad}")
    assert len(problems) == 1
    assert problems[0].startswith(f"data/guidance.yml:{line}: {message}")
    assert problems[0].endswith("— write the date as YYYY-MM-DD, for example 2026-11-30")


def test_an_unknown_reference_names_the_line_and_the_closest_keys(tmp_path):
    line = line_of("  reference: nice-2016")
    problems = load_with(tmp_path, "reference: nice-2016", "reference: nice-2061")
    assert problems == [f"data/guidance.yml:{line}: unknown reference key 'nice-2061'"
                        " — did you mean 'nice-2016' or 'nice-2021'?"]


def test_an_unknown_field_is_refused(tmp_path):
    problems = load_with(tmp_path, "  applies_to: People aged 16 and over with chronic primary pain",
                         "  applies_too: People aged 16 and over with chronic primary pain")
    assert any("unknown field 'applies_too'" in p for p in problems)


def test_quote_source_and_plain_words(data):
    html = guidance.guidance_html(ctx(data), "nice-ng193-chronic-primary-pain")
    assert '<blockquote class="dng-quote"><p>Consider a single course of acupuncture or dry needling,' in html
    assert "<cite>Chronic pain (primary and secondary) in over 16s (NG193)</cite>" in html
    assert 'recommendation 1.2.5. Published <time datetime="2021-04-07">7 April 2021</time>.' in html
    assert 'href="#ref-nice-2021"' in html  # the document is cited
    assert '<p class="dng-guidance__plain"><strong>In plain words:</strong> Health workers' in html


def test_updated_date_in_words_and_no_quote_when_the_words_were_not_read(data):
    html = guidance.guidance_html(ctx(data), "nice-ng59-low-back-pain")
    assert ('Published <time datetime="2016-11-30">30 November 2016</time>, '
            'last updated <time datetime="2020-12-11">11 December 2020</time>.') in html
    assert "<blockquote" not in html and "could not read the exact words" in html


def test_the_quote_is_escaped(data):
    c = ctx(data)
    entry = data.guidance["who-2023-low-back-pain"]
    # model_copy skips validation: the renderer must escape whatever reaches it.
    hostile = entry.model_copy(update={"quote": '<script>alert(1)</script> & "x"',
                                       "body": "<b>WHO</b>"})
    c.site = data.__class__(**{**data.__dict__, "guidance": {**data.guidance, hostile.key: hostile}})
    html = guidance.guidance_html(c, hostile.key)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in html
    assert "<b>WHO</b>" not in html and "&lt;b&gt;WHO&lt;/b&gt;" in html


def test_unknown_key_suggests_the_closest(data):
    with pytest.raises(ContentError) as err:
        guidance.guidance_html(ctx(data), "nice-ng193-chronic-primary-pains")
    assert err.value.message == "unknown guideline recommendation 'nice-ng193-chronic-primary-pains'"
    assert "'nice-ng193-chronic-primary-pain'" in err.value.hint


def test_list_keeps_the_order_given(data):
    html = guidance.guidance_list_html(ctx(data), "who-2023-low-back-pain", "nice-ng193-chronic-primary-pain")
    assert html.index("World Health Organization") < html.index("NICE (England)")


def test_reading_grade_leaves_out_the_quotation_and_its_source(data):
    html = f"<article>{guidance.guidance_html(ctx(data), 'nice-ng193-chronic-primary-pain')}</article>"
    text = readability.article_text(html)
    assert "Consider a single course" not in text  # the guideline's words
    assert "NG193" not in text and "Published" not in text  # its source line
    assert text.startswith("In plain words: Health workers in England")  # our words are measured
