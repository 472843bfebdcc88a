"""The content API's output models: one per document (/api/v1/<name>.json) and one per item.

The JSON Schemas (/api/v1/schema/<name>.json) are generated from these models, so
the published files and their schemas cannot drift apart. Field order is the order
of the keys in the published JSON. Every field is required (nullable ones are
`X | None`), and every model forbids unknown fields (`additionalProperties: false`).
Constraints live in the types below; key patterns come from `urls.py`, the one
place they are defined.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import CoreSchema, core_schema

from macros.content import urls
from macros.content.models import DATE_SHAPE, ChangeKind, Verification

URL_PATTERN = "^https?://"

# A data key (glossary term, reference, section id...): one word group, as a section id.
Key = Annotated[str, Field(pattern=urls.SECTION_PATTERN)]
# A page key: word groups joined by '/'.
PageKey = Annotated[str, Field(pattern=urls.KEY_PATTERN)]
Url = Annotated[str, Field(pattern=URL_PATTERN)]
Date = Annotated[str, Field(pattern=DATE_SHAPE.pattern, json_schema_extra={"format": "date"})]
ApiVersion = Literal["v1"]

if get_args(ApiVersion) != (urls.API_VERSION,):  # pragma: no cover - a guard for whoever bumps the version
    raise RuntimeError(f"apimodels.ApiVersion must be Literal[{urls.API_VERSION!r}], as urls.API_VERSION")
# What an embeddable item is (urls.ITEM_EMBEDS, where they are defined): a Literal, so the schema lists them.
ItemKind = Literal["care", "claim", "term"]

if set(get_args(ItemKind)) != set(urls.ITEM_EMBEDS.values()):  # pragma: no cover - a guard for whoever adds a kind
    raise RuntimeError(f"apimodels.ItemKind must list {sorted(urls.ITEM_EMBEDS.values())}, as urls.ITEM_EMBEDS")


class Output(BaseModel):
    """Base of every output model: no unknown fields, no coercion, keys published by alias."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)


class Text(Output):
    """A text field: the Markdown source and its HTML, links absolute to the full site."""

    markdown: str
    html: str


class Licence(Output):
    name: str
    url: Url


class Envelope(Output):
    """What every document starts with; each document adds its collection after `schema`."""

    api_version: ApiVersion
    name: str
    site_url: Url
    licence: Licence
    attribution: str
    review_note: str  # what "last reviewed" means: an editorial check, not a clinical review
    # `schema` would shadow BaseModel.schema(): the attribute has another name, the JSON key is "schema".
    schema_url: Url = Field(validation_alias="schema", serialization_alias="schema")


# ---- pages ------------------------------------------------------------------------------------

class Section(Output):
    id: Key
    title: str
    url: Url
    embed_url: Url


class Page(Output):
    key: PageKey
    title: str
    description: str
    url: Url
    embed_url: Url
    oembed_url: Url
    sections: list[Section]
    last_reviewed: Date
    next_review: Date
    last_changed: Date | None
    sources: list[Key]


class CareCard(Output):
    """A care card's embed (/embed/care/<tier>/): the loader finds it here by tier."""

    tier: Key
    title: str
    embed_url: Url


class Item(Output):
    """Something a clinic may embed on its own: a care card, a claim or a glossary term. `key` is what the
    loader's data-dng-embed takes (care/<tier>, claims/items/<claim>, glossary/terms/<term>); `url` is
    the entry on its page."""

    key: PageKey
    kind: ItemKind
    title: str
    url: Url
    embed_url: Url


class PagesDocument(Envelope):
    name: Literal["pages"]
    pages: list[Page]
    care: list[CareCard]  # the care cards by tier, as before `items` (which lists them too)
    items: list[Item]


# ---- glossary ---------------------------------------------------------------------------------

class Term(Output):
    key: Key
    term: str
    definition: str
    explanation: Text
    synonyms: list[str]
    abbreviations: list[str]
    related: list[Key]
    references: list[Key]
    url: Url


class GlossaryDocument(Envelope):
    name: Literal["glossary"]
    terms: list[Term]


# ---- faq --------------------------------------------------------------------------------------

class Question(Output):
    key: Key
    question: str
    answer: Text
    see: str | None
    see_html: str | None
    references: list[Key]
    url: Url
    # The care cards shown after the answer (care.yml): their tiers, and the cards as the page shows them.
    care: list[Key]
    care_html: str | None
    # Where the FAQ lists the question (scales.yml faq_groups): the group's key and its heading.
    group: Key
    group_title: str


class FaqDocument(Envelope):
    name: Literal["faq"]
    questions: list[Question]


# ---- comparisons ------------------------------------------------------------------------------

class Column(Output):
    key: Key
    label: str


class Cell(Output):
    text: Text
    sources: list[Key]


class Row(Output):
    key: Key
    attribute: str
    cells: dict[str, Cell]


class Comparison(Output):
    key: Key
    title: str
    summary: Text
    columns: list[Column] = Field(min_length=2)
    rows: list[Row]
    notes: Text | None = None  # the detail under the table that its cells have no room for
    table_html: str


class ComparisonsDocument(Envelope):
    name: Literal["comparisons"]
    comparisons: list[Comparison]


# ---- references -------------------------------------------------------------------------------

class Reference(Output):
    key: Key
    authors: str
    year: int | None
    title: str
    journal: str
    volume: str | None
    pages: str | None
    doi: str | None
    pmid: str | None
    url: str | None
    link: str | None
    shows: Text
    verification: Verification
    citation_html: str
    anchor_url: Url


class ReferencesDocument(Envelope):
    name: Literal["references"]
    references: list[Reference]


# ---- claims -----------------------------------------------------------------------------------

class Claim(Output):
    key: Key
    claim: str
    made_in: str
    verdict: Key
    verdict_label: str
    explanation: Text
    references: list[Key]
    url: Url


class ClaimsDocument(Envelope):
    name: Literal["claims"]
    claims: list[Claim]


# ---- evidence: graded questions, figures and the scales they use -------------------------------

class ScaleWord(Output):
    key: Key
    label: str
    meaning: str


class GradedQuestion(Output):
    key: Key
    question: str
    certainty: Key
    finding: Key
    timeframe: str | None
    sources: list[Key]
    rated_by: str  # a reference key, or "us"
    sentence: str  # the badge as pages show it
    badge_html: str


class FrequencyBand(Output):
    key: Key
    word: str
    from_one_in: int | None


class Figure(Output):
    key: Key
    what: str
    numerator: int
    denominator: int
    counted: Literal["treatments", "people", "therapists", "reports"]
    unit: str | None
    intervention: Key
    intervention_flag: str | None  # printed beside the figure wherever it appears
    source: Key
    checked: Literal["full-text", "abstract", "secondary"]
    note: str | None
    phrase: str  # as pages print it, band word and flag included


class EvidenceDocument(Envelope):
    name: Literal["evidence"]
    certainty: list[ScaleWord]
    findings: list[ScaleWord]
    frequency_bands: list[FrequencyBand]
    questions: list[GradedQuestion]
    figures: list[Figure]


# ---- changes ----------------------------------------------------------------------------------

class Change(Output):
    """One entry of the change log (changes.yml). v1 keeps the fields it had when the log was made
    from commits: `summary` is the entry's text, `commit` is empty, `files` the source files of the
    pages named; the fields after them were added (the schema only grows)."""

    date: Date
    datetime: str
    commit: str
    summary: str
    pages: list[PageKey]
    files: list[str]
    id: str  # stable: the date and a hash of the text; also the anchor on the What changed page
    kind: ChangeKind
    kind_label: str
    text: str
    safety: bool  # a correction to a safety statement (the pages named show a dated notice)
    url: Url  # the entry on the What changed page


class ChangesDocument(Envelope):
    name: Literal["changes"]
    changes: list[Change]
    history_complete: bool  # always true now: the log is written by editors, not read from git


DOCUMENT_MODELS: dict[str, type[Envelope]] = {
    "pages": PagesDocument, "glossary": GlossaryDocument, "faq": FaqDocument,
    "comparisons": ComparisonsDocument, "references": ReferencesDocument, "claims": ClaimsDocument,
    "evidence": EvidenceDocument, "changes": ChangesDocument,
}


class _SchemaGenerator(GenerateJsonSchema):
    """Pydantic's generator without the titles it derives from field names ("Api Version")."""

    def field_title_should_be_set(self, schema: CoreSchema | core_schema.ModelField | core_schema.DataclassField
                                  | core_schema.TypedDictField | core_schema.ComputedField) -> bool:
        return False


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of document `name`, as validated (which is also how it is written)."""
    return DOCUMENT_MODELS[name].model_json_schema(schema_generator=_SchemaGenerator)
