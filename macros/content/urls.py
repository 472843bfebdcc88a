"""Every URL shape the site publishes, and the key pattern, defined once.

Pages, embeds, oEmbed, the API, redirects, headers and the loader script
(which receives these patterns from the build) all build addresses here.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

# A page key: lowercase words joined by '-', folders by '/' ("safety", "compare/dry-needling-vs-acupuncture").
KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$"
# A section id: one such word group ("side-effects").
SECTION_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
KEY = re.compile(KEY_PATTERN)
SECTION = re.compile(SECTION_PATTERN)

EMBED_ROOT = "embed"
OEMBED_ROOT = "oembed"
API_VERSION = "v1"
API_ROOT = f"api/{API_VERSION}"
LOADER = "embed.js"
CHANGES_FEED = "changes.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
HEADERS_FILE = "_headers"
SEARCH_ROOT = "search"
# Pages whose anchors other outputs link to (a term's entry, a reference, a question, a claim).
GLOSSARY = "glossary/"
REFERENCES = "references/"
FAQ = "faq/"
CLAIMS = "claims/"
ABOUT = "about/"
# The section of the about page that explains the evidence scales (certainty badges link to it).
EVIDENCE_SCALE = "how-we-rate-the-evidence"


# Where a reference's DOI and PubMed id resolve (links, and the URL forms editors paste, are read back).
DOI_RESOLVER = "https://doi.org/"
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/{}/"


def section_id_for(title: str) -> str:
    """The id a heading titled `title` gets from the site's Markdown (the toc extension's slug rule,
    which mkdocs.yml leaves at its default), fitted to the section-id shape above."""
    slug = slugify(title, "-").replace("_", "-")
    return "-".join(part for part in slug.split("-") if part) or "section"


def page_key(src_uri: str) -> str:
    """safety.md -> safety; compare/index.md -> compare; index.md -> home."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return "home"
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem


def page_url(key: str) -> str:
    return "" if key == "home" else f"{key}/"


def embed_url(key: str, section: str = "") -> str:
    base = f"{EMBED_ROOT}/{key}/"
    return f"{base}sections/{section}/" if section else base


# The care cards' embeds: /embed/care/<tier>/ (one card each, macros/render/care.py). Not a page:
# the loader and pages.json name them by tier.
CARE_EMBED = "care"


def care_embed_key(tier: str) -> str:
    """`same-day` -> `care/same-day`: the embed key whose address is embed/care/same-day/."""
    return f"{CARE_EMBED}/{tier}"


# Single items a clinic may embed on their own, beside pages, sections and care cards:
# a claim (/embed/claims/items/<claim-key>/) and a glossary term (/embed/glossary/terms/<term-key>/).
# Their embed keys are folders under the page they come from, so the key pattern above holds them
# and their address is a page's (embed_url(key)). pages.json lists them in "items".
CLAIM_EMBED = "claims/items"
TERM_EMBED = "glossary/terms"
# Every prefix an item's embed key starts with, and the kind pages.json gives it.
ITEM_EMBEDS = {CARE_EMBED: "care", CLAIM_EMBED: "claim", TERM_EMBED: "term"}


def claim_embed_key(claim: str) -> str:
    """`needle-count` -> `claims/items/needle-count` (address: embed/claims/items/needle-count/)."""
    return f"{CLAIM_EMBED}/{claim}"


def term_embed_key(term: str) -> str:
    """`trigger-point` -> `glossary/terms/trigger-point` (address: embed/glossary/terms/trigger-point/)."""
    return f"{TERM_EMBED}/{term}"


# One printable page per patient page with key points: /handouts/<page-key>/ (noindex).
HANDOUT_ROOT = "handouts"


def handout_url(key: str) -> str:
    return f"{HANDOUT_ROOT}/{key}/"


# The change feed: one for the site (CHANGES_FEED) and one per page, /changes/<page-key>.xml.
CHANGES_ROOT = "changes"


def page_changes_feed(key: str) -> str:
    return f"{CHANGES_ROOT}/{key}.xml"


def embed_src_uri(key: str, section: str = "") -> str:
    return f"{EMBED_ROOT}/{key}/sections/{section}.md" if section else f"{EMBED_ROOT}/{key}.md"


def oembed_url(key: str) -> str:
    return f"{OEMBED_ROOT}/{key}.json"


def api_url(name: str) -> str:
    return f"{API_ROOT}/{name}.json"


def api_schema_url(name: str) -> str:
    return f"{API_ROOT}/schema/{name}.json"
