"""Every claim, glossary term and care card embeddable on its own: the embed pages, pages.json's
"items", the published addresses, and the part of the spec the loader carries."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from macros.content import datafiles, datastore, urls
from macros.content.models import CARE_TIERS
from macros.errors import ContentError
from macros.publish import embedspec, outputs, redirects
from macros.render import claims, glossary
from tests.conftest import SITE_URL
from tests.support.pages import ROOT, soup

PUBLISHED = ROOT / datafiles.display_path("published-urls")


@pytest.fixture(scope="module")
def data():
    return datastore.load(ROOT)


@pytest.fixture(scope="module")
def pages_doc(site):
    return json.loads((site / urls.api_url("pages")).read_text(encoding="utf-8"))


def expected_items(data) -> list[dict]:
    """What pages.json must list, written from the data here (not from embeds.items)."""
    care = [{"key": f"care/{tier}", "kind": "care", "title": data.care[tier].heading,
             "url": f"{SITE_URL}safety/#care-{tier}", "embed_url": f"{SITE_URL}embed/care/{tier}/"}
            for tier in CARE_TIERS]
    claim_items = [{"key": f"claims/items/{c.key}", "kind": "claim", "title": f"“{c.claim}”",
                    "url": f"{SITE_URL}claims/#{c.key}", "embed_url": f"{SITE_URL}embed/claims/items/{c.key}/"}
                   for c in data.claims]
    terms = [{"key": f"glossary/terms/{t.key}", "kind": "term", "title": t.term,
              "url": f"{SITE_URL}glossary/#{t.key}", "embed_url": f"{SITE_URL}embed/glossary/terms/{t.key}/"}
             for t in sorted(data.glossary.values(), key=lambda t: t.term.lower())]
    return care + claim_items + terms


def test_pages_json_lists_every_claim_term_and_care_card(pages_doc, data):
    assert pages_doc["items"] == expected_items(data)
    assert len(pages_doc["items"]) == len(CARE_TIERS) + len(data.claims) + len(data.glossary)
    # The older list stays as it was, for clients that read it.
    assert [c["tier"] for c in pages_doc["care"]] == list(CARE_TIERS)


def test_item_keys_use_the_shapes_of_urls(pages_doc):
    for item in pages_doc["items"]:
        prefix = item["key"].rsplit("/", 1)[0]
        assert urls.ITEM_EMBEDS[prefix] == item["kind"]
        assert item["embed_url"] == SITE_URL + urls.embed_url(item["key"])
        assert urls.KEY.match(item["key"])


def test_items_validate_against_the_schema_and_a_bad_item_does_not(site, pages_doc):
    schema = json.loads((site / urls.api_schema_url("pages")).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    assert not list(validator.iter_errors(pages_doc))
    for field, bad in [("kind", "page"), ("key", "Claims/../x"), ("embed_url", "javascript:alert(1)"),
                       ("extra", "field")]:
        broken = json.loads(json.dumps(pages_doc))
        broken["items"][0][field] = bad
        assert list(validator.iter_errors(broken)), field
    old = json.loads(json.dumps(pages_doc))
    del old["items"]
    assert list(validator.iter_errors(old)), "items is required, as every field of v1"


def test_every_item_address_is_published_and_resolves(site, pages_doc):
    published = {url for _, url in redirects.published(PUBLISHED)}
    for item in pages_doc["items"]:
        address = item["embed_url"][len(SITE_URL):]
        assert address in published, address
        assert (site / address / "index.html").is_file(), address


def test_current_urls_hold_the_items_only_with_the_data(data):
    from macros.content import sourcepages
    pages = {p.key: p for p in sourcepages.scan(ROOT / "docs", ROOT)}
    with_data = redirects.current_urls(pages, data)
    assert "embed/claims/items/" + data.claims[0].key + "/" in with_data
    assert not any(u.startswith("embed/glossary/terms/") for u in redirects.current_urls(pages))


def _text(node) -> str:
    """An entry's words, citation marks left out: they are numbered per page."""
    for mark in node.select("sup.dng-cite"):
        mark.decompose()
    return " ".join(node.get_text(" ").split())


@pytest.mark.parametrize("kind", ["claim", "term"])
def test_an_item_embed_is_its_entry_as_the_page_shows_it(site, data, kind):
    if kind == "claim":
        key, page_url, body = data.claims[0].key, "claims/", ".dng-claim"
        item, heading = urls.claim_embed_key(key), f"“{data.claims[0].claim}”"
    else:
        term = sorted(data.glossary.values(), key=lambda t: t.term.lower())[0]
        key, page_url, body, item, heading = term.key, "glossary/", ".dng-gloss", urls.term_embed_key(term.key), term.term
    embed = soup(site, urls.embed_url(item))
    assert embed.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert [c["href"] for c in embed.find_all("link", rel="canonical")] == [SITE_URL + page_url]
    assert f"{SITE_URL}{page_url}#{key}" in [a["href"] for a in embed.select(".dng-attribution a")]
    assert embed.select(".md-header, .md-sidebar, .md-footer, nav.md-nav") == []
    # One heading, the claim or the term (overrides/embed.html): the place on the page gives its own.
    assert [h.get_text(strip=True) for h in embed.select("article h1, article h2, article h3")] == [heading]
    # The same renderer as the page: the same words, the same classes, and the page's anchor still there.
    full = soup(site, page_url)
    assert full.find(id=key) is not None
    entry = full.find(id=key).find_next(class_=body[1:])
    assert _text(embed.select_one(f"article {body}")) == _text(entry)
    assert embed.select_one("article .dng-edit") is None  # no edit links outside the full site
    for link in embed.select("article a[href]"):
        assert link["href"].startswith(("http://", "https://", "#")), link["href"]
    # The embed page sends its height: the child script every embed page loads.
    assert any("embed-child.js" in s.get("src", "") for s in embed.find_all("script"))


def test_every_claim_and_term_has_an_embed_page(site, data):
    for claim in data.claims:
        assert (site / urls.embed_url(urls.claim_embed_key(claim.key)) / "index.html").is_file()
    for term in data.glossary:
        assert (site / urls.embed_url(urls.term_embed_key(term)) / "index.html").is_file()


def test_the_single_item_macros_refuse_an_unknown_key(data):
    from macros.render.context import RenderContext
    ctx = RenderContext(site=data, page_url="", site_url=SITE_URL, absolute=True, build=None)
    with pytest.raises(ContentError, match="unknown claim 'safe-for-everone'") as claim_error:
        claims.claim_item(ctx, "safe-for-everone")
    with pytest.raises(ContentError, match="unknown glossary term 'trigger-piont'") as term_error:
        glossary.glossary_term(ctx, "trigger-piont")
    assert "did you mean 'trigger-point'?" in str(term_error.value)
    assert "did you mean 'safe-for-everyone'?" in str(claim_error.value)


def test_the_loader_carries_only_the_spec_it_reads(site):
    loader = (site / urls.LOADER).read_text(encoding="utf-8")
    source = outputs.LOADER_SOURCE.read_text(encoding="utf-8")
    read = set(outputs.LOADER_READS.findall(source))
    carried = json.loads(outputs.loader_spec(source))
    assert set(carried) == read and read >= {"names", "choices", "patterns", "items", "transparent",
                                             "transparent_themes", "maxValue", "catalogue"}
    assert json.dumps(carried, separators=(",", ":")) in loader
    assert '"handout"' not in loader  # the handout's patterns are the handout page's, not the host's
    spec = embedspec.spec()
    assert all(carried[name] == json.loads(json.dumps(spec[name])) for name in read)


def test_a_loader_reading_a_name_the_spec_lacks_stops_the_build():
    with pytest.raises(RuntimeError, match="SPEC.no_such_name"):
        outputs.loader_spec("var a = SPEC.names, b = SPEC.no_such_name;")


def test_the_loader_retypes_no_option_name_or_value():
    """Names, values and patterns come from SPEC: none is written in the loader's source."""
    source = outputs.LOADER_SOURCE.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    strings = set(re.findall(r'"([^"\\]*)"', code))
    values = {v for choices in embedspec.CHOICES.values() for v in choices} | set(embedspec.OPTION_NAMES)
    assert not strings & values, strings & values
    assert "claims/items" not in code and "glossary/terms" not in code and "care/" not in code


def test_the_height_message_is_written_once():
    """Its type and version live in embedspec.HEIGHT_MESSAGE; the loader and the embed script read them."""
    loader = outputs.loader_js()
    child = (ROOT / "macros" / "publish" / "assets" / "embed-child.js").read_text(encoding="utf-8")
    message = str(embedspec.HEIGHT_MESSAGE["type"])
    assert message in loader  # from the spec written into it
    assert message not in outputs.LOADER_SOURCE.read_text(encoding="utf-8")
    assert message not in child.split("*/", 1)[1]  # only the header comment describes it
    assert "SPEC.height_message" in child and "SPEC.height_request" in child
    assert embedspec.spec()["height_message"] == embedspec.HEIGHT_MESSAGE
    assert embedspec.spec()["height_request"] == embedspec.HEIGHT_REQUEST
    # The for-clinics page shows both messages through a macro, never retyped.
    clinics_page = (ROOT / "docs" / "for-clinics.md").read_text(encoding="utf-8")
    assert message not in clinics_page and str(embedspec.HEIGHT_REQUEST["type"]) not in clinics_page
    assert str(embedspec.HEIGHT_REQUEST["type"]) not in child.split("*/", 1)[1]
