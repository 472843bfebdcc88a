"""Schema.org JSON-LD for each page, from the same front matter and data as the page."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from macros.content.sourcepages import SourcePage
from macros.render.faq import answer_html

if TYPE_CHECKING:
    from macros.site import Site


def script_text(doc: dict[str, object] | list[dict[str, object]]) -> str:
    """JSON for inside <script type="application/ld+json">: '<', '>' and '&' as \\u escapes, so no
    text in it can close the element or open an HTML comment ('<!--' would swallow the page)."""
    text = json.dumps(doc, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _publisher(build: Site) -> dict[str, object]:
    return {"@type": "Organization", "name": build.config.publisher,
            "url": build.site_url}


def for_page(build: Site, page: SourcePage, last_changed: str | None) -> dict[str, object] | list[dict[str, object]]:
    meta = page.checked_info
    licence = build.config.licence_url
    url = build.site_url + page.url
    doc: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": meta.title,
        "description": meta.description,
        "url": url,
        "inLanguage": "en",
        "lastReviewed": meta.last_reviewed.isoformat(),
        "license": licence,
        "publisher": _publisher(build),
        "isPartOf": {"@type": "WebSite", "name": build.config.site_name, "url": build.site_url},
        "about": {"@type": "MedicalTherapy", "name": "Dry needling"},
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
    }
    if last_changed:
        doc["dateModified"] = last_changed
    reviewers = [build.data.reviewers[k] for k in meta.reviewed_by if k in build.data.reviewers]
    if reviewers:
        doc["reviewedBy"] = [{"@type": "Person", "name": r.name} for r in reviewers]
    if page.key != "faq":
        return doc
    ctx = build.render_context(page.url, absolute=True)
    faq: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "mainEntity": [
            {"@type": "Question", "name": entry.question,
             "acceptedAnswer": {"@type": "Answer", "text": str(answer_html(ctx, entry))}}
            for entry in build.data.faq
        ],
    }
    return [doc, faq]
