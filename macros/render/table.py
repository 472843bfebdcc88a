"""The one macro table: every name pages and data text may call, and the function behind it.

Each function takes the render context first; `bind` gives a template the table
bound to one context. The page environment, data-text rendering and the checker
all read this table, so a macro exists in one place.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.render import (
    care,
    changes,
    claims,
    clinics,
    comparisons,
    evidence,
    faq,
    glossary,
    guidance,
    inline,
    keypoints,
    pictures,
    references,
    sandbox,
)
from macros.render.context import Macro, RenderContext


def _block(html: Markup) -> Markup:
    # Raw HTML blocks need blank lines around them to stay out of Markdown paragraphs.
    return Markup("\n\n") + html + Markup("\n\n")


def comparison(ctx: RenderContext, key: str) -> Markup:
    """A comparison table from comparisons.yml."""
    return _block(comparisons.comparison_html(ctx, key))


def comparison_list(ctx: RenderContext) -> Markup:
    """Links to every comparison page."""
    return _block(comparisons.comparison_list_html(ctx))


def guidance_one(ctx: RenderContext, key: str) -> Markup:
    """One national guideline recommendation from guidance.yml: quoted, dated, then in plain words."""
    return _block(guidance.guidance_html(ctx, key))


def guidance_list(ctx: RenderContext, *keys: str) -> Markup:
    """Several guideline recommendations, in the order given."""
    return _block(guidance.guidance_list_html(ctx, *keys))


def care_cards(ctx: RenderContext, *tiers: str) -> Markup:
    """The care cards from care.yml: all three tiers, or the ones named ("same-day")."""
    return _block(care.care_html(ctx, *tiers))


def reference_list(ctx: RenderContext) -> Markup:
    """Every reference with its key as anchor."""
    return _block(references.all_references_html(ctx))


def changes_list(ctx: RenderContext) -> Markup:
    """The change log (changes.yml): what each kind means, then every entry by month, newest first."""
    return _block(changes.changes_html(ctx, ctx.build))


def embed_example(ctx: RenderContext, key: str, section: str = "", height: int = 420, **options: str) -> Markup:
    """A live embed example."""
    return clinics.live_example(ctx, key, section, height, **options)


def editors_guide(ctx: RenderContext, text: str = "guide for editors") -> Markup:
    """A link to the editors' guide (CONTRIBUTING.md) in the repository, built from the edit address.

    Pages of the full site only: embeds and the API have no repository (clinics' readers are not
    editors), so there the words stay and name the file."""
    if ctx.repository is None:
        return Markup("{} (CONTRIBUTING.md in our public repository)").format(text)
    return Markup('<a href="{}">{}</a>').format(ctx.repository.view_url(GUIDE_FILE), text)


def site_url(ctx: RenderContext) -> str:
    """The site's absolute URL, with a trailing slash."""
    return ctx.site_url


def counts(ctx: RenderContext) -> dict[str, int]:
    """Sizes of the data, for the home and about pages."""
    site = ctx.site
    return {"terms": len(site.glossary), "references": len(site.references),
            "faq": len(site.faq), "claims": len(site.claims), "comparisons": len(site.comparisons),
            "guidance": len(site.guidance)}


# The editors' guide, at the top of the repository.
GUIDE_FILE = "CONTRIBUTING.md"


# Every macro pages may call, by the name pages use: the only names in the render environment.
MACROS: dict[str, Macro] = {
    "glossary": glossary.glossary_markdown,
    "faq": faq.faq_markdown,
    "claims": claims.claims_markdown,
    "claim": claims.claim_item,
    "glossary_term": glossary.glossary_term,
    **inline.INLINE_MACROS,
    "evidence_legend": evidence.evidence_legend,
    "frequency_scale": evidence.frequency_scale,
    "comparison": comparison,
    "comparison_summary": comparisons.comparison_summary_html,
    "comparison_list": comparison_list,
    "faq_entry": faq.faq_entry_markdown,
    "guidance": guidance_one,
    "guidance_list": guidance_list,
    "care_cards": care_cards,
    "key_points": keypoints.key_points,
    "reference_list": reference_list,
    "changes_list": changes_list,
    "embed_loader_snippet": clinics.loader_snippet,
    "embed_iframe_snippet": clinics.iframe_snippet,
    "embed_example": embed_example,
    "embed_builder": clinics.builder,
    "embed_options_table": clinics.options_table,
    "embed_csp": clinics.csp_snippet,
    "embed_message": clinics.message_snippet,
    "nginx_headers": clinics.nginx,
    "site_url": site_url,
    "editors_guide": editors_guide,
    "counts": counts,
    "icon_array": pictures.icon_array,
    "needle_sizes": pictures.needle_sizes,
    "needle_layers": pictures.needle_layers,
    "collapsed_lung_map": pictures.collapsed_lung_map,
}

bind = sandbox.bind  # re-exported: the table and its binding read together
