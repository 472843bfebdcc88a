"""The claims page: common claims about dry needling, each with a verdict and the reasons."""

from __future__ import annotations

from markupsafe import Markup, escape

from macros.content import datafiles
from macros.content.textfields import markdown_heading_text
from macros.errors import ContentError, did_you_mean
from macros.render.context import RenderContext
from macros.render.editlinks import entry_links
from macros.render.inline import verdict
from macros.render.markup import to_html

VERDICT_ORDER = ["contradicted", "unsupported", "mixed", "supported"]


def claim_body(ctx: RenderContext, key: str) -> Markup:
    claim = next((c for c in ctx.site.claims if c.key == key), None)
    if claim is None:
        raise ContentError(f"unknown claim '{key}'",
                           did_you_mean(key, [c.key for c in ctx.site.claims], datafiles.display_path("claims")))
    explanation = to_html(claim.explanation, ctx, ctx.site.origin("claims", key, "explanation"))
    return Markup(
        '<div class="dng-claim"><p class="dng-claim__verdict">{badge}</p>'
        '<p class="dng-claim__where">Where this is said: {made_in}</p>{explanation}</div>'
    ).format(badge=verdict(ctx, claim.verdict), made_in=claim.made_in, explanation=explanation)


def claims_markdown(ctx: RenderContext) -> str:
    """Claims grouped by verdict, worst first; each claim an h3 with its key as anchor."""
    out = []
    verdicts = ctx.site.verdicts
    for v in VERDICT_ORDER + [k for k in verdicts if k not in VERDICT_ORDER]:
        group = [c for c in ctx.site.claims if c.verdict == v]
        if not group:
            continue
        out.append(f"## {markdown_heading_text(verdicts[v].label)} {{ #{v} }}\n")
        out.append(f"{escape(verdicts[v].meaning)}\n")
        for claim in group:
            out.append(f'### "{markdown_heading_text(claim.claim)}" {{ #{claim.key} }}\n')
            edit = entry_links(ctx, "claims", claim.key, f"the claim “{claim.claim}”")
            out.append(f"{claim_body(ctx, claim.key)}{edit}\n")
    return "\n".join(out)


def claim_item(ctx: RenderContext, key: str) -> Markup:
    """One claim's verdict and reasons, as the claims page shows them under the claim: the `claim("key")`
    macro, which its embed (/embed/claims/items/<key>/) is made of. No heading: the place it stands gives
    one (the embed's title is the claim)."""
    return Markup("\n\n") + claim_body(ctx, key) + Markup("\n\n")
