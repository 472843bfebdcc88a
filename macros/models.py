"""Typed shapes of the data files. Validation happens once, at load time.

Field names here are the contract with editors (see CONTRIBUTING.md): an unknown
field is an error, so a typo such as `refrences:` cannot pass silently.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_KEY = re.compile(KEY_PATTERN)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_key(value: str) -> str:
    if not _KEY.match(value):
        raise ValueError("a key uses lowercase letters, digits and single hyphens only")
    return value


class Reference(Strict):
    key: str
    authors: str
    year: int | None = Field(default=None, ge=1900, le=2100)  # None: undated, shown as n.d.
    title: str
    journal: str
    volume: str | None = None
    pages: str | None = None
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: str | None = Field(default=None, pattern=r"^\d{5,9}$")
    url: str | None = Field(default=None, pattern=r"^https://")
    shows: str
    verification: Literal["verified", "partial", "secondary"]
    record: str

    _key = field_validator("key")(_check_key)

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
    key: str
    term: str
    definition: str = Field(min_length=10, max_length=300)
    explanation: str
    synonyms: list[str] = []
    abbreviations: list[str] = []
    related: list[str] = []
    references: list[str] = []

    _key = field_validator("key")(_check_key)

    @field_validator("definition")
    @classmethod
    def _one_plain_sentence(cls, value: str) -> str:
        if "{{" in value or "{%" in value or "<" in value:
            raise ValueError("the definition is plain text (it becomes the tooltip): no macros or HTML")
        return value


class Column(Strict):
    key: str
    label: str
    _key = field_validator("key")(_check_key)


class Cell(Strict):
    text: str
    sources: list[str] = Field(min_length=1)


class ComparisonRow(Strict):
    key: str
    attribute: str
    cells: dict[str, Cell]
    _key = field_validator("key")(_check_key)


class Comparison(Strict):
    key: str
    title: str
    summary: str
    columns: list[Column] = Field(min_length=2)
    rows: list[ComparisonRow] = Field(min_length=1)
    _key = field_validator("key")(_check_key)


class FaqEntry(Strict):
    key: str
    question: str
    answer: str
    see: str | None = None
    references: list[str] = []
    _key = field_validator("key")(_check_key)


class Claim(Strict):
    key: str
    claim: str
    made_in: str
    verdict: str
    explanation: str
    references: list[str] = Field(min_length=1)
    _key = field_validator("key")(_check_key)


class Scale(Strict):
    key: str
    label: str
    meaning: str
    _key = field_validator("key")(_check_key)


class Scales(Strict):
    grades: list[Scale]
    verdicts: list[Scale]


class Reviewer(Strict):
    key: str
    name: str
    credentials: str
    _key = field_validator("key")(_check_key)


class PageMeta(BaseModel):
    """Front matter every page carries. Unknown keys are errors (see `frontmatter.py`)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=80)
    description: str = Field(min_length=50, max_length=160)
    last_reviewed: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    next_review: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    sources: list[str] = []
    reviewed_by: list[str] = []
    page_type: Literal["topic", "comparison", "reference", "home", "about"] = "topic"
    patient_page: bool = False
    hide: list[str] = []
    template: str | None = None
    search: dict | None = None
    embed: bool = True
