"""The content API: every file valid against its schema and rendered from the same data."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from macros.content import datastore, notes, urls
from macros.content.models import DATE_SHAPE
from macros.publish import api, apimodels
from tests.conftest import SITE_URL
from tests.support.pages import ROOT


@pytest.fixture(scope="module")
def data():
    """Read by a fixture, not at import: broken data fails these tests instead of their collection."""
    return datastore.load(ROOT)


def load(site, *parts):
    return json.loads(site.joinpath(*parts).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(api.DOCUMENTS))
def test_file_matches_its_schema(site, name):
    schema = load(site, "api", "v1", "schema", f"{name}.json")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    doc = load(site, "api", "v1", f"{name}.json")
    errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=str)
    assert not errors, errors[:3]
    assert doc["licence"]["name"] == "CC BY 4.0" and "Dry Needling Guide" in doc["attribution"]
    # What "reviewed" means travels with the data, as it does with every page and embed.
    assert doc["review_note"] == notes.REVIEW_NOTE


def test_schema_rejects_a_wrong_document(site):
    schema = load(site, "api", "v1", "schema", "glossary.json")
    doc = load(site, "api", "v1", "glossary.json")
    doc["terms"][0]["explanation"] = "plain string instead of markdown+html"
    assert list(Draft202012Validator(schema).iter_errors(doc))


def _collection(doc: dict) -> str:
    return next(k for k, v in doc.items() if isinstance(v, list))


@pytest.mark.parametrize("name", sorted(api.DOCUMENTS))
def test_schema_rejects_an_extra_property_and_a_bad_key(site, name):
    """The generated schemas carry the models' constraints: no unknown fields, keys by pattern."""
    validator = Draft202012Validator(load(site, "api", "v1", "schema", f"{name}.json"))
    doc = load(site, "api", "v1", f"{name}.json")
    items = doc[_collection(doc)]
    assert items, name
    assert not list(validator.iter_errors(doc))

    extra = copy.deepcopy(doc)
    extra["unexpected"] = 1
    assert list(validator.iter_errors(extra))
    extra_in_item = copy.deepcopy(doc)
    extra_in_item[_collection(doc)][0]["unexpected"] = 1
    assert list(validator.iter_errors(extra_in_item))
    extra_in_licence = copy.deepcopy(doc)
    extra_in_licence["licence"]["unexpected"] = 1
    assert list(validator.iter_errors(extra_in_licence))

    bad_key = copy.deepcopy(doc)
    item = bad_key[_collection(doc)][0]
    if "key" in item:
        item["key"] = "Not A Key"
    else:
        item["pages"] = ["Not A Key"]
    errors = list(validator.iter_errors(bad_key))
    assert errors and all(e.validator == "pattern" for e in errors)


@pytest.mark.parametrize("name", sorted(api.DOCUMENTS))
def test_published_document_is_its_model(site, name):
    text = site.joinpath("api", "v1", f"{name}.json").read_text(encoding="utf-8")
    model = apimodels.DOCUMENT_MODELS[name].model_validate_json(text)
    assert model.model_dump(mode="json") == json.loads(text)


def _patterns(node, path=()):
    """(path, pattern) of every `pattern` in a JSON Schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield path, value
            else:
                yield from _patterns(value, (*path, key))
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value, path)


def test_key_patterns_are_the_ones_in_urls(site):
    """No retyped key regex: every pattern in the schemas is one defined once elsewhere."""
    known = {urls.SECTION_PATTERN, urls.KEY_PATTERN, DATE_SHAPE.pattern, apimodels.URL_PATTERN}
    for name in api.DOCUMENTS:
        schema = load(site, "api", "v1", "schema", f"{name}.json")
        found = set(_patterns(schema))
        assert {pattern for _, pattern in found} <= known, name
        assert schema["properties"]["api_version"]["const"] == urls.API_VERSION
        assert schema["properties"]["name"]["const"] == name
    pages = load(site, "api", "v1", "schema", "pages.json")["$defs"]
    assert pages["Page"]["properties"]["key"]["pattern"] == urls.KEY_PATTERN
    assert pages["Section"]["properties"]["id"]["pattern"] == urls.SECTION_PATTERN
    glossary = load(site, "api", "v1", "schema", "glossary.json")["$defs"]["Term"]["properties"]
    assert glossary["key"]["pattern"] == glossary["related"]["items"]["pattern"] == urls.SECTION_PATTERN
    changes = load(site, "api", "v1", "schema", "changes.json")["$defs"]["Change"]["properties"]
    assert changes["pages"]["items"]["pattern"] == urls.KEY_PATTERN
    for module in (api, apimodels):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "[a-z0-9]" not in source and "a-z" not in source, module.__name__


def test_api_holds_the_same_data_as_the_pages(site, data):
    glossary = load(site, "api", "v1", "glossary.json")["terms"]
    assert {t["key"] for t in glossary} == set(data.glossary)
    faq = load(site, "api", "v1", "faq.json")["questions"]
    assert [q["key"] for q in faq] == [e.key for e in data.faq]
    for q in faq:
        assert q["answer"]["markdown"] and q["answer"]["html"].startswith("<")
    refs = load(site, "api", "v1", "references.json")["references"]
    assert {r["key"] for r in refs} == set(data.references)
    comps = load(site, "api", "v1", "comparisons.json")["comparisons"]
    for comp in comps:
        assert [r["key"] for r in comp["rows"]] == [r.key for r in data.comparisons[comp["key"]].rows]
    claims = load(site, "api", "v1", "claims.json")["claims"]
    assert {c["key"]: c["verdict"] for c in claims} == {c.key: c.verdict for c in data.claims}


def test_pages_json_lists_embeds_and_sections(site):
    pages = load(site, "api", "v1", "pages.json")["pages"]
    safety = next(p for p in pages if p["key"] == "safety")
    assert safety["embed_url"].endswith("/dng/embed/safety/")
    ids = [s["id"] for s in safety["sections"]]
    assert "side-effects" in ids and "urgent-help" in ids
    assert all(s["embed_url"].endswith(f"/embed/safety/sections/{s['id']}/") for s in safety["sections"])


def test_html_in_the_api_links_to_the_full_site(site):
    faq = load(site, "api", "v1", "faq.json")["questions"]
    html = " ".join(q["answer"]["html"] for q in faq)
    assert f'href="{SITE_URL}references/#' in html
    assert 'href="#' not in html


def test_changes_feed(site):
    changes = load(site, "api", "v1", "changes.json")
    assert changes["history_complete"] is True  # the log is written by editors (changes.yml), never partial
    feed = (site / "changes.xml").read_text(encoding="utf-8")
    assert feed.startswith('<?xml version="1.0"') and "<feed xmlns=\"http://www.w3.org/2005/Atom\">" in feed
    assert feed.count("<entry>") == len(changes["changes"])


def test_faq_json_gives_each_question_its_group(site, data):
    """Clinics can list questions as the FAQ does: each carries its group's key and heading (scales.yml)."""
    questions = {q["key"]: q for q in load(site, "api", "v1", "faq.json")["questions"]}
    labels = {g.key: g.label for g in data.scales.faq_groups}
    assert {key: (q["group"], q["group_title"]) for key, q in questions.items()} == {
        e.key: (e.group, labels[e.group]) for e in data.faq}
    assert len(set(labels)) > 1
