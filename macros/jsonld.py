"""Schema.org JSON-LD for each page, from the same front matter and data as the page."""

from __future__ import annotations

import json

from .context import RenderContext
from .faq import answer_html
from .sourcepages import SourcePage
from .state import Build


def script_text(doc: dict | list) -> str:
    """JSON for inside <script type="application/ld+json">: '<', '>' and '&' as \\u escapes, so no
    text in it can close the element or open an HTML comment ('<!--' would swallow the page)."""
    text = json.dumps(doc, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _publisher(build: Build) -> dict:
    return {"@type": "Organization", "name": build.config["extra"].get("publisher", build.config["site_name"]),
            "url": build.site_url}


def for_page(build: Build, page: SourcePage, last_changed: str | None) -> dict | list:
    meta = page.meta
    licence = build.config["extra"]["content_licence"]["url"]
    url = build.site_url + page.url
    doc = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": meta.get("title"),
        "description": meta.get("description"),
        "url": url,
        "inLanguage": "en",
        "lastReviewed": str(meta.get("last_reviewed")),
        "license": licence,
        "publisher": _publisher(build),
        "isPartOf": {"@type": "WebSite", "name": build.config["site_name"], "url": build.site_url},
        "about": {"@type": "MedicalTherapy", "name": "Dry needling"},
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
    }
    if last_changed:
        doc["dateModified"] = last_changed
    reviewers = [build.site.reviewers[k] for k in meta.get("reviewed_by", []) if k in build.site.reviewers]
    if reviewers:
        doc["reviewedBy"] = [{"@type": "Person", "name": r.name} for r in reviewers]
    if page.key != "faq":
        return doc
    ctx = RenderContext(site=build.site, page_url=page.url, site_url=build.site_url, absolute=True,
                        pages=build.pages)
    faq = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "mainEntity": [
            {"@type": "Question", "name": entry.question,
             "acceptedAnswer": {"@type": "Answer", "text": str(answer_html(ctx, entry))}}
            for entry in build.site.faq
        ],
    }
    return [doc, faq]
