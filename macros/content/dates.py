"""Dates as readers see them: "23 November 2026", inside `<time datetime="2026-11-23">`.

The one place a date is put into words. Pages, embeds, the change log and guideline sources
print what these functions return, so no template formats a date itself. Machines (the API,
JSON-LD, feeds, the `datetime` attribute) keep ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import os

from markupsafe import Markup

MONTH_ONLY = len("2021-11")
# The reproducible-builds convention: seconds since 1970 (UTC). Set, it is the build's day, so a
# build (and a test) can be made as of any day; unset, the build's day is today in UTC.
BUILD_DAY_VARIABLE = "SOURCE_DATE_EPOCH"


def build_day() -> dt.date:
    """The day the build is made as of: what "today" means for review dates, change-entry dates
    and how long a correction notice shows. Read once per build (Site.load) and by the checker."""
    epoch = os.environ.get(BUILD_DAY_VARIABLE, "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def date_in_words(value: str | dt.date) -> str:
    """`2021-04-07` -> `7 April 2021`; `2021-11` -> `November 2021` (a date as validated by the models)."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if len(text) == MONTH_ONLY:
        return dt.date.fromisoformat(f"{text}-01").strftime("%B %Y")
    day = dt.date.fromisoformat(text[:10])
    return f"{day.day} {day.strftime('%B %Y')}"


def time_element(value: str | dt.date) -> Markup:
    """`<time datetime="2026-11-23">23 November 2026</time>`; the attribute keeps the ISO date."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return Markup('<time datetime="{}">{}</time>').format(text[:10] if len(text) > MONTH_ONLY else text,
                                                         date_in_words(text))
