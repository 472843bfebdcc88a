"""Care cards: when to get help after dry needling, most urgent first (the NHS's pattern).

The signs are written once, in care.yml. Pages call `care_cards()` (all tiers) or
`care_cards("same-day")` (one); the FAQ shows the tiers its entry names (`care:`), and
each tier has its own embed (/embed/care/<tier>/). One function makes all of them:

    <div class="dng-care">
      <div class="dng-care__card dng-care__card--emergency" id="care-emergency">
        <p class="dng-care__tier">Level 1 of 3: emergency</p>
        <h3 class="dng-care__heading">Call your emergency number now</h3>
        <p class="dng-care__lead">If you have any of these after needling:</p>
        <ul class="dng-care__signs"><li>...</li></ul>
        <p class="dng-care__action"><strong>What to do:</strong> ...</p>
        <p class="dng-care__why">What the signs may mean. [1, 2]</p>
      </div>
    </div>

The tier is said in words (its level and name) and by the heading: colour is only a second cue.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.content import datafiles
from macros.content.models import CARE_TIERS, CareTier
from macros.errors import ContentError, did_you_mean
from macros.render.context import RenderContext
from macros.render.editlinks import entry_links
from macros.render.inline import cite

# The tier in words, after "Level N of 3:". Fixed with CARE_TIERS: the order is the meaning.
TIER_WORDS = {"emergency": "emergency", "same-day": "urgent", "tell-practitioner": "not an emergency"}
# The id of a card on its page: `#care-emergency` (links from key points and other pages).
CARD_ID = "care-{key}"


def card_id(key: str) -> str:
    return CARD_ID.format(key=key)


def tiers(ctx: RenderContext, *keys: str) -> list[CareTier]:
    """The tiers named (all of them when none is), in the order of urgency."""
    for key in keys:
        if key not in CARE_TIERS:
            raise ContentError(f"unknown care tier '{key}'",
                               did_you_mean(key, CARE_TIERS, datafiles.display_path("care"))
                               + "; the tiers are: " + ", ".join(CARE_TIERS))
    wanted = keys or CARE_TIERS
    return [ctx.site.care[key] for key in CARE_TIERS if key in wanted and key in ctx.site.care]


def card_html(ctx: RenderContext, tier: CareTier, edit_links: bool = True) -> Markup:
    """One card: its level in words, the heading, the signs, what to do, and one citation group."""
    level = CARE_TIERS.index(tier.key) + 1
    signs = Markup("").join(Markup("<li>{}</li>").format(sign) for sign in tier.signs)
    group = cite(ctx, *tier.sources)
    last = (Markup('<p class="dng-care__why">{} {}</p>').format(tier.why, group) if tier.why
            else Markup('<p class="dng-care__why">{}</p>').format(group))
    return Markup(
        '<div class="dng-care__card dng-care__card--{key}" id="{id}">'
        '<p class="dng-care__tier">Level {level} of {count}: {words}</p>'
        '<h3 class="dng-care__heading">{heading}</h3>'
        '<p class="dng-care__lead">If you have any of these after needling:</p>'
        '<ul class="dng-care__signs">{signs}</ul>'
        '<p class="dng-care__action"><strong>What to do:</strong> {action}</p>'
        '{last}{edit}</div>'
    ).format(key=tier.key, id=card_id(tier.key), level=level, count=len(CARE_TIERS), words=TIER_WORDS[tier.key],
             heading=tier.heading, signs=signs, action=tier.action, last=last,
             edit=entry_links(ctx, "care", tier.key, f"the card “{tier.heading}”") if edit_links else Markup(""))


def care_html(ctx: RenderContext, *keys: str, edit_links: bool = True) -> Markup:
    """The cards of the tiers named (all three when none is), most urgent first. `edit_links=False`
    inside another entry (a FAQ answer), whose own edit link is the one for that place; the page's
    "where this text lives" still names care.yml."""
    cards = Markup("").join(card_html(ctx, tier, edit_links) for tier in tiers(ctx, *keys))
    return Markup('<div class="dng-care">{}</div>').format(cards)
