"""One-page printable handouts: /handouts/<page-key>/ for each patient page with key points.

A handout is a standalone page (noindex, not in the nav, the sitemap or search), written after
the build (macros/publish/handoutpages.py) from overrides/handout.html: the site's name, the
page's title, its key points, the care cards, the questions to ask your practitioner, the review
date with the editorial-check note, the page's address as text and as a QR code, and the licence.

Printed, it has no citation numbers (there is no room for the list they point to): it says that
every point's sources are on the page, whose address it prints. A clinic's name and phone, from
the address (`?clinic=...&phone=...`), are added by the handout's script only, at the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from macros import sanitise
from macros.content import dates, notes, urls
from macros.content.models import KeyPoints
from macros.errors import ContentError, Problem
from macros.publish.embeds import absolutize_links
from macros.render import care, keypoints, qrcode
from macros.render.comparisons import words_shown
from macros.render.context import RenderContext

if TYPE_CHECKING:
    from macros.site import Site

# What paper cannot show, as macros/render/inline.py writes it: a citation group (its list is on
# the page), and a term's tooltip with the attribute pointing at it (the term stays a link).
_OFF_PAPER = re.compile(r'\s*<sup class="dng-cite">.*?</sup>|<span class="dng-term__tip"[^>]*>[^<]*</span>'
                        r'| aria-describedby="dng-tip-[^"]*"', re.DOTALL)


def handout_keys(build: Site) -> list[str]:
    """The pages that have a handout, in the order of the site's patient pages (for the builder)."""
    return [key for key in build.config.patient_pages if key in build.data.keypoints and key in build.pages]


def for_paper(html: str) -> Markup:
    return Markup(_OFF_PAPER.sub("", html))


def points_html(ctx: RenderContext, item: KeyPoints, src_uri: str) -> Markup:
    """The points as the handout prints them: links to the full site, no citation numbers."""
    linked = absolutize_links(keypoints.points_markdown(ctx, item), src_uri, ctx.site_url)
    return for_paper(sanitise.clean(ctx.build.markdown.html(linked)))


@dataclass(frozen=True)
class Handout:
    """What overrides/handout.html prints."""

    key: str
    title: str
    page_url: str  # absolute
    points: Markup
    care: Markup
    questions: tuple[str, ...]
    reviewed: str  # in words
    review_note: str
    qr: Markup


def handout(build: Site, key: str) -> Handout:
    page = build.pages[key]
    item = build.data.keypoints[key]
    ctx = build.render_context(urls.handout_url(key), absolute=True)
    full_url = build.site_url + page.url
    info = page.checked_info
    return Handout(
        key=key, title=str(info.title), page_url=full_url,
        points=points_html(ctx, item, page.src_uri),
        care=for_paper(care.care_html(ctx, edit_links=False)),
        questions=tuple(item.questions),
        reviewed=dates.date_in_words(info.last_reviewed),
        review_note=notes.REVIEW_NOTE,
        qr=qrcode.svg(full_url, f"QR code for {full_url}"))


def problems(build: Site) -> list[Problem]:
    """The cap on the words of each page's points, counted as its handout prints them (the rest of
    keypoints.yml is checked with the pages, before the Site exists: keypoints.check)."""
    printed: dict[str, int] = {}
    for key, item in build.data.keypoints.items():
        page = build.pages.get(key)
        if page is None:
            continue
        ctx = build.render_context(urls.handout_url(key), absolute=True)
        try:
            printed[key] = words_shown(points_html(ctx, item, page.src_uri))
        except ContentError:
            continue  # the page's render reports the broken macro, with its line
    return keypoints.check_words(build.data, printed)
