"""Citation spacing on patient pages: a median of at least 50 words between citation groups.

The measure is `macros/check/citespacing.py` (also printed by `make check`): one citation group at
the end of a sentence or bullet, one group for a run of sentences that share their sources.
"""

from __future__ import annotations

import pytest

from macros.check import citespacing
from tests.support import params
from tests.support.pages import html_path, patient_pages


def pytest_generate_tests(metafunc):
    if metafunc.function is test_median_words_between_citation_groups:
        params.parametrize(metafunc, "url", "extra.patient_pages in mkdocs.yml", patient_pages)


def test_median_words_between_citation_groups(site, url, record_property):
    found = citespacing.spacing(html_path(site, url).read_text(encoding="utf-8"))
    record_property("median", found.median)
    print(f"{url or 'home'}: {found.describe()}")
    assert found.groups >= 2, f"{url or 'home'}: a patient page cites its sources; found {found.groups} groups"
    assert found.median is not None and found.median >= citespacing.TARGET, (
        f"{url or 'home'}: {found.describe()} between citation groups, below {citespacing.TARGET}: put one group at "
        "the end of a sentence or bullet, and one group after a run of sentences that share their sources")


# The measure itself, on small pages written by hand.

CITE = '<sup class="dng-cite">[<a class="dng-cite__link" href="#ref-a">1</a>]</sup>'


def page(body: str) -> str:
    return f"<html><body><nav>Site menu words here</nav><article>{body}</article><footer>x y z</footer></body></html>"


def test_counts_words_between_groups():
    html = page(f"<p>One two three {CITE}. Four five six seven {CITE}.</p><p>Eight nine {CITE}</p>")
    assert citespacing.spacing(html).gaps == (4, 2)
    assert citespacing.spacing(html).median == 3
    assert citespacing.spacing(html).groups == 3


def test_leaves_out_what_is_not_reading_text():
    tip = '<span class="dng-term"><a>term</a><span class="dng-term__tip">hidden words in a tooltip</span></span>'
    html = page(
        f"<h1>Title<a class='headerlink'>¶</a></h1><p>Start {CITE} a {tip} b.</p>"
        "<nav class='md-nav'><a>Jump</a> <a>list</a></nav>"
        f"<p>c d {CITE}</p>"
        f"<h2 id='references'>References</h2><ol class='dng-refs'><li>Ref one {CITE}</li></ol>"
        f"<aside class='dng-facts'>Page last reviewed {CITE}</aside>")
    # a, term, b, c, d: the tooltip, the jump list and everything from the reference list on are left out.
    assert citespacing.spacing(html).gaps == (5,)


def test_a_page_with_one_group_has_no_median():
    assert citespacing.spacing(page(f"<p>Only one {CITE}.</p>")).median is None
    assert citespacing.spacing(page("<p>None.</p>")).describe() == "fewer than two citation groups"


def test_the_target_can_fail():
    dense = page("<p>" + " ".join(f"Short fact number {n} {CITE}." for n in range(10)) + "</p>")
    assert citespacing.spacing(dense).median == 4 < citespacing.TARGET


@pytest.mark.parametrize("words", [49, 50])
def test_threshold(words):
    text = " ".join(["word"] * words)
    found = citespacing.spacing(page(f"<p>{CITE} {text} {CITE}</p>"))
    assert found.median == words
