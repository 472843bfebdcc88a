"""Typed shapes of the data files. Validation happens once, at load time.

Field names here are the contract with editors (see CONTRIBUTING.md): an unknown
field is an error, so a typo such as `refrences:` cannot pass silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
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


class Reference(Strict):
    key: Key
    authors: PlainText
    year: int | None = Field(default=None, ge=1900, le=2100)  # None: undated, shown as n.d.
    title: PlainText
    journal: PlainText
    volume: PlainText | None = None
    pages: PlainText | None = None
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: str | None = Field(default=None, pattern=r"^\d{5,9}$")
    url: str | None = Field(default=None, pattern=r"^https://")
    shows: MarkdownText
    verification: Verification
    record: str


    @property
    def link(self) -> str | None:
        """The best public link: DOI, then PubMed, then the official URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
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


class FaqEntry(Strict):
    key: Key
    question: PlainText
    answer: MarkdownText
    see: str | None = None
    references: list[str] = []


class Claim(Strict):
    key: Key
    claim: PlainText
    made_in: PlainText
    verdict: str
    explanation: MarkdownText
    references: list[str] = Field(min_length=1)


class Scale(Strict):
    key: Key
    label: PlainText
    meaning: PlainText


class Scales(Strict):
    grades: list[Scale]
    verdicts: list[Scale]


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
    """(dotted field name, text) of every Markdown text field in `item`, nested models included."""
    for name, field in type(item).model_fields.items():
        value = getattr(item, name)
        if isinstance(value, str) and _is_markdown(field):
            yield prefix + name, value
        elif isinstance(value, BaseModel):
            yield from markdown_fields(value, f"{prefix}{name}.")
        elif isinstance(value, (list, tuple)):
            for entry in value:
                if isinstance(entry, BaseModel):
                    yield from markdown_fields(entry, f"{prefix}{name}.")
        elif isinstance(value, dict):
            for entry in value.values():
                if isinstance(entry, BaseModel):
                    yield from markdown_fields(entry, f"{prefix}{name}.")
