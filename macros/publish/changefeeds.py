"""The change log as Atom feeds: one for the site (/changes.xml) and one per page (/changes/<key>.xml).

A clinic that embeds a page follows that page's feed (each page's head links it). Entries come
from changes.yml only; an entry's id is its date and a hash of its text (ChangeEntry.id), so it
stays the same when other entries are added. A correction says so in its title and in an Atom
category, in every feed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from macros.content import changelog, urls
from macros.content.models import CORRECTION, ChangeEntry
from macros.render.changes import KINDS_ANCHOR, anchor, kind_label

if TYPE_CHECKING:
    from macros.site import Site

ATOM = "http://www.w3.org/2005/Atom"
SITE_TITLE = "Dry Needling Guide: what changed"
# A feed with no entry yet still needs an `updated`: the day the change log began.
FIRST_DAY = "2026-11-23"


def page_feed_title(page_title: str) -> str:
    """What a page's feed is called, in its head link and in feed readers."""
    return f"Dry Needling Guide: changes to “{page_title}”"


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _entry_title(entry: ChangeEntry) -> str:
    return f"{kind_label(entry)}: {entry.text}" if entry.kind == CORRECTION else entry.text


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(build: Site, entries: list[ChangeEntry], title: str, self_path: str, alternate_path: str) -> str:
    """One valid Atom document: id, title, updated, author, links; each entry with its stable id."""
    ET.register_namespace("", ATOM)
    site = build.site_url
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", site + self_path)
    _sub(feed, "title", title)
    _sub(feed, "updated", _timestamp(entries[0].date.isoformat() if entries else FIRST_DAY))
    author = _sub(feed, "author")
    _sub(author, "name", build.config.publisher)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=site + self_path)
    _sub(feed, "link", rel="alternate", type="text/html", href=site + alternate_path)
    _sub(feed, "rights", build.config.licence_name)
    changes_page = site + urls.page_url("changes")
    for entry in entries:
        item = _sub(feed, "entry")
        # A tag URI would need a domain we own for good; the site's address is as stable as the feed.
        _sub(item, "id", f"{changes_page}#{anchor(entry)}")
        _sub(item, "title", _entry_title(entry))
        _sub(item, "updated", _timestamp(entry.date.isoformat()))
        _sub(item, "link", rel="alternate", type="text/html", href=f"{changes_page}#{anchor(entry)}")
        for key in entry.pages:
            if key in build.pages:
                _sub(item, "link", rel="related", type="text/html", href=site + build.pages[key].url,
                     title=build.pages[key].checked_info.title)
        # The scheme is where the kinds are explained: the What changed page.
        _sub(item, "category", term=entry.kind, label=kind_label(entry), scheme=f"{changes_page}#{KINDS_ANCHOR}")
        pages = ", ".join(build.pages[key].checked_info.title for key in entry.pages if key in build.pages)
        _sub(item, "content", f"{entry.text} (Pages: {pages})", type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def site_feed(build: Site) -> str:
    return atom_feed(build, list(build.changes.entries), SITE_TITLE, urls.CHANGES_FEED, urls.page_url("changes"))


def page_feeds(build: Site) -> dict[str, str]:
    """Output path -> feed, for every page that has one (changelog.follows)."""
    return {urls.page_changes_feed(page.key): atom_feed(build, build.changes.for_page(page.key),
                                                        page_feed_title(page.checked_info.title),
                                                        urls.page_changes_feed(page.key), page.url)
            for page in build.pages.values() if changelog.follows(page.key)}
