"""The static content API (/api/v1/*.json) and its JSON Schemas.

Every file is rendered from the same data as the pages. Text fields carry both
the Markdown source and the rendered HTML (links absolute to the full site).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import changes, embeds
from .comparisons import comparison_html
from .context import RenderContext
from .datastore import Origin
from .faq import see_link
from .markup import to_html
from .references import reference_html
from .state import Build

API_VERSION = "v1"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _ctx(build: Build, page_url: str = "") -> RenderContext:
    return RenderContext(site=build.site, page_url=page_url, site_url=build.site_url, absolute=True,
                         pages=build.pages)


def _text(build: Build, markdown: str, origin: Origin, inline_only: bool = False) -> dict:
    return {"markdown": markdown, "html": str(to_html(markdown, _ctx(build), origin, inline_only))}


def _envelope(build: Build, name: str, collection: str, items: list) -> dict:
    licence = build.config["extra"]["content_licence"]
    return {
        "api_version": API_VERSION,
        "name": name,
        "site_url": build.site_url,
        "licence": {"name": licence["name"], "url": licence["url"]},
        "attribution": f"From Dry Needling Guide ({build.site_url}), "
                       f"{build.config['extra']['publisher']}, {licence['name']}. Information, not medical advice.",
        "schema": f"{build.site_url}api/{API_VERSION}/schema/{name}.json",
        collection: items,
    }


def pages_doc(build: Build) -> dict:
    items = []
    for page in sorted(build.pages.values(), key=lambda p: p.key):
        if not embeds.embeddable(page):
            continue
        items.append({
            "key": page.key,
            "title": page.meta.get("title"),
            "description": page.meta.get("description"),
            "url": build.site_url + page.url,
            "embed_url": build.site_url + embeds.embed_key_url(page.key),
            "oembed_url": f"{build.site_url}oembed/{page.key}.json",
            "sections": [{"id": s.id, "title": s.title,
                          "url": f"{build.site_url}{page.url}#{s.id}",
                          "embed_url": build.site_url + embeds.embed_key_url(page.key, s.id)}
                         for s in page.sections if s.id],
            "last_reviewed": str(page.meta.get("last_reviewed")),
            "next_review": str(page.meta.get("next_review")),
            "sources": list(page.meta.get("sources") or []),
        })
    return _envelope(build, "pages", "pages", items)


def glossary_doc(build: Build) -> dict:
    items = []
    for t in sorted(build.site.glossary.values(), key=lambda t: t.term.lower()):
        origin = build.site.origin("glossary", t.key, "explanation")
        items.append({
            "key": t.key, "term": t.term, "definition": t.definition,
            "explanation": _text(build, t.explanation, origin),
            "synonyms": t.synonyms, "abbreviations": t.abbreviations, "related": t.related,
            "references": t.references, "url": f"{build.site_url}glossary/#{t.key}",
        })
    return _envelope(build, "glossary", "terms", items)


def faq_doc(build: Build) -> dict:
    items = []
    for e in build.site.faq:
        see = str(see_link(_ctx(build), e)) if e.see else None
        items.append({
            "key": e.key, "question": e.question,
            "answer": _text(build, e.answer, build.site.origin("faq", e.key, "answer")),
            "see": e.see, "see_html": see, "references": e.references,
            "url": f"{build.site_url}faq/#{e.key}",
        })
    return _envelope(build, "faq", "questions", items)


def comparisons_doc(build: Build) -> dict:
    items = []
    for c in build.site.comparisons.values():
        origin = build.site.origin("comparisons", c.key, "rows")
        items.append({
            "key": c.key, "title": c.title,
            "summary": _text(build, c.summary, build.site.origin("comparisons", c.key, "summary")),
            "columns": [{"key": col.key, "label": col.label} for col in c.columns],
            "rows": [{"key": r.key, "attribute": r.attribute,
                      "cells": {k: {"text": _text(build, cell.text, origin, True), "sources": cell.sources}
                                for k, cell in r.cells.items()}} for r in c.rows],
            "table_html": str(comparison_html(_ctx(build), c.key)),
        })
    return _envelope(build, "comparisons", "comparisons", items)


def references_doc(build: Build) -> dict:
    items = []
    for r in sorted(build.site.references.values(), key=lambda r: r.key):
        items.append({
            "key": r.key, "authors": r.authors, "year": r.year, "title": r.title, "journal": r.journal,
            "volume": r.volume, "pages": r.pages, "doi": r.doi, "pmid": r.pmid, "url": r.url, "link": r.link,
            "shows": _text(build, r.shows, build.site.origin("references", r.key, "shows"), True),
            "verification": r.verification,
            "citation_html": str(reference_html(_ctx(build), r, with_shows=False)),
            "anchor_url": f"{build.site_url}references/#{r.key}",
        })
    return _envelope(build, "references", "references", items)


def claims_doc(build: Build) -> dict:
    items = []
    for c in build.site.claims:
        items.append({
            "key": c.key, "claim": c.claim, "made_in": c.made_in, "verdict": c.verdict,
            "verdict_label": build.site.verdicts[c.verdict].label,
            "explanation": _text(build, c.explanation, build.site.origin("claims", c.key, "explanation")),
            "references": c.references, "url": f"{build.site_url}claims/#{c.key}",
        })
    return _envelope(build, "claims", "claims", items)


def changes_doc(build: Build) -> dict:
    log = changes.change_log(build)
    doc = _envelope(build, "changes", "changes", log.entries)
    doc["history_complete"] = log.complete
    return doc


DOCUMENTS: dict[str, Callable[[Build], dict]] = {
    "pages": pages_doc, "glossary": glossary_doc, "faq": faq_doc, "comparisons": comparisons_doc,
    "references": references_doc, "claims": claims_doc, "changes": changes_doc,
}

# ---- JSON Schemas -------------------------------------------------------------------------

_STR = {"type": "string"}
_KEY = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}
_PAGE_KEY = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$"}
_URL = {"type": "string", "pattern": "^https?://"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_KEYS = {"type": "array", "items": _KEY}
_TEXT = {"type": "object", "required": ["markdown", "html"], "additionalProperties": False,
         "properties": {"markdown": _STR, "html": _STR}}


def _obj(props: dict, optional: tuple = ()) -> dict:
    return {"type": "object", "additionalProperties": False, "properties": props,
            "required": [k for k in props if k not in optional]}


_ITEMS: dict[str, tuple[str, dict]] = {
    "pages": ("pages", _obj({
        "key": _PAGE_KEY, "title": _STR, "description": _STR, "url": _URL, "embed_url": _URL, "oembed_url": _URL,
        "sections": {"type": "array", "items": _obj({"id": _KEY, "title": _STR, "url": _URL, "embed_url": _URL})},
        "last_reviewed": _DATE, "next_review": _DATE, "sources": _KEYS})),
    "glossary": ("terms", _obj({
        "key": _KEY, "term": _STR, "definition": _STR, "explanation": _TEXT,
        "synonyms": {"type": "array", "items": _STR}, "abbreviations": {"type": "array", "items": _STR},
        "related": _KEYS, "references": _KEYS, "url": _URL})),
    "faq": ("questions", _obj({
        "key": _KEY, "question": _STR, "answer": _TEXT, "see": {"type": ["string", "null"]},
        "see_html": {"type": ["string", "null"]}, "references": _KEYS, "url": _URL})),
    "comparisons": ("comparisons", _obj({
        "key": _KEY, "title": _STR, "summary": _TEXT,
        "columns": {"type": "array", "minItems": 2, "items": _obj({"key": _KEY, "label": _STR})},
        "rows": {"type": "array", "items": _obj({
            "key": _KEY, "attribute": _STR,
            "cells": {"type": "object", "additionalProperties": _obj({"text": _TEXT, "sources": _KEYS})}})},
        "table_html": _STR})),
    "references": ("references", _obj({
        "key": _KEY, "authors": _STR, "year": {"type": ["integer", "null"]}, "title": _STR, "journal": _STR,
        "volume": {"type": ["string", "null"]}, "pages": {"type": ["string", "null"]},
        "doi": {"type": ["string", "null"]}, "pmid": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]}, "link": {"type": ["string", "null"]}, "shows": _TEXT,
        "verification": {"enum": ["verified", "partial", "secondary"]}, "citation_html": _STR,
        "anchor_url": _URL})),
    "claims": ("claims", _obj({
        "key": _KEY, "claim": _STR, "made_in": _STR, "verdict": _KEY, "verdict_label": _STR,
        "explanation": _TEXT, "references": _KEYS, "url": _URL})),
    "changes": ("changes", _obj({
        "date": _DATE, "datetime": _STR, "commit": _STR, "summary": _STR,
        "pages": {"type": "array", "items": _PAGE_KEY}, "files": {"type": "array", "items": _STR}})),
}


def schema(build: Build, name: str) -> dict:
    collection, item = _ITEMS[name]
    props: dict[str, Any] = {
        "api_version": {"const": API_VERSION}, "name": {"const": name}, "site_url": _URL,
        "licence": _obj({"name": _STR, "url": _URL}), "attribution": _STR, "schema": _URL,
        collection: {"type": "array", "items": item},
    }
    if name == "changes":
        props["history_complete"] = {"type": "boolean"}
    return {"$schema": SCHEMA_DIALECT, "$id": f"{build.site_url}api/{API_VERSION}/schema/{name}.json",
            "title": f"Dry Needling Guide API {API_VERSION}: {name}", **_obj(props)}
