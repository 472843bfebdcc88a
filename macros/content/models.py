"""Typed shapes of the data files. Validation happens once, at load time.

Field names here are the contract with editors (see CONTRIBUTING.md): an unknown
field is an error, so a typo such as `refrences:` cannot pass silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.fields import FieldInfo

from macros.content import urls
from macros.content.textfields import MAX_MARKDOWN_FIELD, markdown_text, plain_text

# A data key is shaped like a section id (it becomes one: an anchor on its page).
_KEY = urls.SECTION
# How far a reference was checked; the API publishes the same values.
Verification = Literal["verified", "partial", "secondary"]


# Text printed as text: names, titles, labels, questions. Markup in it is refused (macros/content/textfields.py).
PlainText = Annotated[str, AfterValidator(plain_text)]
# Markdown text fields: bounded, so one field cannot make the build crawl.
MarkdownText = Annotated[str, Field(max_length=MAX_MARKDOWN_FIELD), AfterValidator(markdown_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_key(value: str) -> str:
    if not _KEY.match(value):
        raise ValueError("a key uses lowercase letters, digits and single hyphens only")
    return value


Key = Annotated[str, AfterValidator(_check_key)]


DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_SHAPE = re.compile(r"^\d{5,9}$")
# What is pasted before a DOI or a PubMed id when it is copied from a browser or a citation.
_DOI_PREFIXES = (urls.DOI_RESOLVER, "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")
_PMID_URL = re.compile(r"^https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(\d+)/?$")


def _doi(value: object) -> object:
    """A DOI as `10.xxxx/yyy`; the link form (https://doi.org/10.xxxx/yyy) or `doi:` is accepted and cut off."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    for prefix in _DOI_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix):].strip()
            break
    if not DOI_SHAPE.match(text):
        raise ValueError(f"'{value}' is not a DOI: a DOI starts with 10., a number, then '/'")
    return text


def _pmid(value: object) -> object:
    """A PubMed id as digits; the PubMed page address or `PMID: 123` is accepted and cut down to the id."""
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return value
    text = value.strip()
    match = _PMID_URL.match(text)
    if match:
        text = match.group(1)
    elif text.upper().startswith("PMID"):
        text = text[4:].lstrip(": ").strip()
    if not PMID_SHAPE.match(text):
        raise ValueError(f"'{value}' is not a PubMed id: it is 5 to 9 digits")
    return text


Doi = Annotated[str, BeforeValidator(_doi)]
Pmid = Annotated[str, BeforeValidator(_pmid)]


class Reference(Strict):
    key: Key
    authors: PlainText
    year: int | None = Field(default=None, ge=1900, le=2100)  # None: undated, shown as n.d.
    title: PlainText
    journal: PlainText
    volume: PlainText | None = None
    pages: PlainText | None = None
    doi: Doi | None = None
    pmid: Pmid | None = None
    url: str | None = Field(default=None, pattern=r"^https://")
    shows: MarkdownText
    verification: Verification
    record: str


    @property
    def link(self) -> str | None:
        """The best public link: DOI, then PubMed, then the official URL."""
        if self.doi:
            return urls.DOI_RESOLVER + self.doi
        if self.pmid:
            return urls.PUBMED.format(self.pmid)
        return self.url

    @property
    def short(self) -> str:
        first = self.authors.split(",")[0].strip()
        etal = " et al." if "," in self.authors else ""
        return f"{first}{etal} {self.year or 'n.d.'}"


class GlossaryTerm(Strict):
    key: Key
    term: PlainText
    definition: PlainText = Field(min_length=10, max_length=300)
    explanation: MarkdownText
    synonyms: list[PlainText] = []
    abbreviations: list[PlainText] = []
    related: list[str] = []
    references: list[str] = []



# Placeholders for a new glossary entry's required fields, in words an editor replaces.
_GLOSSARY_PLACEHOLDERS = {
    "definition": "One plain sentence that says what it is",
    "explanation": "Two or three plain sentences with a cite after each claim",
}


def glossary_skeleton(key: str) -> str:
    """A copy-ready glossary entry for `key` on one line (a YAML flow mapping): the model's required
    fields, with placeholders. Messages print it, so it holds no comma, colon or brace of its own."""
    required = [name for name, field in GlossaryTerm.model_fields.items() if field.is_required()]
    values = {"key": key, "term": key.replace("-", " ").capitalize(), **_GLOSSARY_PLACEHOLDERS}
    return "- {" + ", ".join(f"{name}: {values.get(name, '...')}" for name in required) + "}"


class Column(Strict):
    key: Key
    label: PlainText


class Cell(Strict):
    text: MarkdownText
    sources: list[str] = Field(min_length=1)


class ComparisonRow(Strict):
    key: Key
    attribute: PlainText
    cells: dict[str, Cell]


class Comparison(Strict):
    key: Key
    title: PlainText
    summary: MarkdownText
    columns: list[Column] = Field(min_length=2)
    rows: list[ComparisonRow] = Field(min_length=1)
    # Shown under the table: the detail a cell has no room for (macros/render/comparisons.py).
    notes: MarkdownText = ""

    @property
    def rows_by_key(self) -> dict[str, ComparisonRow]:
        return {row.key: row for row in self.rows}


class FaqEntry(Strict):
    key: Key
    question: PlainText
    group: str  # a key of `faq_groups` in scales.yml: where the question is listed at the top of the FAQ
    answer: MarkdownText
    see: str | None = None
    # Care-card tiers (care.yml) shown after the answer: the signs are written there once.
    care: list[str] = []
    references: list[str] = []


class Claim(Strict):
    key: Key
    claim: PlainText
    made_in: PlainText
    verdict: str
    explanation: MarkdownText
    references: list[str] = Field(min_length=1)


def _guidance_date(value: object) -> str:
    """A publication date as a guideline prints it: YYYY-MM-DD, or YYYY-MM when the day is not known."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    text = str(value)
    if DATE_SHAPE.match(text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(f"'{text}' is not a real date") from None
    if MONTH_SHAPE.match(text) and 1 <= int(text[5:]) <= 12:
        return text
    raise ValueError(f"'{text}' is not written YYYY-MM-DD (or YYYY-MM when the day is not known)")


# A guideline's date: kept as written ("2021-04-07" or "2021-11"); macros/render/guidance.py says it in words.
GuidanceDate = Annotated[str, BeforeValidator(_guidance_date)]


class Guidance(Strict):
    """One recommendation of a national guideline (or a public payer's decision), quoted and paraphrased."""

    key: Key
    body: PlainText  # who issued it, with the country: "NICE (England)"
    document: PlainText  # title and number: "Chronic pain in over 16s (NG193)"
    recommendation: PlainText | None = None  # its number in the document: "recommendation 1.2.5"
    published: GuidanceDate
    updated: GuidanceDate | None = None
    applies_to: PlainText  # who or which condition it is about
    # The exact words, copied from the text read; None when they could not be read (then nothing is quoted).
    quote: PlainText | None = Field(default=None, max_length=MAX_MARKDOWN_FIELD)
    paraphrase: MarkdownText  # plain words, reading grade 8 or below
    reference: str  # a references.yml key: the document itself


class Scale(Strict):
    key: Key
    label: PlainText
    meaning: PlainText


class Finding(Scale):
    # The start of the badge's second sentence: "It may help a little" (+ the timeframe).
    says: PlainText


class FrequencyBand(Strict):
    key: Key
    word: PlainText  # "very common": what pages say
    # The band holds rates of at least 1 in `from_one_in`; the last band (no bound) holds the rest.
    from_one_in: int | None = Field(default=None, ge=1)


# Band words describe how often something happens to treatments or people; a share of
# therapists or of incident reports is not a risk, so it gets no band word.
BANDED = ("treatments", "people")


def band_of(rate: float, bands: list[FrequencyBand]) -> FrequencyBand:
    """The first band whose lower bound the rate reaches; the last band holds the rest."""
    return next(b for b in bands if b.from_one_in is None or rate * b.from_one_in >= 1)


class Intervention(Strict):
    key: Key
    label: PlainText
    # Printed beside every figure about it, so a figure about another treatment never reads as
    # a dry-needling figure. None for dry needling itself.
    flag: PlainText | None = None


class FaqGroup(Strict):
    """A heading of the question list at the top of the FAQ page (not a section: no id, no embed)."""

    key: Key
    label: PlainText


class Scales(Strict):
    """Every scale the site grades with, defined once (scales.yml)."""

    certainty: list[Scale] = Field(min_length=1)
    findings: list[Finding] = Field(min_length=1)
    verdicts: list[Scale] = Field(min_length=1)
    frequency_bands: list[FrequencyBand] = Field(min_length=1)
    interventions: list[Intervention] = Field(min_length=1)
    faq_groups: list[FaqGroup] = Field(min_length=1)  # in the order the FAQ lists them


# == pictures (pictures.yml): the measured facts the site's drawings are drawn from ==

# Body regions the collapsed-lung map can mark; the drawing of each is in macros/render/pictures.py.
BodyRegion = Literal["chest", "shoulder", "upper-back"]


class Needle(Strict):
    """One needle the to-scale drawing shows: its size as a source gives it."""

    key: Key
    name: PlainText  # "a dry needle": the drawing's label
    hollow: bool  # a hypodermic needle has a bore; a dry (filiform) needle is solid
    diameter_mm: float = Field(gt=0, le=5)
    bore_mm: float | None = Field(default=None, gt=0)  # inner diameter, hollow needles only
    length_mm: float = Field(gt=0, le=200)
    sources: list[str] = Field(min_length=1)
    how_read: PlainText  # how the numbers were read: "0.25 x 40 mm, as the trial states"

    @field_validator("bore_mm")
    @classmethod
    def _bore_inside(cls, value: float | None, info: ValidationInfo) -> float | None:
        diameter = info.data.get("diameter_mm")
        if value is not None and isinstance(diameter, float) and value >= diameter:
            raise ValueError(f"is {value}, not smaller than the needle's diameter {diameter}: "
                             "the bore is the hole inside the needle")
        return value


class Layer(Strict):
    """One layer the needle passes through, outermost first, named as the page's text names it."""

    key: Key
    name: PlainText
    # Only under some parts of the body (the lung lining lies below chest and upper-back muscles).
    where: PlainText | None = None


class LungSite(Strict):
    """Where on the body a collapsed lung was reported after needling, and who reported it."""

    key: Key
    regions: list[BodyRegion] = []  # none: the reports do not say where (listed under the map, not drawn)
    place: PlainText  # the place in words: "between the shoulder blades"
    sources: list[str] = Field(min_length=1)
    # Said beside the place when the reports are not all about dry needling alone.
    flag: PlainText | None = None


class Pictures(Strict):
    """Everything the site's drawings state (pictures.yml); the drawings themselves are code."""

    needles: list[Needle] = Field(min_length=2)
    layers: list[Layer] = Field(min_length=2)
    lung_sites: list[LungSite] = Field(min_length=1)


# Who rated a graded question's certainty: a reference key (the review that rated it) or this word.
RATED_BY_US = "us"


class GradedQuestion(Strict):
    """One question the evidence answers, graded once (evidence.yml); pages show it by key."""

    key: Key
    question: PlainText
    certainty: str
    finding: str
    timeframe: PlainText | None = None  # "for a few weeks": ends the badge's sentence
    sources: list[str] = Field(min_length=1)
    rated_by: str


Checked = Literal["full-text", "abstract", "secondary"]


class Figure(Strict):
    """One frequency a page states (figures.yml): a count out of a count, never a typed phrase."""

    key: Key
    what: PlainText  # what happened: "a mild side effect"
    numerator: int = Field(ge=0)
    denominator: int = Field(ge=1)
    counted: Literal["treatments", "people", "therapists", "reports"]
    unit: PlainText | None = None  # the plural noun pages print, if not `counted` ("visits")
    intervention: str
    source: str
    # How the numbers were checked: "full-text" only when the full text was read.
    checked: Checked
    note: PlainText | None = None  # how the count was read, e.g. "7.55% of 7,629 in the abstract"

    @field_validator("denominator")
    @classmethod
    def _at_least_numerator(cls, value: int, info: ValidationInfo) -> int:
        numerator = info.data.get("numerator")
        if isinstance(numerator, int) and numerator > value:
            raise ValueError(f"is {value}, smaller than the numerator {numerator}: "
                             "a figure counts some out of all (numerator out of denominator)")
        return value

    @property
    def rate(self) -> float:
        return self.numerator / self.denominator


# The care cards' tiers, in the order they are shown: most urgent first (the NHS's pattern).
CARE_TIERS = ("emergency", "same-day", "tell-practitioner")


class CareTier(Strict):
    """One care card (care.yml): when to get help, how urgently, and the signs."""

    key: Key  # one of CARE_TIERS, checked with the file's order (datastore)
    heading: PlainText  # said as an action: "Call your emergency number now"
    action: PlainText  # one line: what to do
    signs: list[PlainText] = Field(min_length=1)
    why: PlainText | None = None  # what the signs may mean, said once under the list
    sources: list[str] = Field(min_length=1)


def _check_page_key(value: str) -> str:
    if not urls.KEY.match(value):
        raise ValueError("a page key is the page's address without slashes at the ends: "
                         "lowercase words joined by hyphens, folders by '/' (safety, compare/dry-needling-vs-acupuncture)")
    return value


PageKey = Annotated[str, AfterValidator(_check_page_key)]


class KeyPoints(Strict):
    """A page's key points (keypoints.yml): the box at the top of the page, and its handout.

    `points` is one Markdown list, a point per line starting with "- "; `questions` are the
    questions to ask your practitioner that its handout prints. How many of each, and how long,
    is checked with the pages (macros/render/keypoints.py), where the caps live."""

    key: PageKey  # the page's key: `home`, `safety`, `compare/dry-needling-vs-acupuncture`
    points: MarkdownText
    questions: list[PlainText] = []


class Reviewer(Strict):
    key: Key
    name: PlainText
    credentials: PlainText


class SearchMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")
    exclude: bool = False


def _iso_date(value: object) -> dt.date:
    """A real calendar date written YYYY-MM-DD (YAML may already have read it as a date)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value)
    if not DATE_SHAPE.match(text):
        raise ValueError(f"'{text}' is not written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_SHAPE = re.compile(r"^\d{4}-\d{2}$")
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class PageMeta(BaseModel):
    """Front matter every page carries. Unknown keys are errors (see `frontmatter.py`)."""

    model_config = ConfigDict(extra="forbid")

    title: PlainText = Field(min_length=3, max_length=80)
    description: PlainText = Field(min_length=50, max_length=160)
    # Dates are dates: written YYYY-MM-DD, nothing else (no times, no "today").
    last_reviewed: IsoDate
    next_review: IsoDate
    sources: list[str] = []
    reviewed_by: list[str] = []
    page_type: Literal["topic", "comparison", "reference", "home", "about"] = "topic"
    hide: list[Literal["navigation", "toc", "footer", "feedback"]] = []
    search: SearchMeta | None = None
    embed: bool = True


def _is_markdown(field: FieldInfo) -> bool:
    return any(getattr(rule, "func", None) is markdown_text for rule in field.metadata)


def markdown_fields(item: BaseModel, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted field name, text) of every Markdown text field in `item`, nested models included.

    A nested entry is named by its key as the file names it: `rows.aim.cells.dry-needling.text`
    (a list entry by its `key` field, a mapping entry by its key), so each text has its own name
    and its own line (SiteData.text_origin); the first part is always the top-level field."""
    for name, field in type(item).model_fields.items():
        value = getattr(item, name)
        if isinstance(value, str) and _is_markdown(field):
            yield prefix + name, value
        elif isinstance(value, BaseModel):
            yield from markdown_fields(value, f"{prefix}{name}.")
        elif isinstance(value, (list, tuple)):
            for index, entry in enumerate(value):
                if isinstance(entry, BaseModel):
                    yield from markdown_fields(entry, f"{prefix}{name}.{getattr(entry, 'key', index)}.")
        elif isinstance(value, dict):
            for entry_key, entry in value.items():
                if isinstance(entry, BaseModel):
                    yield from markdown_fields(entry, f"{prefix}{name}.{entry_key}.")


# == the change log (changes.yml): what changed in the text readers see, in plain words ==

# The kinds of change, defined once: the change page, its feeds and the API print these
# labels, and the change page explains them with these meanings.
ChangeKind = Literal["correction", "update", "editorial"]
CORRECTION: ChangeKind = "correction"
CHANGE_KINDS: dict[str, tuple[str, str]] = {  # kind -> (label, meaning)
    "correction": ("Correction", "We fixed something that was wrong or could mislead."),
    "update": ("Update", "New information: a new page, section, study, figure or rule."),
    "editorial": ("Editorial", "Clearer words or a new layout; what the page tells you did not change."),
}
if tuple(CHANGE_KINDS) != get_args(ChangeKind):  # pragma: no cover - a guard for whoever adds a kind
    raise RuntimeError("CHANGE_KINDS must list exactly the kinds of ChangeKind, in the same order")
# One or two plain sentences: long enough to say what changed, short enough for a feed title.
CHANGE_TEXT_LENGTH = (20, 300)


class ChangeEntry(Strict):
    """One change to the text readers see (changes.yml), written by the editor with the change."""

    date: IsoDate  # the day the change went live; not after the build's day (checked at load)
    pages: list[str] = Field(min_length=1)  # page keys, checked against the site's pages at load
    kind: ChangeKind
    text: PlainText = Field(min_length=CHANGE_TEXT_LENGTH[0], max_length=CHANGE_TEXT_LENGTH[1])
    # A correction to a safety statement: a dated notice on each page it names, for a while.
    safety: bool = False

    @field_validator("safety")
    @classmethod
    def _safety_is_a_correction(cls, value: bool, info: ValidationInfo) -> bool:
        kind = info.data.get("kind")
        if value and kind is not None and kind != CORRECTION:
            raise ValueError(f"is only for a correction, and this entry's kind is '{kind}': "
                             "write kind: correction, or remove 'safety: true'")
        return value

    @property
    def id(self) -> str:
        """Stable across edits of other entries and of this entry's pages or kind: the date and a hash
        of the text. Feeds use it as the entry's permanent id, the change page as its anchor."""
        digest = hashlib.sha256(f"{self.date.isoformat()}\n{self.text}".encode()).hexdigest()[:10]
        return f"{self.date.isoformat()}-{digest}"

    @property
    def key(self) -> str:
        """What the loader files the entry under (its origins, duplicates): its id."""
        return self.id
