"""Dates as readers see them: "23 November 2026", inside `<time datetime="2026-11-23">`.

The one place a date is put into words. Pages, embeds, the change log and guideline sources
print what these functions return, so no template formats a date itself. Machines (the API,
JSON-LD, feeds, the `datetime` attribute) keep ISO 8601.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

MONTH_ONLY = len("2021-11")


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
