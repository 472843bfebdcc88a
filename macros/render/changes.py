"""What changed in our medical text, and when: from the git history of pages and data.

Clinics embed live pages, so they need to see when the text under them changed.
One change log feeds the /changes/ page, /api/v1/changes.json and the Atom feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup

from macros.content import datafiles
from macros.content.dates import time_element
from macros.content.urls import page_key
from macros.render.context import RenderContext

if TYPE_CHECKING:
    from macros.site import Site

LIMIT = 200


class Change(TypedDict):
    """One commit of the change log, as /api/v1/changes.json lists it."""

    date: str  # YYYY-MM-DD
    datetime: str  # ISO 8601 with offset
    commit: str
    summary: str
    pages: list[str]  # keys of the pages whose text it changed
    files: list[str]


@dataclass
class ChangeLog:
    complete: bool
    entries: list[Change]


def _pages_for(files: tuple[str, ...], build: Site) -> list[str]:
    keys: list[str] = []
    for name in files:
        if name.startswith(f"{datafiles.DOCS_DIR}/") and name.endswith(".md"):
            key = page_key(name[len(datafiles.DOCS_DIR) + 1:])
            candidates = [key] if key in build.pages else []
        else:
            candidates = datafiles.pages_fed_by(name, build.pages)
        keys += [k for k in candidates if k not in keys]
    return keys


def change_log(build: Site) -> ChangeLog:
    complete, commits = build.history.complete, build.history.commits
    entries: list[Change] = []
    for commit in commits[:LIMIT]:
        pages = _pages_for(commit.files, build)
        entries.append({"date": commit.date[:10], "datetime": commit.date, "commit": commit.sha,
                        "summary": commit.subject, "pages": pages, "files": list(commit.files)})
    return ChangeLog(complete, entries)


def changes_html(ctx: RenderContext, build: Site) -> Markup:
    log = change_log(build)
    if not log.entries:
        return Markup("<p>No history is available in this build (it was made from a copy of the "
                      "repository without its git history).</p>")
    items = []
    for entry in log.entries:
        links = Markup(", ").join(
            Markup('<a href="{}">{}</a>').format(ctx.href(build.pages[k].url), build.pages[k].checked_info.title)
            for k in entry["pages"] if k in build.pages) or Markup("site data")
        items.append(Markup('<li>{}: {} <span class="dng-change__pages">({})</span></li>')
                     .format(time_element(entry["date"]), entry["summary"], links))
    note = Markup("") if log.complete else Markup(
        "<p><strong>Partial history:</strong> this build was made from a shallow copy of the repository, "
        "so older changes are missing.</p>")
    return note + Markup('<ul class="dng-changes">{}</ul>').format(Markup("").join(items))


def atom_feed(build: Site) -> str:
    log = change_log(build)
    updated = log.entries[0]["datetime"] if log.entries else "2026-01-01T00:00:00+00:00"
    site = build.site_url
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           "<title>Dry Needling Guide: what changed</title>",
           f'<link rel="self" href="{xml_escape(site)}changes.xml"/>',
           f'<link rel="alternate" href="{xml_escape(site)}changes/"/>',
           f"<id>{xml_escape(site)}changes/</id>",
           f"<updated>{xml_escape(updated)}</updated>",
           f"<author><name>{xml_escape(build.config.publisher)}</name></author>",
           f"<rights>{xml_escape(build.config.licence_name)}</rights>"]
    for entry in log.entries:
        pages = ", ".join(build.pages[k].checked_info.title for k in entry["pages"] if k in build.pages)
        link = site + (build.pages[entry["pages"][0]].url if entry["pages"] and entry["pages"][0] in build.pages
                       else "changes/")
        out += ["<entry>",
                f"<title>{xml_escape(entry['summary'])}</title>",
                f'<link href="{xml_escape(link)}"/>',
                f"<id>{xml_escape(site)}changes/#{entry['commit'][:12]}</id>",
                f"<updated>{xml_escape(entry['datetime'])}</updated>",
                f"<summary>{xml_escape('Pages: ' + (pages or 'site data'))}</summary>",
                "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"
