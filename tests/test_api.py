"""The content API: every file valid against its schema and rendered from the same data."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from macros import api, datastore
from tests.conftest import SITE_URL
from tests.support.pages import ROOT

DATA = datastore.load(ROOT)


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


def test_schema_rejects_a_wrong_document(site):
    schema = load(site, "api", "v1", "schema", "glossary.json")
    doc = load(site, "api", "v1", "glossary.json")
    doc["terms"][0]["explanation"] = "plain string instead of markdown+html"
    assert list(Draft202012Validator(schema).iter_errors(doc))


def test_api_holds_the_same_data_as_the_pages(site):
    glossary = load(site, "api", "v1", "glossary.json")["terms"]
    assert {t["key"] for t in glossary} == set(DATA.glossary)
    faq = load(site, "api", "v1", "faq.json")["questions"]
    assert [q["key"] for q in faq] == [e.key for e in DATA.faq]
    for q in faq:
        assert q["answer"]["markdown"] and q["answer"]["html"].startswith("<")
    refs = load(site, "api", "v1", "references.json")["references"]
    assert {r["key"] for r in refs} == set(DATA.references)
    comps = load(site, "api", "v1", "comparisons.json")["comparisons"]
    for comp in comps:
        assert [r["key"] for r in comp["rows"]] == [r.key for r in DATA.comparisons[comp["key"]].rows]
    claims = load(site, "api", "v1", "claims.json")["claims"]
    assert {c["key"]: c["verdict"] for c in claims} == {c.key: c.verdict for c in DATA.claims}


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
    assert isinstance(changes["history_complete"], bool)
    feed = (site / "changes.xml").read_text(encoding="utf-8")
    assert feed.startswith('<?xml version="1.0"') and "<feed xmlns=\"http://www.w3.org/2005/Atom\">" in feed
    assert feed.count("<entry>") == len(changes["changes"])
