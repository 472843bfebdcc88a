"""What changed in our text, and when, in the words of the editors who changed it (changes.yml).

Clinics embed live pages, so they need to see when the text under them changed. The What
changed page (`{{ changes_list() }}`) and the correction notice at the top of a page are
rendered here; the feeds are in macros/publish/changefeeds.py, the API in macros/publish/api.py,
all from the same entries (macros/content/changelog.py).
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from markupsafe import Markup

from macros.content import urls
from macros.content.dates import date_in_words, time_element
from macros.content.models import CHANGE_KINDS, ChangeEntry
from macros.render.context import RenderContext
from macros.render.references import FOLD_CLASS  # a fold that opens in print (site.css, site.js)

if TYPE_CHECKING:
    from macros.site import Site

# The anchor of an entry on the What changed page: feeds and notices link to it.
ANCHOR_PREFIX = "change-"
# The anchor of the kinds' meanings on that page: the feeds' category scheme points there.
KINDS_ANCHOR = "kinds"


def anchor(entry: ChangeEntry) -> str:
    return ANCHOR_PREFIX + entry.id


def kind_label(entry: ChangeEntry) -> str:
    return CHANGE_KINDS[entry.kind][0]


def _kind_badge(entry: ChangeEntry) -> Markup:
    """The kind as a word; its class gives it a colour and a mark, a second cue only."""
    return Markup('<span class="dng-change__kind dng-change__kind--{}">{}</span>').format(entry.kind,
                                                                                          kind_label(entry))


def _page_links(ctx: RenderContext, build: Site, entry: ChangeEntry) -> Markup:
    return Markup(", ").join(
        Markup('<a href="{}">{}</a>').format(ctx.href(build.pages[key].url), build.pages[key].checked_info.title)
        for key in entry.pages if key in build.pages)


def kinds_legend() -> Markup:
    """What each kind means, from CHANGE_KINDS."""
    rows = Markup("").join(Markup('<dt><span class="dng-change__kind dng-change__kind--{}">{}</span></dt><dd>{}</dd>')
                           .format(kind, label, meaning) for kind, (label, meaning) in CHANGE_KINDS.items())
    return Markup('<dl class="dng-change-kinds" id="{}">{}</dl>').format(KINDS_ANCHOR, rows)


def changes_html(ctx: RenderContext, build: Site) -> Markup:
    """Every entry, newest first, under a heading for its month."""
    months = []
    for month, entries in groupby(build.changes.entries, key=lambda entry: entry.date.strftime("%Y-%m")):
        items = Markup("").join(
            Markup('<li class="dng-change" id="{}">{} {}: {} <span class="dng-change__pages">(Pages: {})</span></li>')
            .format(anchor(entry), _kind_badge(entry), time_element(entry.date), entry.text,
                    _page_links(ctx, build, entry))
            for entry in entries)
        months.append(Markup('<h3 id="{}">{}</h3><ul class="dng-changes">{}</ul>').format(
            f"month-{month}", date_in_words(month), items))
    return kinds_legend() + Markup("").join(months)


def notice_html(build: Site, page_key: str) -> Markup | None:
    """The dated notice a correction to a safety statement puts at the top of a page it names, for
    changelog.NOTICE_DAYS days after its date (counted from the build's day); None when there is none.

    One correction is said in full; several of one day fold under one line (a fold that opens in
    print), so the notice never pushes the page's urgent help down by more than a line or two."""
    entries = build.changes.notices(page_key, build.today)
    if not entries:
        return None
    changes_url = build.site_url + urls.page_url("changes")
    blocks = []
    for day, group in groupby(entries, key=lambda entry: entry.date):
        same_day = list(group)
        links = Markup("").join(Markup('<li>{} <a href="{}#{}">What changed</a></li>').format(
            entry.text, changes_url, anchor(entry)) for entry in same_day)
        if len(same_day) == 1:
            blocks.append(Markup('<p><strong>Corrected on {}:</strong></p><ul>{}</ul>').format(time_element(day), links))
        else:
            blocks.append(Markup('<details class="{}"><summary><strong>Corrected on {}:</strong> {} statements about'
                                 ' safety on this page</summary><ul>{}</ul></details>').format(
                                     FOLD_CLASS, time_element(day), len(same_day), links))
    return Markup('<div class="dng-correction" role="note" aria-label="Correction">{}</div>').format(
        Markup("").join(blocks))
