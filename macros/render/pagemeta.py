"""What templates need to know about a page, computed once per page.

The template (`overrides/main.html`) only prints these values; the logic of
canonical URLs, review lines, JSON-LD and the embed snippet lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NotRequired, TypedDict

from markupsafe import Markup

from macros.content import changelog, datafiles, sourcelinks, urls
from macros.content.dates import time_element
from macros.publish.changefeeds import page_feed_title
from macros.render import changes, handouts, jsonld

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from macros.content.sourcepages import SourcePage
    from macros.site import Site

# The words and title of the "Edit this page" link at the page foot, on a page whose own Markdown holds its text.
EDIT_TITLE = "Edit this page"
# What a page's own Markdown holds when its main text lives in a data file.
PAGE_FILE_HOLDS = "the title, introduction and sources"
PAGE_FILE_HOLDS_OWN = "the page's own text"


class TextSource(TypedDict):
    """One file that holds text of a page, for the "Where this page's text lives" line."""

    what: str  # in an editor's words: "the questions and answers"
    path: str  # from the project folder: macros/data/faq.yml
    edit_url: str


class PageInfo(TypedDict):
    """What the templates in overrides/ read as `page.meta.dng`."""

    key: str | None
    is_embed: bool
    # An embed copy's kind: "page" (a whole page), "section" (one h2 section) or "item" (a care card,
    # a claim, a term); "" on full pages. embed.html gives a page its title as heading, the others theirs.
    embed_kind: str
    section: str
    page_title: str  # the full page's title (an embed copy of a section has its own title)
    full_url: str
    last_changed: str | None
    # The dates the page foot shows, in words inside <time> (macros/content/dates.py); None when unknown.
    reviewed_time: Markup | None
    next_review_time: Markup | None
    last_changed_time: Markup | None
    reviewers: list[Markup]
    edit_url: str | None  # the file holding the page's main text, in the web editor (also `page.edit_url`)
    edit_title: str
    # Pages with text in a data file: every file holding their text, the one "Edit this page" opens first.
    text_sources: list[TextSource]
    # Pages of the full site only (not embed copies, not the 404 page):
    embed_url: NotRequired[str]
    oembed_url: NotRequired[str]
    jsonld: NotRequired[Markup]
    # The page's change feed, linked from its head (changelog.follows), and its feed's title.
    changes_feed_url: NotRequired[str]
    changes_feed_title: NotRequired[str]
    # The dated notice of a recent correction to a safety statement on this page, if any.
    correction_notice: NotRequired[Markup]
    handout_url: NotRequired[str]  # relative to the site root: the page's one-page handout


def decorate(page: Page, site: Site) -> None:
    embed = site.embeds.get(page.file.src_uri)
    source = site.source_of(page)
    full_url = site.site_url + (source.url if source else page.url)
    if embed is not None:
        page.canonical_url = full_url
    changed = site.last_changed(source.key) if source else None
    reviewed_by = source.info.reviewed_by if source and source.info else []
    reviewers = [site.data.reviewers[k] for k in reviewed_by if k in site.data.reviewers]
    info: PageInfo = {
        "key": source.key if source else None,
        "is_embed": embed is not None,
        "embed_kind": embed_kind(page.file.src_uri, source.key if source else "", embed.section if embed else None),
        "section": embed.section if embed else "",
        "page_title": source.info.title if source and source.info else "",
        "full_url": full_url,
        "last_changed": changed,
        "reviewed_time": _time_or_none(page.meta.get("last_reviewed")),
        "next_review_time": _time_or_none(page.meta.get("next_review")),
        "last_changed_time": _time_or_none(changed),
        "reviewers": [Markup.escape(f"{r.name}, {r.credentials}") for r in reviewers],
        "edit_url": None,
        "edit_title": EDIT_TITLE,
        "text_sources": [],
    }
    if embed is None:
        sources = text_sources(site, source)
        if sources:
            info["text_sources"] = sources
            info["edit_url"] = sources[0]["edit_url"]
            if sources[0]["path"] != source_path(source, page):
                info["edit_title"] = f"{EDIT_TITLE} (its text is in {sources[0]['path']})"
        elif site.config.repository is not None:
            info["edit_url"] = site.config.repository.edit_url(source_path(source, page))
    # The page foot's "Edit this page" link (partials/page-facts.html) prints page.edit_url: on a data
    # page, the data file; in an embed, none.
    page.edit_url = info["edit_url"]
    if source and embed is None and source.key != "404":
        info["embed_url"] = site.site_url + urls.embed_url(source.key)
        info["oembed_url"] = site.site_url + urls.oembed_url(source.key)
        info["jsonld"] = Markup(jsonld.script_text(jsonld.for_page(site, source, changed)))
        if source.key in handouts.handout_keys(site):
            info["handout_url"] = urls.handout_url(source.key)
    if source and embed is None and changelog.follows(source.key):
        info["changes_feed_url"] = site.site_url + urls.page_changes_feed(source.key)
        info["changes_feed_title"] = page_feed_title(source.checked_info.title)
        notice = changes.notice_html(site, source.key)
        if notice is not None:
            info["correction_notice"] = notice
    page.meta["dng"] = info


def embed_kind(src_uri: str, key: str, section: str | None) -> str:
    """Which kind of embed copy `src_uri` is (see PageInfo.embed_kind); None for `section`: not an embed."""
    if section is None:
        return ""
    if src_uri == urls.embed_src_uri(key):
        return "page"
    return "section" if section and src_uri == urls.embed_src_uri(key, section) else "item"


def _time_or_none(value: object) -> Markup | None:
    """A front-matter or change-log date as a <time> in words; None when the page has none."""
    return time_element(str(value)) if value else None


def source_path(source: SourcePage | None, page: Page) -> str:
    return source.path if source else sourcelinks.page_path(page.file.src_uri)


def _data_source(repository: sourcelinks.Repository, kind: str) -> TextSource:
    path = datafiles.display_path(kind)
    return {"what": sourcelinks.BY_KIND[kind].holds, "path": path, "edit_url": repository.edit_url(path)}


def text_sources(site: Site, source: SourcePage | None) -> list[TextSource]:
    """The files holding a page's text when any is a data file, the main text's file first; else []."""
    repository = site.config.repository
    if repository is None or source is None:
        return []
    main = sourcelinks.main_text_kind(source.key)
    blocks = sourcelinks.block_kinds(source.key, site.pages)
    if main is None and not blocks:
        return []
    own: TextSource = {"what": PAGE_FILE_HOLDS if main else PAGE_FILE_HOLDS_OWN, "path": source.path,
                       "edit_url": repository.edit_url(source.path)}
    first = [_data_source(repository, main), own] if main else [own]
    return first + [_data_source(repository, kind) for kind in blocks]
