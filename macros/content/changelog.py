"""The change log (changes.yml) as the build reads it: checked against the pages and the build's day,
sorted newest first, and asked per page for its entries, its last-changed date and its notices.

Editors write one entry with each change to the text readers see (CONTRIBUTING.md, "A change-log
entry"); the What changed page, the JSON API, the site's Atom feed, one Atom feed per page, each
page's "Last changed" date and the correction notices are all made from these entries only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from macros.content import datafiles
from macros.content.datastore import SiteData
from macros.content.models import CORRECTION, ChangeEntry
from macros.errors import Problem, did_you_mean

# How long a correction to a safety statement shows its dated notice on the pages it names.
NOTICE_DAYS = 90
# Pages without a feed, a last-changed date or the need for an entry: the error page.
UNFOLLOWED = frozenset({"404"})


def follows(page_key: str) -> bool:
    """Whether the page has a change feed (and a last-changed date once an entry names it)."""
    return page_key not in UNFOLLOWED


def check(data: SiteData, page_keys: Collection[str], today: dt.date) -> list[Problem]:
    """Entries name pages that exist and are not dated after the build's day."""
    problems: list[Problem] = []
    for entry in data.changes:
        for key in entry.pages:
            if key not in page_keys:
                origin = data.origin("changes", entry.id, "pages")
                problems.append(Problem(origin.path, origin.line, f"'{key}' is not a page of the site",
                                        did_you_mean(key, [k for k in page_keys if follows(k)], "docs/")
                                        + " A page's key is its file in docs/ without .md: safety, compare/index is"
                                        " compare, index is home"))
        if entry.date > today:
            origin = data.origin("changes", entry.id, "date")
            problems.append(Problem(origin.path, origin.line,
                                    f"the date {entry.date.isoformat()} is after today ({today.isoformat()}, UTC)",
                                    f"write the day the change goes live, today or earlier: date: {today.isoformat()}"))
    # A page no entry names is not refused here (its feed is empty and it shows no last-changed date):
    # refusing it would hide the new page's other mistakes; the pull-request check asks for its entry.
    return problems


@dataclass(frozen=True)
class ChangeLog:
    """The entries, newest first (entries of one day keep the file's order)."""

    entries: tuple[ChangeEntry, ...]
    # Pages that show the whole log (the What changed page): they change with every entry.
    whole_log_pages: frozenset[str] = frozenset()

    @classmethod
    def of(cls, entries: Iterable[ChangeEntry], page_keys: Collection[str]) -> ChangeLog:
        ordered = sorted(entries, key=lambda entry: entry.date, reverse=True)  # stable: file order within a day
        showing = datafiles.pages_fed_by(datafiles.display_path("changes"), page_keys)
        return cls(tuple(ordered), frozenset(showing))

    def for_page(self, key: str) -> list[ChangeEntry]:
        """The entries a page's feed lists: those that name it (all of them for the What changed page)."""
        if key in self.whole_log_pages:
            return list(self.entries)
        return [entry for entry in self.entries if key in entry.pages]

    def last_changed(self, key: str) -> str | None:
        """ISO date of the page's newest entry; None for a page no entry names."""
        entries = self.for_page(key)
        return entries[0].date.isoformat() if entries else None

    def notices(self, key: str, today: dt.date) -> list[ChangeEntry]:
        """Corrections to a safety statement on this page, from the last NOTICE_DAYS days up to today."""
        return [entry for entry in self.entries
                if entry.kind == CORRECTION and entry.safety and key in entry.pages
                and dt.timedelta(0) <= today - entry.date < dt.timedelta(days=NOTICE_DAYS)]

    @property
    def newest(self) -> str | None:
        return self.entries[0].date.isoformat() if self.entries else None
